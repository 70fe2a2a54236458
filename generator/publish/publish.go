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
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Dir is an output folder being written.
type Dir struct {
	final string // the destination
	tmp   string // where this build writes
	done  bool   // committed or aborted
	// made holds the folders made so far, by slash path below tmp: a
	// plain map under a lock, since a sync.Map's nodes cost three times the
	// memory, which the collector marks again and again in a large build.
	mu   sync.RWMutex
	made map[string]struct{}
	// stale are the temporary folders of killed builds that Create could
	// not remove, for Commit to report.
	stale []Leftover
}

// tempPrefix names the temporary folders of a destination called base. The
// leading dot keeps them out of listings and out of a dev server's reach.
// The process's ID follows, so that a build removes only the temporary
// folders of builds that died, never one that another build is writing.
func tempPrefix(base string) string { return "." + base + ".tmp-" }

// Create starts writing a build for dest. It removes temporary folders left
// beside dest by builds that were killed, and fails with a message saying
// what to do when dest is a file, a folder that is not an earlier build, a
// folder this process could not delete (read-only, or with a mount point
// inside), or in a folder that cannot be written: a build that cannot
// finish fails before it starts, and leaves dest as it was. Two builds of
// dest may run at once: each writes its own folder, and the one committed
// last is the result.
func Create(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	if err := checkFolder(dest); err != nil {
		return nil, err
	}
	if err := replaceable(dest); err != nil {
		return nil, err
	}
	exists, err := deletable(dest)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if !exists {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, fmt.Errorf("cannot create the destination's folder: %w", err)
		}
	}
	_, _, stale := removeStale(parent, tempPrefix(base), true)
	tmp, err := os.MkdirTemp(parent, tempPrefix(base)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("cannot write beside the destination %s (%w): choose a --destination in a folder you can write to", dest, errors.Unwrap(err))
	}
	tmp = filepath.Clean(tmp)
	if err := os.Chmod(tmp, 0o755); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{final: dest, tmp: tmp, stale: stale}, nil
}

// checkFolder refuses a destination that is a symbolic link or a file.
func checkFolder(dest string) error {
	info, err := os.Lstat(dest)
	switch {
	case err != nil:
		return nil
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("destination %s is a symbolic link: pass the folder it points to as --destination", dest)
	case !info.IsDir():
		return fmt.Errorf("destination %s is a file, not a folder: remove it or choose another --destination", dest)
	}
	return nil
}

// deletable reports whether dest exists, and fails when this process could
// not delete the earlier build in it once a new one took its place.
func deletable(dest string) (exists bool, err error) {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err := removable(dest); err != nil {
		return true, fmt.Errorf("cannot replace the destination %s: %w, or choose another --destination", dest, err)
	}
	return true, nil
}

// Leftover is a folder that could not be removed: the previous build,
// moved aside when a new one took its place, or the temporary folder of a
// build that was killed.
type Leftover struct {
	Path string
	// Previous is true for the previous build.
	Previous bool
	// Err says why it could not be removed.
	Err error
}

func (l Leftover) String() string {
	what := "the temporary folder of a killed build, " + l.Path + ", could not be removed"
	if l.Previous {
		what = "the new build is in place, but the previous one, moved aside to " + l.Path + ", could not be removed"
	}
	return fmt.Sprintf(`%s (%s): delete it yourself, or run "handouts clean", once it can be deleted`, what, l.Reason())
}

// Reason says why the folder could not be removed, naming the file that
// could not.
func (l Leftover) Reason() string {
	var pe *fs.PathError
	if errors.As(l.Err, &pe) {
		return pe.Path + ": " + errText(pe)
	}
	return l.Err.Error()
}

// removeStale removes the folders in parent named prefix followed by the ID
// of a process that has ended ("PID-RANDOM"). With oldNames, folders of
// other names go too: older versions named their builds' temporary folders
// otherwise. Without, they stay, and so do other users' folders. It returns
// what it removed, what it left because a running process may be writing
// it, and what it could not remove.
func removeStale(parent, prefix string, oldNames bool) (removed, running []string, failed []Leftover) {
	stale, err := filepath.Glob(filepath.Join(parent, prefix+"*"))
	if err != nil {
		return nil, nil, nil
	}
	for _, s := range stale {
		suffix := strings.TrimPrefix(filepath.Base(s), prefix)
		if _, ok := pidOf(suffix); !oldNames && (!ok || !mine(s)) {
			continue
		}
		if writing(suffix) {
			running = append(running, s)
			continue
		}
		if err := os.RemoveAll(s); err != nil {
			failed = append(failed, Leftover{Path: s, Err: err})
			continue
		}
		removed = append(removed, s)
	}
	return removed, running, failed
}

// writing reports whether the temporary folder whose name ends in suffix
// ("PID-RANDOM") may still be written by a running build: its process is
// this one or alive. Folders of other names are from killed builds of
// older versions.
func writing(suffix string) bool {
	pid, ok := pidOf(suffix)
	return ok && (pid == os.Getpid() || alive(pid))
}

// pidOf returns the process ID that starts a temporary folder's suffix,
// "PID-RANDOM".
func pidOf(suffix string) (int, bool) {
	id, _, found := strings.Cut(suffix, "-")
	pid, err := strconv.Atoi(id)
	return pid, found && err == nil && pid > 0
}

// Path returns where the output file rel (slash-separated) is written.
func (d *Dir) Path(rel string) string {
	return filepath.Join(d.tmp, filepath.FromSlash(rel))
}

// WriteFile writes the output file rel, creating its folders.
func (d *Dir) WriteFile(rel string, data []byte) error {
	if err := d.mkdirs(path.Dir(rel)); err != nil {
		return err
	}
	return os.WriteFile(d.Path(rel), data, 0o644)
}

// mkdirs makes the folder rel and its parents in the build's folder, each
// once: a build writes thousands of files into folders it knows it made.
func (d *Dir) mkdirs(rel string) error {
	if rel == "." || rel == "" {
		return nil
	}
	d.mu.RLock()
	_, made := d.made[rel]
	d.mu.RUnlock()
	if made {
		return nil
	}
	if err := d.mkdirs(path.Dir(rel)); err != nil {
		return err
	}
	if err := os.Mkdir(d.Path(rel), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.mu.Lock()
	if d.made == nil {
		d.made = map[string]struct{}{}
	}
	d.made[rel] = struct{}{}
	d.mu.Unlock()
	return nil
}

// Commit puts the build in the destination's place. Where the system can, the
// old and new folders are exchanged in one atomic step, so that a build
// killed at any moment leaves either the old or the new output, never a mix
// or nothing. A .gitignore in the old destination is carried over, because
// the repository keeps the empty public/ folder by it.
//
// Create checked that the previous build can be deleted, so that a build
// fails, changing nothing, rather than publish and then find it cannot.
// When it still cannot (a file marked immutable, a folder made read-only
// while the build ran), the new build is in place all the same and the
// previous one is returned as a Leftover, with the temporary folders of
// killed builds that Create could not remove: they are warnings, not
// failures. Only a file system mounted inside the destination since
// Create looked makes Commit fail, changing nothing: deleting the
// previous build would empty it.
func (d *Dir) Commit() ([]Leftover, error) {
	if d.done {
		return nil, errors.New("publish: Commit after Commit or Abort")
	}
	d.done = true
	if b, err := os.ReadFile(filepath.Join(d.final, ".gitignore")); err == nil {
		if err := os.WriteFile(filepath.Join(d.tmp, ".gitignore"), b, 0o644); err != nil {
			_ = os.RemoveAll(d.tmp)
			return nil, err
		}
	}
	if _, err := os.Lstat(d.final); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(d.tmp, d.final); err != nil {
			_ = os.RemoveAll(d.tmp)
			return nil, err
		}
		return d.stale, nil
	}
	// Create made sure the earlier build could be deleted. A file system
	// mounted in it since would be emptied: look again, which is quick.
	if err := mountedInside(d.final); err != nil {
		_ = os.RemoveAll(d.tmp)
		return nil, fmt.Errorf("cannot replace the destination %s: %w, or choose another --destination", d.final, err)
	}
	if err := exchange(d.tmp, d.final); err != nil {
		_ = os.RemoveAll(d.tmp)
		return nil, fmt.Errorf("cannot replace the destination %s (%w): nothing was changed; choose another --destination", d.final, err)
	}
	// d.tmp now holds the previous build.
	left := d.stale
	if err := os.RemoveAll(d.tmp); err != nil {
		left = append(left, Leftover{Path: d.tmp, Previous: true, Err: err})
	}
	return left, nil
}

// Abort removes the unfinished build and leaves the destination as it was.
func (d *Dir) Abort() {
	if !d.done {
		d.done = true
		_ = os.RemoveAll(d.tmp)
	}
}

// replaceable returns why the folder dest must not be replaced by a build,
// or nil. A build takes the whole folder's place and deletes the old one,
// so only a new or empty folder, or an earlier build, may be replaced: not
// the site's own folder or a folder of documents given as --destination by
// mistake. A build makes 404.html and sitemap.xml, and never a dot file
// but the .gitignore it carries over.
func replaceable(dest string) error {
	names, err := foreign(dest)
	if err != nil || names == "" {
		return err
	}
	return fmt.Errorf("destination %s holds files that are not an earlier build (%s); a build replaces the whole folder and would delete them, so choose a new or empty folder with --destination",
		dest, names)
}

// foreign returns a few names of the files in dest that a build would not
// have made, or "" when dest is new, empty or an earlier build.
func foreign(dest string) (string, error) {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cannot read the destination %s: %w", dest, err)
	}
	var names []string // a few, for the message; dot files first
	built, others, dotFiles := 0, 0, 0
	for _, e := range entries {
		switch name := e.Name(); {
		case name == ".gitignore" || name == ".DS_Store":
		case name == "404.html" || name == "sitemap.xml":
			if e.Type().IsRegular() {
				built++
			}
			others++
		case strings.HasPrefix(name, "."):
			names = append([]string{name}, names...)
			dotFiles++
		default:
			names = append(names, name)
			others++
		}
	}
	if dotFiles == 0 && (others == 0 || built == 2) {
		return "", nil
	}
	if len(names) > 3 {
		names = append(names[:3], "...")
	}
	return strings.Join(names, ", "), nil
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

// Replace writes the file rel in the folder dest in one step: a reader sees
// the old file or the new one, never part of it. Incremental rebuilds use it
// to update a destination that a server may be reading.
func Replace(dest, rel string, data []byte) error {
	p := filepath.Join(dest, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".replace-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}

// Remove deletes the file rel from the folder dest, and then its folders up
// to dest as long as they are empty.
func Remove(dest, rel string) error {
	p := filepath.Join(dest, filepath.FromSlash(rel))
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dest = filepath.Clean(dest)
	for dir := filepath.Dir(p); dir != dest && strings.HasPrefix(dir, dest+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty
		}
	}
	return nil
}

// errText is the system's reason in err, without the path err repeats.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
