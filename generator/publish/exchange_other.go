//go:build !linux

package publish

// exchange swaps the folders a and b.
func exchange(a, b string) error { return twoRenames(a, b) }
