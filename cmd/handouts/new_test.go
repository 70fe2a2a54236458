package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNew drives "handouts new" as an author does: create a handout and a
// page, see that they build as drafts, that check lists their
// placeholders, and that nothing is overwritten.
func TestNew(t *testing.T) {
	site := authorSite(t, map[string]string{"content/_index.md": siteIndex, "content/handouts/clean.md": cleanSource})
	dest := filepath.Join(t.TempDir(), "public")

	code, stdout, stderr := runHandouts(t, site, "new", "handout", "Crème brûlée: Mom's hand expression")
	const rel = "content/handouts/creme-brulee-moms-hand-expression.md"
	if code != exitOK || !strings.HasPrefix(stdout, "created "+rel) {
		t.Fatalf("new handout: exit %d\n%s%s", code, stdout, stderr)
	}
	// Flags may also follow the title.
	code, stdout, stderr = runHandouts(t, t.TempDir(), "new", "page", "Our clinic", "--source", site)
	if code != exitOK || !strings.HasPrefix(stdout, "created content/our-clinic.md") {
		t.Fatalf("new page: exit %d\n%s%s", code, stdout, stderr)
	}
	text, err := os.ReadFile(filepath.Join(site, rel))
	if err != nil {
		t.Fatal(err)
	}
	// new dates the handout today; the site is checked as of that day,
	// which the file says, with the clean handout reviewed that day too.
	m := reviewedLine.FindSubmatch(text)
	if m == nil {
		t.Fatalf("the new handout says no reviewed date:\n%s", text)
	}
	made := string(m[1])
	writeFile(t, site, "content/handouts/clean.md", strings.ReplaceAll(cleanSource, "TODAY", made))
	for _, want := range []string{
		`title: "Crème brûlée: Mom's hand expression"`, "draft: true", "reviewed: 20", "url: \"https://example.org/replace-me\"",
		"## What you need\n\n- [ ] ", "## Steps\n\n1. ", "## How often and how long", "> [!IMPORTANT] Call your doctor or lactation consultant if\n> - ",
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the new handout has no %q:\n%s", want, text)
		}
	}

	// Without --drafts the drafts are left out, as the build leaves them.
	code, stdout, _ = runHandouts(t, site, "check", "--as-of", made)
	if code != exitOK || strings.Contains(stdout, "REPLACE") {
		t.Errorf("check without --drafts: exit %d\n%s", code, stdout)
	}
	// With --drafts they build, and check lists every placeholder as a warning.
	if code, stdout, stderr := runHandouts(t, site, "build", "--drafts", "--destination", dest, "--as-of", made); code != exitOK {
		t.Fatalf("build --drafts: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "handouts", "creme-brulee-moms-hand-expression", "index.html")); err != nil {
		t.Errorf("the new handout was not built: %v", err)
	}
	code, stdout, _ = runHandouts(t, site, "check", "--drafts", "--as-of", made)
	placeholders := strings.Count(stdout, "placeholder")
	if code != exitOK || placeholders < 15 || !strings.Contains(stdout, rel+":11:10: warning: sources[1].url \"https://example.org/replace-me\" is a placeholder") ||
		!strings.Contains(stdout, "content/our-clinic.md:3:10: warning: summary is a placeholder") {
		t.Errorf("check --drafts: exit %d, %d placeholders\n%s", code, placeholders, stdout)
	}
	// Published with its placeholders, it is an error.
	if err := os.WriteFile(filepath.Join(site, rel), []byte(strings.Replace(string(text), "draft: true\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := runHandouts(t, site, "check", "--as-of", made); code != exitBuild || !strings.Contains(stdout, rel+":10:10: error: sources[1].url") {
		t.Errorf("check of a published handout with placeholders: exit %d\n%s", code, stdout)
	}

	// Nothing is overwritten.
	before, _ := os.ReadFile(filepath.Join(site, rel))
	code, _, stderr = runHandouts(t, site, "new", "handout", "Crème Brûlée: Mom’s hand expression!")
	after, _ := os.ReadFile(filepath.Join(site, rel))
	if code != exitBuild || !strings.Contains(stderr, rel+" already exists, and is left as it is") || string(before) != string(after) {
		t.Errorf("new over an existing file: exit %d, changed %v\n%s", code, string(before) != string(after), stderr)
	}
}

// TestNewRefuses checks the titles and command lines "new" refuses, and
// that it writes nothing then.
func TestNewRefuses(t *testing.T) {
	site := authorSite(t, map[string]string{"content/_index.md": siteIndex})
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"new"}, exitUsage, `say what to start, like: handouts new handout "Hand expression"`},
		{[]string{"new", "poster", "Title"}, exitUsage, `"poster": start a handout or a page`},
		{[]string{"new", "handout"}, exitUsage, "give the title in quotes"},
		{[]string{"new", "handout", "Hand", "expression"}, exitUsage, `put the whole title in quotes, like: handouts new handout "Hand expression"`},
		{[]string{"new", "handout", "   "}, exitUsage, "the title is empty"},
		{[]string{"new", "handout", "授乳"}, exitUsage, `the title "授乳" has no letters a-z or digits`},
		{[]string{"new", "handout", "!!!"}, exitUsage, "has no letters a-z or digits"},
		{[]string{"new", "handout", "Two\nlines"}, exitUsage, "has a line break or a control character"},
		{[]string{"new", "handout", strings.Repeat("Long ", 20)}, exitUsage, "the title is 99 characters long"},
		{[]string{"new", "page", "Topics"}, exitUsage, `would make content/topics.md, whose address the site uses`},
		{[]string{"new", "page", "Clinic"}, exitUsage, `would make content/clinic.md, whose address the site uses`},
		{[]string{"new", "handout", "Index"}, exitUsage, `would make content/handouts/index.md`},
		{[]string{"new", "--nope", "handout", "X"}, exitUsage, "flag provided but not defined: -nope"},
		{[]string{"new", "handout", "X", "--source", filepath.Join(site, "missing")}, exitBuild, "cannot open the site folder"},
		{[]string{"new", "handout", "X", "--source", filepath.Join(site, "content")}, exitBuild, "no content/ folder in"},
	}
	for _, tt := range tests {
		code, _, stderr := runHandouts(t, site, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("handouts %q: exit %d (want %d); want %q in\n%s", tt.args, code, tt.code, tt.msg, stderr)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(site, "content"))
	if len(entries) != 1 {
		t.Errorf("a refused new wrote something: %v", entries)
	}
}
