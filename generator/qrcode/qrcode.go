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
	"errors"
	"fmt"
	"html"
	"html/template"
	"strconv"
	"sync"

	"rsc.io/qr/coding"
)

// quiet is the blank margin around the code, in modules, that scanners need.
const quiet = 4

// Coder makes QR codes. It keeps the plan of each size of code it has made
// (where each module goes), which rsc.io/qr would make again for every
// code: a third of the work. It is safe for concurrent use.
type Coder struct {
	mu    sync.Mutex
	plans map[coding.Version]*coding.Plan
}

// plan returns the plan for codes of version v at level l, made once.
func (c *Coder) plan(v coding.Version, l coding.Level) (*coding.Plan, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.plans[v]; p != nil {
		return p, nil
	}
	p, err := coding.NewPlan(v, l, 0)
	if err != nil {
		return nil, err
	}
	if c.plans == nil {
		c.plans = map[coding.Version]*coding.Plan{}
	}
	c.plans[v] = p
	return p, nil
}

// encode makes the code for text as rsc.io/qr's Encode does: the most
// compact of its three encodings, the smallest version it fits, mask 0.
func (c *Coder) encode(text string) (*coding.Code, error) {
	var enc coding.Encoding = coding.String(text)
	if coding.Num(text).Check() == nil {
		enc = coding.Num(text)
	} else if coding.Alpha(text).Check() == nil {
		enc = coding.Alpha(text)
	}
	l := coding.M
	for v := coding.Version(coding.MinVersion); v <= coding.MaxVersion; v++ {
		if enc.Bits(v) <= v.DataBytes(l)*8 {
			p, err := c.plan(v, l)
			if err != nil {
				return nil, err
			}
			return p.Encode(enc)
		}
	}
	return nil, errors.New("text too long to encode as QR")
}

// SVG returns an SVG image of a QR code holding text, with error correction
// level M (about 15% of the code can be smudged or torn). It scales to any
// size; the caller sets it with CSS. label names the code for screen readers.
func (c *Coder) SVG(text, label string) (template.HTML, error) {
	code, err := c.encode(text)
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
	b = append(b, size+`" height="`+size+`" fill="#fff"/><path stroke="#000" d="`...)
	// Each run of dark modules in a row is a line one module thick through
	// the row's middle: "M4 4.5h7" starts a row, "m2 0h1" moves on to the
	// next run of that row. Half the bytes of drawing each run as a box.
	for y := 0; y < n; y++ {
		end := -1 // where the row's last run ended; -1 before the first
		for x := 0; x < n; {
			if !code.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < n && code.Black(x, y) {
				x++
			}
			if end < 0 {
				b = append(b, 'M')
				b = strconv.AppendInt(b, int64(start+quiet), 10)
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(y+quiet), 10)
				b = append(b, ".5h"...)
			} else {
				b = append(b, 'm')
				b = strconv.AppendInt(b, int64(start-end), 10)
				b = append(b, " 0h"...)
			}
			b = strconv.AppendInt(b, int64(x-start), 10)
			end = x
		}
	}
	b = append(b, `"/></svg>`...)
	return template.HTML(b), nil
}
