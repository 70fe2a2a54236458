//go:build !unix

package publish

// removable checks nothing where the system gives no portable way to ask
// who may delete a file: Commit reports what it could not delete as a
// Leftover.
func removable(root string) error { return nil }

// mine reports whether this process's user owns the file p: here, always.
func mine(p string) bool { return true }

// mountedInside finds nothing where removable cannot look.
func mountedInside(root string) error { return nil }
