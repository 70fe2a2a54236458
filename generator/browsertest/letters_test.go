package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// letterJump is what the page shows after a letter of the index is
// followed.
type letterJump struct {
	Letters []string // the index's letters, in order
	Hash    string   // the address's fragment
	Heading string   // the text of the heading the fragment names
	Top     float64  // where that heading is, from the top of the window
	Covered bool     // whether the sticky tick-box bar covers it
}

// letterJumpJS reads the letter index and where the last letter's link
// led.
const letterJumpJS = `(() => {
  const links = [...document.querySelectorAll("nav.letter-index a")];
  const h = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const top = h ? h.getBoundingClientRect().top : -1;
  const bar = document.querySelector(".pick-bar:not([hidden])");
  const covered = !!(h && bar && bar.getBoundingClientRect().top < h.getBoundingClientRect().bottom);
  return {letters: links.map(a => a.textContent), hash: location.hash, heading: h ? h.textContent : "", top, covered};
})()`

// TestLetterIndex follows the A–Z list's letter index the way a keyboard
// user does: focus the last letter, press Enter, and the page shows that
// letter's heading at the top, not under the tick-box bar. Printed, the
// index is not there.
func TestLetterIndex(t *testing.T) {
	need(t, "chromium")
	e := site(t)
	for _, tt := range []struct{ url, first string }{
		{"/handouts/", "A"},
		{"/es/handouts/", "A"},
	} {
		t.Run(tt.url, func(t *testing.T) {
			ctx := e.tab(t, tabTimeout)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 700)); err != nil {
				t.Fatal(err)
			}
			e.open(t, ctx, tt.url)
			if dir := lookDir(t); dir != "" {
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fileName(tt.url, "letters.png")), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			eval[bool](t, ctx, `(() => { const a = [...document.querySelectorAll("nav.letter-index a")].pop(); a.focus(); return true })()`)
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			got := eval[letterJump](t, ctx, letterJumpJS)
			t.Logf("letters %q; the last led to %s, %.0f px from the top", got.Letters, got.Hash, got.Top)
			if len(got.Letters) < 2 || got.Letters[0] != tt.first {
				t.Fatalf("the letter index has %q", got.Letters)
			}
			if last := got.Letters[len(got.Letters)-1]; got.Heading != last {
				t.Errorf("Enter on %s went to %q, heading %q", last, got.Hash, got.Heading)
			}
			if got.Top < -1 || got.Top > 100 || got.Covered {
				t.Errorf("the heading %q is %.0f px from the top of the window (covered by the bar: %v); it must be at the top, in sight", got.Heading, got.Top, got.Covered)
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			if shown := eval[bool](t, ctx, `getComputedStyle(document.querySelector("nav.letter-index")).display !== "none"`); shown {
				t.Errorf("the letter index is printed")
			}
		})
	}
}
