package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// longSite writes a site of n handouts with the repository's theme into a
// new folder and returns it: titles start with every letter from A to Z
// in turn, and the handouts take one of two topics in turn, so that the
// A–Z list and each topic's page run past one page.
func longSite(t *testing.T, root string, n int) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "themes"), os.DirFS(filepath.Join(root, "themes"))); err != nil {
		t.Fatal(err)
	}
	write := func(rel, data string) {
		file := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/_index.md", "---\ntitle: A large library\nbase_url: https://example.org/\n---\n\nEvery handout of a large library.\n")
	words := strings.Fields("Apples Baths Cups Drinks Evenings Feeds Grips Hands Ice Jars Kits Latch Milk Nights Oils Pumps Quiet Rest Sleep Towels Use Visits Water Xylitol Yawns Zinc")
	topics := []string{"milk supply", "pumping"}
	for i := range n {
		write(fmt.Sprintf("content/handouts/h%04d.md", i), fmt.Sprintf(`---
title: "%s %d"
summary: "A short handout for the long-list test."
reviewed: 2026-01-02
topics: [%q]
sources:
  - title: "A source"
    url: "https://example.org/source"
---

Wash your hands.
`, words[i%len(words)], i, topics[i%len(topics)]))
	}
	return dir
}

// TestLongLists builds a library of 1,001 handouts, whose A–Z list and
// topic pages split into pages, and checks the pages a split list makes
// as TestAxe checks the site's own (no WCAG 2.2 A or AA violation at
// 1280 and 320 pixels, nothing blocked or missing), then follows the
// letter index from the list's first page to a letter that starts on a
// later one, the way a keyboard user does.
func TestLongLists(t *testing.T) {
	axePath := need(t, "chromium", "axe")["axe"]
	e := site(t)
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	server := e.buildAndServe(t, longSite(t, e.root, 1001))
	pages := []string{"/", "/handouts/", "/handouts/page/2/", "/handouts/page/3/", "/topics/milk-supply/", "/topics/milk-supply/page/2/"}
	e.atWidths(t, len(pages), func(t *testing.T, ctx context.Context) {
		for _, p := range pages {
			t.Run(strings.Trim(p, "/"), func(t *testing.T) {
				openAt(t, ctx, server.URL+p)
				checkLoadAndAxe(t, ctx, axe, axePath)
			})
		}
	})
	t.Run("letter on a later page", func(t *testing.T) {
		ctx := e.tab(t, tabTimeout)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 700)); err != nil {
			t.Fatal(err)
		}
		openAt(t, ctx, server.URL+"/handouts/")
		eval[bool](t, ctx, `(() => { const a = [...document.querySelectorAll("nav.letter-index a")].pop(); a.focus(); return true })()`)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.WaitReady(`nav.letter-index`)); err != nil {
			t.Fatal(err)
		}
		got := eval[letterJump](t, ctx, letterJumpJS)
		path := eval[string](t, ctx, `location.pathname`)
		t.Logf("letters %q; the last led to %s%s, %.0f px from the top", got.Letters, path, got.Hash, got.Top)
		if len(got.Letters) != 26 {
			t.Fatalf("the letter index has %q, want A to Z", got.Letters)
		}
		// 1,001 titles, 38 or 39 a letter, 500 a page: Z's start on page
		// 2, and its last is alone on page 3.
		if path != "/handouts/page/2/" || got.Heading != "Z" {
			t.Errorf("Enter on Z went to %s%s, heading %q; want /handouts/page/2/#letter-z, where Z's handouts start", path, got.Hash, got.Heading)
		}
		if got.Top < -1 || got.Top > 100 || got.Covered {
			t.Errorf("the heading %q is %.0f px from the top of the window (covered by the bar: %v); it must be at the top, in sight", got.Heading, got.Top, got.Covered)
		}
	})
}
