//go:build !unix

package generator

// noFollow is not available here; content files are opened as named.
const noFollow = 0
