package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// Cleaned says what Clean removed.
type Cleaned struct {
	// Output is true when the destination held an earlier build, now gone.
	Output bool
	// Temporary are the removed temporary folders of builds that were
	// killed; Running those of builds still running, left alone.
	Temporary, Running []string
}

// Clean removes the earlier build at dest and the temporary folders that
// killed builds left beside it. A .gitignore in dest is kept, and with it
// the folder, because builds carry it over: the repository keeps the empty
// public/ folder by it. Clean removes nothing, and says what to do, when
// dest is not an earlier build (see Create) or cannot be deleted whole.
func Clean(dest string) (*Cleaned, error) {
	dest = filepath.Clean(dest)
	if err := checkFolder(dest); err != nil {
		return nil, err
	}
	names, err := foreign(dest)
	if err != nil {
		return nil, err
	}
	if names != "" {
		return nil, fmt.Errorf("%s holds files that are not an earlier build (%s), so it was not removed: remove them yourself, or pass the build's folder as --destination", dest, names)
	}
	entries, err := os.ReadDir(dest)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot read %s: %w", dest, err)
	}
	built, gitignore := false, false
	for _, e := range entries {
		switch e.Name() {
		case ".gitignore":
			gitignore = true
		default:
			built = true
		}
	}
	if built {
		if err := removable(dest); err != nil {
			return nil, fmt.Errorf("cannot remove %s: %w", dest, err)
		}
	}
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	c := &Cleaned{}
	var failed []Leftover
	c.Temporary, c.Running, failed = removeStale(parent, tempPrefix(base), true)
	if built {
		// Moved aside first, so that the folder goes in one step: a clean
		// cut short leaves a temporary folder, which the next build or
		// clean removes, not half a build that no longer looks like one.
		aside, err := os.MkdirTemp(parent, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-")
		if err != nil {
			return c, fmt.Errorf("cannot remove %s (%w): it was left as it was", dest, errors.Unwrap(err))
		}
		// The name is this process's alone; the empty folder that reserved
		// it goes, as os.Rename does not replace a folder.
		_ = os.Remove(aside)
		if err := os.Rename(dest, aside); err != nil {
			return c, fmt.Errorf("cannot remove %s (%w): it was left as it was", dest, errors.Unwrap(err))
		}
		if gitignore {
			if err := os.Mkdir(dest, 0o755); err == nil {
				_ = os.Rename(filepath.Join(aside, ".gitignore"), filepath.Join(dest, ".gitignore"))
			}
		}
		c.Output = true
		if err := os.RemoveAll(aside); err != nil {
			failed = append(failed, Leftover{Path: filepath.Clean(aside), Previous: true, Err: err})
		}
	}
	if len(failed) > 0 {
		l := failed[0]
		return c, fmt.Errorf("cannot remove %s (%s): delete it yourself once it can be deleted (it may need chmod -R u+w)", l.Path, l.Reason())
	}
	return c, nil
}

// Scratch makes a new private folder in the system's temporary folder for
// this process's own use, named name-PID-RANDOM, after removing those of
// that name that processes which have ended left behind (killed, or
// stopped by a signal they could not catch). A preview server builds into
// one, so its drafts stay out of the site's folder.
func Scratch(name string) (string, error) {
	RemoveScratch(name)
	return os.MkdirTemp("", name+"-"+strconv.Itoa(os.Getpid())+"-")
}

// RemoveScratch removes the folders that Scratch made for name in processes
// that have ended, and returns them, and those it could not remove. Folders
// named otherwise, as older versions named theirs, and other users' are
// left alone: a preview of an older version may be using one.
func RemoveScratch(name string) (removed []string, failed []Leftover) {
	removed, _, failed = removeStale(os.TempDir(), name+"-", false)
	return removed, failed
}
