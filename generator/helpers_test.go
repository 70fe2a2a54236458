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
