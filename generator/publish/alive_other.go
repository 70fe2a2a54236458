//go:build !unix

package publish

// alive reports whether the process pid exists. Without a way to ask, it
// says no, so temporary folders of killed builds are always cleaned up; two
// builds of one destination at once must be avoided by hand there.
func alive(pid int) bool { return false }
