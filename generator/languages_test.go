package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// alternates is what one page says of its versions: hreflang → address.
type alternates map[string]string

// pageLanguages is what a built page says of its language and versions.
type pageLanguages struct {
	lang, canonical string
	alternates      alternates
	redirect        bool // an alias's page, which only sends the reader on
}

// readPageLanguages reads a page's <html lang>, canonical address and
// hreflang alternates.
func readPageLanguages(t *testing.T, rel string, data []byte) pageLanguages {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	p := pageLanguages{alternates: alternates{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
		}
		switch {
		case n.Data == "html":
			p.lang = attr["lang"]
		case n.Data == "meta" && strings.EqualFold(attr["http-equiv"], "refresh"):
			p.redirect = true
		case n.Data == "link" && attr["rel"] == "canonical":
			p.canonical = attr["href"]
		case n.Data == "link" && attr["rel"] == "alternate" && attr["hreflang"] != "":
			if _, twice := p.alternates[attr["hreflang"]]; twice {
				t.Errorf("%s: two alternates for hreflang %q", rel, attr["hreflang"])
			}
			p.alternates[attr["hreflang"]] = attr["href"]
		}
	}
	return p
}

// sitemapAlternates reads a sitemap's <url> entries: each address and its
// xhtml:link alternates.
func sitemapAlternates(t *testing.T, data []byte) map[string]alternates {
	t.Helper()
	var sm struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Rel      string `xml:"rel,attr"`
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	out := map[string]alternates{}
	for _, u := range sm.URLs {
		a := alternates{}
		for _, l := range u.Links {
			if l.Rel == "alternate" {
				a[l.HrefLang] = l.Href
			}
		}
		out[u.Loc] = a
	}
	return out
}

// TestHreflangBothWays builds the real site and reads every page's
// language links: each page that names versions in other languages names
// itself among them, each version names the same set back (so every pair
// points both ways), lives at its address in the language it claims, and
// x-default is the site's own language's version; the sitemap says the
// same as the pages.
func TestHreflangBothWays(t *testing.T) {
	root := repoRoot(t)
	dest := filepath.Join(t.TempDir(), "public")
	const base = "https://example.org/handouts/"
	if _, err := Build(context.Background(), Options{Source: root, Destination: dest, BaseURL: base, Now: contentAsOf(t, root)}); err != nil {
		t.Fatal(err)
	}
	pages := map[string]pageLanguages{} // canonical address → page
	for rel, data := range readTree(t, dest) {
		if path.Ext(rel) != ".html" || path.Base(rel) == "404.html" {
			continue
		}
		p := readPageLanguages(t, rel, data)
		if p.redirect {
			continue
		}
		if p.canonical == "" {
			t.Errorf("%s: no canonical address", rel)
			continue
		}
		pages[p.canonical] = p
	}
	own := pages[base].lang // the home page's: the site's own language
	if own == "" {
		t.Fatalf("no home page at %s", base)
	}
	pairs := 0
	for addr, p := range pages {
		if len(p.alternates) == 0 {
			continue
		}
		if got := p.alternates[p.lang]; got != addr {
			t.Errorf("%s (%s): its hreflang=%q alternate is %q; a page names itself among its versions", addr, p.lang, p.lang, got)
		}
		if len(p.alternates) < 3 {
			t.Errorf("%s: alternates %v; a page with versions names each, itself and x-default", addr, p.alternates)
		}
		def, ok := p.alternates["x-default"]
		if !ok {
			t.Errorf("%s: no x-default alternate", addr)
		} else if dp, ok := pages[def]; !ok || dp.lang != own {
			t.Errorf("%s: x-default is %s, which is not a page in the site's own language", addr, def)
		}
		for lang, other := range p.alternates {
			if lang == "x-default" || other == addr {
				continue
			}
			pairs++
			o, ok := pages[other]
			switch {
			case !ok:
				t.Errorf("%s: its %s version %s is not a page of the site", addr, lang, other)
			case o.lang != lang:
				t.Errorf("%s: its %s version %s is in <html lang=%q>", addr, lang, other, o.lang)
			case !maps.Equal(o.alternates, p.alternates):
				t.Errorf("%s names its versions %v, but its %s version %s names %v: the pair does not point both ways", addr, p.alternates, lang, other, o.alternates)
			}
		}
	}
	// Every translated handout, page, packet and list, from each side.
	if pairs < 2*15 {
		t.Fatalf("only %d hreflang links between versions: the test would prove little", pairs)
	}

	sitemap := sitemapAlternates(t, readTree(t, dest)["sitemap.xml"])
	for addr, p := range pages {
		got, listed := sitemap[addr]
		if !listed {
			continue // not every page is in the sitemap (the A–Z of a language, say, is)
		}
		if len(p.alternates) == 0 && len(got) == 0 {
			continue
		}
		if !maps.Equal(got, p.alternates) {
			t.Errorf("the sitemap gives %s the versions %v; the page names %v", addr, got, p.alternates)
		}
	}
	if !strings.HasPrefix(slices.Sorted(maps.Keys(sitemap))[0], base) {
		t.Errorf("the sitemap's addresses do not start with the base URL %s", base)
	}
}

// TestHreflangOnlyPublished checks that a page names as its versions only
// published translations: not a draft, and nothing for an untranslated
// handout.
func TestHreflangOnlyPublished(t *testing.T) {
	home := strings.Replace(checkIndex, "---\n\n", "languages: [es]\n---\n\n", 1)
	draft := strings.Replace(cleanTraduccion, "translation:", "draft: true\ntranslation:", 1)
	root := checkSite(t, map[string]string{
		"content/_index.md":                home,
		"content/es/_index.md":             "---\ntitle: \"Prueba\"\n---\n\nBienvenida.\n",
		"content/es/handouts/limpia.md":    draft,
		"content/handouts/untranslated.md": strings.Replace(cleanHandout, "Clean handout", "Untranslated", 1),
	})
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: root, Destination: dest, Now: testToday}); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dest)
	for _, rel := range []string{"handouts/clean/index.html", "handouts/untranslated/index.html"} {
		if p := readPageLanguages(t, rel, tree[rel]); len(p.alternates) != 0 {
			t.Errorf("%s names the versions %v; it has no published translation", rel, p.alternates)
		}
	}
	if _, built := tree["es/handouts/limpia/index.html"]; built {
		t.Error("the draft translation was published")
	}
}
