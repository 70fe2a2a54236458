//go:build unix && !linux

package publish

import "golang.org/x/sys/unix"

// folderInfo returns what removable needs to know of the folder p, without
// following p if it is a symbolic link: the file system it is on (by
// device), its mode and its owner.
func folderInfo(p string) (mount uint64, mode uint32, uid int, err error) {
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		return 0, 0, 0, err
	}
	return uint64(st.Dev), uint32(st.Mode), int(st.Uid), nil
}

// mountedInside returns an error naming a mount point at or inside the
// folder root, or nil, by looking at every folder.
func mountedInside(root string) error { return walkForMount(root) }
