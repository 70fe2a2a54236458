package watch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatches saves files the ways editors do and checks the batches the
// watcher reports: every path that changed. A temporary file made and
// renamed away within a batch may be reported too: the watcher cannot tell
// it from a file that existed before (a rename over an existing file is a
// creation too), and reporting a path that is gone costs the build only a
// look at the folder, while leaving out a path that went would leave its
// page published.
func TestBatches(t *testing.T) {
	tests := []struct {
		name string
		save func(t *testing.T, dir string)
		want []string
		// may are paths the batches may hold besides want.
		may []string
	}{
		{"write in place", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "a.md"), "new")
		}, []string{"content/a.md"}, nil},
		{"temporary file renamed over (sed -i, VS Code)", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "sedX1a2b3"), "new")
			rename(t, filepath.Join(dir, "sedX1a2b3"), filepath.Join(dir, "a.md"))
		}, []string{"content/a.md"}, []string{"content/sedX1a2b3"}},
		{"a new file", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "b.md"), "new")
		}, []string{"content/b.md"}, nil},
		{"a file deleted", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/a.md"}, nil},
		{"a file deleted and made again", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "a.md")); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(dir, "a.md"), "again")
		}, []string{"content/a.md"}, nil},
		{"a file renamed", func(t *testing.T, dir string) {
			rename(t, filepath.Join(dir, "a.md"), filepath.Join(dir, "c.md"))
		}, []string{"content/a.md", "content/c.md"}, nil},
		{"a file made and renamed", func(t *testing.T, dir string) {
			write(t, filepath.Join(dir, "d.md"), "new")
			rename(t, filepath.Join(dir, "d.md"), filepath.Join(dir, "e.md"))
		}, []string{"content/e.md"}, []string{"content/d.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "content")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, filepath.Join(dir, "a.md"), "old")
			w, err := New(root, []string{"content"}, func(name string) bool { return strings.HasSuffix(name, "~") })
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			out := make(chan []string, 4)
			go func() { _ = w.Run(ctx, out, nil) }()
			tt.save(t, dir)
			got := map[string]bool{}
			timeout := time.After(10 * time.Second)
			for !hasAll(got, tt.want) {
				select {
				case batch := <-out:
					for _, p := range batch {
						if !slices.Contains(tt.want, p) && !slices.Contains(tt.may, p) {
							t.Fatalf("a batch holds %s; want %v", p, tt.want)
						}
						got[p] = true
					}
				case <-timeout:
					t.Fatalf("batches %v after 10 s, want %v", got, tt.want)
				}
			}
		})
	}
}

func hasAll(got map[string]bool, want []string) bool {
	for _, p := range want {
		if !got[p] {
			return false
		}
	}
	return true
}

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

// TestWatchError checks that a folder that cannot be watched is reported
// with its path, what to do, and its cause for errors.Is.
func TestWatchError(t *testing.T) {
	for _, tt := range []struct {
		cause error
		want  string
	}{
		{syscall.ENOSPC, "cannot watch content/handouts for changes: the system's limit of watched folders is reached; raise it"},
		{syscall.EACCES, "cannot watch content/handouts for changes, so saving there will not rebuild"},
	} {
		err := watchError("/site", "/site/content/handouts", &os.PathError{Op: "add", Path: "/site/content/handouts", Err: tt.cause})
		if !strings.Contains(err.Error(), tt.want) || !errors.Is(err, tt.cause) {
			t.Errorf("watchError(%v) = %v; want it to say %q and wrap the cause", tt.cause, err, tt.want)
		}
	}
}
