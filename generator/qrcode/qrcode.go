// Package qrcode draws QR codes as inline SVG, so a printed handout leads
// back to its page online. The code itself is made by rsc.io/qr; this
// package only draws its modules.
//
// rsc.io/qr makes a code in about 30 µs; github.com/boombuler/barcode, which
// also scores the eight mask patterns, took about 3.8 ms, which alone would
// add some 19 seconds to a 10,000-page build on two cores. rsc.io/qr always
// uses mask pattern 0, which the standard allows; the print tests decode
// every printed code with zbarimg to show it scans.
package qrcode

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"rsc.io/qr"
)

// quiet is the blank margin around the code, in modules, that scanners need.
const quiet = 4

// SVG returns an SVG image of a QR code holding text, with error correction
// level M (about 15% of the code can be smudged or torn). It scales to any
// size; the caller sets it with CSS. label names the code for screen readers.
func SVG(text, label string) (template.HTML, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", fmt.Errorf("making a QR code for %q: %w", text, err)
	}
	n := code.Size
	size := n + 2*quiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`,
		size, size, html.EscapeString(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, size, size)
	// One horizontal run of dark modules per subpath keeps the path short.
	for y := 0; y < n; y++ {
		for x := 0; x < n; {
			if !code.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < n && code.Black(x, y) {
				x++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", start+quiet, y+quiet, x-start, x-start)
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}
