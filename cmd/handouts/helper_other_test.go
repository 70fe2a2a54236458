//go:build !linux

package main

// runHelper does nothing here: the tests that start this binary as a
// helper, with mounts of its own, run on Linux only.
func runHelper() {}
