package generator

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/generator/diag"
	"handouts/generator/lint"
)

// testToday is the date the test sites' reviews are aged from, so that a
// test gives the same findings on every day it runs.
func testToday() time.Time { return time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC) }

// checkIndex is the home page of the check tests' sites.
const checkIndex = "---\ntitle: \"Check test\"\nbase_url: \"https://handouts.example.org/\"\n---\n\nWelcome.\n"

// cleanHandout has nothing to report: two sources, a recent review, a call
// box and short plain sentences.
const cleanHandout = `---
title: "Clean handout"
summary: "A handout with nothing to report."
reviewed: 2026-05-01
sources:
  - title: "First source"
    url: "https://example.org/one"
  - title: "Second source"
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

// handoutWith returns cleanHandout with the front-matter line that starts
// with key replaced by line ("" removes it), or added when no line does.
func handoutWith(key, line string) string {
	lines := strings.Split(cleanHandout, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			if line == "" {
				return strings.Join(append(lines[:i:i], lines[i+1:]...), "\n")
			}
			lines[i] = line
			return strings.Join(lines, "\n")
		}
	}
	return strings.Replace(cleanHandout, "---\n", "---\n"+line+"\n", 1)
}

// handoutBody returns cleanHandout with extra Markdown after its first
// paragraph, which ends on line 16.
func handoutBody(extra string) string {
	return strings.Replace(cleanHandout, "Wash your hands before you start.\n", "Wash your hands before you start.\n\n"+extra+"\n", 1)
}

// checkSite writes a site of the real theme, a home page, the clean
// handout and files (slash path → text; "" deletes a file) into a
// temporary folder.
func checkSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	copyTheme(t, root)
	all := map[string]string{
		"content/_index.md":         checkIndex,
		"content/handouts/clean.md": cleanHandout,
		"content/images/a.svg":      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`,
	}
	for p, text := range files {
		all[p] = text
	}
	for p, text := range all {
		if text == "" {
			continue
		}
		file := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// hardParagraph is written for clinicians, from readability's
// testdata/mastitis-protocol.md.
const hardParagraph = "In 2022 the Academy of Breastfeeding Medicine published Clinical Protocol #36. It describes mastitis as a spectrum of related inflammatory conditions rather than a single disease. Its advice differs considerably from what many families were taught. Aggressive massage is no longer recommended, because damage to breast tissue can worsen inflammation and may lead to a phlegmon or an abscess. Instead, the protocol suggests gentle lymphatic drainage, with light strokes toward the armpit and collarbone. It also recommends ice for about ten minutes, a supportive bra, and anti-inflammatory medication as advised by a clinician."

// TestCheckFindings builds a small site for each finding "handouts check"
// reports and looks for it, with its position and severity.
func TestCheckFindings(t *testing.T) {
	const x = "content/handouts/x.md"
	tests := []struct {
		name  string
		files map[string]string
		// drafts builds drafts too.
		drafts bool
		// want is "path:line:col: severity: part of the message".
		want string
	}{
		// Front matter.
		{name: "missing required key", files: map[string]string{x: handoutWith("summary", "")},
			want: x + `:2:1: error: missing required key "summary"`},
		{name: "unknown key", files: map[string]string{x: handoutWith("titel", `titel: "Typo"`)},
			want: x + `:2:1: error: unknown key "titel"; did you mean "title"?`},
		{name: "wrong type", files: map[string]string{x: handoutWith("weight", "weight: heavy")},
			want: x + `:2:9: error: weight: expected a whole number, found "heavy"`},
		{name: "summary too long", files: map[string]string{x: handoutWith("summary", `summary: "`+strings.Repeat("a", 201)+`"`)},
			want: x + `:3:10: error: summary is 201 characters long; shorten it to one sentence of at most 200`},
		{name: "source url not a web address", files: map[string]string{x: strings.Replace(cleanHandout, `url: "https://example.org/two"`, `url: "example.org/two"`, 1)},
			want: x + `:9:10: error: sources[2].url "example.org/two" is not a full web address`},
		{name: "source url with javascript", files: map[string]string{x: strings.Replace(cleanHandout, `url: "https://example.org/two"`, `url: "javascript:alert(1)"`, 1)},
			want: x + `:9:10: error: sources[2].url "javascript:alert(1)" is not a full web address`},
		{name: "source from the future", files: map[string]string{x: strings.Replace(cleanHandout, `url: "https://example.org/two"`, "url: \"https://example.org/two\"\n    year: 3000", 1)},
			want: x + `:10:11: error: sources[2].year is 3000; give the year the source was published`},
		{name: "topic without a slug", files: map[string]string{x: handoutWith("topics", `topics: ["milk", "!!!"]`)},
			want: x + `:2:18: error: topic "!!!" has no letters or digits to make its page address from`},
		{name: "published in the future", files: map[string]string{x: handoutWith("date", `date: 2099-01-01`)},
			want: x + `:2:7: error: date 2099-01-01 is in the future`},
		{name: "no pages to print on", files: map[string]string{x: handoutWith("print", `print: {max_pages: 0}`)},
			want: x + `:2:20: error: print.max_pages is 0; a handout prints on 1 page or more`},
		{name: "packet with a handout twice", files: map[string]string{"content/packets/p.md": "---\ntitle: P\nsummary: S.\nhandouts: [clean, clean]\n---\n"},
			want: `content/packets/p.md:4:19: error: packet lists handout "clean" twice; keep it once`},
		{name: "empty packet", files: map[string]string{"content/packets/p.md": "---\ntitle: P\nsummary: S.\nhandouts: []\n---\n"},
			want: `content/packets/p.md:4:1: error: handouts is empty`},
		{name: "source without url or note", files: map[string]string{x: strings.Replace(cleanHandout, "    url: \"https://example.org/two\"\n", "", 1)},
			want: x + `:8:5: error: sources[2] has no url and no note, so a reader cannot find it`},

		// Links and images.
		{name: "link to a missing page", files: map[string]string{x: handoutBody("See [this](/handouts/nope/).")},
			want: x + `:19:5: error: link to /handouts/nope/: no such page or file on this site`},
		{name: "link to a missing heading", files: map[string]string{x: handoutBody("See [steps](clean.md#step).")},
			want: x + `:19:5: error: link to /handouts/clean/#step: content/handouts/clean.md has no heading #step; did you mean #steps?`},
		{name: "relative link to a missing file", files: map[string]string{x: handoutBody("Print [the chart](../files/chart.pdf).")},
			want: x + `:19:7: error: link "../files/chart.pdf" points to content/files/chart.pdf, which does not exist`},
		{name: "missing image", files: map[string]string{x: handoutBody("![A hand](../images/nope.svg)")},
			want: x + `:19:1: error: link "../images/nope.svg" points to content/images/nope.svg, which does not exist`},
		{name: "image without alt text", files: map[string]string{x: handoutBody("![](../images/a.svg)")},
			want: x + `:19:1: error: image /images/a.svg has no alt text`},
		{name: "two files make one address", files: map[string]string{x: cleanHandout, "content/handouts/x/index.md": cleanHandout},
			want: "content/handouts/x/index.md: error: makes the same page /handouts/x/ as content/handouts/x.md"},
		{name: "alias of a page", files: map[string]string{x: handoutWith("aliases", `aliases: ["/handouts/clean/"]`)},
			want: x + `:2:11: error: alias /handouts/clean/ is the address of content/handouts/clean.md`},
		{name: "one alias on two pages", files: map[string]string{
			x:                       handoutWith("aliases", `aliases: ["/old/"]`),
			"content/handouts/y.md": handoutWith("aliases", `aliases: ["/old/"]`)},
			want: "content/handouts/y.md:2:11: error: alias /old/ is already an alias of " + x},

		// Reviews, from 2026-06-15.
		{name: "review due", files: map[string]string{x: handoutWith("reviewed", "reviewed: 2025-06-14")},
			want: x + ":4:11: warning: last reviewed 2025-06-14, 12 months ago: a review is due after 12 months"},
		{name: "review a year old today", files: map[string]string{x: handoutWith("reviewed", "reviewed: 2025-06-15")},
			want: ""},
		{name: "review overdue", files: map[string]string{x: handoutWith("reviewed", "reviewed: 2024-06-01")},
			want: x + ":4:11: error: last reviewed 2024-06-01, 24 months ago, more than the site's limit of 24 months"},
		{name: "review in the future", files: map[string]string{x: handoutWith("reviewed", "reviewed: 2026-06-16")},
			want: x + ":4:11: error: reviewed date 2026-06-16 is in the future (today is 2026-06-15)"},
		{name: "review limits from the settings", files: map[string]string{
			"content/_index.md": strings.Replace(checkIndex, "---\n\n", "review: {warn_months: 3, error_months: 6}\n---\n\n", 1),
			x:                   handoutWith("reviewed", "reviewed: 2026-01-01")},
			want: x + ":4:11: warning: last reviewed 2026-01-01, 5 months ago: a review is due after 3 months"},
		{name: "review error from the settings", files: map[string]string{
			"content/_index.md": strings.Replace(checkIndex, "---\n\n", "review: {warn_months: 3, error_months: 4}\n---\n\n", 1),
			x:                   handoutWith("reviewed", "reviewed: 2026-01-01")},
			want: x + ":4:11: error: last reviewed 2026-01-01, 5 months ago, more than the site's limit of 4 months"},

		// Readability.
		{name: "grade far above the limit", files: map[string]string{x: handoutBody(hardParagraph)},
			want: x + ":19:250: error: reading grade 9.1 (Flesch–Kincaid) is above the site's limit of 7"},
		{name: "grade above the limit", files: map[string]string{
			"content/_index.md": strings.Replace(checkIndex, "---\n\n", "readability: {max_grade: 8}\n---\n\n", 1),
			x:                   handoutBody(hardParagraph)},
			want: x + ":19:250: warning: reading grade 9.1 (Flesch–Kincaid) is above the site's limit of 8; use shorter sentences and everyday words, starting with the longest, at 19:250 (23 words), 19:504 (19 words), 19:80 (15 words)"},
		{name: "long list", files: map[string]string{x: handoutBody("- One\n- Two\n- Three\n- Four\n- Five\n- Six\n- Seven\n- Eight")},
			want: x + ":19:1: warning: list of 8 items; keep lists to 7 items or fewer"},
		{name: "seven items are fine", files: map[string]string{x: handoutBody("1. One\n2. Two\n3. Three\n4. Four\n5. Five\n6. Six\n7. Seven")},
			want: ""},
		{name: "long paragraph", files: map[string]string{x: handoutBody(strings.Repeat("Rest now. ", 30) + "Then feed.")},
			want: x + ":19:1: warning: paragraph of 62 words; split it so that each has one idea and at most 60 words"},
		{name: "word in capitals", files: map[string]string{x: handoutBody("Do NOT use heat.")},
			want: x + `:19:4: warning: "NOT" is in capital letters, which are hard to read`},
		{name: "initialisms are fine", files: map[string]string{x: handoutBody("The CDC, the NIH, the ABM's protocol, LLLI, a PDF or QR code, OK.")},
			want: ""},

		// Structure.
		{name: "no call box", files: map[string]string{x: strings.Replace(cleanHandout, "[!IMPORTANT] Call your doctor or lactation consultant if", "[!TIP] Get ready", 1)},
			want: x + `:13:1: warning: no box saying when to call for help`},
		{name: "one source", files: map[string]string{x: strings.Replace(cleanHandout, "  - title: \"Second source\"\n    url: \"https://example.org/two\"\n", "", 1)},
			want: x + ":5:1: warning: 1 source; cite at least 2"},

		// Placeholders from "handouts new".
		{name: "placeholder summary", files: map[string]string{x: handoutWith("summary", `summary: "REPLACE: one sentence."`)},
			want: x + `:3:10: error: summary is a placeholder ("REPLACE: one sentence."): write the summary; placeholders cannot be published`},
		{name: "placeholder in a draft", drafts: true, files: map[string]string{x: handoutWith("draft", "draft: true") + "\nREPLACE: more.\n"},
			want: x + `:28:1: warning: placeholder text "REPLACE: more.": write your own text here`},
		{name: "placeholder source", files: map[string]string{x: strings.Replace(cleanHandout, "https://example.org/two", "https://example.org/replace-me", 1)},
			want: x + `:9:10: error: sources[2].url "https://example.org/replace-me" is a placeholder`},
		{name: "placeholder in a page", files: map[string]string{"content/about.md": "---\ntitle: About\n---\n\nREPLACE: who we are.\n"},
			want: `content/about.md:5:1: error: placeholder text "REPLACE: who we are."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := checkSite(t, tt.files)
			report, err := Check(context.Background(), Options{Source: root, Drafts: tt.drafts, Now: testToday})
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, f := range report.ByFile() {
				for _, d := range f.Diagnostics {
					if f.Path != d.Pos.Path {
						t.Errorf("finding %v is listed under %s", d, f.Path)
					}
					all = append(all, fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg))
				}
			}
			if tt.want == "" {
				if len(all) > 0 {
					t.Fatalf("want no findings, got:\n%s", strings.Join(all, "\n"))
				}
				return
			}
			found := false
			for _, a := range all {
				found = found || strings.HasPrefix(a, tt.want)
			}
			if !found {
				t.Fatalf("want a finding starting\n\t%s\ngot:\n\t%s", tt.want, strings.Join(all, "\n\t"))
			}
			wantErrors := strings.Contains(tt.want, ": error: ")
			if (report.Errors > 0) != wantErrors {
				t.Errorf("report.Errors = %d; want errors: %v", report.Errors, wantErrors)
			}
		})
	}
}

// TestCheckReport checks what a check reports besides findings: every
// handout with its reading level, sorted, and no file written.
func TestCheckReport(t *testing.T) {
	root := checkSite(t, map[string]string{
		"content/handouts/b.md": handoutBody("Do NOT use heat."),
		"content/about.md":      "---\ntitle: About\n---\n\nWho we are.\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	report, err := Check(context.Background(), Options{Source: root, Destination: dest, Now: testToday})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range report.ByFile() {
		paths = append(paths, f.Path)
		if f.Readability == nil {
			t.Errorf("%s: no readability", f.Path)
			continue
		}
		if f.Readability.Words == 0 || f.Readability.Sentences == 0 || len(f.Longest) == 0 {
			t.Errorf("%s: readability not measured: %+v", f.Path, f.Readability)
		}
		if f.Title != "Clean handout" || f.Sources != 2 || f.Reviewed.String() != "2026-05-01" {
			t.Errorf("%s: title %q, %d sources, reviewed %s", f.Path, f.Title, f.Sources, f.Reviewed)
		}
	}
	if got, want := strings.Join(paths, " "), "content/handouts/b.md content/handouts/clean.md"; got != want {
		t.Errorf("files %s; want %s (handouts, and pages only with findings)", got, want)
	}
	if report.Errors != 0 || len(report.Warnings) != 1 || report.Handouts != 2 || report.Pages != 2 {
		t.Errorf("%d errors, %d warnings, %d handouts, %d pages; want 0, 1, 2, 2", report.Errors, len(report.Warnings), report.Handouts, report.Pages)
	}
	if report.Today.String() != "2026-06-15" || report.MaxGrade != 7 {
		t.Errorf("today %s, max grade %v", report.Today, report.MaxGrade)
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("check wrote its destination: %v", err)
	}
	if leftover, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*")); len(leftover) > 0 {
		t.Errorf("check left %v", leftover)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("check wrote public/: %v", err)
	}
}

// TestCheckOutputCollision checks that a dry run still finds two sources
// that make one output file.
func TestCheckOutputCollision(t *testing.T) {
	root := checkSite(t, map[string]string{
		"content/handouts/x.md": handoutWith("aliases", `aliases: ["/feed.xml"]`),
	})
	report, err := Check(context.Background(), Options{Source: root, Now: testToday})
	if err != nil {
		t.Fatal(err)
	}
	if report.Errors == 0 {
		t.Fatalf("an alias onto feed.xml was not reported: %+v", report.ByFile())
	}
}

// TestCheckUnreadableSettings checks that findings that stop a build
// before any page is read are reported too.
func TestCheckUnreadableSettings(t *testing.T) {
	root := checkSite(t, map[string]string{"content/_index.md": "---\ntitel: Typo\n---\n"})
	report, err := Check(context.Background(), Options{Source: root, Now: testToday})
	if err != nil {
		t.Fatal(err)
	}
	if report.Errors == 0 || len(report.ByFile()) != 1 || report.ByFile()[0].Path != "content/_index.md" {
		t.Fatalf("want the settings' errors under content/_index.md, got %+v", report.ByFile())
	}
	if _, err := Check(context.Background(), Options{Source: filepath.Join(root, "nope")}); err == nil {
		t.Errorf("checking a missing folder did not fail")
	}
}

// TestBuildRunsChecks checks that a build fails on what check reports as
// an error and counts its warnings.
func TestBuildRunsChecks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	root := checkSite(t, map[string]string{"content/handouts/x.md": handoutBody("Do NOT use heat.")})
	report, err := Build(context.Background(), Options{Source: root, Destination: out, Now: testToday})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(report.Summary(), "(1 warning)") {
		t.Errorf("summary %q does not count the warning", report.Summary())
	}

	root = checkSite(t, map[string]string{"content/handouts/x.md": handoutWith("reviewed", "reviewed: 2027-01-01")})
	_, err = Build(context.Background(), Options{Source: root, Destination: out, Now: testToday})
	var list *diag.Errors
	if !errors.As(err, &list) || !strings.Contains(err.Error(), "content/handouts/x.md:4:11: reviewed date 2027-01-01 is in the future") {
		t.Fatalf("want the future review to fail the build, got %v", err)
	}
}

// TestIncrementalReportIsWhole checks that a rebuild of one page reports
// the findings and readability of the pages it did not render again.
func TestIncrementalReportIsWhole(t *testing.T) {
	root := checkSite(t, map[string]string{"content/handouts/x.md": handoutBody("Do NOT use heat.")})
	b := NewBuilder(Options{Source: root, Destination: filepath.Join(t.TempDir(), "public"), Now: testToday})
	ctx := context.Background()
	first, err := b.Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(root, "content", "handouts", "clean.md"), "Sit back and relax.", "Sit back and rest.")
	again, err := b.Build(ctx, []string{"content/handouts/clean.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Incremental {
		t.Fatal("the rebuild was not incremental")
	}
	if len(again.Warnings) != 1 || len(again.ByFile()) != len(first.ByFile()) {
		t.Errorf("after a rebuild: %d warnings and %d files; want 1 and %d", len(again.Warnings), len(again.ByFile()), len(first.ByFile()))
	}
	for _, f := range again.ByFile() {
		if f.Readability == nil || f.Readability.Words == 0 {
			t.Errorf("%s: no readability after the rebuild", f.Path)
		}
	}
}

// TestRealSiteChecks checks the project's own content as "handouts check"
// does, as of its latest review: it must have no errors and no warnings.
// (The age of the reviews is watched by "handouts check" on the real
// clock in CI, not by a test that would start failing on some day.)
func TestRealSiteChecks(t *testing.T) {
	report, err := Check(context.Background(), Options{Source: repoRoot(t), Now: contentAsOf(t, repoRoot(t))})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range report.ByFile() {
		for _, d := range f.Diagnostics {
			if d.Kind == lint.KindReviewer {
				continue // no clinician has reviewed the library yet; the pages say so
			}
			t.Errorf("%s: %s: %s", d.Pos, d.Severity, d.Msg)
		}
	}
	if report.Handouts == 0 {
		t.Error("no handouts checked")
	}
}

// cleanTraduccion is cleanHandout in Spanish, as its translation.
const cleanTraduccion = `---
title: "Hoja limpia"
summary: "Una hoja sin nada que señalar."
reviewed: 2026-05-01
sources:
  - title: "First source"
    url: "https://example.org/one"
  - title: "Second source"
    url: "https://example.org/two"
reviewed_by: "A. Reviewer, IBCLC"
keywords: ["lavarse las manos"]
translation:
  of: handouts/clean.md
  version: "VERSION"
---

> [!NOTE] Puntos clave
> - Lávese las manos.

Lávese las manos antes de empezar.

## Pasos

1. Siéntese y relájese.
2. Sostenga el pecho con una mano.

> [!IMPORTANT] Llame a su médico o consultora de lactancia si
> - Tiene fiebre.
`

// TestCheckLanguageFindings builds a site in English and Spanish for each
// finding about languages and translations and looks for it, with its
// position and severity.
func TestCheckLanguageFindings(t *testing.T) {
	const es = "content/es/handouts/limpia.md"
	version := func(text string) string {
		sum := sha256.Sum256([]byte(text))
		return "sha256:" + hex.EncodeToString(sum[:])[:12]
	}
	current := strings.Replace(cleanTraduccion, "VERSION", version(cleanHandout), 1)
	home := strings.Replace(checkIndex, "---\n\n", "languages: [es]\n---\n\n", 1)
	esHome := "---\ntitle: \"Prueba\"\n---\n\nBienvenida.\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string // as in TestCheckFindings
	}{
		{name: "translated and current", files: map[string]string{es: current},
			want: ""},
		{name: "language folder the site does not list", files: map[string]string{"content/_index.md": checkIndex, es: current},
			want: `content/es/: error: is named like a folder of pages in language es, but the site does not list it; add languages: [es] to content/_index.md`},
		{name: "folder named for the site's own language", files: map[string]string{"content/en/about.md": "---\ntitle: About\n---\n\nHi.\n", es: current},
			want: `content/en/: error: is named for the site's own language, en`},
		{name: "language without its home page", files: map[string]string{"content/es/_index.md": "", es: current},
			want: `content/es/_index.md: error: missing: the site lists the language "es"`},
		{name: "untranslated handout", files: map[string]string{},
			want: `content/handouts/clean.md:1:1: warning: has no Spanish version; readers of the es pages see it listed apart, in English; translate it with: handouts new translation es content/handouts/clean.md`},
		{name: "original changed since the translation", files: map[string]string{es: strings.Replace(cleanTraduccion, "VERSION", "sha256:000000000000", 1)},
			want: es + `:13:7: warning: translation may be out of date: content/handouts/clean.md has changed since the version this follows (version sha256:000000000000, now ` + version(cleanHandout)},
		{name: "translation of nothing", files: map[string]string{es: strings.Replace(current, "of: handouts/clean.md", "of: handouts/gone.md", 1)},
			want: es + `:13:7: error: translation.of names content/handouts/gone.md, which does not exist`},
		{name: "two translations of one handout", files: map[string]string{es: current, "content/es/handouts/otra.md": current},
			want: `content/es/handouts/otra.md:13:7: error: content/handouts/clean.md is already translated into "es" by ` + es},
		{name: "translation of another kind", files: map[string]string{"content/es/packets/p.md": "---\ntitle: P\nsummary: \"Un paquete.\"\nhandouts: [limpia]\ntranslation:\n  of: handouts/clean.md\n---\n", es: current},
			want: `content/es/packets/p.md:6:7: error: translation.of names content/handouts/clean.md, a handout, but this is a packet`},
		{name: "translation block in the site's own language", files: map[string]string{"content/about.md": "---\ntitle: About\ntranslation:\n  of: handouts/clean.md\n---\n\nHi.\n", es: current},
			want: `content/about.md:3:1: error: translation is for a translated page, in a language folder like content/es/`},
		{name: "lang that is not the folder's", files: map[string]string{es: strings.Replace(current, "reviewed: 2026-05-01", "reviewed: 2026-05-01\nlang: en", 1)},
			want: es + `:5:7: error: lang is "en", but a handout's language is its folder's, and this one is in the "es" pages; move the file to content/handouts/, or remove lang`},
		{name: "lang that is the folder's", files: map[string]string{es: strings.Replace(current, "reviewed: 2026-05-01", "reviewed: 2026-05-01\nlang: es", 1)},
			want: ""},
		{name: "Spanish key points in English", files: map[string]string{es: strings.Replace(current, "Puntos clave", "Key points", 1)},
			want: es + `:16:1: warning: the handout does not open with its key points: start it with a box "> [!NOTE] Puntos clave"`},
		{name: "Spanish text too hard to read", files: map[string]string{es: strings.Replace(current, "Lávese las manos antes de empezar.", "La administración intraparenquimatosa de antiinflamatorios corticosteroideos sistémicos constituye una intervención terapéutica extraordinariamente controvertida, particularmente considerando consideraciones farmacocinéticas concomitantes.", 1)},
			want: es + `:20:1: error: INFLESZ -27.1 (muy difícil) is below the site's floor of 55`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/_index.md": home, "content/es/_index.md": esHome}
			maps.Copy(files, tt.files)
			root := checkSite(t, files)
			report, err := Check(context.Background(), Options{Source: root, Now: testToday})
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, f := range report.ByFile() {
				for _, d := range f.Diagnostics {
					if d.Kind == lint.KindReviewer {
						continue
					}
					all = append(all, fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Msg))
				}
			}
			if tt.want == "" {
				if len(all) > 0 {
					t.Fatalf("want no findings, got:\n%s", strings.Join(all, "\n"))
				}
				return
			}
			if !slices.ContainsFunc(all, func(a string) bool { return strings.HasPrefix(a, tt.want) }) {
				t.Fatalf("want a finding starting\n\t%s\ngot:\n\t%s", tt.want, strings.Join(all, "\n\t"))
			}
		})
	}
}
