//go:build unix && !linux

package publish

import "golang.org/x/sys/unix"

// mountOf identifies the file system that p is on, by device, without
// following p if it is a symbolic link.
func mountOf(p string) (uint64, error) {
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		return 0, err
	}
	return uint64(st.Dev), nil
}
