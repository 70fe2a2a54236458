package publish

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// folderInfo returns what removable needs to know of the folder p, in one
// system call, without following p if it is a symbolic link: the mount it
// is on, its mode and its owner. Bind mounts of one file system are told
// apart by their mount ID; kernels older than 5.8, which lack it, tell
// only file systems apart, by device.
func folderInfo(p string) (mount uint64, mode uint32, uid int, err error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, p, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_MNT_ID|unix.STATX_MODE|unix.STATX_UID, &st); err != nil {
		return 0, 0, 0, err
	}
	mount = st.Mnt_id
	if st.Mask&unix.STATX_MNT_ID == 0 {
		mount = unix.Mkdev(st.Dev_major, st.Dev_minor)
	}
	return mount, uint32(st.Mode), int(st.Uid), nil
}

// mountedInside returns an error naming a mount point at or inside the
// folder root, or nil. It reads the list of this process's mounts, which
// is quick whatever the size of root; without it (no /proc), it looks at
// every folder.
func mountedInside(root string) error {
	data, err := os.ReadFile("/proc/self/mountinfo")
	real, realErr := filepath.EvalSymlinks(root)
	if realErr == nil {
		real, realErr = filepath.Abs(real)
	}
	if err != nil || realErr != nil {
		return walkForMount(root)
	}
	for _, line := range strings.Split(string(data), "\n") {
		// "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": the fifth field is where.
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		at := unescapeMount(f[4])
		if at == real {
			return mountPoint(root, root)
		}
		if rel, ok := strings.CutPrefix(at, real+"/"); ok {
			return mountPoint(root, filepath.Join(root, rel))
		}
	}
	return nil
}

// unescapeMount decodes a path in /proc/self/mountinfo, where a space, tab,
// newline or backslash is written as \ and three octal digits.
func unescapeMount(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
