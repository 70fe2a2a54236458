package generator

import (
	"cmp"
	"slices"
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
	// Title, URL and Reviewed are a page's, as its front matter and address
	// say; Sources counts a handout's sources.
	Title    string
	URL      string
	Reviewed content.Date
	Sources  int
	// Readability is a handout's reading level; nil for any other file.
	// Its Longest is nil: Longest places the longest sentences in the file.
	Readability *readability.Stats
	Longest     []lint.Sentence
	// Diagnostics are the file's findings, sorted by position.
	Diagnostics []*diag.Diagnostic
}

// lintSettings are the site's limits for package lint.
func (s *site) lintSettings() lint.Settings {
	return lint.Settings{
		MaxGrade:    s.settings.Readability.MaxGrade,
		WarnMonths:  s.settings.Review.WarnMonths,
		ErrorMonths: s.settings.Review.ErrorMonths,
		Today:       s.today,
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
// pool: a word is counted once per worker, not once per page.
func (s *site) lintPage(check func(lint.Input) *lint.Result, in lint.Input) *lint.Result {
	c := s.counters.Get().(*readability.Counter)
	defer s.counters.Put(c)
	in.Counter = c
	return check(in)
}

// addFindings adds what the pages' lint found to the build's findings.
// Each page keeps its own, so that an incremental rebuild reports those of
// the pages it did not render again.
func (s *site) addFindings(pages []*pageInfo) {
	for _, p := range pages {
		if p == nil || p.skipped || p.lint == nil {
			continue
		}
		for _, d := range p.lint.Findings {
			s.diags.Add(d)
		}
	}
}

// byFile groups sorted findings by file, with every handout listed and
// measured, sorted by path.
func byFile(pages []*pageInfo, sorted []*diag.Diagnostic) []FileReport {
	var out []FileReport
	index := map[string]int{} // path → index in out
	for _, p := range pages {
		if p == nil || p.skipped {
			continue
		}
		r := FileReport{Path: p.file.Path, Kind: p.file.Kind, Title: p.title, URL: p.file.URL}
		if p.file.Kind == content.Handout {
			r.Reviewed, r.Sources = p.reviewed, p.sources
			if p.lint != nil {
				st := p.lint.Readability
				r.Readability, r.Longest = &st, p.lint.Longest
			} else {
				r.Readability = &readability.Stats{} // its body could not be read
			}
		}
		index[r.Path] = len(out)
		out = append(out, r)
	}
	for _, d := range sorted {
		i, ok := index[d.Pos.Path]
		if !ok {
			i = len(out)
			index[d.Pos.Path] = i
			out = append(out, FileReport{Path: d.Pos.Path})
		}
		out[i].Diagnostics = append(out[i].Diagnostics, d)
	}
	// Keep handouts and files with findings; ordinary pages without any
	// have nothing to report.
	out = slices.DeleteFunc(out, func(r FileReport) bool { return r.Readability == nil && len(r.Diagnostics) == 0 })
	slices.SortFunc(out, func(a, b FileReport) int { return cmp.Compare(a.Path, b.Path) })
	return out
}
