package publish

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func write(t *testing.T, d *Dir, rel, data string) {
	t.Helper()
	if err := d.WriteFile(rel, []byte(data)); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestConcurrentBuilds checks that a build starting while another writes
// the same destination leaves the other's folder alone: both complete, and
// the destination holds whichever was committed last, whole.
func TestConcurrentBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	a, err := Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, a, "index.html", "a")
	b, err := Create(dest) // must not remove a's folder
	if err != nil {
		t.Fatal(err)
	}
	write(t, a, "sub/page.html", "a")
	write(t, b, "index.html", "b")
	if _, err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "sub", "page.html")); got != "a" {
		t.Fatalf("first build's page = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
		t.Fatalf("the first build was published without the file it wrote before the second build started: %v", err)
	}
	if _, err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "b" {
		t.Errorf("index.html = %q, want the last build's", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "sub")); err == nil {
		t.Errorf("the last build's output holds the first build's files")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.tmp-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestStaleFoldersRemoved checks that Create removes the temporary folders
// of builds that died, and keeps those of running ones.
func TestStaleFoldersRemoved(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	dead := filepath.Join(parent, ".public.tmp-999999999-123") // no such process
	old := filepath.Join(parent, ".public.tmp-4567")           // an older version's name
	running := filepath.Join(parent, ".public.tmp-1-123")      // init never dies
	for _, p := range []string{dead, old, running} {
		if err := os.MkdirAll(filepath.Join(p, "x"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, p := range []string{dead, old} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was not removed", filepath.Base(p))
		}
	}
	if _, err := os.Stat(running); err != nil {
		t.Errorf("the folder of a running build was removed")
	}
}

// TestReplaceable checks which existing folders a build may replace.
func TestReplaceable(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		ok    bool
	}{
		{"new", nil, true},
		{"empty", []string{}, true},
		{"only .gitignore", []string{".gitignore"}, true},
		{"earlier build", []string{"404.html", "sitemap.xml", "index.html", "css/site.css", ".gitignore"}, true},
		{"documents", []string{"letter.txt"}, false},
		{"a site's sources", []string{"content/_index.md", "themes/default/layouts/base.html"}, false},
		{"earlier build with a repository", []string{"404.html", "sitemap.xml", ".git/HEAD"}, false},
		{"a dot file only", []string{".env"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out")
			if tt.files != nil {
				if err := os.Mkdir(dest, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tt.files {
				p := filepath.Join(dest, filepath.FromSlash(f))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := replaceable(dest)
			if (err == nil) != tt.ok {
				t.Errorf("replaceable = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "choose a new or empty folder") {
				t.Errorf("message does not say what to do: %v", err)
			}
		})
	}
}

// TestScratch checks which temporary folders of processes Scratch and
// RemoveScratch remove: those of processes that have ended, named as
// Scratch names them, and no other.
func TestScratch(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	folders := map[string]bool{ // name → removed
		"handouts-serve-999999999-1": true,  // no such process
		"handouts-serve-1-1":         false, // init never ends
		"handouts-serve-1234567":     false, // an older version's name, maybe in use
		"other-999999999-1":          false, // not ours
	}
	for name := range folders {
		if err := os.MkdirAll(filepath.Join(tmp, name, "site"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir, err := Scratch("handouts-serve")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(tmp, "handouts-serve-"+strconv.Itoa(os.Getpid())+"-"); !strings.HasPrefix(dir, want) {
		t.Errorf("Scratch made %s, want a folder starting %s", dir, want)
	}
	for name, removed := range folders {
		if _, err := os.Stat(filepath.Join(tmp, name)); (err != nil) != removed {
			t.Errorf("%s: removed %v, want %v", name, err != nil, removed)
		}
	}
	if removed, failed := RemoveScratch("handouts-serve"); len(removed)+len(failed) != 0 {
		t.Errorf("RemoveScratch removed %v and failed %v; the folder of this process must stay", removed, failed)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("the folder of this process was removed")
	}
}
