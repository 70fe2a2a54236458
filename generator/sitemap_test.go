package generator

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handouts/generator/address"
)

// checkSitemap checks a sitemap file against the sitemaps.org protocol as
// far as Go can: the root element and its namespace, the xhtml namespace
// for alternates, absolute addresses, and the limits. It returns the
// addresses the file lists.
func checkSitemap(t *testing.T, name string, data []byte, lim sitemapLimits) []string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")) {
		t.Errorf("%s: no XML declaration", name)
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
			Links   []struct {
				Href string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if doc.XMLName != (xml.Name{Space: sitemapNS, Local: "urlset"}) {
		t.Errorf("%s: the root element is %v, want urlset in %s", name, doc.XMLName, sitemapNS)
	}
	if len(doc.URLs) == 0 || len(doc.URLs) > lim.urls {
		t.Errorf("%s: %d addresses, want 1 to %d", name, len(doc.URLs), lim.urls)
	}
	if len(data) > lim.bytes {
		t.Errorf("%s: %d bytes, more than %d", name, len(data), lim.bytes)
	}
	var locs []string
	for _, u := range doc.URLs {
		checkAbsolute(t, name, u.Loc)
		for _, l := range u.Links {
			checkAbsolute(t, name, l.Href)
		}
		if u.LastMod != "" && len(u.LastMod) != len("2026-01-02") {
			t.Errorf("%s: lastmod %q is not a W3C date", name, u.LastMod)
		}
		locs = append(locs, u.Loc)
	}
	return locs
}

// checkSitemapIndex checks a sitemap index the same way, and returns the
// addresses of the sitemaps it lists.
func checkSitemapIndex(t *testing.T, data []byte) []string {
	t.Helper()
	var doc struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the sitemap index: %v", err)
	}
	if doc.XMLName != (xml.Name{Space: sitemapNS, Local: "sitemapindex"}) {
		t.Errorf("the sitemap index's root element is %v", doc.XMLName)
	}
	var locs []string
	for _, s := range doc.Sitemaps {
		checkAbsolute(t, "the sitemap index", s.Loc)
		locs = append(locs, s.Loc)
	}
	if len(locs) < 2 || len(locs) > sitemapMaxURLs || len(data) > sitemapMaxBytes {
		t.Errorf("the sitemap index lists %d sitemaps in %d bytes", len(locs), len(data))
	}
	return locs
}

func checkAbsolute(t *testing.T, name, loc string) {
	t.Helper()
	u, err := url.Parse(loc)
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || len(loc) >= 2048 {
		t.Errorf("%s: %q is not an absolute http(s) address under 2,048 characters", name, loc)
	}
}

// testURLs are n sitemap entries, each with an alternate.
func testURLs(n int) []sitemapURL {
	var urls []sitemapURL
	for i := range n {
		loc := fmt.Sprintf("https://example.org/handouts/h%03d/", i)
		urls = append(urls, sitemapURL{Loc: loc, LastMod: fmt.Sprintf("2026-01-%02d", 1+i%28),
			Links: []sitemapLink{{Rel: "alternate", HrefLang: "es", Href: "https://example.org/es/handouts/h" + fmt.Sprint(i) + "/"}}})
	}
	return urls
}

// TestSitemapFiles splits lists of addresses under, at and over each
// limit, and checks each file and that no address is lost or repeated.
func TestSitemapFiles(t *testing.T) {
	size := func(n int) int { // the bytes of a file of the first n entries
		f, err := sitemapFiles(testURLs(n), true, sitemapLimits{urls: 100, bytes: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		return len(f[0].data)
	}
	one, three := size(1), size(3) // the first ten entries are the same size
	for _, tt := range []struct {
		name  string
		urls  int
		lim   sitemapLimits
		files int
	}{
		{"under the address limit", 9, sitemapLimits{urls: 10, bytes: 1 << 20}, 1},
		{"at the address limit", 10, sitemapLimits{urls: 10, bytes: 1 << 20}, 1},
		{"one over the address limit", 11, sitemapLimits{urls: 10, bytes: 1 << 20}, 2},
		{"far over the address limit", 35, sitemapLimits{urls: 10, bytes: 1 << 20}, 4},
		{"at the byte limit", 3, sitemapLimits{urls: 100, bytes: three}, 1},
		{"over the byte limit", 10, sitemapLimits{urls: 100, bytes: three}, 4},
		{"a byte under", 3, sitemapLimits{urls: 100, bytes: three - 1}, 2},
		{"a byte limit below one address still keeps it", 3, sitemapLimits{urls: 100, bytes: 10}, 3},
		{"the protocol's limits", 100, sitemapLimits{}.orProtocol(), 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			urls := testURLs(tt.urls)
			files, err := sitemapFiles(urls, true, tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			if len(files) != tt.files {
				t.Errorf("%d files, want %d", len(files), tt.files)
			}
			lim := tt.lim
			lim.bytes = max(lim.bytes, one) // a file may exceed it by its one address
			var got []string
			for i, f := range files {
				locs := checkSitemap(t, fmt.Sprint("file ", i+1), f.data, lim)
				got = append(got, locs...)
				want := ""
				for _, u := range urls[len(got)-len(locs) : len(got)] {
					want = max(want, u.LastMod)
				}
				if f.lastMod != want {
					t.Errorf("file %d: lastmod %q, want %q", i+1, f.lastMod, want)
				}
			}
			var want []string
			for _, u := range urls {
				want = append(want, u.Loc)
			}
			if !slices.Equal(got, want) {
				t.Errorf("the files list %d addresses, want the %d given in order", len(got), len(want))
			}
			again, _ := sitemapFiles(urls, true, tt.lim)
			for i := range again {
				if !bytes.Equal(again[i].data, files[i].data) {
					t.Errorf("file %d differs between two runs", i+1)
				}
			}
		})
	}
}

// TestSitemapSplitSite builds the real site (two languages) with small
// limits and checks that the sitemap index, numbered sitemaps and
// robots.txt list exactly the addresses of the one sitemap a build with
// the protocol's limits writes, with the same alternates.
func TestSitemapSplitSite(t *testing.T) {
	root := repoRoot(t)
	build := func(lim sitemapLimits) map[string][]byte {
		dest := filepath.Join(t.TempDir(), "public")
		opt := Options{Source: root, Destination: dest, BaseURL: "https://example.org/sub/", Now: contentAsOf(t, root), sitemap: lim}
		if _, err := Build(context.Background(), opt); err != nil {
			t.Fatal(err)
		}
		return readTree(t, dest)
	}
	whole := build(sitemapLimits{})
	lim := sitemapLimits{urls: 7, bytes: 4000}
	split := build(lim)

	at := address.File(address.Scheme{}.Sitemap())
	wholeLocs := checkSitemap(t, at, whole[at], sitemapLimits{}.orProtocol())
	parts := checkSitemapIndex(t, split[at])
	var locs []string
	alts := map[string]alternates{}
	for i, p := range parts {
		name := address.File(address.Scheme{}.SitemapPart(i + 1))
		if p != "https://example.org/sub/"+name {
			t.Errorf("the index lists %s as sitemap %d", p, i+1)
		}
		locs = append(locs, checkSitemap(t, name, split[name], lim)...)
		maps.Copy(alts, sitemapAlternates(t, split[name]))
	}
	if _, extra := split[address.File(address.Scheme{}.SitemapPart(len(parts)+1))]; extra {
		t.Errorf("a sitemap the index does not list")
	}
	if !slices.Equal(locs, wholeLocs) {
		t.Errorf("the numbered sitemaps list %d addresses; the one sitemap %d", len(locs), len(wholeLocs))
	}
	if want := sitemapAlternates(t, whole[at]); !maps.EqualFunc(alts, want, maps.Equal) {
		t.Errorf("the numbered sitemaps' alternates differ from the one sitemap's")
	}
	if len(parts) < 3 {
		t.Errorf("the site made only %d sitemaps with a limit of %d addresses", len(parts), lim.urls)
	}
	robots := string(split["robots.txt"])
	if !strings.Contains(robots, "\nSitemap: https://example.org/sub/"+at+"\n") {
		t.Errorf("robots.txt does not name the sitemap index:\n%s", robots)
	}
}
