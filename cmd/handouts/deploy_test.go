package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"handouts/generator"
)

// The tests in this file build the project's own site as it is deployed:
// at the root of a host, and below a path (a GitHub Pages project site, a
// clinic's /handouts/ folder), then read what the build wrote as a browser
// and as Netlify would.

// deployments are the two ways the site is published.
var deployments = []struct {
	name, base string
}{
	{"root", "https://example.org/"},
	{"sub", "https://example.org/sub/"},
}

// buildReal builds the project's own content and theme with base as the
// base URL, as of the latest review, into a temporary folder it returns.
func buildReal(t *testing.T, base string) string {
	t.Helper()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(repo, "content", "handouts", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(handoutsBin, "build", "--quiet", "--source", repo, "--destination", dest,
		"--base-url", base, "--as-of", latestReview(t, files))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("handouts build --base-url %s: %v\n%s", base, err, out)
	}
	return dest
}

// TestDeployedLinksResolve builds the real site at the root and below
// /sub/, and follows every address in every page, style sheet, feed,
// sitemap and redirect rule: each one of the site's own must lie below the
// base path and lead to a file the build wrote, and each #fragment to an
// element of that page.
func TestDeployedLinksResolve(t *testing.T) {
	for _, d := range deployments {
		t.Run(d.name, func(t *testing.T) {
			dest := buildReal(t, d.base)
			base, err := url.Parse(d.base)
			if err != nil {
				t.Fatal(err)
			}
			s := &deployed{t: t, dir: dest, base: base, ids: map[string][]string{}}
			checked := 0
			err = filepath.WalkDir(dest, func(p string, e os.DirEntry, err error) error {
				if err != nil || e.IsDir() {
					return err
				}
				rel := filepath.ToSlash(strings.TrimPrefix(p, dest+string(filepath.Separator)))
				data, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				page := base.JoinPath(rel) // the file's own address
				var refs []string
				switch path.Ext(rel) {
				case ".html":
					refs = htmlRefs(t, rel, data)
				case ".css":
					for _, m := range cssURL.FindAllSubmatch(data, -1) {
						refs = append(refs, string(m[1]))
					}
				case ".xml":
					for _, m := range xmlURL.FindAllSubmatch(data, -1) {
						refs = append(refs, html.UnescapeString(string(m[1])))
					}
				}
				if rel == "_redirects" {
					refs = redirectRefs(t, s, data)
				}
				for _, ref := range refs {
					s.follow(rel, page, ref)
					checked++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if checked < 1000 {
				t.Fatalf("only %d addresses followed: the test would prove little", checked)
			}
			t.Logf("%d addresses followed", checked)
		})
	}
}

var (
	// cssURL finds a style sheet's url(...) addresses.
	cssURL = regexp.MustCompile(`url\(\s*["']?([^"')\s]+)`)
	// xmlURL finds the addresses in a feed or sitemap.
	xmlURL = regexp.MustCompile(`(?:<loc>|<id>|<uri>|href=")([^<"]+)`)
)

// htmlRefs lists the addresses in a page's links, pictures, scripts, style
// sheets and forms.
func htmlRefs(t *testing.T, rel string, data []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	var refs []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "href", "src", "action", "data":
				refs = append(refs, a.Val)
			case "srcset":
				for c := range strings.SplitSeq(a.Val, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						refs = append(refs, f[0])
					}
				}
			case "content":
				// og:url and og:image; a refresh's address.
				if v := a.Val; strings.HasPrefix(v, "http") {
					refs = append(refs, v)
				} else if _, u, ok := strings.Cut(strings.ToLower(v), "url="); ok {
					refs = append(refs, v[len(v)-len(u):])
				}
			}
		}
	}
	return refs
}

// redirectRefs checks the rules of a _redirects file lie below the base
// path, and returns the pages they lead to.
func redirectRefs(t *testing.T, s *deployed, data []byte) []string {
	t.Helper()
	var refs []string
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 2 {
			t.Errorf("_redirects: rule %q has no target", line)
			continue
		}
		if !strings.HasPrefix(f[0], s.base.Path) {
			t.Errorf("_redirects: rule for %s is outside the base path %s", f[0], s.base.Path)
		}
		refs = append(refs, f[1])
	}
	if len(refs) == 0 {
		t.Error("_redirects has no rules: unknown addresses would get the host's own not-found page")
	}
	return refs
}

// deployed is a built site as its host serves it.
type deployed struct {
	t    *testing.T
	dir  string
	base *url.URL
	ids  map[string][]string // page file → its elements' ids, read once
}

// follow checks one address found in the file rel, published at page.
func (s *deployed) follow(rel string, page *url.URL, ref string) {
	t := s.t
	u, err := page.Parse(ref)
	if err != nil {
		t.Errorf("%s: address %q: %v", rel, ref, err)
		return
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host != s.base.Host {
		return // another site, mail, a phone number
	}
	if ref != "" && strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, s.base.Path) {
		t.Errorf("%s: %q is root-absolute outside the base path %s: it breaks when the site is not at the root", rel, ref, s.base.Path)
		return
	}
	if !strings.HasPrefix(u.Path, s.base.Path) {
		t.Errorf("%s: %q leads to %s, outside the base path %s", rel, ref, u.Path, s.base.Path)
		return
	}
	file := strings.TrimPrefix(u.Path, s.base.Path)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	target := filepath.Join(s.dir, filepath.FromSlash(file))
	if _, err := os.Stat(target); err != nil {
		t.Errorf("%s: %q leads to %s, which the build did not write", rel, ref, u.Path)
		return
	}
	if u.Fragment == "" || !strings.HasSuffix(file, ".html") {
		return
	}
	ids, ok := s.ids[target]
	if !ok {
		ids = pageIDs(t, target)
		s.ids[target] = ids
	}
	if !slices.Contains(ids, u.Fragment) {
		t.Errorf("%s: %q leads to %s, which has no element #%s", rel, ref, u.Path, u.Fragment)
	}
}

// pageIDs lists the ids of a page's elements.
func pageIDs(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for n := range doc.Descendants() {
		for _, a := range n.Attr {
			if a.Key == "id" {
				ids = append(ids, a.Val)
			}
		}
	}
	return ids
}

// netlifyParsers is where the tests find Netlify's own parsers of the
// _redirects and _headers files (npm's netlify-redirect-parser and
// netlify-headers-parser), as .ci/run installs them: $NETLIFY_PARSERS, or
// node_modules in the tests' cache folder.
func netlifyParsers(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("NETLIFY_PARSERS")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err == nil {
			dir = filepath.Join(cache, "handouts-ci", "node_modules")
		}
	}
	_, errNode := exec.LookPath("node")
	_, errParser := os.Stat(filepath.Join(dir, "netlify-redirect-parser", "lib", "index.js"))
	if errNode != nil || errParser != nil {
		msg := fmt.Sprintf("Netlify's parsers need node and npm's netlify-redirect-parser and netlify-headers-parser in %s (set NETLIFY_PARSERS, or run .ci/run)", dir)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return dir
}

// netlifyParsed is what Netlify's parsers make of a deploy's files.
type netlifyParsed struct {
	Redirects []struct {
		From   string `json:"from"`
		To     string `json:"to"`
		Status int    `json:"status"`
		Force  bool   `json:"force"`
	} `json:"redirects"`
	RedirectErrors []string `json:"redirectErrors"`
	Headers        []struct {
		For    string            `json:"for"`
		Values map[string]string `json:"values"`
	} `json:"headers"`
	HeaderErrors []string `json:"headerErrors"`
}

// TestNetlifyParsers reads the _redirects and _headers files of the real
// site, at the root and below /sub/, with the repository's netlify.toml,
// through Netlify's own parsers: no errors, a not-found rule for each
// language with the most specific first (Netlify takes the first rule that
// matches), each leading to a page the build wrote, and the security
// headers for every page, the Content-Security-Policy among them.
func TestNetlifyParsers(t *testing.T) {
	parsers := netlifyParsers(t)
	script, err := filepath.Abs("testdata/netlify-parse.mjs")
	if err != nil {
		t.Fatal(err)
	}
	toml, err := filepath.Abs("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range deployments {
		t.Run(d.name, func(t *testing.T) {
			dest := buildReal(t, d.base)
			out, err := exec.Command("node", script, parsers, dest, toml).Output()
			if err != nil {
				var stderr []byte
				if e, ok := err.(*exec.ExitError); ok {
					stderr = e.Stderr
				}
				t.Fatalf("node %s: %v\n%s", script, err, stderr)
			}
			var got netlifyParsed
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%v in %s", err, out)
			}
			for _, e := range append(got.RedirectErrors, got.HeaderErrors...) {
				t.Errorf("Netlify: %s", e)
			}

			root := strings.TrimPrefix(d.base, "https://example.org")
			var want []string
			for _, l := range []string{"es/", ""} {
				want = append(want, fmt.Sprintf("%s%s* → %s%s404.html 404", root, l, root, l))
			}
			var rules []string
			for _, r := range got.Redirects {
				rules = append(rules, fmt.Sprintf("%s → %s %d", r.From, r.To, r.Status))
				if r.Force {
					t.Errorf("the rule for %s is forced: it would hide pages that exist", r.From)
				}
				if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(r.To, root)))); err != nil {
					t.Errorf("the rule for %s leads to %s, which the build did not write", r.From, r.To)
				}
			}
			if !slices.Equal(rules, want) {
				t.Errorf("Netlify reads the redirect rules as\n\t%s\nwant\n\t%s", strings.Join(rules, "\n\t"), strings.Join(want, "\n\t"))
			}

			var every map[string]string
			for _, h := range got.Headers {
				if h.For == root+"*" {
					every = h.Values
				}
			}
			if every == nil {
				t.Fatalf("Netlify finds no headers for %s*", root)
			}
			for _, h := range generator.SecurityHeaders() {
				if every[h[0]] != h[1] {
					t.Errorf("Netlify sends %s: %q for every page; want %q", h[0], every[h[0]], h[1])
				}
			}
		})
	}
}
