package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"handouts/generator/diag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// authorSite makes a site of the real theme and files (slash path →
// text) in a temporary folder. "TODAY" in a file becomes testDay, the day
// the tests check as of, so that reviews are never old.
func authorSite(t *testing.T, files map[string]string) string {
	t.Helper()
	site := t.TempDir()
	if err := os.CopyFS(filepath.Join(site, "themes", "default"), os.DirFS(themeDir)); err != nil {
		t.Fatal(err)
	}
	today := testDay
	for rel, text := range files {
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(text, "TODAY", today)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// runHandouts runs the real command in dir and returns its exit code and
// what it printed to stdout and stderr.
func runHandouts(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if len(args) > 0 && (args[0] == "build" || args[0] == "check") && !slices.Contains(args, "--as-of") {
		args = append([]string{args[0], "--as-of", testDay}, args[1:]...)
	}
	cmd := exec.CommandContext(ctx, handoutsBin, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil && cmd.ProcessState == nil {
		t.Fatalf("running handouts %v: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// A handout with nothing to report.
const cleanSource = `---
title: "Clean"
summary: "Nothing to report."
reviewed: TODAY
sources:
  - title: "One"
    url: "https://example.org/one"
  - title: "Two"
    url: "https://example.org/two"
reviewed_by: "A. Reviewer, IBCLC"
keywords: ["wash hands"]
---

> [!NOTE] Key points
> - Wash your hands.

Wash your hands before you start.

## Steps

1. Sit back and relax.
2. Hold your breast with one hand.

> [!IMPORTANT] Call your doctor or lactation consultant if
> - You have a fever.
`

// checkFixture is a site with something of every kind to report.
var checkFixture = map[string]string{
	"content/_index.md":         siteIndex,
	"content/handouts/clean.md": cleanSource,
	// Warnings: one source, no call box, a word in capitals, a long list.
	"content/handouts/warnings.md": `---
title: "Warnings"
summary: "Things to fix, but the site builds."
reviewed: TODAY
sources:
  - title: "One"
    url: "https://example.org/one"
---

Do NOT rub hard.

- One
- Two
- Three
- Four
- Five
- Six
- Seven
- Eight
`,
	// An error: a placeholder in a handout to publish.
	"content/handouts/errors.md": strings.Replace(cleanSource, `summary: "Nothing to report."`, `summary: "REPLACE: one sentence."`, 1),
	// A page with an error, and no readability.
	"content/about.md": "---\ntitle: About\n---\n\nSee [the steps](handouts/clean.md#step).\n",
}

// TestCheckGolden compares what "check" prints for checkFixture, as text
// and as JSON, with testdata/check.*.golden (go test -update rewrites them).
func TestCheckGolden(t *testing.T) {
	site := authorSite(t, checkFixture)
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := runHandouts(t, site, "check", "--format", format)
			if code != exitBuild || stderr != "" {
				t.Fatalf("exit code %d (want %d), stderr:\n%s", code, exitBuild, stderr)
			}
			golden := filepath.Join("testdata", "check."+format+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if stdout != string(want) {
				t.Errorf("check --format %s printed\n%s\nwant (%s; go test ./cmd/handouts -run TestCheckGolden -update rewrites it)\n%s", format, stdout, golden, want)
			}
			_, again, _ := runHandouts(t, site, "check", "--format", format)
			if again != stdout {
				t.Errorf("a second check printed something else:\n%s", again)
			}
		})
	}
}

// TestCheckJSONShape decodes the JSON strictly into the documented shape.
func TestCheckJSONShape(t *testing.T) {
	site := authorSite(t, checkFixture)
	_, stdout, _ := runHandouts(t, site, "check", "--format", "json")
	if strings.Count(stdout, "\n") != 1 {
		t.Errorf("want one line of JSON, got:\n%s", stdout)
	}
	var got struct {
		Files []struct {
			Path        string `json:"path"`
			Language    string `json:"language"`
			Readability *struct {
				FleschKincaidGrade float64 `json:"flesch_kincaid_grade"`
				FleschReadingEase  float64 `json:"flesch_reading_ease"`
				SMOG               float64 `json:"smog"`
				Words              int     `json:"words"`
				Sentences          int     `json:"sentences"`
			} `json:"readability"`
			Diagnostics []struct {
				Line     int    `json:"line"`
				Column   int    `json:"column"`
				Severity string `json:"severity"`
				Kind     string `json:"kind"`
				Message  string `json:"message"`
			} `json:"diagnostics"`
		} `json:"files"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%v in\n%s", err, stdout)
	}
	var paths []string
	errs, warnings := 0, 0
	for _, f := range got.Files {
		paths = append(paths, f.Path)
		if f.Language != "en" && f.Path != "" {
			t.Errorf("%s: language %q; want en", f.Path, f.Language)
		}
		if strings.HasPrefix(f.Path, "content/handouts/") != (f.Readability != nil) {
			t.Errorf("%s: readability %v; want it for handouts only", f.Path, f.Readability)
		}
		if f.Readability != nil && (f.Readability.Words == 0 || f.Readability.Sentences == 0) {
			t.Errorf("%s: readability not measured", f.Path)
		}
		if f.Diagnostics == nil {
			t.Errorf("%s: diagnostics is null; want []", f.Path)
		}
		for _, d := range f.Diagnostics {
			switch d.Severity {
			case "error":
				errs++
			case "warning":
				warnings++
			default:
				t.Errorf("%s: severity %q", f.Path, d.Severity)
			}
			if d.Line < 1 || d.Column < 1 || d.Message == "" {
				t.Errorf("%s: finding without a position or message: %+v", f.Path, d)
			}
			if strings.HasPrefix(f.Path, "content/handouts/") && d.Kind == "" {
				t.Errorf("%s: a handout's finding without a kind: %+v", f.Path, d)
			}
		}
	}
	want := "content/about.md content/handouts/clean.md content/handouts/errors.md content/handouts/warnings.md"
	if strings.Join(paths, " ") != want {
		t.Errorf("files %v; want %s, sorted", paths, want)
	}
	if errs != got.Errors || warnings != got.Warnings || errs != 2 || warnings != 7 {
		t.Errorf("counts %d errors, %d warnings; listed %d and %d; want 2 and 7", got.Errors, got.Warnings, errs, warnings)
	}
}

// TestCheckExitCodes runs check and build on sites with nothing, warnings
// and errors to report.
func TestCheckExitCodes(t *testing.T) {
	clean := authorSite(t, map[string]string{"content/_index.md": siteIndex, "content/handouts/clean.md": cleanSource})
	warned := authorSite(t, map[string]string{"content/_index.md": siteIndex, "content/handouts/w.md": checkFixture["content/handouts/warnings.md"]})
	failed := authorSite(t, map[string]string{"content/_index.md": siteIndex, "content/handouts/e.md": checkFixture["content/handouts/errors.md"]})
	tests := []struct {
		name string
		site string
		args []string
		code int
		// out is part of what the command prints, stdout and stderr together.
		out string
	}{
		{"check clean", clean, []string{"check"}, exitOK, "checked 1 handout and 1 page: 0 errors, 0 warnings"},
		{"check warnings", warned, []string{"check"}, exitOK, "0 errors, 7 warnings"},
		{"check errors", failed, []string{"check"}, exitBuild, "content/handouts/e.md:3:10: error: summary is a placeholder"},
		{"check json errors", failed, []string{"check", "--format", "json"}, exitBuild, `"errors":1`},
		{"check another folder", t.TempDir(), []string{"check", "--source", clean}, exitOK, "0 errors, 0 warnings"},
		{"check no site", t.TempDir(), []string{"check"}, exitBuild, "no content/ folder here"},
		{"check bad format", clean, []string{"check", "--format", "xml"}, exitUsage, `--format "xml": use text or json`},
		{"check argument", clean, []string{"check", "content"}, exitUsage, `unexpected argument "content"`},
		{"build warnings", warned, []string{"build"}, exitOK, "(7 warnings)"},
		{"build errors", failed, []string{"build"}, exitBuild, "content/handouts/e.md:3:10: summary is a placeholder"},
		{"help check", clean, []string{"help", "check"}, exitOK, "Usage:\n  handouts check [flags]"},
		{"help new", clean, []string{"help", "new"}, exitOK, `handouts new [--source DIR] handout|page "Title"`},
		{"help lists them", clean, []string{"--help"}, exitOK, "/_report/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runHandouts(t, tt.site, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
				t.Errorf("handouts %v: exit %d (want %d); want %q in\n%s%s", tt.args, code, tt.code, tt.out, stdout, stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(clean, "public")); !os.IsNotExist(err) {
		t.Errorf("check wrote public/: %v", err)
	}
}

// TestQuiet checks that --quiet leaves only the errors.
func TestQuiet(t *testing.T) {
	warned := authorSite(t, map[string]string{"content/_index.md": siteIndex, "content/handouts/w.md": checkFixture["content/handouts/warnings.md"]})
	failed := authorSite(t, map[string]string{"content/_index.md": siteIndex,
		"content/handouts/e.md": checkFixture["content/handouts/errors.md"], "content/handouts/w.md": checkFixture["content/handouts/warnings.md"]})
	tests := []struct {
		name           string
		site           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"build with warnings", warned, []string{"build", "--quiet"}, exitOK, "", ""},
		{"build with errors", failed, []string{"build", "--quiet"}, exitBuild, "",
			"content/handouts/e.md:3:10: summary is a placeholder (\"REPLACE: one sentence.\"): write the summary; placeholders cannot be published (keep draft: true until they are gone)\n1 error\n"},
		{"check with warnings", warned, []string{"check", "--quiet"}, exitOK, "", ""},
		{"check with errors", failed, []string{"check", "--quiet"}, exitBuild,
			"content/handouts/e.md:3:10: error: summary is a placeholder (\"REPLACE: one sentence.\"): write the summary; placeholders cannot be published (keep draft: true until they are gone)\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runHandouts(t, tt.site, tt.args...)
			if code != tt.code || stdout != tt.stdout || stderr != tt.stderr {
				t.Errorf("handouts %v: exit %d (want %d)\nstdout: %q\nwant:   %q\nstderr: %q\nwant:   %q", tt.args, code, tt.code, stdout, tt.stdout, stderr, tt.stderr)
			}
		})
	}
}

// TestBuildLargeSite checks that build prints the first diag.MaxErrors
// warnings of a site with more, sorted as check lists them, and counts
// every one, though it keeps only those it prints.
func TestBuildLargeSite(t *testing.T) {
	const n = 70 // three warnings each: more than diag.MaxErrors in all
	files := map[string]string{"content/_index.md": siteIndex}
	for i := range n {
		files[fmt.Sprintf("content/handouts/h%02d.md", i)] = "---\ntitle: \"H\"\nsummary: \"S.\"\nreviewed: TODAY\nreviewed_by: \"R\"\nkeywords: [\"k\"]\nsources:\n  - title: \"One\"\n    url: \"https://example.org/one\"\n---\n\n> [!NOTE] Key points\n> - Wait.\n\nDo NOT wait.\n"
	}
	site := authorSite(t, files)
	code, stdout, stderr := runHandouts(t, site, "build")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != diag.MaxErrors+1 {
		t.Fatalf("%d lines of warnings, want %d and a count:\n%s", len(lines), diag.MaxErrors, stderr)
	}
	if want := fmt.Sprintf("... and %d more warnings; \"handouts check\" lists them all", 3*n-diag.MaxErrors); lines[diag.MaxErrors] != want {
		t.Errorf("last line %q, want %q", lines[diag.MaxErrors], want)
	}
	if want := fmt.Sprintf("(%d warnings)\n", 3*n); !strings.HasSuffix(stdout, want) {
		t.Errorf("summary %q does not end %q", stdout, want)
	}
	// The first warnings of all, in order: check's JSON lists every one
	// by file, each file's by position.
	_, js, _ := runHandouts(t, site, "check", "--format", "json")
	var checked struct {
		Files []struct {
			Path        string `json:"path"`
			Diagnostics []struct {
				Line     int    `json:"line"`
				Column   int    `json:"column"`
				Severity string `json:"severity"`
				Message  string `json:"message"`
			} `json:"diagnostics"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(js), &checked); err != nil {
		t.Fatalf("%v in\n%s", err, js)
	}
	var want []string
	for _, f := range checked.Files {
		for _, d := range f.Diagnostics {
			want = append(want, fmt.Sprintf("%s:%d:%d: %s: %s", f.Path, d.Line, d.Column, d.Severity, d.Message))
		}
	}
	if len(want) != 3*n {
		t.Fatalf("check lists %d findings, want %d", len(want), 3*n)
	}
	if got := lines[:diag.MaxErrors]; !slices.Equal(got, want[:diag.MaxErrors]) {
		t.Errorf("build printed:\n%s\nwant check's first %d:\n%s", strings.Join(got, "\n"), diag.MaxErrors, strings.Join(want[:diag.MaxErrors], "\n"))
	}
}

// TestCheckLargeSite checks that check's text stays short on a site too
// large to read line by line (only the hardest to read, the first findings
// of each kind, a table of counts), while its JSON keeps every finding.
func TestCheckLargeSite(t *testing.T) {
	const n = 60 // more than maxWhole
	files := map[string]string{"content/_index.md": siteIndex}
	for i := range n {
		// Each has one source, no call box and a word in capitals; all but
		// five a placeholder to publish, an error.
		body := fmt.Sprintf("Do NOT wait%s.", strings.Repeat(" and wait", i%7))
		if i >= 5 {
			body += "\n\nREPLACE: a step."
		}
		files[fmt.Sprintf("content/handouts/h%02d.md", i)] = "---\ntitle: \"H\"\nsummary: \"S.\"\nreviewed: TODAY\nreviewed_by: \"R\"\nkeywords: [\"k\"]\nsources:\n  - title: \"One\"\n    url: \"https://example.org/one\"\n---\n\n> [!NOTE] Key points\n> - Wait.\n\n" + body + "\n"
	}
	site := authorSite(t, files)
	code, stdout, stderr := runHandouts(t, site, "check")
	if code != exitBuild || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	kinds := []string{"capitals", "call-box", "few-sources", "placeholder"}
	// The reading levels, a blank line, then per kind 10 findings and a
	// line saying how many more; the table of kinds; the count.
	if want := 1 + maxHardest + 1 + 1 + len(kinds)*(maxPerKind+1) + 1 + 2 + len(kinds) + 1; len(lines) != want {
		t.Errorf("%d lines, want %d:\n%s", len(lines), want, stdout)
	}
	for _, want := range []string{
		fmt.Sprintf("Reading level (Flesch-Kincaid grade; the site's limit is 7) of the %d hardest to read of %d handouts:\n", maxHardest, n),
		fmt.Sprintf("  ... and %d more, of grade ", n-maxHardest),
		fmt.Sprintf("... and %d more like this (placeholder)\n", n-5-maxPerKind),
		fmt.Sprintf("... and %d more like this (capitals)\n", n-maxPerKind),
		"Findings by kind:\n  kind         errors  warnings\n  placeholder      55         0\n  call-box          0        60\n  capitals          0        60\n  few-sources       0        60\n",
		fmt.Sprintf("checked %d handouts and 1 page: 55 errors, 180 warnings\n", n),
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check does not say %q:\n%s", want, stdout)
		}
	}
	// The hardest first; the rest no harder.
	grade := regexp.MustCompile(`: grade (-?[0-9.]+),|of grade (-?[0-9.]+) or lower`)
	last := 100.0
	for _, l := range lines[1 : 1+maxHardest+1] {
		m := grade.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("no grade in %q", l)
		}
		g, _ := strconv.ParseFloat(m[1]+m[2], 64)
		if g > last {
			t.Errorf("not the hardest first: %s after grade %.1f", l, last)
		}
		last = g
	}
	// The placeholders, which fail the build, come first.
	if !strings.HasPrefix(lines[1+maxHardest+2], "content/handouts/h05.md:17:1: error: placeholder text") {
		t.Errorf("the findings do not start with the errors: %s", lines[1+maxHardest+2])
	}

	_, stdout, _ = runHandouts(t, site, "check", "--format", "json")
	for _, kind := range kinds {
		want := n
		if kind == "placeholder" {
			want = n - 5
		}
		if got := strings.Count(stdout, `"kind":"`+kind+`"`); got != want {
			t.Errorf("JSON lists %d findings of kind %s, want %d", got, kind, want)
		}
	}

	code, stdout, _ = runHandouts(t, site, "check", "--quiet")
	lines = strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != exitBuild || len(lines) != maxPerKind+1 || lines[maxPerKind] != fmt.Sprintf("... and %d more like this (placeholder)", n-5-maxPerKind) {
		t.Errorf("check --quiet: exit %d\n%s", code, stdout)
	}
}
