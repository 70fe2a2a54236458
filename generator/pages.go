package generator

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
	"handouts/generator/lint"
	"handouts/generator/markdown"
)

// pageInfo is what a page worker reports about its page: everything the
// lists, the feed, the sitemap and the link check need, and nothing more,
// so that memory does not grow with the size of the pages.
type pageInfo struct {
	file    *content.File
	skipped bool // a draft, not built
	title   string
	summary string
	weight  int
	aliases []content.Text
	// topics are the handout's topics as written; topicURLs their pages'
	// addresses.
	topics    []string
	topicURLs []string
	reviewed  content.Date
	date      content.Date
	ids       map[string]bool
	links     []markdown.Link
	// handout is kept only for handouts that a packet includes.
	handout *HandoutView
	// body is kept for pages rendered after the others: home and packets.
	body template.HTML
	// packet lists a packet's handouts, with positions.
	packet []content.Text
	// sources counts a handout's sources, for the author's report.
	sources int
	// lint is what package lint found: a handout's reading level and the
	// findings of handouts and pages.
	lint *lint.Result
	// findings are the page's other findings, from reading, parsing and
	// rendering it, sorted: kept with the page, like lint's, so that an
	// incremental rebuild reports those of pages it does not render again.
	findings []*diag.Diagnostic
}

// maxSummary is the longest summary, in characters, that fits a list entry
// and a search result.
const maxSummary = 200

// renderPages parses, renders, minifies and writes the Markdown pages files,
// on as many workers as there are CPUs. It returns what each page reported,
// by source path.
func (s *site) renderPages(ctx context.Context, w *writer, files []*content.File) (map[string]*pageInfo, error) {
	infos := make([]*pageInfo, len(files))
	workers := s.workers()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var body, page bytes.Buffer
			for j := range jobs {
				var found diag.List
				infos[j] = s.renderPage(ctx, files[j], w, &found, &body, &page)
				infos[j].findings = found.Sorted()
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := canceled(ctx); err != nil {
		return nil, err
	}
	byPath := make(map[string]*pageInfo, len(infos))
	for _, p := range infos {
		byPath[p.file.Path] = p
	}
	return byPath, nil
}

// workers is how many pages are rendered at once.
func (s *site) workers() int {
	if s.opt.Workers > 0 {
		return s.opt.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// ordered returns the pages sorted by source path, so that everything made
// from them comes out in the same order on every build.
func (s *site) ordered(pages map[string]*pageInfo) []*pageInfo {
	out := slices.Collect(maps.Values(pages))
	slices.SortFunc(out, func(a, b *pageInfo) int { return strings.Compare(a.file.Path, b.file.Path) })
	return out
}

// renderPage builds one page. Problems go to diags; the page is still
// reported as far as it could be read, so later checks see it.
func (s *site) renderPage(ctx context.Context, f *content.File, w *writer, diags *diag.List, body, page *bytes.Buffer) *pageInfo {
	info := &pageInfo{file: f}
	src, doc, err := s.readSource(f)
	if err != nil {
		diags.Add(err)
		return info
	}
	view := &PageView{Site: s.siteView(), URL: f.URL, Canonical: s.absURL(f.URL), Lang: s.settings.Language}
	var fmErrs []error
	decode := func(v any) {
		fmErrs = frontmatter.Decode(f.Path, doc.YAML, doc.YAMLLine, v)
		if !doc.HasFrontMatter && f.Kind != content.Home {
			fmErrs = []error{diag.Errorf(diag.Pos{Path: f.Path, Line: 1, Col: 1},
				`no front matter: start the file with a line "---", then "title: ..." and the other keys, then "---"`)}
		}
	}
	var layout string
	var check func(lint.Input) *lint.Result // the page's lint, run on its parsed body
	switch f.Kind {
	case content.Home:
		// The settings were read by load; the body is rendered with the lists.
		layout = "home"
	case content.Handout:
		var m content.HandoutMeta
		decode(&m)
		info.title, info.summary, info.weight, info.aliases = m.Title, m.Summary, m.Weight, m.Aliases
		info.topics, info.reviewed, info.date, info.skipped = m.Topics, m.Reviewed, m.Date, m.Draft && !s.opt.Drafts
		for _, t := range m.Topics {
			info.topicURLs = append(info.topicURLs, topicURL(t))
		}
		fmErrs = append(fmErrs, s.checkHandout(f, doc, &m, info.topicURLs)...)
		view.Kind, view.Title, view.Summary, layout = "handout", m.Title, m.Summary, "handout"
		if m.Lang != "" {
			view.Lang = m.Lang
		}
		view.Handout, err = s.handoutView(f, &m, info.topicURLs)
		if err != nil {
			fmErrs = append(fmErrs, err)
		} else {
			view.PrintFooter = view.Handout.PrintFooter
		}
		info.sources = len(m.Sources)
		check = func(in lint.Input) *lint.Result { return lint.Handout(in, &m, s.lintSettings()) }
	case content.Packet:
		var m content.PacketMeta
		decode(&m)
		info.title, info.summary, info.weight, info.aliases, info.packet = m.Title, m.Summary, m.Weight, m.Aliases, m.Handouts
		info.skipped = m.Draft && !s.opt.Drafts
		fmErrs = append(fmErrs, checkSummary(f, doc, m.Summary)...)
		layout = "packet"
	case content.Page:
		var m content.PageMeta
		decode(&m)
		info.title, info.summary, info.weight, info.aliases = m.Title, m.Summary, m.Weight, m.Aliases
		info.skipped = m.Draft && !s.opt.Drafts
		view.Kind, view.Title, view.Summary, layout = "page", m.Title, m.Summary, "page"
		check = func(in lint.Input) *lint.Result { return lint.Page(in, &m) }
	}
	if info.skipped {
		return info
	}
	for _, e := range fmErrs {
		diags.Add(e)
	}

	lines := diag.NewLines(src)
	body.Reset()
	pos := func(off int) diag.Pos { return lines.Pos(f.Path, doc.BodyOffset+off) }
	res, err := s.md.Convert(doc.Body, body, resolver{s: s, from: f}, pos, markdown.Context(ctx))
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{Path: f.Path}, "rendering Markdown: %v", err))
		return info
	}
	for _, e := range res.Errors {
		diags.Add(e)
	}
	if check != nil {
		info.lint = s.lintPage(check, lintInput(f, doc, res.Doc, pos))
	}
	info.links = res.Links
	info.ids = make(map[string]bool, len(res.IDs))
	for _, id := range res.IDs {
		info.ids[id] = true
	}
	if s.theme.Minified && f.Kind != content.Home && f.Kind != content.Packet {
		// The theme's templates are minified already: the page needs only
		// its body minified (home and packets are minified whole, with
		// the lists).
		page.Reset()
		if err := s.min.HTML(page, body.Bytes()); err != nil {
			diags.Add(diag.Errorf(diag.Pos{Path: f.Path}, "%v", err))
			return info
		}
		view.Body = template.HTML(page.String())
	} else {
		view.Body = template.HTML(body.String())
	}

	switch {
	case f.Kind == content.Home || f.Kind == content.Packet:
		info.body = view.Body // rendered with the lists
		return info
	case f.Kind == content.Handout:
		view.Handout.Body = view.Body
		if s.inPackets[f.Rel] {
			info.handout = s.packetCopy(ctx, view.Handout, doc.Body, f, pos)
		}
	}
	if len(fmErrs) > 0 {
		return info // a page with bad front matter is not rendered
	}
	page.Reset()
	if err := s.theme.Render(page, layout, view); err != nil {
		diags.Add(err)
		return info
	}
	if s.theme.Minified {
		w.put(f.Out, f.Path, f.Path, page.Bytes())
	} else {
		w.write(f.Out, f.Path, f.Path, page.Bytes())
	}
	return info
}

// packetCopy is a handout as a packet shows it: its body converted again
// with its headings' and footnotes' ids prefixed by the handout's own, so
// two handouts on one packet page never share an id. Problems were reported
// when the body was first converted.
func (s *site) packetCopy(ctx context.Context, h *HandoutView, body []byte, f *content.File, pos func(int) diag.Pos) *HandoutView {
	var buf bytes.Buffer
	if _, err := s.md.Convert(body, &buf, resolver{s: s, from: f}, pos, markdown.IDPrefix(h.ID+"-"), markdown.Context(ctx)); err != nil {
		return h
	}
	c := *h
	c.Body = template.HTML(buf.String())
	return &c
}

// checkHandout checks what the decoder cannot: lengths, addresses, topics.
// topicURLs are the addresses of m's topics' pages, in order.
func (s *site) checkHandout(f *content.File, doc frontmatter.Doc, m *content.HandoutMeta, topicURLs []string) []error {
	errs := checkSummary(f, doc, m.Summary)
	at := diag.Pos{Path: f.Path, Line: 1, Col: 1}
	for i, c := range m.Sources {
		if u, err := url.Parse(c.URL); c.URL != "" && (err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "") {
			errs = append(errs, diag.Errorf(at, "sources[%d].url %q is not a full web address; write it like https://example.org/page", i+1, c.URL))
		}
	}
	if m.Sources != nil && len(m.Sources) == 0 { // "sources: []"; a key with no value is the decoder's to report
		errs = append(errs, diag.Errorf(at, "sources is empty: list at least one source, with a title and url"))
	}
	for i, t := range m.Topics {
		if topicURLs[i] == topicURL("") { // no slug: "/topics//"
			errs = append(errs, diag.Errorf(at, "topic %q has no letters or digits to make its page address from; use words", t))
		}
	}
	return errs
}

// checkSummary checks that a summary fits a list entry.
func checkSummary(f *content.File, doc frontmatter.Doc, summary string) []error {
	if n := utf8.RuneCountInString(summary); n > maxSummary {
		return []error{diag.Errorf(diag.Pos{Path: f.Path, Line: 1, Col: 1},
			"summary is %d characters long; shorten it to one sentence of at most %d", n, maxSummary)}
	}
	return nil
}

// handoutView assembles what a template shows of a handout, less its body.
func (s *site) handoutView(f *content.File, m *content.HandoutMeta, topicURLs []string) (*HandoutView, error) {
	h := &HandoutView{
		ID:        "handout-" + strings.ReplaceAll(f.Slug, "/", "-"),
		Title:     m.Title,
		Summary:   m.Summary,
		URL:       f.URL,
		Canonical: s.absURL(f.URL),
		Reviewed:  m.Reviewed,
		Date:      m.Date,
		Sources:   m.Sources,
		MaxPages:  m.Print.MaxPages,
		Clinic:    s.settings.Clinic,
	}
	if h.MaxPages <= 0 {
		h.MaxPages = 2
	}
	h.ShortURL = shortURL(h.Canonical)
	// Two lines, which the theme keeps apart: on one, a long address would
	// crowd the page number and wrap mid-word.
	h.PrintFooter = "Reviewed " + h.Reviewed.Long() + "\n" + h.ShortURL
	for i, t := range m.Topics {
		h.Topics = append(h.Topics, ItemView{Title: upperFirst(t), URL: topicURLs[i]})
	}
	qr, err := s.qr.SVG(h.Canonical, "QR code for "+h.ShortURL)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{Path: f.Path}, "%v", err)
	}
	h.QR = qr
	return h, nil
}

// printCSS is a packet's style sheet: it gives each handout a named page,
// so that each page carries its own handout's footer. Chromium prints
// margin boxes but cannot fill them from an element's HTML; the theme fills
// the footer from the data-footer attribute of the page's root element
// (PageView.PrintFooter), which serves a handout's own page and a packet's
// cover, but which a named page cannot tell apart.
func printCSS(handouts []*HandoutView) []byte {
	var b strings.Builder
	for i, h := range handouts {
		fmt.Fprintf(&b, "@page h%d{@bottom-left{content:%s}}#%s{page:h%d}", i+1, cssString(h.PrintFooter), h.ID, i+1)
	}
	return []byte(b.String())
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\a `)
	return `"` + r.Replace(s) + `"`
}

// shortURL is an address as printed on paper: without the scheme.
func shortURL(canonical string) string {
	return strings.TrimPrefix(strings.TrimPrefix(canonical, "https://"), "http://")
}

// absURL returns the full address of the site path p.
func (s *site) absURL(p string) string {
	return strings.TrimSuffix(s.settings.BaseURL, "/") + p
}

func topicURL(topic string) string {
	return "/topics/" + content.Slugify(topic) + "/"
}
