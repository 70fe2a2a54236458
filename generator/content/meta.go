// Package content knows the site's sources: which files under content/ are
// handouts, pages and packets, the URL each one gets, and the typed front
// matter each kind may hold.
package content

import (
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"handouts/generator/diag"
	"handouts/generator/frontmatter"
)

// Date is a YYYY-MM-DD date from front matter.
type Date = frontmatter.Date

// Text is a front-matter string that remembers where it was written.
type Text = frontmatter.Text

// Positions records where each front-matter value is written.
type Positions = frontmatter.Positions

// Settings are the site-wide settings, held in the front matter of
// content/_index.md (the home page).
type Settings struct {
	Title       string `fm:"title,required" help:"the site's name"`
	Description string `fm:"description" help:"one sentence about the site"`
	Summary     string `fm:"summary" help:"one sentence about the site, if description is not given"`
	BaseURL     string `fm:"base_url" help:"the site's address, like https://handouts.example.org/"`
	Language    string `fm:"language" help:"the language code, like en"`
	// Languages are the site's other languages, each with its sources in
	// content/LANG/ and its pages at /LANG/.
	Languages   []Text      `fm:"languages" help:"the site's other languages, like [es]"`
	Theme       string      `fm:"theme" help:"the folder under themes/ to use"`
	Clinic      Clinic      `fm:"clinic" help:"the clinic printed on handouts"`
	RawHTML     bool        `fm:"raw_html" help:"true to let raw HTML in Markdown through"`
	Readability Readability `fm:"readability"`
	Review      Review      `fm:"review"`
	// Positions says where each value is written, for later checks.
	Positions Positions `fm:"-"`
}

// Clinic is the clinic whose contact details print in each handout's "Your
// care team" box. Every field is optional; blank lines are printed instead.
type Clinic struct {
	Name  string `fm:"name"`
	Phone string `fm:"phone"`
	URL   string `fm:"url"`
}

// Readability holds the site's reading-level limits: a Flesch–Kincaid
// grade for English, an INFLESZ score for Spanish.
type Readability struct {
	MaxGrade   float64 `fm:"max_grade" help:"the highest Flesch-Kincaid grade allowed, like 7"`
	MinInflesz float64 `fm:"min_inflesz" help:"the lowest INFLESZ score a Spanish handout may have without a warning, like 55"`
}

// Review holds how old a handout's review may grow, and whether every
// handout must name the clinician who reviewed it.
type Review struct {
	WarnMonths      int  `fm:"warn_months"`
	ErrorMonths     int  `fm:"error_months"`
	RequireReviewer bool `fm:"require_reviewer" help:"true to fail the build for a handout without reviewed_by"`
}

// Check returns what is wrong with settings that decoded but cannot be
// right, each positioned at its value in the file at path.
func (s *Settings) Check(path string) []error {
	var errs []error
	at := func(key string) diag.Pos { return s.Positions.At(path, key) }
	fail := func(key, format string, args ...any) {
		errs = append(errs, diag.Errorf(at(key), format, args...))
	}
	written := func(key string) bool { _, ok := s.Positions[key]; return ok }
	if s.Language != "" {
		if tag, err := language.Parse(s.Language); err != nil {
			fail("language", "language %q is not a language tag; write one like en or es", s.Language)
		} else if tag.String() != s.Language {
			fail("language", "write language %q as %q, its standard form", s.Language, tag.String())
		}
	}
	own := s.Language
	if own == "" {
		own = "en"
	}
	seen := map[string]bool{own: true}
	for i, l := range s.Languages {
		key := fmt.Sprintf("languages[%d]", i+1)
		switch tag, err := language.Parse(l.Value); {
		case err != nil || strings.ContainsAny(l.Value, "/."):
			fail(key, "language %q is not a language tag; write one like es", l.Value)
		case tag.String() != l.Value:
			fail(key, "write language %q as %q, its standard form", l.Value, tag.String())
		case seen[l.Value]:
			fail(key, "language %q is listed twice, or is the site's own language; list each other language once", l.Value)
		}
		seen[l.Value] = true
	}
	if u := s.Clinic.URL; u != "" && !WebAddress(u) && !WebAddress("https://"+u) {
		fail("clinic.url", "clinic.url %q is not a web address; write the clinic's site like https://clinic.example.org/ or clinic.example.org", u)
	}
	if written("readability.max_grade") && s.Readability.MaxGrade <= 0 {
		fail("readability.max_grade", "readability.max_grade is %g; a reading grade limit is a number above 0, like 7", s.Readability.MaxGrade)
	}
	for _, k := range []struct {
		key string
		n   int
	}{{"review.warn_months", s.Review.WarnMonths}, {"review.error_months", s.Review.ErrorMonths}} {
		if written(k.key) && k.n < 1 {
			fail(k.key, "%s is %d; give a number of months of at least 1", k.key, k.n)
		}
	}
	if w, e := s.Review.WarnMonths, s.Review.ErrorMonths; w > 0 && e > 0 && w > e {
		fail("review.warn_months", "review.warn_months (%d) is more than review.error_months (%d): a review is due before it is overdue, so make warn_months the smaller", w, e)
	}
	return errs
}

// WebAddress reports whether u is a full http or https address, the only
// kind a printed handout or a link from the site may point a parent to.
func WebAddress(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != "" && p.User == nil &&
		!strings.HasPrefix(p.Host, ".") && !strings.ContainsFunc(u, func(r rune) bool { return r <= ' ' || r == 0x7f })
}

// LanguageTags lists the site's languages, its own first.
func (s *Settings) LanguageTags() []string {
	tags := []string{s.Language}
	for _, l := range s.Languages {
		tags = append(tags, l.Value)
	}
	return tags
}

// Defaults fills the settings an author left out.
func (s *Settings) Defaults() {
	if s.Description == "" {
		s.Description = s.Summary
	}
	if s.Language == "" {
		s.Language = "en"
	}
	if s.Theme == "" {
		s.Theme = "default"
	}
	if s.Readability.MaxGrade == 0 {
		s.Readability.MaxGrade = 7
	}
	if s.Readability.MinInflesz == 0 {
		s.Readability.MinInflesz = 55 // "normal" on the INFLESZ scale
	}
	if s.Review.WarnMonths == 0 {
		s.Review.WarnMonths = 12
	}
	if s.Review.ErrorMonths == 0 {
		s.Review.ErrorMonths = 24
	}
}

// HandoutMeta is the front matter of a handout (content/handouts/**.md).
type HandoutMeta struct {
	Title    string `fm:"title,required" help:"the handout's title"`
	Summary  string `fm:"summary,required" help:"one sentence of at most 200 characters"`
	Reviewed Date   `fm:"reviewed,required" help:"the date the clinical content was last reviewed, like 2026-03-01"`
	// ReviewedBy names who reviewed the clinical content, with their
	// credential ("Jane Doe, IBCLC"), as the clinic records it. Empty means
	// no clinician has reviewed the handout, and the page says so.
	ReviewedBy string     `fm:"reviewed_by" help:"who reviewed the clinical content, with their credential, like \"Jane Doe, IBCLC\""`
	Keywords   []string   `fm:"keywords" help:"the words parents use for this, for search, like [engorged, clogged duct]"`
	Date       Date       `fm:"date"`
	Topics     []string   `fm:"topics"`
	Sources    []Citation `fm:"sources,required" help:"at least one source, with a title and a url or note"`
	Draft      bool       `fm:"draft"`
	Weight     int        `fm:"weight"`
	Aliases    []Text     `fm:"aliases"`
	Lang       string     `fm:"lang" help:"the handout's language, which must be its folder's: en in content/, es in content/es/"`
	Print      Print      `fm:"print"`
	// Translation says which original this handout translates, in a
	// language folder (content/es/).
	Translation *Translation `fm:"translation"`
	// Positions says where each value is written, for later checks.
	Positions Positions `fm:"-"`
}

// Translation is the translation block of a translated source: which
// original it translates, which version of the original's text it follows,
// and who translated and reviewed it. Names are written by the clinic,
// never made up; without reviewed_by the page says that no qualified
// medical translator has reviewed it.
type Translation struct {
	Of         Text   `fm:"of,required" help:"the original's path below content/, like handouts/hand-expression.md"`
	Version    string `fm:"version" help:"the original's version this follows, as handouts new translation writes it"`
	By         string `fm:"by" help:"who translated it"`
	ReviewedBy string `fm:"reviewed_by" help:"the qualified medical translator who reviewed it, with their credential"`
}

// LanguageHome is the front matter of a language's home page
// (content/es/_index.md): the site's name and description in that
// language. The site's settings are in content/_index.md only.
type LanguageHome struct {
	Title       string       `fm:"title,required" help:"the site's name in this language"`
	Description string       `fm:"description" help:"one sentence about the site in this language"`
	Translation *Translation `fm:"translation"`
	// Positions says where each value is written, for later checks.
	Positions Positions `fm:"-"`
}

// Citation is one source a handout is based on. A reader must be able to
// find it: by its address, or, for a source with none of its own (a printed
// sheet), by a note that says where to get it. A general index page is no
// address for a source, so a note is the honest alternative.
type Citation struct {
	Title string `fm:"title,required" help:"the source's title"`
	URL   string `fm:"url" help:"the source's address, like https://doi.org/10.1089/bfm.2022.29207.kbm"`
	// Note says where to get a source that has no address of its own. It
	// prints after the source, with the address if there is one.
	Note      string `fm:"note" help:"where to get a source that has no address of its own, like \"printed sheet; ask La Leche League for a copy\""`
	Publisher string `fm:"publisher"`
	Year      int    `fm:"year"`
}

// CheckSources returns what is wrong with a handout's sources that decoded
// but cannot be right, each positioned at its value in the file at path: an
// address that is not a web address, a source a reader cannot find (no url
// and no note), a year after thisYear.
func (m *HandoutMeta) CheckSources(path string, thisYear int) []error {
	var errs []error
	at := func(key string) diag.Pos { return m.Positions.At(path, key) }
	for i, c := range m.Sources {
		key := fmt.Sprintf("sources[%d]", i+1)
		switch {
		case c.URL != "" && !WebAddress(c.URL):
			errs = append(errs, diag.Errorf(at(key+".url"), "%s.url %q is not a full web address; write it like https://example.org/page", key, c.URL))
		case c.URL == "" && strings.TrimSpace(c.Note) == "":
			errs = append(errs, diag.Errorf(at(key), "%s has no url and no note, so a reader cannot find it; add its address as url, or, if it has none, say where to get it as note, like note: \"printed sheet; ask La Leche League for a copy\"", key))
		}
		if c.Year != 0 && (c.Year < 1800 || c.Year > thisYear) {
			errs = append(errs, diag.Errorf(at(key+".year"), "%s.year is %d; give the year the source was published, %d or earlier", key, c.Year, thisYear))
		}
	}
	if m.Sources != nil && len(m.Sources) == 0 { // "sources: []"; a key with no value is the decoder's to report
		errs = append(errs, diag.Errorf(at("sources"), "sources is empty: list at least one source, with a title and a url or note"))
	}
	return errs
}

// Print holds a handout's print settings.
type Print struct {
	MaxPages int `fm:"max_pages" help:"how many pages the printed handout may take"`
}

// PageMeta is the front matter of an ordinary page (about, disclaimer).
type PageMeta struct {
	Title       string       `fm:"title,required" help:"the page's title"`
	Summary     string       `fm:"summary"`
	Draft       bool         `fm:"draft"`
	Weight      int          `fm:"weight"`
	Aliases     []Text       `fm:"aliases"`
	Translation *Translation `fm:"translation"`
	// Positions says where each value is written, for later checks.
	Positions Positions `fm:"-"`
}

// PacketMeta is the front matter of a packet (content/packets/*.md): several
// handouts printed together.
type PacketMeta struct {
	Title       string       `fm:"title,required" help:"the packet's title"`
	Summary     string       `fm:"summary,required" help:"one sentence of at most 200 characters"`
	Handouts    []Text       `fm:"handouts,required" help:"the handouts in order, by file name without .md, like [hand-expression]"`
	Draft       bool         `fm:"draft"`
	Weight      int          `fm:"weight"`
	Aliases     []Text       `fm:"aliases"`
	Translation *Translation `fm:"translation"`
	// Positions says where each value is written, for later checks.
	Positions Positions `fm:"-"`
}
