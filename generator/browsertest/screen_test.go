package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestReflow shows every page on a 320-pixel phone and a 1280-pixel
// screen and requires that nothing needs sideways scrolling (WCAG 1.4.10).
// With HANDOUTS_LOOK_DIR set it keeps a screenshot of the first screen of
// each page there.
func TestReflow(t *testing.T) {
	need(t, "chromium")
	e := site(t)
	look := lookDir(t)
	pages := e.pages(t)
	for _, width := range []int64{320, 1280} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			ctx := e.tab(t, time.Duration(len(pages))*pageTimeout)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				if p.Redirect {
					continue
				}
				t.Run(strings.Trim(p.URL, "/"), func(t *testing.T) {
					ctx, cancel := context.WithTimeout(ctx, pageTimeout)
					defer cancel()
					e.open(t, ctx, p.URL)
					wide := eval[[]string](t, ctx, `[...document.querySelectorAll("body *")]
						.filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
						.map(e => e.outerHTML.slice(0, 80))`)
					if sw := eval[int](t, ctx, `document.documentElement.scrollWidth`); sw > int(width) {
						t.Errorf("the page is %d pixels wide on a %d-pixel screen; too wide: %q", sw, width, wide)
					}
					if look == "" {
						return
					}
					png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()) // the first screen
					if err != nil {
						t.Fatal(err)
					}
					name := fileName("screen", strings.Trim(p.URL, "/"), fmt.Sprint(width)) + ".png"
					if p.URL == "/" {
						name = fileName("screen", "home", fmt.Sprint(width)) + ".png"
					}
					if err := os.WriteFile(filepath.Join(look, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		})
	}
}
