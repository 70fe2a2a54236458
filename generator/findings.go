package generator

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark/ast"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
	"handouts/generator/lint"
	"handouts/generator/readability"
)

// FileReport is what a build found about one source file: for a handout,
// its reading level and what the author's report shows; for any file, its
// findings.
type FileReport struct {
	// Path is the file's slash-separated path from the site's root.
	Path string
	// Kind is the kind of a content file; Static for any other file.
	Kind content.Kind
	// Title, URL (its link) and Reviewed are a page's, as its front matter and address
	// say; Sources counts a handout's sources.
	Title    string
	URL      string
	Reviewed content.Date
	Sources  int
	// Lang is the page's language.
	Lang string
	// Readability is an English handout's reading level, and Spanish a
	// Spanish handout's; both nil for any other file. Their Longest is nil:
	// Longest places the longest sentences in the file.
	Readability *readability.Stats
	Spanish     *readability.SpanishStats
	Longest     []lint.Sentence
	// Diagnostics are the file's findings, sorted by position.
	Diagnostics []*diag.Diagnostic
}

// lintSettings are the site's limits for package lint, for a page in the
// language lang.
func (s *site) lintSettings(lang string) lint.Settings {
	return lint.Settings{
		MaxGrade:        s.settings.Readability.MaxGrade,
		WarnMonths:      s.settings.Review.WarnMonths,
		ErrorMonths:     s.settings.Review.ErrorMonths,
		Today:           s.today,
		KeyPoints:       s.words(lang).CalloutKeyPoints,
		CallBox:         s.words(lang).CalloutCallBox,
		Lang:            lang,
		MinInflesz:      s.settings.Readability.MinInflesz,
		RequireReviewer: s.settings.Review.RequireReviewer,
	}
}

// todayDate is the date reviews are aged from.
func (s *site) todayDate() content.Date {
	y, m, d := s.today.Date()
	return content.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// lintInput is what package lint needs of a page parsed by renderPage.
func lintInput(f *content.File, doc frontmatter.Doc, parsed ast.Node, pos func(int) diag.Pos) lint.Input {
	return lint.Input{
		Path: f.Path,
		Body: doc.Body,
		Doc:  parsed,
		Pos:  pos,
	}
}

// lintPage runs a page's checks with a syllable counter from the site's
// pool: a word is counted once per worker, not once per page. The findings
// come back sorted, for report to merge without sorting them all again.
func (s *site) lintPage(check func(lint.Input) *lint.Result, in lint.Input) *lint.Result {
	c := s.counters.Get().(*readability.Counter)
	defer s.counters.Put(c)
	in.Counter = c
	r := check(in)
	r.Findings = diag.SortedCopy(r.Findings)
	return r
}

// firstWarnings keeps the first max of the lint warnings it is given, in
// the order diag.Compare sorts them, and counts the rest. A one-off build
// prints only the first diag.MaxErrors warnings and a count; a large site
// has hundreds of thousands (the synthetic 50,000-page corpus has six a
// page), and keeping them all, with each page's reading level, was a
// quarter of what such a build held. Pages hand theirs over as each is
// checked, on every worker at once.
type firstWarnings struct {
	max  int
	mu   sync.Mutex
	kept []*diag.Diagnostic // sorted, at most max
	more int                // given but not kept
}

// add offers one page's warnings, sorted.
func (f *firstWarnings) add(ds []*diag.Diagnostic) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, d := range ds {
		if len(f.kept) == f.max {
			if f.max == 0 || diag.Compare(d, f.kept[f.max-1]) >= 0 {
				f.more += len(ds) - i // the rest of ds sort after d
				return
			}
			f.kept = f.kept[:f.max-1] // the last kept gives way to d
			f.more++
		}
		at, _ := slices.BinarySearchFunc(f.kept, d, diag.Compare)
		f.kept = slices.Insert(f.kept, at, d)
	}
}

// reportingOf returns the pages of list that reports says have findings.
func reportingOf(list []*pageInfo) []*pageInfo {
	return slices.DeleteFunc(slices.Clone(list), func(p *pageInfo) bool { return !reports(p) })
}

// reports says whether addFindings adds any of page p's findings.
func reports(p *pageInfo) bool {
	return p != nil && (len(p.extras().findings) > 0 || lintFailed(p))
}

// lintFailed reports whether a page's lint found an error.
func lintFailed(p *pageInfo) bool { return p != nil && !p.skipped && p.lintError }

// addFindings adds the pages' own findings, and the lint findings of pages
// whose lint found an error, to the build's, so that the build fails and
// lists them. The warnings of the other pages stay with their pages, for
// report to gather in order: each page keeps its own, so an incremental
// rebuild reports those of the pages it did not render again, and ten
// thousand pages' warnings need no sort. (A one-off build that writes has
// handed them to site.first instead.)
func (s *site) addFindings(pages []*pageInfo) {
	for _, p := range pages {
		if p == nil {
			continue
		}
		for _, d := range p.extras().findings { // few: most pages have none
			s.diags.Add(d)
		}
		if lintFailed(p) {
			for _, d := range p.lint.Findings {
				s.diags.Add(d)
			}
		}
	}
}

// pageWarnings returns the lint findings that addFindings left with their
// pages, sorted: pages come sorted by path, and each page's are sorted.
// packer unpacks those it packed (site.packer), if any.
func pageWarnings(pages []*pageInfo, packer *diag.Packer) []*diag.Diagnostic {
	keep := func(p *pageInfo) bool { return p != nil && !p.skipped && p.lint != nil && !lintFailed(p) }
	n := 0
	for _, p := range pages {
		if keep(p) {
			n += len(p.lint.Findings) + diag.Packed(p.packed)
		}
	}
	out := make([]*diag.Diagnostic, 0, n)
	for _, p := range pages {
		switch {
		case !keep(p):
		case p.packed != nil:
			out = packer.Unpack(out, p.file.Path, p.packed)
		default:
			out = append(out, p.lint.Findings...)
		}
	}
	return out
}

// byFile groups sorted findings by file, with every handout listed and
// measured, sorted by path. pages are sorted by path too, so the two are
// walked side by side.
func byFile(pages []*pageInfo, sorted []*diag.Diagnostic, href func(string) string) []FileReport {
	out := make([]FileReport, 0, len(pages))
	// take adds the findings of files before path (or at it, when at is
	// true) to out.
	take := func(path string, at bool) {
		for len(sorted) > 0 {
			file := sorted[0].Pos.Path
			if c := strings.Compare(file, path); c > 0 || c == 0 && !at {
				return
			}
			n := 1 // a file's findings are next to one another
			for n < len(sorted) && sorted[n].Pos.Path == file {
				n++
			}
			if len(out) == 0 || out[len(out)-1].Path != file {
				out = append(out, FileReport{Path: file})
			}
			out[len(out)-1].Diagnostics = sorted[:n:n]
			sorted = sorted[n:]
		}
	}
	for _, p := range pages {
		if p == nil || p.skipped {
			continue
		}
		take(p.file.Path, false)
		r := FileReport{Path: p.file.Path, Kind: p.file.Kind, Lang: p.file.Lang, Title: p.title, URL: href(p.file.URL)}
		if p.file.Kind == content.Handout {
			r.Reviewed, r.Sources = p.reviewed, int(p.sources)
			switch {
			case p.lint == nil:
				r.Readability = &readability.Stats{} // its body could not be read
			case p.lint.Spanish != nil:
				r.Spanish, r.Longest = p.lint.Spanish, p.lint.Longest
			default:
				r.Readability, r.Longest = &p.lint.Readability, p.lint.Longest
			}
		}
		out = append(out, r)
		take(p.file.Path, true)
	}
	for len(sorted) > 0 { // findings about files after the last page
		take(sorted[0].Pos.Path, true)
	}
	// Keep handouts and files with findings; ordinary pages without any
	// have nothing to report.
	return slices.DeleteFunc(out, func(r FileReport) bool { return r.Readability == nil && len(r.Diagnostics) == 0 })
}
