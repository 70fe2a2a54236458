package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"handouts/generator"
	"handouts/generator/diag"
)

const checkHelp = `Runs every step of a build and every check, and writes nothing. Findings
read "path:line:col: error|warning: message" and say what to do; errors
make the exit code 1. They are grouped by kind, and a table counts them
by kind. Of a kind with more than 50 findings only the first 10 are
printed, and of more than 50 handouts only the 20 hardest to read; --format
json lists every one. Besides what fails a build (front matter, links,
images, aliases), it measures each handout's reading level (Flesch-Kincaid
grade, Flesch reading ease, SMOG) and reports:

  warning  a grade above readability.max_grade (default 7); an error more
           than 2 grades above it
  warning  a list of more than 7 items, a paragraph of more than 60 words,
           a word in capitals (initialisms such as CDC, NIH, PDF are fine)
  warning  no "> [!IMPORTANT] Call your doctor ... if" box, fewer than 2 sources
  warning  reviewed more than review.warn_months (12) ago; an error after
           review.error_months (24), or when the date is in the future
  error    placeholders left by "handouts new" (REPLACE, and source
           addresses .../replace-me); only a warning while it is a draft

Drafts are checked with --drafts, as they are built.

`

func checkFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) int {
	var sf siteFlags
	sf.registerSource(fs)
	format := fs.String("format", "text", "print the findings as `text`, grouped by kind, or as json: one object with each file's readability and every finding")
	quiet := fs.Bool("quiet", false, "print only the errors (text only)")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts check: unexpected argument %q; see \"handouts help check\"\n", args[0])
			return exitUsage
		}
		if *format != "text" && *format != "json" {
			fmt.Fprintf(stderr, "handouts check: --format %q: use text or json\n", *format)
			return exitUsage
		}
		if *quiet && *format == "json" {
			fmt.Fprintf(stderr, "handouts check: --quiet with --format json: JSON lists every finding, each with its severity; choose one\n")
			return exitUsage
		}
		// The tuning lasts until the report is written: made from every
		// page's findings, it is the last and highest step of a large
		// site's check, which the default tuning let grow to twice the
		// live heap.
		gc := tuneGC(checkKeeps)
		defer gc.stop()
		opt := sf.options()
		opt.Listed = gc.size // the limit for all its pages from the first
		report, err := generator.Check(ctx, opt)
		if err != nil {
			printError(stderr, err)
			return exitBuild
		}
		if *format == "json" {
			err = writeCheckJSON(stdout, report)
		} else {
			err = writeCheckText(stdout, report, *quiet)
		}
		if err != nil {
			fmt.Fprintf(stderr, "handouts check: %v\n", err)
			return exitBuild
		}
		if report.Errors > 0 {
			return exitBuild
		}
		return exitOK
	}
}

// printWarnings prints a build's warnings, one per line, at most
// diag.MaxErrors of them, as errors are, and a count of those not printed,
// the more that the build counted without keeping them among them:
// "handouts check" lists them all.
func printWarnings(w io.Writer, warnings []*diag.Diagnostic, more int) {
	var b strings.Builder
	for i, d := range warnings {
		if i == diag.MaxErrors {
			more += len(warnings) - i
			break
		}
		b.WriteString(d.Error())
		b.WriteByte('\n')
	}
	if more > 0 {
		fmt.Fprintf(&b, "... and %d more warnings; \"handouts check\" lists them all\n", more)
	}
	_, _ = io.WriteString(w, b.String())
}

// finding formats a finding as "path:line:col: severity: message".
func finding(d *diag.Diagnostic) string {
	if p := d.Pos.String(); p != "" {
		return p + ": " + d.Severity.String() + ": " + d.Msg
	}
	return d.Severity.String() + ": " + d.Msg
}

// Limits that keep check's text short on a large site; --format json
// lists everything. A site of the size one clinic writes is listed whole.
const (
	// maxWhole is the longest list printed whole: the reading levels of
	// this many handouts, or the findings of one kind.
	maxWhole = 50
	// maxHardest is how many of the reading levels of more handouts are
	// printed: the hardest to read.
	maxHardest = 20
	// maxPerKind is how many of more findings of one kind are printed.
	maxPerKind = 10
)

// otherKind names the group of findings that came without a kind.
const otherKind = "other"

// writeCheckText prints each handout's reading level, then the findings,
// grouped by kind (only the first maxPerKind of a kind of more than
// maxWhole), then a table of how many there are of each kind, and a count.
// With quiet, it prints only the errors.
func writeCheckText(w io.Writer, r *generator.Report, quiet bool) error {
	var b strings.Builder
	if !quiet {
		writeReadingLevels(&b, r)
		writeSpanishLevels(&b, r)
	}
	groups := groupFindings(r, quiet)
	for _, g := range groups {
		for i, d := range g.list {
			if i == maxPerKind && len(g.list) > maxWhole {
				fmt.Fprintf(&b, "... and %d more like this (%s)\n", len(g.list)-i, g.kind)
				break
			}
			b.WriteString(finding(d))
			b.WriteByte('\n')
		}
	}
	if quiet {
		_, err := io.WriteString(w, b.String())
		return err
	}
	warnings := 0
	if len(groups) > 0 {
		width := len("kind")
		for _, g := range groups {
			width = max(width, len(g.kind))
			warnings += g.warnings
		}
		fmt.Fprintf(&b, "\nFindings by kind:\n  %-*s  errors  warnings\n", width, "kind")
		for _, g := range groups {
			fmt.Fprintf(&b, "  %-*s  %6d  %8d\n", width, g.kind, g.errors, g.warnings)
		}
	}
	fmt.Fprintf(&b, "checked %s and %s: %s, %s\n", diag.Count(r.Handouts, "handout"), diag.Count(r.Pages, "page"),
		diag.Count(r.Errors, "error"), diag.Count(warnings, "warning"))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeReadingLevels prints each handout's reading level, by path; on a
// site of more than maxWhole handouts, only the maxHardest hardest to
// read, hardest first, and how many more there are.
func writeReadingLevels(b *strings.Builder, r *generator.Report) {
	var handouts []generator.FileReport
	for _, f := range r.ByFile() {
		if f.Readability != nil {
			handouts = append(handouts, f)
		}
	}
	writeLevels(b, handouts, levels{
		title: "Reading level (Flesch-Kincaid grade; the site's limit is " + strconv.FormatFloat(r.MaxGrade, 'f', -1, 64) + ")",
		harder: func(a, b generator.FileReport) int {
			return cmp.Compare(b.Readability.FleschKincaidGrade, a.Readability.FleschKincaidGrade)
		},
		line: func(f generator.FileReport) string {
			st := f.Readability
			return fmt.Sprintf("%s: grade %.1f, reading ease %.1f, SMOG %.1f; %s, %s",
				f.Path, st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG, diag.Count(st.Words, "word"), diag.Count(st.Sentences, "sentence"))
		},
		rest: func(f generator.FileReport) string {
			return fmt.Sprintf("of grade %.1f or lower", f.Readability.FleschKincaidGrade)
		},
	})
}

// writeSpanishLevels prints each Spanish handout's INFLESZ score (the
// Szigriszt-Pazos index on Barrio-Cantalejo's scale) and Fernández-Huerta
// reading ease; on a large site, only the hardest to read.
func writeSpanishLevels(b *strings.Builder, r *generator.Report) {
	var handouts []generator.FileReport
	for _, f := range r.ByFile() {
		if f.Spanish != nil {
			handouts = append(handouts, f)
		}
	}
	writeLevels(b, handouts, levels{
		title:  "Reading level in Spanish (INFLESZ; the site's floor is " + strconv.FormatFloat(r.MinInflesz, 'f', -1, 64) + ")",
		harder: func(a, b generator.FileReport) int { return cmp.Compare(a.Spanish.Inflesz, b.Spanish.Inflesz) },
		line: func(f generator.FileReport) string {
			st := f.Spanish
			return fmt.Sprintf("%s: INFLESZ %.1f (%s), Fernández-Huerta %.1f; %s, %s",
				f.Path, st.Inflesz, st.Band, st.FernandezHuerta, diag.Count(st.Words, "word"), diag.Count(st.Sentences, "sentence"))
		},
		rest: func(f generator.FileReport) string {
			return fmt.Sprintf("of INFLESZ %.1f or higher", f.Spanish.Inflesz)
		},
	})
}

// levels is how one language's reading levels are printed: the heading,
// the order that puts the hardest to read first, a handout's line, and
// what the handouts left out are at most ("of grade 4.2 or lower"), said
// of the last one shown.
type levels struct {
	title  string
	harder func(a, b generator.FileReport) int
	line   func(generator.FileReport) string
	rest   func(generator.FileReport) string
}

// writeLevels prints handouts' reading levels as l says; of more than
// maxWhole handouts, only the maxHardest hardest to read.
func writeLevels(b *strings.Builder, handouts []generator.FileReport, l levels) {
	if len(handouts) == 0 {
		return
	}
	shown := handouts
	if len(handouts) > maxWhole {
		shown = slices.Clone(handouts)
		slices.SortStableFunc(shown, l.harder)
		shown = shown[:maxHardest]
		fmt.Fprintf(b, "%s of the %d hardest to read of %d handouts:\n", l.title, len(shown), len(handouts))
	} else {
		fmt.Fprintf(b, "%s:\n", l.title)
	}
	for _, f := range shown {
		b.WriteString("  " + l.line(f))
		writeLongest(b, f)
	}
	if more := len(handouts) - len(shown); more > 0 {
		fmt.Fprintf(b, "  ... and %d more, %s (\"handouts check --format json\" lists every handout)\n", more, l.rest(shown[len(shown)-1]))
	}
	b.WriteByte('\n')
}

// writeLongest ends a handout's reading-level line with where its longest
// sentences start.
func writeLongest(b *strings.Builder, f generator.FileReport) {
	for i, s := range f.Longest {
		if i == 0 {
			b.WriteString("; longest at ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, "%d:%d (%s)", s.Pos.Line, s.Pos.Col, diag.Count(s.Words, "word"))
	}
	b.WriteByte('\n')
}

// group is the findings of one kind.
type group struct {
	kind             string
	list             []*diag.Diagnostic // errors first, then by file and position
	errors, warnings int
}

// groupFindings groups the report's findings (with quiet, only its errors)
// by kind: kinds with errors first, then by name, and the findings without
// a kind last.
func groupFindings(r *generator.Report, quiet bool) []*group {
	byKind := map[string]*group{}
	for _, f := range r.ByFile() {
		for _, d := range f.Diagnostics {
			if quiet && d.Severity != diag.Error {
				continue
			}
			kind := cmp.Or(d.Kind, otherKind)
			g := byKind[kind]
			if g == nil {
				g = &group{kind: kind}
				byKind[kind] = g
			}
			g.list = append(g.list, d)
			if d.Severity == diag.Error {
				g.errors++
			} else {
				g.warnings++
			}
		}
	}
	groups := slices.Collect(maps.Values(byKind))
	rank := func(g *group) int {
		r := 0
		if g.errors == 0 {
			r += 2
		}
		if g.kind == otherKind {
			r++
		}
		return r
	}
	slices.SortFunc(groups, func(a, b *group) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.kind, b.kind))
	})
	for _, g := range groups {
		slices.SortStableFunc(g.list, func(a, b *diag.Diagnostic) int { return cmp.Compare(a.Severity, b.Severity) })
	}
	return groups
}

// The JSON that "check --format json" prints. Its shape is fixed: tools
// read it. It is one object, {"files": [fileJSON...], "errors": N,
// "warnings": N}, written a file at a time (writeCheckJSON).
type (
	fileJSON struct {
		Path string `json:"path"`
		// Language is a page's language; Readability is an English
		// handout's readabilityJSON or a Spanish one's spanishJSON.
		Language    string           `json:"language,omitempty"`
		Readability any              `json:"readability,omitempty"`
		Diagnostics []diagnosticJSON `json:"diagnostics"`
	}
	spanishJSON struct {
		Inflesz         float64 `json:"inflesz"`
		InfleszBand     string  `json:"inflesz_band"`
		FernandezHuerta float64 `json:"fernandez_huerta"`
		Words           int     `json:"words"`
		Sentences       int     `json:"sentences"`
	}
	readabilityJSON struct {
		FleschKincaidGrade float64 `json:"flesch_kincaid_grade"`
		FleschReadingEase  float64 `json:"flesch_reading_ease"`
		SMOG               float64 `json:"smog"`
		Words              int     `json:"words"`
		Sentences          int     `json:"sentences"`
	}
	diagnosticJSON struct {
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Kind     string `json:"kind"`
		Message  string `json:"message"`
	}
)

// writeCheckJSON prints the report as one JSON object on one line: every
// handout with its readability, and every file with findings, by path.
func writeCheckJSON(w io.Writer, r *generator.Report) error {
	// Each file's object is encoded and written on its own: a large site's
	// JSON is tens of megabytes, which as one value was made twice over.
	bw := bufio.NewWriter(w)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	bw.WriteString(`{"files":[`)
	warnings := 0
	for i, f := range r.ByFile() {
		fj := fileJSON{Path: f.Path, Language: f.Lang, Diagnostics: []diagnosticJSON{}}
		if st := f.Readability; st != nil {
			fj.Readability = &readabilityJSON{
				FleschKincaidGrade: st.FleschKincaidGrade, FleschReadingEase: st.FleschReadingEase, SMOG: st.SMOG,
				Words: st.Words, Sentences: st.Sentences,
			}
		}
		if st := f.Spanish; st != nil {
			fj.Readability = &spanishJSON{Inflesz: st.Inflesz, InfleszBand: st.Band.String(), FernandezHuerta: st.FernandezHuerta, Words: st.Words, Sentences: st.Sentences}
		}
		for _, d := range f.Diagnostics {
			fj.Diagnostics = append(fj.Diagnostics, diagnosticJSON{Line: d.Pos.Line, Column: d.Pos.Col, Severity: d.Severity.String(), Kind: d.Kind, Message: d.Msg})
			if d.Severity == diag.Warning {
				warnings++
			}
		}
		one.Reset()
		if err := enc.Encode(fj); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	}
	fmt.Fprintf(bw, `],"errors":%d,"warnings":%d}`+"\n", r.Errors, warnings)
	return bw.Flush()
}
