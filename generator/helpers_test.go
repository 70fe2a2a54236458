package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/generator/frontmatter"
)

// repoRoot is the repository's root, found from this file's place.
func repoRoot(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// copyTree copies the folder from into to.
func copyTree(t testing.TB, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

// copyTheme copies the real default theme into the site at root.
func copyTheme(t testing.TB, root string) {
	copyTree(t, filepath.Join(repoRoot(t), "themes", "default"), filepath.Join(root, "themes", "default"))
}

// readTree returns every file below dir by slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffTrees describes how the trees a and b differ, or returns "".
func diffTrees(t testing.TB, a, b string) string {
	ta, tb := readTree(t, a), readTree(t, b)
	var out []string
	for p, da := range ta {
		db, ok := tb[p]
		switch {
		case !ok:
			out = append(out, "only in "+a+": "+p)
		case !bytes.Equal(da, db):
			out = append(out, fmt.Sprintf("differs: %s (%d and %d bytes)", p, len(da), len(db)))
		}
	}
	for p := range tb {
		if _, ok := ta[p]; !ok {
			out = append(out, "only in "+b+": "+p)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// contentAsOf returns the day of the latest review of a handout in the site
// at root, which the tests of real content build as of: they check the
// content, not the calendar ("handouts check" in CI watches the reviews'
// age on the real clock).
func contentAsOf(t testing.TB, root string) func() time.Time {
	t.Helper()
	var latest time.Time
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		doc, err := frontmatter.Split(frontmatter.Normalize(src))
		if err != nil {
			return nil // not a page with front matter; the build says so
		}
		var m struct {
			Reviewed frontmatter.Date `fm:"reviewed"`
		}
		_ = frontmatter.Decode(p, doc.YAML, doc.YAMLLine, &m) // the other keys are unknown here: only reviewed counts
		if m.Reviewed.After(latest) {
			latest = m.Reviewed.Time
		}
		return nil
	})
	if err != nil || latest.IsZero() {
		t.Fatalf("finding the latest review under %s: %v", root, err)
	}
	day := latest.Add(12 * time.Hour)
	return func() time.Time { return day }
}
