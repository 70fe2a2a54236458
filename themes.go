// Package handouts holds what the handouts command carries inside its
// binary: the default theme, so that a site without a themes/ folder of its
// own still builds. A site's themes/default folder, when it has one, is used
// instead.
package handouts

import "embed"

// DefaultTheme holds themes/default: layouts, CSS, JavaScript and icons.
//
//go:embed themes/default
var DefaultTheme embed.FS
