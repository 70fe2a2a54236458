//go:build unix

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on the folder dir, waiting while another
// build holds it, and returns the function that releases it. Builds lock the
// destination's parent folder, so that one build never removes the
// temporary folder of another that is still writing. The system releases
// the lock of a killed build.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
