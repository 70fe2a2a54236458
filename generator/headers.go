package generator

import (
	"fmt"
	"strings"
)

// ContentSecurityPolicy is the published site's Content-Security-Policy:
// nothing loads from another origin, and no inline script or style runs.
// The build writes it into _headers for Netlify, and the preview server
// sends it, so a page that breaks it breaks while it is written, not after
// it is published. This is its one source.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// SecurityHeaders are the headers every page of the published site is sent
// with, in the order _headers lists them.
func SecurityHeaders() [][2]string {
	return [][2]string{
		{"Content-Security-Policy", ContentSecurityPolicy},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "strict-origin-when-cross-origin"},
		{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"},
		{"X-Frame-Options", "DENY"},
	}
}

// headerRules is Netlify's _headers file: the security headers for every
// page, and a year's caching for the theme's CSS and JavaScript and each
// language's search index, whose names change with their content.
func (s *site) headerRules() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s*\n", s.urls.Href(s.urls.Home(s.urls.Lang())))
	for _, h := range SecurityHeaders() {
		fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
	}
	hashed := []string{s.urls.Static("css/"), s.urls.Static("js/")}
	for _, lang := range s.langs {
		// "/search/index.*": Netlify reads a * inside a path's last part
		// as any text, as at its end.
		hashed = append(hashed, s.urls.SearchIndexPrefix(lang))
	}
	for _, p := range hashed {
		fmt.Fprintf(&b, "%s*\n  Cache-Control: public, max-age=31536000, immutable\n", s.urls.Href(p))
	}
	return []byte(b.String())
}
