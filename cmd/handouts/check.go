package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"handouts/generator"
	"handouts/generator/diag"
)

const checkHelp = `Runs every step of a build and every check, and writes nothing. Findings
read "path:line:col: error|warning: message" and say what to do; errors
make the exit code 1. Besides what fails a build (front matter, links,
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
	format := fs.String("format", "text", "print the findings as `text`, or as json: one object with each file's readability and findings")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) > 0 {
			fmt.Fprintf(stderr, "handouts check: unexpected argument %q; see \"handouts help check\"\n", args[0])
			return exitUsage
		}
		if *format != "text" && *format != "json" {
			fmt.Fprintf(stderr, "handouts check: --format %q: use text or json\n", *format)
			return exitUsage
		}
		stop := tuneGC()
		report, err := generator.Check(ctx, sf.options())
		stop()
		if err != nil {
			printError(stderr, err)
			return exitBuild
		}
		if *format == "json" {
			err = writeCheckJSON(stdout, report)
		} else {
			err = writeCheckText(stdout, report)
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
// diag.MaxErrors of them, as errors are: "handouts check" lists them all.
func printWarnings(w io.Writer, warnings []*diag.Diagnostic) {
	var b strings.Builder
	for i, d := range warnings {
		if i == diag.MaxErrors {
			fmt.Fprintf(&b, "... and %d more warnings; \"handouts check\" lists them all\n", len(warnings)-i)
			break
		}
		b.WriteString(d.Error())
		b.WriteByte('\n')
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

// writeCheckText prints each handout's reading level, then the findings,
// then a count.
func writeCheckText(w io.Writer, r *generator.Report) error {
	var b strings.Builder
	handouts := 0
	for _, f := range r.ByFile {
		if f.Readability == nil {
			continue
		}
		if handouts == 0 {
			fmt.Fprintf(&b, "Reading level (Flesch-Kincaid grade; the site's limit is %s):\n", strconv.FormatFloat(r.MaxGrade, 'f', -1, 64))
		}
		handouts++
		st := f.Readability
		fmt.Fprintf(&b, "  %s: grade %.1f, reading ease %.1f, SMOG %.1f; %s, %s",
			f.Path, st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG, diag.Count(st.Words, "word"), diag.Count(st.Sentences, "sentence"))
		for i, s := range f.Longest {
			if i == 0 {
				b.WriteString("; longest at ")
			} else {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%d:%d (%s)", s.Pos.Line, s.Pos.Col, diag.Count(s.Words, "word"))
		}
		b.WriteByte('\n')
	}
	if handouts > 0 {
		b.WriteByte('\n')
	}
	warnings := 0
	for _, f := range r.ByFile {
		for _, d := range f.Diagnostics {
			b.WriteString(finding(d))
			b.WriteByte('\n')
			if d.Severity == diag.Warning {
				warnings++
			}
		}
	}
	fmt.Fprintf(&b, "checked %s and %s: %s, %s\n", diag.Count(r.Handouts, "handout"), diag.Count(r.Pages, "page"),
		diag.Count(r.Errors, "error"), diag.Count(warnings, "warning"))
	_, err := io.WriteString(w, b.String())
	return err
}

// The JSON that "check --format json" prints. Its shape is fixed: tools
// read it.
type (
	checkJSON struct {
		Files    []fileJSON `json:"files"`
		Errors   int        `json:"errors"`
		Warnings int        `json:"warnings"`
	}
	fileJSON struct {
		Path        string           `json:"path"`
		Readability *readabilityJSON `json:"readability,omitempty"`
		Diagnostics []diagnosticJSON `json:"diagnostics"`
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
		Message  string `json:"message"`
	}
)

// writeCheckJSON prints the report as one JSON object on one line: every
// handout with its readability, and every file with findings, by path.
func writeCheckJSON(w io.Writer, r *generator.Report) error {
	out := checkJSON{Files: []fileJSON{}, Errors: r.Errors}
	for _, f := range r.ByFile {
		fj := fileJSON{Path: f.Path, Diagnostics: []diagnosticJSON{}}
		if st := f.Readability; st != nil {
			fj.Readability = &readabilityJSON{
				FleschKincaidGrade: st.FleschKincaidGrade, FleschReadingEase: st.FleschReadingEase, SMOG: st.SMOG,
				Words: st.Words, Sentences: st.Sentences,
			}
		}
		for _, d := range f.Diagnostics {
			fj.Diagnostics = append(fj.Diagnostics, diagnosticJSON{Line: d.Pos.Line, Column: d.Pos.Col, Severity: d.Severity.String(), Message: d.Msg})
			if d.Severity == diag.Warning {
				out.Warnings++
			}
		}
		out.Files = append(out.Files, fj)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
