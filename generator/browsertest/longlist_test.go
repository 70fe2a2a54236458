package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
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
	pages := []string{"/", "/handouts/", "/handouts/page/2/", "/handouts/page/3/", "/topics/milk-supply/", "/topics/milk-supply/page/2/", "/search/?q=milk"}
	e.atWidths(t, len(pages), func(t *testing.T, ctx context.Context) {
		for _, p := range pages {
			t.Run(strings.Trim(p, "/"), func(t *testing.T) {
				openAt(t, ctx, server.URL+p)
				checkLoadAndAxe(t, ctx, axe, axePath)
			})
		}
	})
	t.Run("search with no list", func(t *testing.T) {
		// The search page lists none of the 1,001 handouts: before a word
		// it says how many there are, and its script makes the best
		// results from the index's shards, each with its tick box.
		ctx := e.tab(t, tabTimeout)
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 700)); err != nil {
			t.Fatal(err)
		}
		openAt(t, ctx, server.URL+"/search/")
		s := settled(t, ctx)
		if want := strings.ReplaceAll(e.words("en").SearchStart, "{count}", "1,001 handouts"); s.Status != want || s.All != 0 || s.NoScript {
			t.Errorf("before a word, the page shows %+v; want no entries and the status %q", s, want)
		}
		// Typed: the list follows once typing pauses.
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), "zinc 103")); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			s := eval[searchState](t, ctx, searchStateJS)
			if s.Status == e.count("en", 1) && len(s.Shown) == 1 && s.Shown[0] == "en:h0103" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("typing zinc 103 shows %+v; want Zinc 103 alone", s)
			}
		}
		for _, tt := range []struct {
			q     string
			first string
			found int // handouts that have the words
		}{
			{"zinc 103", "en:h0103", 1}, // "Zinc 103", whose title has both words
			{"milk", "", 501},           // 501 on the milk supply topic, 39 of them titled Milk
		} {
			openAt(t, ctx, server.URL+"/search/?q="+url.QueryEscape(tt.q))
			s := settled(t, ctx)
			shown := min(tt.found, 100)
			want := e.count("en", tt.found)
			if tt.found > shown {
				want = strings.NewReplacer("{n}", "501", "{shown}", "100").Replace(e.words("en").SearchFoundFirst)
			}
			if len(s.Shown) != shown || s.Status != want {
				t.Errorf("%q: %d shown, status %q; want %d and %q", tt.q, len(s.Shown), s.Status, shown, want)
			}
			if tt.first != "" && (len(s.Shown) == 0 || s.Shown[0] != tt.first) {
				t.Errorf("%q lists %q; want %s first", tt.q, s.Shown, tt.first)
			}
			if dir := lookDir(t); dir != "" {
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fileName("long-search", tt.q+".png")), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			entry := eval[[]string](t, ctx, `(() => { const li = document.querySelector(".search-results > li"); return li ? [li.querySelector("a").pathname, li.querySelector("a").textContent, li.querySelector(".search-topics").textContent, String(!!li.querySelector(":scope > input.pick"))] : [] })()`)
			if len(entry) != 4 || !strings.HasPrefix(entry[0], "/handouts/h") || !strings.HasPrefix(entry[2], "Topics: ") || entry[3] != "true" {
				t.Errorf("%q: the first result is %q; want a link to its handout, its topic and a tick box", tt.q, entry)
			}
		}
		if tops := eval[[]string](t, ctx, `[...document.querySelectorAll(".search-results > li a")].slice(0, 39).map(a => a.textContent.split(" ")[0])`); slices.ContainsFunc(tops, func(w string) bool { return w != "Milk" }) {
			t.Errorf("the best results for milk are %q; the 39 titled Milk must come first", tops)
		}

		off := e.tab(t, tabTimeout)
		if _, err := chromedp.Call(off, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(off, chromedp.Navigate(server.URL+"/search/?q=milk")); err != nil {
			t.Fatal(err)
		}
		if s := eval[searchState](t, off, searchStateJS); !s.NoScript || s.All != 0 || s.Status != "" {
			t.Errorf("without JavaScript the page must show its note and no entries: %+v", s)
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
