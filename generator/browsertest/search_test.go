package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handouts/generator/theme"
)

// searchState is what the search page shows: the handouts listed, in
// order, and what its status region says.
type searchState struct {
	Shown  []string `json:"shown"` // data-handout of each visible result
	All    int      `json:"all"`   // results in the list, shown or not
	Status string   `json:"status"`
	Query  string   `json:"query"` // the search box's value
	// Live counts the page's live regions.
	Live int `json:"live"`
	// NoScript is true when the note for a browser without JavaScript shows.
	NoScript bool `json:"noScript"`
}

const searchStateJS = `(() => ({
	shown: [...document.querySelectorAll(".search-results > li")].filter(li => li.getClientRects().length > 0).map(li => li.dataset.handout),
	all: document.querySelectorAll(".search-results > li").length,
	status: document.querySelector(".search-status").textContent,
	query: document.querySelector("#search-q").value,
	live: document.querySelectorAll("[role=status], [role=alert], [role=log], [aria-live]").length,
	noScript: document.querySelector(".search-no-script").getClientRects().length > 0,
}))()`

// settled waits until the search page's status says something and no
// update is pending, and returns what the page shows.
func settled(t *testing.T, ctx context.Context) searchState {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := eval[searchState](t, ctx, searchStateJS)
		if s.Status != "" {
			// The status is said once typing pauses; give a late
			// keystroke's update the time to land.
			time.Sleep(900 * time.Millisecond)
			return eval[searchState](t, ctx, searchStateJS)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the search page's status stays empty: %+v", s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// count is the status a language says for n handouts found.
func (e *env) count(lang string, n int) string {
	if n == 1 {
		return e.words(lang).SearchFoundOne
	}
	return strings.ReplaceAll(e.words(lang).SearchFoundMany, "{n}", fmt.Sprint(n))
}

// TestSearch tries the search page as a clinic would: typing a parent's
// word, a Spanish query with and without its accents and ñ, the header's
// search box on another page, a link with ?q=, the keyboard, and the page
// without JavaScript.
func TestSearch(t *testing.T) {
	need(t, "chromium")
	e := site(t)
	inLang := map[string]int{}
	for _, d := range e.handouts {
		inLang[d.Lang]++
	}

	t.Run("typing engorged", func(t *testing.T) {
		ctx := e.tab(t, tabTimeout)
		watch(t, ctx)
		e.open(t, ctx, "/search/")
		// Count every change of the page's live regions, to see that typing
		// announces nothing but the count, and that once it pauses.
		eval[bool](t, ctx, `window.__said = 0; window.__other = 0;
			for (const r of document.querySelectorAll("[role=status], [role=alert], [role=log], [aria-live]")) {
				new MutationObserver(() => r.matches(".search-status") ? __said++ : __other++).observe(r, {childList: true, characterData: true, subtree: true});
			}
			true`)
		const word = "engorged"
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#search-q"), word)); err != nil {
			t.Fatal(err)
		}
		s := settled(t, ctx)
		if len(s.Shown) == 0 || s.Shown[0] != "en:swollen-breasts-plugged-ducts" {
			t.Errorf("typing %q lists %q; the swollen-breasts handout must come first", word, s.Shown)
		}
		if want := e.count("en", len(s.Shown)); s.Status != want {
			t.Errorf("the status says %q; want %q", s.Status, want)
		}
		if other := eval[int](t, ctx, `__other`); other > 0 || s.Live == 0 {
			t.Errorf("typing changed %d live regions other than the status (of %d); only the count may be announced", other, s.Live)
		}
		if said := eval[int](t, ctx, `__said`); said < 1 || said >= len(word) {
			t.Errorf("the status changed %d times while %d letters were typed; it must speak once typing pauses", said, len(word))
		}
		// The address keeps the words, for the back button and a bookmark.
		if q := eval[string](t, ctx, `new URLSearchParams(location.search).get("q")`); q != word {
			t.Errorf("the address has q=%q; want %q", q, word)
		}
		for _, p := range eval[[]string](t, ctx, loadProblemsJS) {
			t.Error(p)
		}
	})

	t.Run("words in order, from a link", func(t *testing.T) {
		ctx := e.tab(t, tabTimeout)
		for _, tt := range []struct{ q, first string }{
			{"clogged duct", "en:swollen-breasts-plugged-ducts"},
			{"pump more milk", "en:hands-on-pumping"},
			{"how long can milk sit out", "en:storing-breast-milk"},
			{"colostrum", "en:collecting-colostrum"},
		} {
			e.open(t, ctx, "/search/?q="+url.QueryEscape(tt.q))
			s := settled(t, ctx)
			if s.Query != tt.q {
				t.Errorf("?q=%s: the box holds %q", tt.q, s.Query)
			}
			if len(s.Shown) == 0 || s.Shown[0] != tt.first {
				t.Errorf("?q=%s lists %q; want %s first", tt.q, s.Shown, tt.first)
			}
		}
	})

	t.Run("Spanish, from the header", func(t *testing.T) {
		ctx := e.tab(t, tabTimeout)
		e.open(t, ctx, "/es/handouts/")
		if err := chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.CSS("#site-search-q"), "pecho duro"),
			chromedp.SendKeys(chromedp.CSS("#site-search-q"), kb.Enter),
			chromedp.WaitVisible(chromedp.CSS(".search-results")),
		); err != nil {
			t.Fatal(err)
		}
		if path := eval[string](t, ctx, `location.pathname`); path != "/es/search/" {
			t.Errorf("the Spanish header's search box went to %s; want /es/search/", path)
		}
		s := settled(t, ctx)
		if len(s.Shown) == 0 || s.Shown[0] != "es:pechos-hinchados-conductos-obstruidos" {
			t.Errorf("«pecho duro» lists %q; want the Spanish swollen-breasts handout first", s.Shown)
		}
		for _, id := range s.Shown {
			if !strings.HasPrefix(id, "es:") {
				t.Errorf("the Spanish search lists %s", id)
			}
		}
		if want := e.count("es", len(s.Shown)); s.Status != want {
			t.Errorf("the status says %q; want %q", s.Status, want)
		}

		// Accents fold; ñ does not.
		for _, tt := range []struct {
			q       string
			has     string // a handout that must be found, or "" for none at all
			nothing bool
		}{
			{q: "extraccion manual", has: "es:extraccion-manual"},
			{q: "EXTRACCIÓN", has: "es:extraccion-manual"},
			{q: "pequeña", has: "es:recoger-calostro"},
			{q: "pequena", nothing: true},
		} {
			e.open(t, ctx, "/es/search/?q="+url.QueryEscape(tt.q))
			s := settled(t, ctx)
			switch {
			case tt.nothing && len(s.Shown) > 0:
				t.Errorf("«%s» lists %q; ñ is a letter of its own, so nothing must match", tt.q, s.Shown)
			case tt.nothing && s.Status != e.words("es").SearchFoundNone:
				t.Errorf("«%s»: the status says %q", tt.q, s.Status)
			case tt.has != "" && !slices.Contains(s.Shown, tt.has):
				t.Errorf("«%s» lists %q, without %s", tt.q, s.Shown, tt.has)
			}
		}
	})

	t.Run("fold as the generator does", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join("..", "search", "testdata", "fold.json"))
		if err != nil {
			t.Fatal(err)
		}
		script, err := os.ReadFile(filepath.Join(e.root, "themes", "default", "static", "js", "search.js"))
		if err != nil {
			t.Fatal(err)
		}
		fold := regexp.MustCompile(`(?s)\n  function fold\(text\) \{\n.*?\n  \}\n`).Find(script)
		if fold == nil {
			t.Fatal("no function fold(text) in search.js")
		}
		var cases [][2]string
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatal(err)
		}
		ins := make([]string, len(cases))
		for i, c := range cases {
			ins[i] = c[0]
		}
		arg, _ := json.Marshal(ins)
		ctx := e.tab(t, tabTimeout)
		e.open(t, ctx, "/search/")
		got := eval[[]string](t, ctx, string(arg)+".map("+string(fold)+")")
		for i, c := range cases {
			if got[i] != c[1] {
				t.Errorf("search.js folds %q to %q; generator/search folds it to %q", c[0], got[i], c[1])
			}
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		ctx := e.tab(t, tabTimeout)
		e.open(t, ctx, "/search/")
		eval[bool](t, ctx, `window.__same = true; document.querySelector("#search-q").focus(); true`)
		// Enter searches in place, and says the count at once.
		if err := chromedp.Do(ctx, chromedp.KeyEvent("lump"), chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		s := settled(t, ctx)
		if !eval[bool](t, ctx, `window.__same === true`) {
			t.Error("Enter in the search box loaded the page again; it must search in place")
		}
		if len(s.Shown) == 0 {
			t.Fatalf("«lump» finds nothing: %+v", s)
		}
		// Tab leads from the box to the first result.
		for range 6 {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				t.Fatal(err)
			}
			if eval[string](t, ctx, `document.activeElement.closest(".search-results > li")?.dataset.handout ?? ""`) == s.Shown[0] {
				return
			}
		}
		t.Errorf("Tab from the search box does not reach the first result, %s", s.Shown[0])
	})

	t.Run("without JavaScript", func(t *testing.T) {
		for _, lang := range []string{"en", "es"} {
			off := e.tab(t, tabTimeout)
			if _, err := chromedp.Call(off, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
			at := "/search/?q=engorged"
			if lang != "en" {
				at = "/" + lang + at
			}
			if err := chromedp.Do(off, chromedp.Navigate(e.server.URL+at)); err != nil {
				t.Fatal(err)
			}
			// DevTools still evaluates scripts when the page's own cannot run.
			s := eval[searchState](t, off, searchStateJS)
			if len(s.Shown) != inLang[lang] || s.All != inLang[lang] {
				t.Errorf("%s: without JavaScript, %s shows %d of %d results; want all %d handouts", lang, at, len(s.Shown), s.All, inLang[lang])
			}
			if !s.NoScript || s.Status != "" {
				t.Errorf("%s: without JavaScript the note must show and the status stay empty: %+v", lang, s)
			}
			links := eval[[]string](t, off, `[...document.querySelectorAll(".search-browse a")].map(a => a.pathname)`)
			prefix := ""
			if lang != "en" {
				prefix = "/" + lang
			}
			if len(links) != 2 || links[0] != prefix+"/handouts/" || links[1] != prefix+"/topics/" {
				t.Errorf("%s: the page links %q; want the A–Z list and the topics", lang, links)
			}
		}
	})
}

// words are the theme's words in lang, as its handouts print them.
func (e *env) words(lang string) *theme.Strings {
	for _, d := range e.handouts {
		if d.Lang == lang {
			return d.T
		}
	}
	return &theme.Strings{}
}
