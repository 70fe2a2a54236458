package generator

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
)

// The sitemaps protocol (https://www.sitemaps.org/protocol.html) allows a
// sitemap, and a sitemap index, at most 50,000 addresses and 50 MB
// (52,428,800 bytes) uncompressed.
const (
	sitemapMaxURLs  = 50_000
	sitemapMaxBytes = 50 * 1024 * 1024
)

// Namespaces of the sitemap files.
const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
)

// sitemapLimits bound one sitemap file. The zero value means the
// protocol's limits; a test passes smaller ones (Options.sitemap) to see a
// small site split.
type sitemapLimits struct {
	urls, bytes int
}

// orProtocol returns l with each limit that is unset, or above the
// protocol's, set to the protocol's.
func (l sitemapLimits) orProtocol() sitemapLimits {
	if l.urls <= 0 || l.urls > sitemapMaxURLs {
		l.urls = sitemapMaxURLs
	}
	if l.bytes <= 0 || l.bytes > sitemapMaxBytes {
		l.bytes = sitemapMaxBytes
	}
	return l
}

type sitemapURL struct {
	Loc     string        `xml:"loc"`
	LastMod string        `xml:"lastmod,omitempty"`
	Links   []sitemapLink `xml:"xhtml:link"`
	// encoded is the <url> element, when made already: in a build kept
	// for rebuilds, a page's is made once and kept with the page
	// (pageReuse.sitemap), since encoding ten thousand of them again took
	// most of a rebuild that adds a page.
	encoded []byte
}

// urlEncoder encodes <url> elements, one at a time, with one encoder for
// all (it flushes each element).
type urlEncoder struct {
	buf bytes.Buffer
	enc *xml.Encoder
}

// encode returns u's <url> element: its bytes are the encoder's until the
// next call.
func (e *urlEncoder) encode(u sitemapURL) ([]byte, error) {
	if u.encoded != nil {
		return u.encoded, nil
	}
	if e.enc == nil {
		e.enc = xml.NewEncoder(&e.buf)
	}
	e.buf.Reset()
	if err := e.enc.EncodeElement(u, xml.StartElement{Name: xml.Name{Local: "url"}}); err != nil {
		return nil, fmt.Errorf("writing the sitemap: %w", err)
	}
	return e.buf.Bytes(), nil
}

// sitemapLink is a version of a page in another language (xhtml:link).
type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemapEntry is one <sitemap> of a sitemap index.
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// writeSitemap lists every page of the site with its full address, and
// each page's versions in the site's languages: in one sitemap at the
// sitemap's address when it fits the limits, or else in numbered sitemaps
// that a sitemap index at that address lists. robots.txt names the
// sitemap's address either way. All of them belong to groupSitemap, so a
// rebuild that renders the group again removes the numbered sitemaps a
// smaller site no longer needs.
func (s *site) writeSitemap(w *writer, d *diag.List, pages []*pageInfo, inLang map[string]*languagePages) {
	files, err := sitemapFiles(s.sitemapURLs(pages, inLang), len(s.langs) > 1, s.opt.sitemap.orProtocol())
	if err != nil {
		d.Add(err)
		return
	}
	if len(files) == 1 {
		out := address.File(s.urls.Sitemap())
		w.give(out, generated(out), groupSitemap, files[0].data) // its entries are minified
		return
	}
	var entries []sitemapEntry
	for i, f := range files {
		at := s.urls.SitemapPart(i + 1)
		entries = append(entries, sitemapEntry{Loc: s.urls.Abs(at), LastMod: f.lastMod})
		out := address.File(at)
		w.give(out, generated(out), groupSitemap, f.data)
	}
	index, err := sitemapIndex(entries)
	if err != nil {
		d.Add(err)
		return
	}
	out := address.File(s.urls.Sitemap())
	w.write(out, generated(out), groupSitemap, index)
}

// sitemapURLs returns the sitemap's entries for pages and the lists of
// each language, sorted by address, each encoded and minified: the
// sitemaps are joined from them without minifying them whole.
func (s *site) sitemapURLs(pages []*pageInfo, inLang map[string]*languagePages) []sitemapURL {
	var urls []sitemapURL
	var enc urlEncoder
	// minified returns u's element, minified.
	minified := func(u sitemapURL) []byte {
		one, err := enc.encode(u)
		if err != nil {
			return nil // reported when the sitemap is written
		}
		var buf bytes.Buffer
		if err := s.min.Bytes(&buf, "url.xml", one); err != nil {
			return bytes.Clone(one)
		}
		return buf.Bytes()
	}
	links := func(alts []alternate) []sitemapLink {
		var out []sitemapLink
		for _, a := range s.hreflangs(alts) {
			out = append(out, sitemapLink{Rel: "alternate", HrefLang: a.Lang, Href: a.URL})
		}
		return out
	}
	for _, p := range pages {
		last := p.reviewed
		if p.date.After(last.Time) {
			last = p.date
		}
		u := sitemapURL{Loc: s.urls.Abs(p.file.URL), LastMod: last.String(), encoded: p.sitemap()}
		if u.encoded == nil {
			alts := s.alternates(p.file)
			if p.file.Kind == content.Home {
				alts = s.generatedAlternates("home", p.file.Lang, p.file.URL)
			}
			u.Links = links(alts)
			u.encoded = minified(u)
			if s.rebuilds {
				// Only this task writes a page's entry; a page rendered
				// again is a new pageInfo, without one.
				p.reuse.sitemap = u.encoded
			}
		}
		urls = append(urls, u)
	}
	for _, lang := range s.langs {
		lp := inLang[lang]
		kinds := []struct{ kind, at string }{{"list", s.urls.List(lang)}, {"topics", s.urls.Topics(lang)}}
		if len(lp.packets) > 0 {
			kinds = append(kinds, struct{ kind, at string }{"list", s.urls.Packets(lang)})
		}
		for _, t := range lp.topics {
			kinds = append(kinds, struct{ kind, at string }{"topic", t.path})
		}
		for _, k := range kinds {
			u := sitemapURL{Loc: s.urls.Abs(k.at), Links: links(s.generatedAlternates(k.kind, lang, k.at))}
			u.encoded = minified(u)
			urls = append(urls, u)
		}
	}
	slices.SortFunc(urls, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	return urls
}

// sitemapFile is one sitemap's bytes, and the latest date of its pages
// ("" when none has one), for the index.
type sitemapFile struct {
	data    []byte
	lastMod string
}

// sitemapFiles splits urls, in order, into as few sitemaps as the limits
// allow: each holds at most lim.urls addresses and lim.bytes bytes, as
// written (a site's entries come minified, and the files are written as
// they are; the XML declaration ends without a line break, as minified).
// multilingual adds
// the namespace of the xhtml:link alternates. A file holds at least one
// address, however long: no real address comes near 50 MB.
func sitemapFiles(urls []sitemapURL, multilingual bool, lim sitemapLimits) ([]sitemapFile, error) {
	head := strings.TrimSuffix(xml.Header, "\n") + `<urlset xmlns="` + sitemapNS + `"`
	if multilingual {
		head += ` xmlns:xhtml="` + xhtmlNS + `"`
	}
	head += ">"
	const tail = "</urlset>"

	var files []sitemapFile
	cur := new(bytes.Buffer)
	n := 0
	lastMod := ""
	flush := func() {
		cur.WriteString(tail)
		files = append(files, sitemapFile{data: cur.Bytes(), lastMod: lastMod})
		cur = new(bytes.Buffer)
		n, lastMod = 0, ""
	}
	var enc urlEncoder
	for _, u := range urls {
		one, err := enc.encode(u)
		if err != nil {
			return nil, err
		}
		if n > 0 && (n == lim.urls || cur.Len()+len(one)+len(tail) > lim.bytes) {
			flush()
		}
		if n == 0 {
			cur.WriteString(head)
		}
		cur.Write(one)
		n++
		lastMod = max(lastMod, u.LastMod) // dates as YYYY-MM-DD sort as text
	}
	if n > 0 || len(files) == 0 {
		if n == 0 {
			cur.WriteString(head) // a site with no pages still has a sitemap
		}
		flush()
	}
	return files, nil
}

// sitemapIndex is the sitemap index listing entries. It is held to the
// protocol's limits, whatever a test passes for the sitemaps: a site would
// need two and a half billion pages to reach them.
func sitemapIndex(entries []sitemapEntry) ([]byte, error) {
	if len(entries) > sitemapMaxURLs {
		return nil, fmt.Errorf("the site needs %d sitemaps, more than the %d a sitemap index may list; split the site in two", len(entries), sitemapMaxURLs)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	doc := struct {
		XMLName  xml.Name       `xml:"sitemapindex"`
		NS       string         `xml:"xmlns,attr"`
		Sitemaps []sitemapEntry `xml:"sitemap"`
	}{NS: sitemapNS, Sitemaps: entries}
	if err := xml.NewEncoder(&buf).Encode(doc); err != nil {
		return nil, fmt.Errorf("writing the sitemap index: %w", err)
	}
	if buf.Len() > sitemapMaxBytes {
		return nil, fmt.Errorf("the sitemap index takes %d bytes, more than the %d the protocol allows; split the site in two", buf.Len(), sitemapMaxBytes)
	}
	return buf.Bytes(), nil
}
