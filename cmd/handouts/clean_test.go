package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestClean runs "handouts clean" on destinations of every sort: it removes
// an earlier build and what killed builds left, keeps what it must, and
// refuses, changing nothing, a folder that is not an earlier build.
func TestClean(t *testing.T) {
	tests := []struct {
		name string
		// setup prepares the site; it returns the destination to clean, or
		// "" for public/ in the site.
		setup func(t *testing.T, site string) string
		code  int
		// out are lines the command prints; gone and kept are paths (from
		// the destination's parent) that must be gone or still there.
		out        []string
		gone, kept []string
		unchanged  bool // the destination is as it was, byte for byte
	}{
		{name: "an earlier build",
			setup: func(t *testing.T, site string) string { build(t, site); return "" },
			out:   []string{"removed public, the built site"}, gone: []string{"public"}},
		{name: "an earlier build with the repository's .gitignore",
			setup: func(t *testing.T, site string) string {
				writeFile(t, site, "public/.gitignore", "*\n!.gitignore\n")
				build(t, site)
				return ""
			},
			out: []string{"removed public, the built site"}, gone: []string{"public/index.html", "public/css"}, kept: []string{"public/.gitignore"}},
		{name: "what killed builds left",
			setup: func(t *testing.T, site string) string {
				build(t, site)
				writeFile(t, site, ".public.tmp-999999999-1/index.html", "half a build") // no such process
				writeFile(t, site, ".public.tmp-4567/index.html", "an older version's")
				return ""
			},
			out:  []string{"removed public, the built site", "removed .public.tmp-999999999-1, left by a build that was killed", "removed .public.tmp-4567, left by a build that was killed"},
			gone: []string{"public", ".public.tmp-999999999-1", ".public.tmp-4567"}},
		{name: "a build still running",
			setup: func(t *testing.T, site string) string {
				writeFile(t, site, ".public.tmp-1-1/index.html", "being written") // init never ends
				return ""
			},
			out: []string{"kept .public.tmp-1-1: a build that is still running is writing it", "nothing to clean"}, kept: []string{".public.tmp-1-1/index.html"}},
		{name: "nothing built",
			setup: func(t *testing.T, site string) string { return "" },
			out:   []string{"nothing to clean"}},
		{name: "a folder of someone's files",
			setup: func(t *testing.T, site string) string {
				writeFile(t, site, "documents/letter.txt", "Dear ...")
				return "documents"
			},
			code: 1, unchanged: true,
			out: []string{"handouts: documents holds files that are not an earlier build (letter.txt), so it was not removed: remove them yourself, or pass the build's folder as --destination"}},
		{name: "the site's own folder",
			setup: func(t *testing.T, site string) string { build(t, site); return "." },
			code:  1, unchanged: true,
			out: []string{"handouts: destination . holds the site's sources; choose a folder of its own"}},
		{name: "a file",
			setup: func(t *testing.T, site string) string { writeFile(t, site, "public", "a file"); return "" },
			code:  1, unchanged: true,
			out: []string{"handouts: destination public is a file, not a folder"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newSite(t)
			dest := tt.setup(t, site)
			args := []string{"clean"}
			if dest != "" {
				args = append(args, "--destination", dest)
			} else {
				dest = "public"
			}
			var before map[string]string
			if _, err := os.Lstat(filepath.Join(site, dest)); err == nil && tt.unchanged {
				before = snapshot(t, filepath.Join(site, dest))
			}
			sources := sourceSnapshot(t, site)
			code, stdout, stderr := runHandouts(t, site, args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, stdout, stderr)
			}
			lines := strings.Split(stdout+stderr, "\n")
			for _, want := range tt.out {
				found := false
				for _, l := range lines {
					found = found || strings.HasPrefix(l, want)
				}
				if !found {
					t.Errorf("clean does not say %q; it says:\n%s%s", want, stdout, stderr)
				}
			}
			for _, p := range tt.gone {
				if _, err := os.Lstat(filepath.Join(site, p)); err == nil {
					t.Errorf("%s is still there", p)
				}
			}
			for _, p := range tt.kept {
				if _, err := os.Lstat(filepath.Join(site, p)); err != nil {
					t.Errorf("%s was removed", p)
				}
			}
			if before != nil {
				if d := diffTrees(before, snapshot(t, filepath.Join(site, dest))); d != "" {
					t.Errorf("clean changed %s:\n%s", dest, d)
				}
			}
			if d := diffTrees(sources, sourceSnapshot(t, site)); d != "" {
				t.Errorf("clean changed the sources:\n%s", d)
			}
		})
	}
}

// build builds the site into its public/.
func build(t *testing.T, site string) {
	t.Helper()
	if code, out := runBuild(t, site, filepath.Join(site, "public"), time.Minute); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, out)
	}
}
