package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/search"
	"handouts/generator/theme"
)

// searchEntry is a handout's entry in its language's search index, made
// by the page's worker from its front matter and the headings of its
// parsed body (doc, parsed from body; nil when it could not be parsed),
// with its keywords as written.
func (s *site) searchEntry(p *pageInfo, keywords []string, doc ast.Node, body []byte) []byte {
	var headings []string
	if doc != nil {
		headings = search.Headings(doc, body)
	}
	return search.Entry(search.Doc{
		ID: searchID(p), Title: p.title, Keywords: keywords, Headings: headings, Topics: p.topics, Summary: p.summary,
	})
}

// searchResult is a handout's entry in the search page's list.
func (s *site) searchResult(p *pageInfo) SearchEntry {
	return SearchEntry{ID: searchID(p), Title: p.title, Summary: p.summary, URL: s.urls.Href(p.file.URL), Topics: p.topics, T: s.words(p.file.Lang)}
}

// searchID names a handout in the search page's list and index:
// "LANG:slug".
func searchID(p *pageInfo) string { return p.file.Lang + ":" + p.file.Slug }

// renderSearch writes the language lang's search page, which lists every
// one of its handouts (sorted: by title, as the A–Z list does) for a reader
// without JavaScript to look through, and its search index, named by a
// hash of its bytes, for js/search.js to filter the list with.
func (s *site) renderSearch(w *writer, d *diag.List, lang string, sorted, pages []*pageInfo) {
	if len(sorted) > s.pageSize() {
		s.renderLongSearch(w, d, lang, len(sorted), pages)
		return
	}
	entries := make([][]byte, 0, len(sorted))
	n := 0
	for _, h := range sorted {
		if h.search != nil { // nil when the page failed, and the build with it
			entries = append(entries, h.search)
		}
		n += len(h.searchItem())
	}
	var list strings.Builder
	list.Grow(n)
	for _, h := range sorted {
		it := h.searchItem()
		if it == "" { // made here in a one-off build, or when the theme could not make it with the page: say why
			var err error
			if it, err = s.theme.Fragment("search-item", s.searchResult(h)); err != nil {
				d.Add(err)
				return
			}
		}
		list.WriteString(string(it))
	}
	view := &SearchView{List: template.HTML(list.String())}
	index := search.Index(entries) // written without spaces: minified as it is
	sum := sha256.Sum256(index)
	at := s.urls.SearchIndex(lang, hex.EncodeToString(sum[:4]))
	w.give(address.File(at), generated("the search index"), groupSearch, index)
	view.Index = s.urls.Href(at)
	t := s.words(lang)
	s.renderLayout(w, d, s.urls.Search(lang), generated("the search page"), groupSearch, lang, &PageView{
		Kind: "search", Title: t.SearchTitle, Summary: t.SearchSummary, Search: view, Pick: true,
	})
}

// renderLongSearch writes the search page of the language lang when it has
// more handouts (n) than a list page holds: a page that listed them all
// would weigh megabytes, more than a phone should load to search. The page
// lists none. Its index is in shards of about a list page's size, each of
// the handouts of consecutive files (pages, sorted by path), so that an
// edit makes one shard again and the others stay as they were (reuse.go);
// each entry holds what shows the handout found, and the page's script
// makes the results from it. Without JavaScript the page leads to the A–Z
// list and the topics.
func (s *site) renderLongSearch(w *writer, d *diag.List, lang string, n int, pages []*pageInfo) {
	var mine []*pageInfo
	for _, p := range pages {
		if p != nil && !p.skipped && p.file.Kind == content.Handout && p.file.Lang == lang && p.search != nil {
			mine = append(mine, p)
		}
	}
	var shards []string
	for _, chunk := range shardsOf(mine, s.pageSize()) {
		name, key := "search:"+lang+":"+chunk[0].file.Path, listKey(chunk, "search", lang)
		at, kept := s.listKeys.reuseNamed(w, name, key)
		if !kept {
			entries := make([][]byte, len(chunk))
			for i, p := range chunk {
				entries[i] = search.EntryShown(p.search, search.Shown{URL: s.urls.Href(p.file.URL), Title: p.title, Summary: p.summary, Topics: p.topics})
			}
			shard := search.IndexShown(entries)
			sum := sha256.Sum256(shard)
			at = s.urls.SearchIndex(lang, hex.EncodeToString(sum[:6]))
			w.give(address.File(at), generated("the search index"), groupSearch, shard)
			s.listKeys.named(name, at, key)
		}
		shards = append(shards, s.urls.Href(at))
	}
	t := s.words(lang)
	s.renderLayout(w, d, s.urls.Search(lang), generated("the search page"), groupSearch, lang, &PageView{
		Kind: "search", Title: t.SearchTitle, Summary: t.SearchSummary, Pick: true,
		Search: &SearchView{Shards: strings.Join(shards, " "), Start: theme.Fill(t.SearchStart, "count", t.HandoutCount(n))},
	})
}

// shardsOf splits pages into shards of size pages on average and at most
// twice that. A shard starts at a page whose path's hash says so, not at a
// count, so that a handout that comes or goes (a draft) changes its own
// shard and leaves where the others start as they were, unless it starts
// one.
func shardsOf(pages []*pageInfo, size int) [][]*pageInfo {
	var out [][]*pageInfo
	start := 0
	for i, p := range pages {
		if i > start && (fnv64a(p.file.Path)%uint64(size) == 0 || i-start == 2*size) {
			out = append(out, pages[start:i])
			start = i
		}
	}
	if start < len(pages) {
		out = append(out, pages[start:])
	}
	return out
}

// fnv64a is the 64-bit FNV-1a hash of s, as hash/fnv makes it, without
// allocating: it runs for every handout each time the search page is made.
func fnv64a(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
