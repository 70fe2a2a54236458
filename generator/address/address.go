// Package address makes every address of the site: the one place that knows
// where a handout, a page, a topic, a packet, a list, the feed, the sitemap,
// an alias or a static file is served, and how a site path becomes a link
// in a page, a full address for a QR code, or a file in the output folder.
//
// Three forms of an address are kept apart:
//
//   - a site path ("/handouts/hand-expression/") names a page within the
//     site, whatever address the site is published at. Sources, links
//     between pages, the link check and the outputs all use site paths.
//   - an href ("/sub/handouts/hand-expression/") is what a page links to: the
//     site path below the path of the site's base URL, so a site published
//     at https://example.org/sub/ works there.
//   - an absolute address ("https://example.org/sub/handouts/hand-expression/")
//     is what the sitemap, the feed, canonical links and QR codes carry.
//
// A language other than the site's default lives below a prefix of its own
// ("/es/handouts/…"); the default language is at the root. A new page the
// site generates is one more method here.
package address

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
)

// Scheme makes the addresses of one site.
type Scheme struct {
	// origin is the base URL's scheme and host ("https://example.org"),
	// root its path ("/" or "/sub/").
	origin, root string
	// lang is the site's default language, served at the root; others are
	// its other languages, each below a prefix of its own.
	lang   string
	others []string
}

// New returns the scheme of a site published at base (checked by
// ParseBase), whose default language is lang and whose other languages,
// if any, are others.
func New(base Base, lang string, others ...string) Scheme {
	return Scheme{origin: base.Origin, root: base.Path, lang: lang, others: others}
}

// Languages lists the site's languages, the default first.
func (s Scheme) Languages() []string { return append([]string{s.lang}, s.others...) }

// Source splits a path below the content folder into the language it is
// in and the path below that language's folder: "es/handouts/x.md" is
// ("es", "handouts/x.md"); "handouts/x.md" is in the default language.
func (s Scheme) Source(rel string) (lang, below string) {
	first, rest, ok := strings.Cut(rel, "/")
	for _, l := range s.others {
		if ok && first == Folder(l) {
			return l, rest
		}
	}
	return s.lang, rel
}

// Base is a checked base URL, split into its origin and its path.
type Base struct {
	Origin string // "https://example.org"
	Path   string // "/" or "/sub/", always with a slash at each end
}

// String returns the base URL as written in full: "https://example.org/sub/".
func (b Base) String() string { return b.Origin + b.Path }

// ParseBase checks a base URL: the full address a site is published at,
// such as https://handouts.example.org/ or https://example.org/clinic/handouts/.
// It must be an http or https address with a host, and may have a port and
// a path, but nothing that would make its pages' addresses wrong or leak
// into every page: no user name or password, no query or fragment, no
// spaces, no dot segments. The error says what to write instead.
func ParseBase(raw string) (Base, error) {
	example := "write it like https://handouts.example.org/ or https://example.org/handouts/"
	for _, r := range raw {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return Base{}, fmt.Errorf("base URL %q has a space or a control character in it; %s", raw, example)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Base{}, fmt.Errorf("base URL %q is not a web address (%v); %s", raw, unwrapURL(err), example)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return Base{}, fmt.Errorf("base URL %q must start with https:// (or http://); %s", raw, example)
	case u.Opaque != "" || u.Host == "":
		return Base{}, fmt.Errorf("base URL %q has no host name; %s", raw, example)
	case u.User != nil:
		return Base{}, fmt.Errorf("base URL %q has a user name or password in it, which every page would show; remove the part before @", raw)
	case u.RawQuery != "" || u.ForceQuery:
		return Base{}, fmt.Errorf("base URL %q has a query (?…), which cannot be part of a site's address; remove it", raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return Base{}, fmt.Errorf("base URL %q has a fragment (#…), which cannot be part of a site's address; remove it", raw)
	}
	host := u.Hostname()
	if port := u.Port(); port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return Base{}, fmt.Errorf("base URL %q has port %s; a port is a number from 1 to 65535", raw, port)
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return Base{}, fmt.Errorf("base URL %q ends its host with a colon but gives no port; remove the colon or add the port", raw)
	}
	if !validHost(host) {
		return Base{}, fmt.Errorf("base URL %q has host %q, which is not a host name; %s", raw, host, example)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	for _, seg := range strings.Split(strings.Trim(p, "/"), "/") {
		if seg == "." || seg == ".." || strings.Contains(p, "//") {
			return Base{}, fmt.Errorf("base URL %q has an empty, . or .. part in its path; write the path plainly, like /handouts/", raw)
		}
	}
	for _, r := range p {
		// A path of plain characters and %-escapes only: no character
		// that means something in HTML, CSS, a redirect rule or a URL.
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/-._~%", r)) {
			return Base{}, fmt.Errorf("base URL %q has %q in its path; use letters, digits, hyphens and slashes, like /handouts/", raw, r)
		}
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return Base{Origin: u.Scheme + "://" + strings.ToLower(u.Host), Path: p}, nil
}

// validHost reports whether h is a DNS name or an IP address.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	if h == "" || len(h) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}

func unwrapURL(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// Lang returns the site's default language.
func (s Scheme) Lang() string { return s.lang }

// Base returns the base URL the scheme was made with.
func (s Scheme) Base() Base { return Base{Origin: s.origin, Path: s.root} }

// prefix is the part every site path of lang starts with: "" for the
// default language, "/es" for Spanish.
func (s Scheme) prefix(lang string) string {
	if lang == "" || lang == s.lang {
		return ""
	}
	return "/" + Folder(lang)
}

// Folder is the name a language's folder and addresses go by: its tag in
// lower case, since a web address is, so pt-BR's pages are in content/pt-br/
// and at /pt-br/.
func Folder(lang string) string { return strings.ToLower(lang) }

// Home is the site path of lang's home page.
func (s Scheme) Home(lang string) string { return s.prefix(lang) + "/" }

// Handout is the site path of a handout, by its slug: its file's path
// below handouts/, without .md ("hand-expression", "g00/h1").
func (s Scheme) Handout(lang, slug string) string {
	return s.Page(lang, "handouts/"+slug)
}

// List is the site path of the A–Z list of handouts.
func (s Scheme) List(lang string) string { return s.prefix(lang) + "/handouts/" }

// Paged is the site path of page n (from 1) of the list at the site path
// list, when it is too long for one page: the list's own address for the
// first, so that the address everyone knows stays the list's start.
func (s Scheme) Paged(list string, n int) string {
	if n <= 1 {
		return list
	}
	return list + "page/" + strconv.Itoa(n) + "/"
}

// Packet is the site path of a packet, by its slug.
func (s Scheme) Packet(lang, slug string) string {
	return s.Page(lang, "packets/"+slug)
}

// Packets is the site path of the list of packets.
func (s Scheme) Packets(lang string) string { return s.prefix(lang) + "/packets/" }

// Page is the site path of an ordinary page, by its file's path below the
// language's content folder, without .md ("about", "clinics/north"). A
// file named index or _index stands for its folder.
func (s Scheme) Page(lang, stem string) string {
	if base := path.Base(stem); base == "index" || base == "_index" {
		stem = path.Dir(stem)
	}
	if stem == "." || stem == "" {
		return s.Home(lang)
	}
	return s.prefix(lang) + "/" + stem + "/"
}

// Clinic is the site path of the page where a clinic enters the details
// its printed handouts carry (issue 16). The address is English in every
// language ("/es/clinic/"), so a link a clinic keeps works whichever
// language its staff read the site in.
func (s Scheme) Clinic(lang string) string { return s.prefix(lang) + "/clinic/" }

// CustomPacket is the site path of the packet made on the spot from the
// handouts a reader chose: "/packets/custom/". The handouts are named in
// its fragment (#h=...), which no request carries.
func (s Scheme) CustomPacket(lang string) string { return s.Packets(lang) + "custom/" }

// Topics is the site path of the list of topics.
func (s Scheme) Topics(lang string) string { return s.prefix(lang) + "/topics/" }

// Topic is the site path of a topic's page, or "" when the topic's name
// has no letters or digits to make an address from.
func (s Scheme) Topic(lang, name string) string {
	slug := Slug(name)
	if slug == "" {
		return ""
	}
	return s.prefix(lang) + "/topics/" + slug + "/"
}

// Feed is the site path of lang's Atom feed.
func (s Scheme) Feed(lang string) string { return s.prefix(lang) + "/feed.xml" }

// NotFound is the site path of lang's not-found page.
func (s Scheme) NotFound(lang string) string { return s.prefix(lang) + "/404.html" }

// Sitemap is the site path of the sitemap, one for every language: the
// sitemap itself, or the sitemap index of a site too large for one file.
func (s Scheme) Sitemap() string { return "/sitemap.xml" }

// SitemapPart is the site path of the n-th sitemap (from 1) that the
// sitemap index of a large site lists.
func (s Scheme) SitemapPart(n int) string { return "/sitemap-" + strconv.Itoa(n) + ".xml" }

// Robots is the site path of robots.txt.
func (s Scheme) Robots() string { return "/robots.txt" }

// Redirects is the site path of Netlify's redirect rules.
func (s Scheme) Redirects() string { return "/_redirects" }

// Headers is the site path of Netlify's header rules.
func (s Scheme) Headers() string { return "/_headers" }

// Search is the site path of lang's search page: every handout of the
// language, which a script filters as the reader types. Its name is
// English in every language (/es/search/), like the theme's files, so a
// link made in one language works in another once the prefix changes.
func (s Scheme) Search(lang string) string { return s.prefix(lang) + "/search/" }

// SearchIndex is the site path of lang's search index, a JSON file named
// by hash, the start of a hash of its bytes, so that a browser may keep it
// as long as it likes: a new index has a new name.
func (s Scheme) SearchIndex(lang, hash string) string {
	return s.Search(lang) + "index." + hash + ".json"
}

// SearchIndexPrefix is the start of every SearchIndex path of lang, for
// the rule that lets browsers cache them.
func (s Scheme) SearchIndexPrefix(lang string) string { return s.Search(lang) + "index." }

// Static is the site path of a file copied as it is, by its path below
// the content folder or the theme's static folder ("images/x.svg").
func (s Scheme) Static(rel string) string { return "/" + rel }

// Beside is the site path of a file that goes with the page at the site
// path page, in its folder: a packet's print style sheet.
func (s Scheme) Beside(page, name string) string { return page + name }

// Href is what a page links to for the site path p: p below the base URL's
// path. A path that is not a site path (an external address, "") is
// returned as it is.
func (s Scheme) Href(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return p
	}
	return strings.TrimSuffix(s.root, "/") + p
}

// Abs is the full address of the site path p.
func (s Scheme) Abs(p string) string { return s.origin + s.Href(p) }

// Short is the address of p as printed on paper: without the scheme
// ("example.org/handouts/x/").
func (s Scheme) Short(p string) string {
	return strings.TrimPrefix(strings.TrimPrefix(s.Abs(p), "https://"), "http://")
}

// Host is the site's address as printed on paper, without a scheme:
// "example.org" or "example.org/sub".
func (s Scheme) Host() string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s.origin+s.root, "https://"), "http://"), "/")
}

// File is the output file that serves the site path p, relative to the
// output folder: "handouts/x/index.html" for "/handouts/x/", "feed.xml" for
// "/feed.xml".
func File(p string) string {
	f := strings.TrimPrefix(p, "/")
	if f == "" || strings.HasSuffix(f, "/") {
		f += "index.html"
	}
	return f
}

// Links are the addresses a template links to for pages in one language,
// as hrefs: {{.Site.URLs.List}}.
type Links struct {
	s    Scheme
	lang string
}

// Links returns the template links of lang.
func (s Scheme) Links(lang string) Links { return Links{s: s, lang: lang} }

// Home links lang's home page.
func (l Links) Home() string { return l.s.Href(l.s.Home(l.lang)) }

// List links the A–Z list of handouts.
func (l Links) List() string { return l.s.Href(l.s.List(l.lang)) }

// Topics links the list of topics.
func (l Links) Topics() string { return l.s.Href(l.s.Topics(l.lang)) }

// Packets links the list of packets.
func (l Links) Packets() string { return l.s.Href(l.s.Packets(l.lang)) }

// Search links the search page, to which every page's search box sends
// its words (?q=).
func (l Links) Search() string { return l.s.Href(l.s.Search(l.lang)) }

// Clinic links the page where a clinic enters its details.
func (l Links) Clinic() string { return l.s.Href(l.s.Clinic(l.lang)) }

// CustomPacket links the packet made on the spot.
func (l Links) CustomPacket() string { return l.s.Href(l.s.CustomPacket(l.lang)) }

// Feed links the Atom feed.
func (l Links) Feed() string { return l.s.Href(l.s.Feed(l.lang)) }

// Href turns a site path into a link, for templates that hold one.
func (l Links) Href(p string) string { return l.s.Href(p) }
