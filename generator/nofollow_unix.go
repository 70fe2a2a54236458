//go:build unix

package generator

import "syscall"

// noFollow makes opening a path fail when its last part is a symbolic link.
const noFollow = syscall.O_NOFOLLOW
