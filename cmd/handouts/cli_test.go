package main

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// handoutsBin is the command built once by TestMain, so that the tests
// drive the real program as an author runs it: flags, exit code, output.
var handoutsBin string

func TestMain(m *testing.M) {
	runHelper() // when the tests started this binary to run handouts in a setting of their own
	dir, err := os.MkdirTemp("", "handouts-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Others may run it: the tests run as root run some builds as another user.
	if err := os.Chmod(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	handoutsBin = filepath.Join(dir, "handouts")
	build := exec.Command("go", "build", "-o", handoutsBin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the handouts command: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// themeDir is the real theme, copied into every test site.
const themeDir = "../../themes/default"

// siteIndex is the smallest home page a site builds with.
const siteIndex = "---\ntitle: \"Test handouts\"\nbase_url: \"https://handouts.example.org/\"\n---\nWelcome.\n"

// testDay is the day the tests' sites are built as of (--as-of): reviews
// are aged from it, never from the calendar, so no test starts failing on
// some later day. The tests' handouts were reviewed before it.
const testDay = "2026-06-15"

// goodHandout returns a handout that builds without a warning, reviewed a
// month before testDay.
func goodHandout() string {
	const reviewed = "2026-05-15"
	return `---
title: "Good handout"
summary: "How to get ready to express milk by hand."
reviewed: ` + reviewed + `
sources:
  - title: "A source"
    url: "https://example.org/source"
  - title: "Another source"
    url: "https://example.org/other"
reviewed_by: "A. Reviewer, IBCLC"
keywords: ["wash hands"]
---

> [!NOTE] Key points
> - Get ready before you start.

Wash your hands before you start.

## Steps

Sit in a calm place. Take a slow breath.

> [!IMPORTANT] Call your doctor or lactation consultant if
> - you have a fever
`
}

// newSite makes a site in a temporary folder: the real theme, a home page
// and one good handout. It returns the site's folder.
func newSite(t testing.TB) string {
	t.Helper()
	return newSiteIn(t, t.TempDir())
}

// newSiteIn makes the site of newSite in the folder site.
func newSiteIn(t testing.TB, site string) string {
	t.Helper()
	if err := os.CopyFS(filepath.Join(site, "themes", "default"), os.DirFS(themeDir)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, site, "content/_index.md", siteIndex)
	writeFile(t, site, "content/handouts/good.md", goodHandout())
	return site
}

// writeFile writes data to the slash path rel in site, making its folders.
func writeFile(t testing.TB, site, rel string, data string) {
	t.Helper()
	p := filepath.Join(site, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runBuild runs "handouts build" on site into dest as of testDay and
// returns the exit code and everything it printed.
func runBuild(t testing.TB, site, dest string, timeout time.Duration) (int, string) {
	t.Helper()
	return runBuildAsOf(t, site, dest, timeout, testDay)
}

// runBuildAsOf is runBuild with reviews aged as of the day asOf.
func runBuildAsOf(t testing.TB, site, dest string, timeout time.Duration, asOf string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, handoutsBin, "build", "--source", site, "--destination", dest, "--as-of", asOf)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("handouts build did not finish in %s; output:\n%s", timeout, out.String())
	}
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("running handouts: %v", err)
	}
	return cmd.ProcessState.ExitCode(), out.String()
}

// snapshot reads every file and folder under dir, as path → contents
// (folders as "dir", symbolic links as "link:target"), so that two
// snapshots are equal only when the trees are byte for byte the same.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	info, err := os.Lstat(dir)
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(dir)
		if err != nil {
			t.Fatal(err)
		}
		return map[string]string{".": "link:" + target}
	}
	if !info.IsDir() {
		b, err := os.ReadFile(dir)
		if err != nil {
			t.Fatal(err)
		}
		return map[string]string{".": string(b)}
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			tree[rel] = "dir"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			tree[rel] = "link:" + target
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			tree[rel] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return tree
}

// diffTrees describes how two snapshots differ, or returns "".
func diffTrees(want, got map[string]string) string {
	var b strings.Builder
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			fmt.Fprintf(&b, "  %s: missing\n", p)
		case g != w:
			fmt.Fprintf(&b, "  %s: changed (%d bytes, was %d)\n", p, len(g), len(w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			fmt.Fprintf(&b, "  %s: added\n", p)
		}
	}
	if b.Len() > 2000 {
		return b.String()[:2000] + "...\n"
	}
	return b.String()
}

// leftovers lists the temporary folders of builds of dest that remain
// beside it.
func leftovers(t testing.TB, dest string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return matches
}
