// Package publish writes a build's output so that the destination only ever
// holds a complete build: files go into a temporary folder beside the
// destination, which takes the destination's place in one step when the
// build succeeds and is removed when it fails.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Dir is an output folder being written.
type Dir struct {
	final string // the destination
	tmp   string // where this build writes
	done  bool
}

// tempPrefix names the temporary folders of a destination called base. The
// leading dot keeps them out of listings and out of a dev server's reach.
func tempPrefix(base string) string { return "." + base + ".tmp-" }

// Create starts writing a build for dest. It removes temporary folders left
// beside dest by builds that were killed, and fails with a message saying
// what to do when dest is a file or its folder cannot be written.
func Create(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	if info, err := os.Lstat(dest); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("destination %s is a file, not a folder: remove it or choose another --destination", dest)
	}
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the destination's folder: %w", err)
	}
	if stale, err := filepath.Glob(filepath.Join(parent, tempPrefix(base)+"*")); err == nil {
		for _, s := range stale {
			_ = os.RemoveAll(s)
		}
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(base))
	if err != nil {
		return nil, fmt.Errorf("cannot write beside the destination %s (%w): choose a --destination in a folder you can write to", dest, errors.Unwrap(err))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{final: dest, tmp: tmp}, nil
}

// Path returns where the output file rel (slash-separated) is written.
func (d *Dir) Path(rel string) string {
	return filepath.Join(d.tmp, filepath.FromSlash(rel))
}

// WriteFile writes the output file rel, creating its folders.
func (d *Dir) WriteFile(rel string, data []byte) error {
	p := d.Path(rel)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	return nil
}

// Commit puts the build in the destination's place. Where the system can, the
// old and new folders are exchanged in one atomic step, so that a build
// killed at any moment leaves either the old or the new output, never a mix
// or nothing. A .gitignore in the old destination is carried over, because
// the repository keeps the empty public/ folder by it.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("publish: Commit after Commit or Abort")
	}
	d.done = true
	if b, err := os.ReadFile(filepath.Join(d.final, ".gitignore")); err == nil {
		if err := os.WriteFile(filepath.Join(d.tmp, ".gitignore"), b, 0o644); err != nil {
			_ = os.RemoveAll(d.tmp)
			return err
		}
	}
	if _, err := os.Lstat(d.final); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.final); err != nil {
			_ = os.RemoveAll(d.tmp)
			return err
		}
		return nil
	}
	if err := exchange(d.tmp, d.final); err != nil {
		_ = os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot replace %s: %w", d.final, err)
	}
	// d.tmp now holds the previous build.
	return os.RemoveAll(d.tmp)
}

// Abort removes the unfinished build and leaves the destination as it was.
func (d *Dir) Abort() {
	if !d.done {
		d.done = true
		_ = os.RemoveAll(d.tmp)
	}
}

// twoRenames swaps the folders a and b without an atomic exchange: the old
// folder is moved aside first, so a build killed between the renames leaves
// the destination missing and its previous contents beside it, which the
// next build cleans up.
func twoRenames(a, b string) error {
	aside := a + "-old"
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(aside, b)
		return err
	}
	return os.Rename(aside, a)
}
