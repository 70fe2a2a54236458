package qrcode

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"rsc.io/qr"
)

// TestCoderMatchesQR checks that codes made from kept plans are the codes
// rsc.io/qr makes, module for module, for texts of every encoding and of
// many lengths (so many sizes of code), made at once on several goroutines.
func TestCoderMatchesQR(t *testing.T) {
	texts := []string{"0", "0123456789", "HELLO WORLD", "https://handouts.example.org/handouts/hand-expression/"}
	for n := 1; n < 300; n += 7 {
		texts = append(texts, "https://example.org/"+strings.Repeat("a", n)+"/")
	}
	var c Coder
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, text := range texts {
				got, err := c.encode(text)
				if err != nil {
					t.Errorf("%q: %v", text, err)
					return
				}
				want, err := qr.Encode(text, qr.M)
				if err != nil {
					t.Errorf("%q: rsc.io/qr: %v", text, err)
					return
				}
				if got.Size != want.Size || !bytes.Equal(got.Bitmap, want.Bitmap) {
					t.Errorf("%q: the code differs from rsc.io/qr's (size %d, want %d)", text, got.Size, want.Size)
				}
			}
		})
	}
	wg.Wait()
}

func TestSVG(t *testing.T) {
	var c Coder
	svg, err := c.SVG("https://example.org/x/", `QR code for "x" & y`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33"`, `aria-label="QR code for &#34;x&#34; &amp; y"`, `<path stroke="#000" d="M4 4.5h7m`} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the SVG lacks %s:\n%s", want, svg)
		}
	}
	if _, err := c.SVG(strings.Repeat("x", 5000), "too long"); err == nil {
		t.Error("a text too long for any QR code made one")
	}
}
