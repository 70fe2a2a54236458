//go:build unix

package publish

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// removable returns why this process could not delete the folder root, an
// earlier build, once a new build has taken its place; or nil. Deleting a
// file needs its folder to be writable (not read-only, not on a read-only
// file system) and readable, and, in a folder with the sticky bit (as /tmp
// has) that is another user's, the file to be one's own. A folder that is a
// mount point cannot be deleted, and deleting what is in it would empty
// the file system mounted there; root itself cannot be moved aside if it
// is one. The message names the folder and says what to do.
//
// What it cannot see (a file marked immutable with chattr +i, a change
// made after the check) Commit reports as a Leftover.
func removable(root string) error {
	parent := filepath.Dir(root)
	rootMount, err := mountOf(root)
	if err != nil {
		return fmt.Errorf("%s cannot be read (%v): make it readable (chmod -R u+rwX %s)", root, errText(err), root)
	}
	if parentMount, err := mountOf(parent); err == nil && parentMount != rootMount {
		return fmt.Errorf("%s is a mount point, which cannot be moved aside: build into a folder inside it, like %s", root, filepath.Join(root, "site"))
	}
	if err := othersInSticky(parent, []string{filepath.Base(root)}); err != nil {
		return err
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s cannot be read (%v), so the earlier build in %s cannot be deleted: make it readable (chmod -R u+rwX %s)", p, errText(err), root, root)
		}
		if !d.IsDir() {
			return nil
		}
		if p != root {
			m, err := mountOf(p)
			if err != nil {
				return fmt.Errorf("%s cannot be read (%v), so the earlier build in %s cannot be deleted: make it readable (chmod -R u+rwX %s)", p, errText(err), root, root)
			}
			if m != rootMount {
				return fmt.Errorf("%s is a mount point, and deleting the earlier build in %s would empty what is mounted there: unmount it", p, root)
			}
		}
		if err := unix.Access(p, unix.W_OK|unix.X_OK); err != nil {
			return fmt.Errorf("%s is read-only (%v), so the earlier build in %s cannot be deleted: make it writable (chmod -R u+w %s)", p, errText(err), root, root)
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil // WalkDir reports it
		}
		names := make([]string, len(entries))
		for i, e := range entries {
			names[i] = e.Name()
		}
		return othersInSticky(p, names)
	})
}

// othersInSticky returns an error when dir has the sticky bit, is another
// user's, and holds one of names owned by another user: only the owners of
// such files, or of dir, may delete or move them.
func othersInSticky(dir string, names []string) error {
	euid := os.Geteuid()
	info, err := os.Stat(dir)
	if err != nil || info.Mode()&fs.ModeSticky == 0 || euid == 0 || owner(info) == euid {
		return nil
	}
	for _, name := range names {
		p := filepath.Join(dir, name)
		if fi, err := os.Lstat(p); err == nil && owner(fi) != euid {
			return fmt.Errorf("%s belongs to another user, in %s, where only a file's owner may delete it: ask its owner to delete it", p, dir)
		}
	}
	return nil
}

// owner returns the user ID that owns a file, or -1.
func owner(info fs.FileInfo) int {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid)
	}
	return -1
}

// mine reports whether this process's user owns the file p.
func mine(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && owner(info) == os.Geteuid()
}
