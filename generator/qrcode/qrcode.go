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
	"strconv"

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
	size := strconv.Itoa(n + 2*quiet)
	// Appending numbers directly, not through fmt, makes drawing ten times
	// cheaper; a large site draws thousands of codes.
	b := make([]byte, 0, 4096)
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `...)
	b = append(b, size+" "+size...)
	b = append(b, `" role="img" aria-label="`...)
	b = append(b, html.EscapeString(label)...)
	b = append(b, `" shape-rendering="crispEdges"><rect width="`...)
	b = append(b, size+`" height="`+size+`" fill="#fff"/><path fill="#000" d="`...)
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
			run := strconv.Itoa(x - start)
			b = append(b, 'M')
			b = strconv.AppendInt(b, int64(start+quiet), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(y+quiet), 10)
			b = append(b, "h"+run+"v1h-"+run+"z"...)
		}
	}
	b = append(b, `"/></svg>`...)
	return template.HTML(b), nil
}
