package publish

import "golang.org/x/sys/unix"

// mountOf identifies the mount that p is on, without following p if it is
// a symbolic link. Bind mounts of one file system are told apart by their
// mount ID; kernels older than 5.8, which lack it, tell only file systems
// apart, by device.
func mountOf(p string) (uint64, error) {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, p, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_MNT_ID, &st); err != nil {
		return 0, err
	}
	if st.Mask&unix.STATX_MNT_ID == 0 {
		return unix.Mkdev(st.Dev_major, st.Dev_minor), nil
	}
	return st.Mnt_id, nil
}
