package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unique"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
	"handouts/generator/lint"
	"handouts/generator/markdown"
	"handouts/generator/theme"
)

// pageInfo is what a page worker reports about its page: everything the
// lists, the feed, the sitemap and the link check need, and nothing more,
// so that memory does not grow with the size of the pages. A large site
// keeps one for every page to the end of its build, so what only some
// pages have is kept apart (pageExtra, pageReuse): an allocation of 320
// bytes a page rather than 480.
type pageInfo struct {
	file *content.File
	// serial tells this rendering of the page from every other since the
	// last full build, for the keys of list pages (reuse.go).
	serial  uint64
	title   string
	summary string
	weight  int
	// topics are the handout's topics as written; topicURLs their pages'
	// addresses.
	topics    []string
	topicURLs []string
	reviewed  content.Date
	date      content.Date
	ids       []string // the page's heading and footnote ids, sorted, without repeats
	links     []pageLink
	// search is a handout's entry of its language's search index (package
	// search), made with the page.
	search []byte
	// sortKey sorts a handout's or packet's title among the titles of its
	// language: made by the page's worker in a build kept for rebuilds,
	// which sorts again only what changed, and by lists in a one-off
	// build, which drops them once sorted (release).
	sortKey []byte
	// initial is the letter a handout is listed under, A to Z (initial).
	initial string
	// lint is what package lint found: a handout's reading level and the
	// findings of handouts and pages. A one-off build drops it once the
	// page's warnings are handed to those it prints (site.first), unless
	// lint found an error; a check packs its warnings into packed.
	lint   *lint.Result
	packed []byte
	// extra holds what only some pages have; nil for most.
	extra *pageExtra
	// reuse holds what a build kept for rebuilds makes once (site.rebuilds).
	reuse *pageReuse
	// sources counts a handout's sources, for the author's report.
	sources int32
	// skipped says the page is a draft, not built; lintError that lint
	// found an error, which fails the build.
	skipped, lintError bool
}

// pageExtra is what only some pages have.
type pageExtra struct {
	aliases []content.Text
	// handout is kept only for handouts that a packet includes.
	handout *HandoutView
	// body is kept for pages rendered after the others: home and packets.
	body template.HTML
	// packet lists a packet's handouts, with positions.
	packet []content.Text
	// findings are the page's other findings, from reading, parsing and
	// rendering it, sorted: kept with the page, like lint's, so that an
	// incremental rebuild reports those of pages it does not render again.
	findings []*diag.Diagnostic
}

// more returns p's extra, made when p has none yet.
func (p *pageInfo) more() *pageExtra {
	if p.extra == nil {
		p.extra = &pageExtra{}
	}
	return p.extra
}

// extras returns p's extra, or none when p has none. Only the page's
// worker, while it makes p, calls more; everything after reads extras.
func (p *pageInfo) extras() pageExtra {
	if p.extra == nil {
		return pageExtra{}
	}
	return *p.extra
}

// pageReuse is what a build kept for rebuilds makes once for a page and
// reuses while the page is unchanged.
type pageReuse struct {
	// sitemap is the page's <url> element in the sitemap, made by the
	// sitemap's task when it first lists the page.
	sitemap []byte
	// item and searchItem are a handout's entry in the lists that show it
	// and on the search page, made by the theme with the page; "" when
	// the theme could not make them, and the lists render the entry.
	item, searchItem template.HTML
}

// item, searchItem and sitemap return p's entries made once, or none in a
// one-off build. Each is read on its own: the sitemap's task writes
// p.reuse.sitemap while other tasks read the items.
func (p *pageInfo) item() template.HTML {
	if p.reuse == nil {
		return ""
	}
	return p.reuse.item
}

func (p *pageInfo) searchItem() template.HTML {
	if p.reuse == nil {
		return ""
	}
	return p.reuse.searchItem
}

func (p *pageInfo) sitemap() []byte {
	if p.reuse == nil {
		return nil
	}
	return p.reuse.sitemap
}

// pageLink is one of a page's internal links and images, as package
// markdown found it, kept until the links are checked: its position less
// the path, which is the page's (at), in 48 bytes rather than
// markdown.Link's 72, since a large site keeps a few for every page.
type pageLink struct {
	url, fragment string
	line, col     int32
	image         bool
}

// pageLinks keeps the links of one page.
func pageLinks(links []markdown.Link) []pageLink {
	if len(links) == 0 {
		return nil
	}
	out := make([]pageLink, len(links))
	for i, l := range links {
		out[i] = pageLink{url: l.URL, fragment: l.Fragment, line: int32(l.Pos.Line), col: int32(l.Pos.Col), image: l.Image}
	}
	return out
}

// at is where the link is in page p's source.
func (l pageLink) at(p *pageInfo) diag.Pos {
	return diag.Pos{Path: p.file.Path, Line: int(l.line), Col: int(l.col)}
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
				if f := found.Sorted(); len(f) > 0 {
					infos[j].more().findings = f
				}
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
	info := &pageInfo{file: f, serial: s.serials.next()}
	if s.rebuilds {
		info.reuse = &pageReuse{}
	}
	src, doc, err := s.readSource(f)
	if err != nil {
		diags.Add(err)
		return info
	}
	lang := f.Lang
	alts := s.alternates(f)
	view := &PageView{Site: s.siteView(lang), T: s.words(lang), URL: s.urls.Href(f.URL), Canonical: s.urls.Abs(f.URL), Lang: lang,
		Alternates: s.hreflangs(alts), Languages: s.languageLinks(lang, alts)}
	view.Notices, _ = s.translationNotices(f)
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
	var aliases []content.Text
	var keywords []string // a handout's, for its search entry
	switch f.Kind {
	case content.Home:
		// The settings were read by load; the body is rendered with the lists.
		layout = "home"
	case content.Handout:
		var m content.HandoutMeta
		decode(&m)
		info.title, info.summary, info.weight = m.Title, m.Summary, m.Weight
		info.topics, info.reviewed, info.date, info.skipped = m.Topics, m.Reviewed, m.Date, m.Draft && !s.opt.Drafts
		aliases, keywords = m.Aliases, m.Keywords
		for _, t := range m.Topics {
			// One copy of each topic's address for all its handouts: a
			// rebuild that groups ten thousand handouts by topic hashes
			// the same few strings, in the cache, not ten thousand.
			info.topicURLs = append(info.topicURLs, unique.Make(s.urls.Topic(lang, t)).Value())
		}
		if len(fmErrs) == 0 { // a value that did not decode is not checked again
			fmErrs = append(s.checkHandout(f, &m, info.topicURLs), s.checkTranslation(f, m.Translation, m.Positions)...)
		}
		view.Kind, view.Title, view.Summary, layout = "handout", m.Title, m.Summary, "handout"
		view.Handout, err = s.handoutView(f, &m, info.topicURLs, view.Notices)
		if err != nil {
			fmErrs = append(fmErrs, err)
		} else {
			view.PrintFooter = view.Handout.PrintFooter
		}
		info.sources = int32(min(len(m.Sources), math.MaxInt32))
		check = func(in lint.Input) *lint.Result { return lint.Handout(in, &m, s.lintSettings(lang)) }
	case content.Packet:
		var m content.PacketMeta
		decode(&m)
		info.title, info.summary, info.weight = m.Title, m.Summary, m.Weight
		info.more().packet, aliases = m.Handouts, m.Aliases
		info.skipped = m.Draft && !s.opt.Drafts
		if len(fmErrs) == 0 {
			fmErrs = append(checkSummary(f, m.Positions, m.Summary), checkPacket(f, &m)...)
			fmErrs = append(fmErrs, s.checkTranslation(f, m.Translation, m.Positions)...)
		}
		if address.ReservedPacket(f.Slug) {
			fmErrs = append(fmErrs, diag.Errorf(diag.Pos{Path: f.Path}, "a packet cannot be named %q: %s is the packet made on the spot from the handouts a reader ticks; rename the file",
				f.Slug, f.URL))
		}
		layout = "packet"
	case content.Page:
		var m content.PageMeta
		decode(&m)
		info.title, info.summary, info.weight = m.Title, m.Summary, m.Weight
		aliases = m.Aliases
		info.skipped = m.Draft && !s.opt.Drafts
		if len(fmErrs) == 0 {
			fmErrs = append(checkSummary(f, m.Positions, m.Summary), s.checkTranslation(f, m.Translation, m.Positions)...)
		}
		view.Kind, view.Title, view.Summary, layout = "page", m.Title, m.Summary, "page"
		check = func(in lint.Input) *lint.Result { return lint.Page(in, &m) }
	}
	if len(aliases) > 0 {
		info.more().aliases = aliases
	}
	if info.skipped {
		return info
	}
	if s.rebuilds && (f.Kind == content.Handout || f.Kind == content.Packet) {
		info.sortKey = s.languages[lang].sortKey(info.title) // a one-off build makes it where it sorts (lists)
	}
	if f.Kind == content.Handout {
		info.initial = initial(lang, info.title)
		if s.rebuilds {
			s.listEntries(info)
		}
	}
	for _, e := range fmErrs {
		diags.Add(e)
	}

	lines := diag.NewLines(src)
	body.Reset()
	pos := func(off int) diag.Pos { return lines.Pos(f.Path, doc.BodyOffset+off) }
	res, err := s.md.Convert(doc.Body, body, resolver{s: s, from: f}, pos, markdown.Labels(s.languages[lang].labels), markdown.Context(ctx))
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{Path: f.Path}, "rendering Markdown: %v", err))
		return info
	}
	for _, e := range res.Errors {
		diags.Add(e)
	}
	if check != nil {
		info.lint = s.lintPage(check, lintInput(f, doc, res.Doc, pos))
		info.lintError = slices.ContainsFunc(info.lint.Findings, func(d *diag.Diagnostic) bool { return d.Severity == diag.Error })
		switch {
		case info.lintError:
			// The page keeps its findings, which the build lists
			// (addFindings).
		case s.first != nil:
			// A one-off build: the page's warnings go to those it
			// prints and counts.
			s.first.add(info.lint.Findings)
			info.lint = nil
		case s.packer != nil && len(info.lint.Findings) > 0:
			// A check keeps them all, packed, for its report.
			if b, ok := s.packer.Pack(f.Path, info.lint.Findings); ok {
				info.packed, info.lint.Findings = b, nil
			}
		}
	}
	if f.Kind == content.Handout {
		info.search = s.searchEntry(info, keywords, res.Doc, doc.Body)
	}
	info.links = pageLinks(res.Links)
	info.ids = slices.Compact(slices.Sorted(slices.Values(res.IDs)))
	if s.theme.Minified && f.Kind != content.Packet {
		// The theme's templates are minified already: the page needs only
		// its body minified (packets are minified whole, with their
		// handouts).
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
		info.more().body = view.Body // rendered with the lists
		return info
	case f.Kind == content.Handout:
		view.Handout.Body = view.Body
		if s.inPackets[f.Rel] {
			info.more().handout = s.packetCopy(ctx, view.Handout, doc.Body, f, pos)
		}
	}
	if slices.ContainsFunc(fmErrs, isError) {
		return info // a page with bad front matter is not rendered
	}
	page.Reset()
	if err := s.theme.Render(page, layout, view); err != nil {
		diags.Add(err)
		return info
	}
	if s.theme.Minified {
		w.put(f.Out, source(f.Path), f.Path, page.Bytes())
	} else {
		w.write(f.Out, source(f.Path), f.Path, page.Bytes())
	}
	return info
}

// listEntries makes a handout's entries in the lists that show it: the
// A–Z list, topic pages, the home page and the search page. An entry the
// theme cannot make stays "", and the lists render it, and report why,
// themselves.
func (s *site) listEntries(p *pageInfo) {
	if it, err := s.theme.Fragment("item", s.item(p)); err == nil {
		p.reuse.item = it
	}
	if it, err := s.theme.Fragment("search-item", s.searchResult(p)); err == nil {
		p.reuse.searchItem = it
	}
}

// packetCopy is a handout as a packet shows it: its body converted again
// with its headings' and footnotes' ids prefixed by the handout's own, so
// two handouts on one packet page never share an id. Problems were reported
// when the body was first converted.
func (s *site) packetCopy(ctx context.Context, h *HandoutView, body []byte, f *content.File, pos func(int) diag.Pos) *HandoutView {
	var buf bytes.Buffer
	if _, err := s.md.Convert(body, &buf, resolver{s: s, from: f}, pos, markdown.IDPrefix(h.ID+"-"), markdown.Labels(s.languages[f.Lang].labels), markdown.Context(ctx)); err != nil {
		return h
	}
	c := *h
	c.Body = template.HTML(buf.String())
	return &c
}

// checkHandout checks what the decoder cannot: lengths, addresses, topics,
// dates and numbers that cannot be right. topicURLs are the addresses of
// m's topics' pages, in order.
func (s *site) checkHandout(f *content.File, m *content.HandoutMeta, topicURLs []string) []error {
	errs := checkSummary(f, m.Positions, m.Summary)
	at := func(name string) diag.Pos { return m.Positions.At(f.Path, name) }
	errs = append(errs, m.CheckSources(f.Path, s.today.Year())...)
	for i, t := range m.Topics {
		if topicURLs[i] == "" {
			errs = append(errs, diag.Errorf(at(fmt.Sprintf("topics[%d]", i+1)), "topic %q has no letters or digits to make its page address from; use words", t))
		}
	}
	if _, written := m.Positions["print.max_pages"]; written && (m.Print.MaxPages < 1 || m.Print.MaxPages > 20) {
		errs = append(errs, diag.Errorf(at("print.max_pages"), "print.max_pages is %d; a handout prints on 1 page or more (2 is usual)", m.Print.MaxPages))
	}
	if _, written := m.Positions["lang"]; written && m.Lang != f.Lang {
		errs = append(errs, diag.Errorf(at("lang"), "lang is %q, but a handout's language is its folder's, and this one is in the %q pages; move the file to %s/%shandouts/, or remove lang",
			m.Lang, f.Lang, content.Dir, s.languageFolder(m.Lang)))
	}
	if today := s.todayDate(); m.Date.After(today.Time) {
		errs = append(errs, diag.Errorf(at("date"), "date %s is in the future; date is when the handout was first published, so give today's date (%s) or an earlier one", m.Date, today))
	}
	return errs
}

// isError reports whether err is an error, not a warning.
func isError(err error) bool {
	var d *diag.Diagnostic
	return !errors.As(err, &d) || d.Severity == diag.Error
}

// checkTranslation checks a page's translation block against where the
// page is: only a page in a language folder translates, and it names its
// original (readTranslations checked that the original exists). A
// translation that follows an older version of its original is a warning.
func (s *site) checkTranslation(f *content.File, t *content.Translation, at content.Positions) []error {
	switch {
	case t == nil:
		return nil
	case f.Lang == s.settings.Language:
		return []error{diag.Errorf(at.At(f.Path, "translation"), "translation is for a translated page, in a language folder like content/es/; this page is in the site's own language, so remove it")}
	case s.translations.meta[f.Path] == nil:
		return nil // its pairing was refused when the site loaded, and said why
	}
	if _, stale := s.translationNotices(f); stale {
		return []error{s.staleFinding(f, t)}
	}
	return nil
}

// checkPacket checks a packet's list of handouts: not empty, and no handout
// twice (it would print twice, with the same ids on one page).
func checkPacket(f *content.File, m *content.PacketMeta) []error {
	var errs []error
	if m.Handouts != nil && len(m.Handouts) == 0 {
		errs = append(errs, diag.Errorf(m.Positions.At(f.Path, "handouts"), "handouts is empty: list the handouts to print together, like [hand-expression, when-to-call]"))
	}
	seen := map[string]bool{}
	for _, h := range m.Handouts {
		if seen[h.Value] {
			errs = append(errs, diag.Errorf(h.Pos, "packet lists handout %q twice; keep it once", h.Value))
		}
		seen[h.Value] = true
	}
	return errs
}

// checkSummary checks that a summary fits a list entry.
func checkSummary(f *content.File, at content.Positions, summary string) []error {
	if n := utf8.RuneCountInString(summary); n > maxSummary {
		return []error{diag.Errorf(at.At(f.Path, "summary"),
			"summary is %d characters long; shorten it to one sentence of at most %d", n, maxSummary)}
	}
	return nil
}

// handoutView assembles what a template shows of a handout, less its body.
func (s *site) handoutView(f *content.File, m *content.HandoutMeta, topicURLs []string, notices []string) (*HandoutView, error) {
	t := s.words(f.Lang)
	h := &HandoutView{
		Notices:    notices,
		T:          t,
		ID:         "handout-" + strings.ReplaceAll(f.Slug, "/", "-"),
		Title:      m.Title,
		Summary:    m.Summary,
		URL:        s.urls.Href(f.URL),
		Canonical:  s.urls.Abs(f.URL),
		Reviewed:   m.Reviewed,
		ReviewedBy: m.ReviewedBy,
		Date:       m.Date,
		Sources:    m.Sources,
		MaxPages:   m.Print.MaxPages,
		Clinic:     s.settings.Clinic,
		ClinicPage: s.urls.Href(s.urls.Clinic(f.Lang)),
		Disclaimer: s.disclaimer[f.Lang],
	}
	if !m.Reviewed.IsZero() {
		h.NextReview = content.Date{Time: m.Reviewed.AddDate(0, s.settings.Review.WarnMonths, 0)}
	}
	if h.MaxPages <= 0 {
		h.MaxPages = 2
	}
	h.ShortURL = s.urls.Short(f.URL)
	// The footer: the review line, then the address. Without a reviewer,
	// the date is when the sources are checked again: "Next review due"
	// beside "Not yet reviewed" reads as a contradiction.
	review := t.FooterNotReviewed + " · " + theme.Fill(t.FooterNextCheck, "date", t.FormatDate(h.NextReview))
	if h.ReviewedBy != "" {
		review = theme.Fill(t.FooterReviewedBy, "date", t.FormatDate(h.Reviewed), "name", h.ReviewedBy) +
			" · " + theme.Fill(t.FooterNextReview, "date", t.FormatDate(h.NextReview))
	}
	// Two lines, which the theme keeps apart: on one, a long address would
	// crowd the page number and wrap mid-word.
	h.PrintFooter = review + "\n" + h.ShortURL
	for i, tp := range m.Topics {
		h.Topics = append(h.Topics, ItemView{Title: upperFirst(tp), URL: s.urls.Href(topicURLs[i])})
	}
	qr, err := s.qr.SVG(h.Canonical, theme.Fill(t.QRLabel, "url", h.ShortURL))
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

// customPrintCSS is the print style sheet of the packet made on the spot,
// for up to n handouts. Its script puts the chosen handouts after the
// cover, marks the i-th data-print-page="i" and copies the footer of its
// own page (the root element's data-footer and data-page-*, in the
// handout's language) into the packet page's root element as
// data-footer-i and data-page-*-i; the i-th prints on pages named pi,
// whose margin boxes read those attributes, as the theme's @page rule
// reads data-footer. The script sets attributes only: the
// Content-Security-Policy allows no style made by a script, and no
// handout's text is ever read as CSS.
func customPrintCSS(n int) []byte {
	var b strings.Builder
	b.WriteString("@media print{:root{")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "--footer-%d:attr(data-footer-%d);", i, i)
		for _, part := range []string{"before", "between", "after"} {
			fmt.Fprintf(&b, "--page-%s-%d:attr(data-page-%s-%d);", part, i, part, i)
		}
	}
	b.WriteString("}}")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `@page p%d{@bottom-left{content:var(--footer-%d,"")}`, i, i)
		fmt.Fprintf(&b, `@bottom-right{content:var(--page-before-%d,"") counter(page) var(--page-between-%d," / ") counter(pages) var(--page-after-%d,"")}}`, i, i, i)
		fmt.Fprintf(&b, `[data-print-page="%d"]{page:p%d}`, i, i)
	}
	return []byte(b.String())
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\a `)
	return `"` + r.Replace(s) + `"`
}
