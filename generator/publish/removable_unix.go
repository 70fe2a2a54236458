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
	rootMount, _, _, err := folderInfo(root)
	if err != nil {
		return fmt.Errorf("%s cannot be read (%v): make it readable (chmod -R u+rwX %s)", root, errText(err), root)
	}
	if parentMount, mode, uid, err := folderInfo(parent); err == nil {
		if parentMount != rootMount {
			return mountPoint(root, root)
		}
		if err := othersInSticky(parent, mode, uid, []string{filepath.Base(root)}); err != nil {
			return err
		}
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			return nil
		}
		var mount uint64
		var mode uint32
		var uid int
		if err == nil {
			mount, mode, uid, err = folderInfo(p)
		}
		if err != nil {
			return fmt.Errorf("%s cannot be read (%v), so the earlier build in %s cannot be deleted: make it readable (chmod -R u+rwX %s)", p, errText(err), root, root)
		}
		if mount != rootMount {
			return mountPoint(root, p)
		}
		if err := unix.Access(p, unix.W_OK|unix.X_OK); err != nil {
			return fmt.Errorf("%s is read-only (%v), so the earlier build in %s cannot be deleted: make it writable (chmod -R u+w %s)", p, errText(err), root, root)
		}
		if mode&unix.S_ISVTX == 0 {
			return nil
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil // WalkDir reports it
		}
		names := make([]string, len(entries))
		for i, e := range entries {
			names[i] = e.Name()
		}
		return othersInSticky(p, mode, uid, names)
	})
}

// othersInSticky returns an error when dir, of the given mode and owner,
// has the sticky bit, is another user's, and holds one of names owned by
// another user: only the owners of such files, or of dir, may delete or
// move them.
func othersInSticky(dir string, mode uint32, uid int, names []string) error {
	euid := os.Geteuid()
	if mode&unix.S_ISVTX == 0 || euid == 0 || uid == euid {
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

// mountPoint says that the folder p, root or inside it, is a mount point.
func mountPoint(root, p string) error {
	if p == root {
		return fmt.Errorf("%s is a mount point, which cannot be moved aside: build into a folder inside it, like %s", root, filepath.Join(root, "site"))
	}
	return fmt.Errorf("%s is a mount point, and deleting the earlier build in %s would empty what is mounted there: unmount it", p, root)
}

// walkForMount returns an error naming a mount point at or inside root, or
// nil, by looking at every folder, as removable does.
func walkForMount(root string) error {
	rootMount, _, _, err := folderInfo(root)
	if err != nil {
		return nil // removable said what it could; Commit reports the rest
	}
	if parentMount, _, _, err := folderInfo(filepath.Dir(root)); err == nil && parentMount != rootMount {
		return mountPoint(root, root)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if m, _, _, err := folderInfo(p); err == nil && m != rootMount {
			return mountPoint(root, p)
		}
		return nil
	})
}
