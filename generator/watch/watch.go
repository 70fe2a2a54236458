// Package watch reports changes to a site's sources as batches of paths,
// with github.com/fsnotify/fsnotify.
//
// It watches folders recursively, including folders created later, and a
// folder that is deleted and made again. Editors save in odd ways: some
// write a temporary file and rename it over the original (vim, VS Code,
// JetBrains, sed -i), some truncate and write, and most leave swap and
// backup files about. All of these come out as one change to the real file;
// the editor's own files are ignored, and so are changes to permissions
// alone. Events that arrive close together (a git checkout of 200 files)
// come out as one batch.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Quiet is how long the watcher waits after an event for more before it
// reports a batch, and MaxWait the longest it holds a batch back while
// events keep coming.
const (
	Quiet   = 20 * time.Millisecond
	MaxWait = 300 * time.Millisecond
)

// Watcher watches some folders of a site.
type Watcher struct {
	root string
	dirs []string // slash paths from root, like "content"
	fs   *fsnotify.Watcher
	// Ignore reports editor and system files, by base name.
	ignore func(name string) bool
	// problems are folders that could not be watched, for Run to report.
	problems []error
}

// New watches the folders dirs (slash-separated, relative to root) and
// everything below them. ignore names files whose changes do not count.
func New(root string, dirs []string, ignore func(name string) bool) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{root: root, dirs: dirs, fs: fw, ignore: ignore}
	// The root itself, so that a watched folder deleted and made again is
	// noticed and watched anew.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range dirs {
		w.addTree(filepath.Join(root, filepath.FromSlash(d)))
	}
	return w, nil
}

// addTree watches dir and every folder below it, and returns the files found
// in them (a folder made with files already in it, such as by a move).
func (w *Watcher) addTree(dir string) []string {
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already, or unreadable: the build will say
		}
		if d.IsDir() {
			if p != dir && w.ignore(d.Name()) {
				return filepath.SkipDir
			}
			if err := w.fs.Add(p); err != nil {
				w.problems = append(w.problems, watchError(w.root, p, err))
			}
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files
}

// watchError says that the folder dir cannot be watched, and what to do.
func watchError(root, dir string, err error) error {
	rel, _ := filepath.Rel(root, dir)
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("cannot watch %s for changes: the system's limit of watched folders is reached; raise it (sysctl fs.inotify.max_user_watches=524288) and start again: %w", filepath.ToSlash(rel), err)
	}
	return fmt.Errorf("cannot watch %s for changes, so saving there will not rebuild: %w", filepath.ToSlash(rel), err)
}

// Run reports batches of changed paths (slash-separated, relative to the
// root, sorted) on out until ctx ends, then closes the watcher. A path may
// name a file or a folder that was created, changed, renamed or deleted.
// Problems that do not stop the watching (a folder that cannot be watched,
// an error from the system) go to problems, which may be nil.
func (w *Watcher) Run(ctx context.Context, out chan<- []string, problems chan<- error) error {
	defer w.fs.Close()
	pending := map[string]bool{}
	var quiet, deadline <-chan time.Time
	report := func() {
		for _, err := range w.problems {
			if problems != nil {
				select {
				case problems <- err:
				case <-ctx.Done():
				}
			}
		}
		w.problems = nil
	}
	for {
		report()
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.fs.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Too many events to tell which: say the watched folders
				// changed, which makes the build look at everything.
				for _, d := range w.dirs {
					pending[d] = true
				}
				continue
			}
			w.problems = append(w.problems, fmt.Errorf("watching for changes: %w", err))
		case ev, ok := <-w.fs.Events:
			if !ok {
				return nil
			}
			if !w.note(ev, pending) {
				continue
			}
			quiet = time.After(Quiet)
			if deadline == nil {
				deadline = time.After(MaxWait)
			}
		case <-quiet:
			quiet, deadline = nil, nil
			w.flush(ctx, pending, out)
		case <-deadline:
			quiet, deadline = nil, nil
			w.flush(ctx, pending, out)
		}
	}
}

// note records one event and reports whether it counts.
func (w *Watcher) note(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod || ev.Name == "" {
		return false
	}
	rel, err := filepath.Rel(w.root, ev.Name)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	if !w.inside(rel) || w.ignoredPath(rel) {
		return false
	}
	if ev.Op.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			for _, f := range w.addTree(ev.Name) {
				if r, err := filepath.Rel(w.root, f); err == nil && !w.ignoredPath(filepath.ToSlash(r)) {
					pending[filepath.ToSlash(r)] = true
				}
			}
		}
	}
	pending[rel] = true
	return true
}

// inside reports whether rel is one of the watched folders or below one.
func (w *Watcher) inside(rel string) bool {
	for _, d := range w.dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	return false
}

// ignoredPath reports whether any part of rel is an editor's or system file.
func (w *Watcher) ignoredPath(rel string) bool {
	for _, part := range strings.Split(rel, "/") {
		if w.ignore(part) {
			return true
		}
	}
	return false
}

func (w *Watcher) flush(ctx context.Context, pending map[string]bool, out chan<- []string) {
	if len(pending) == 0 {
		return
	}
	batch := slices.Sorted(maps.Keys(pending))
	clear(pending)
	select {
	case out <- batch:
	case <-ctx.Done():
	}
}
