package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// watchJS runs before a page's own scripts and records what a person
// would not see go wrong: a resource or script the Content-Security-Policy
// blocked, and a script error.
const watchJS = `window.__problems = [];
document.addEventListener("securitypolicyviolation", e =>
	__problems.push("the Content-Security-Policy blocked " + (e.blockedURI || "an inline " + e.effectiveDirective) + " (" + e.violatedDirective + ")"));
window.addEventListener("error", e => __problems.push("script error: " + e.message));`

// loadProblemsJS reports what watchJS saw, and every resource of the page
// that did not load.
const loadProblemsJS = `(() => {
	const problems = window.__problems || ["the watch script did not run"];
	for (const r of performance.getEntriesByType("resource")) {
		if (r.responseStatus && r.responseStatus !== 200) problems.push(r.name + " answered " + r.responseStatus);
	}
	return problems;
})()`

// watch makes the tab record blocked resources and script errors in every
// page it loads from now on.
func watch(t testing.TB, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: watchJS}); err != nil {
		t.Fatal(err)
	}
}

// axeViolation is one rule axe-core found broken, with the elements.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeJS runs axe-core's WCAG 2.0, 2.1 and 2.2 level A and AA rules.
const axeJS = `axe.run(document, {
	runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
	resultTypes: ["violations"],
}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact, help: v.help,
	nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.replace(/\s+/g, " ")),
})))`

// TestAxe runs axe-core on every page of the site, on a wide screen and on
// a 320-pixel phone, and requires no violation of WCAG 2.2 A and AA. It
// also requires every page to load with the site's Content-Security-Policy
// without a blocked resource, a script error or a missing file.
func TestAxe(t *testing.T) {
	axePath := need(t, "chromium", "axe")["axe"]
	e := site(t)
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	pages := e.pages(t)
	e.atWidths(t, len(pages), func(t *testing.T, ctx context.Context) {
		for _, p := range pages {
			if p.Redirect {
				continue // it leaves at once for the page TestAxe checks
			}
			t.Run(strings.Trim(p.URL, "/"), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(ctx, pageTimeout)
				defer cancel()
				e.open(t, ctx, p.URL)
				checkLoadAndAxe(t, ctx, axe, axePath)
			})
		}
	})
}

// atWidths runs f in a tab of its own on a wide screen (1280 pixels) and
// on a 320-pixel phone, each a subtest with time for pages pages, with the
// tab watched for problems (watch).
func (e *env) atWidths(t *testing.T, pages int, f func(t *testing.T, ctx context.Context)) {
	for _, width := range []int64{1280, 320} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			ctx := e.tab(t, time.Duration(pages)*pageTimeout)
			watch(t, ctx)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
				t.Fatal(err)
			}
			f(t, ctx)
		})
	}
}

// checkLoadAndAxe requires the page open in ctx to have loaded with
// nothing blocked, missing or failing (see watch), and runs axe (the
// script axe, read from axePath) on it, requiring no violation.
func checkLoadAndAxe(t *testing.T, ctx context.Context, axe []byte, axePath string) {
	t.Helper()
	for _, problem := range eval[[]string](t, ctx, loadProblemsJS) {
		t.Error(problem)
	}
	// Through DevTools, which the page's CSP does not govern.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		t.Fatalf("loading %s: %v", axePath, err)
	}
	for _, v := range eval[[]axeViolation](t, ctx, axeJS) {
		t.Errorf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}

// TestHTMLValid runs the Nu HTML Checker once over every page of the site
// and requires no error.
func TestHTMLValid(t *testing.T) {
	tools := need(t, "java", "vnu")
	e := site(t)
	var files []string
	for _, p := range e.pages(t) {
		files = append(files, p.Path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), vnuTimeout)
	defer cancel()
	args := append([]string{"-jar", tools["vnu"], "--errors-only", "--format", "json"}, files...)
	cmd := exec.CommandContext(ctx, tools["java"], args...)
	var out strings.Builder
	cmd.Stderr = &out // vnu writes its report to standard error
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running vnu: %v", err)
	}
	var report struct {
		Messages []struct {
			Type, URL, Message, SubType string
			LastLine, FirstColumn       int
			Extract                     string
		}
	}
	if err := json.Unmarshal([]byte(out.String()), &report); err != nil {
		t.Fatalf("reading vnu's report: %v\n%s", err, cut(out.String(), 2000))
	}
	errs := 0
	for _, m := range report.Messages {
		if m.Type != "error" && m.SubType != "fatal" {
			continue
		}
		errs++
		rel, _ := filepath.Rel(e.dir, strings.TrimPrefix(m.URL, "file:"))
		t.Errorf("%s:%d:%d: %s\n\t%s", rel, m.LastLine, m.FirstColumn, m.Message, m.Extract)
	}
	if errs == 0 && exit != nil {
		t.Fatalf("vnu failed without reporting an error: %v\n%s", err, cut(out.String(), 2000))
	}
	t.Logf("checked %d pages", len(files))
}

// focusStop is where one press of Tab put the focus.
type focusStop struct {
	Index   int    `json:"index"` // in the list keyboardJS made, or -1
	Name    string `json:"name"`
	Outline string `json:"outline"`
	// Visible is true when the focused element has a box inside the
	// viewport and is not transparent.
	Visible bool `json:"visible"`
	// Indicated is true when the element shows a focus outline of at
	// least 2 pixels.
	Indicated bool `json:"indicated"`
}

// tabbableJS numbers every element a keyboard user must be able to reach
// and returns their names.
const tabbableJS = `[...document.querySelectorAll("a[href], button, input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])")]
	.filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")
	.map((e, i) => { e.dataset.tabbable = i; return e.outerHTML.slice(0, 80); })`

// focusJS describes the focused element.
const focusJS = `(() => {
	const e = document.activeElement;
	const s = getComputedStyle(e), r = e.getBoundingClientRect();
	return {
		index: e.dataset.tabbable === undefined ? -1 : +e.dataset.tabbable,
		name: e === document.body ? "body" : e.outerHTML.slice(0, 80),
		outline: s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor,
		visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && s.opacity !== "0",
		indicated: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && !/^rgba\(.*, 0\)$/.test(s.outlineColor),
	};
})()`

// TestKeyboard walks every page with the Tab key: the skip link is the
// first stop, visible when focused, and moves the focus to the main
// content; then every link and button is reached, each with a visible
// focus outline.
func TestKeyboard(t *testing.T) {
	need(t, "chromium")
	e := site(t)
	pages := e.pages(t)
	ctx := e.tab(t, time.Duration(len(pages))*pageTimeout)
	for _, p := range pages {
		if p.Redirect {
			continue
		}
		t.Run(strings.Trim(p.URL, "/"), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(ctx, pageTimeout)
			defer cancel()
			tab := func() focusStop {
				t.Helper()
				if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
					t.Fatal(err)
				}
				return eval[focusStop](t, ctx, focusJS)
			}

			e.open(t, ctx, p.URL)
			first := tab()
			if !strings.Contains(first.Name, "skip-link") {
				t.Fatalf("the first Tab stop is %s; it must be the skip link", first.Name)
			}
			if !first.Visible || !first.Indicated {
				t.Errorf("the focused skip link must be on screen with a focus outline; visible %v, outline %s", first.Visible, first.Outline)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			if id := eval[string](t, ctx, `document.activeElement.id`); id != "main" {
				t.Errorf("Enter on the skip link focused %q; it must focus the main content, #main", id)
			}
			if next := tab(); next.Name != "body" && !eval[bool](t, ctx, `!!document.activeElement.closest("main")`) {
				t.Errorf("after the skip link, Tab goes to %s, outside the main content", next.Name)
			}

			e.open(t, ctx, p.URL)
			all := eval[[]string](t, ctx, tabbableJS)
			reached := make([]bool, len(all))
			for range len(all) + 2 {
				stop := tab()
				if stop.Index < 0 {
					break // past the last stop, back to the page
				}
				if reached[stop.Index] {
					break
				}
				reached[stop.Index] = true
				if !stop.Visible || !stop.Indicated {
					t.Errorf("%s has focus but no visible outline (visible %v, outline %s)", stop.Name, stop.Visible, stop.Outline)
				}
			}
			for i, ok := range reached {
				if !ok {
					t.Errorf("Tab never reaches %s", all[i])
				}
			}
		})
	}
}

// TestPrintButton checks the screen's print tools on a handout and a
// packet: with JavaScript, a button that opens the print dialog and a note
// of the paper sizes; without it, no button, since it could not work. It
// tries the first handout and packet of every language.
func TestPrintButton(t *testing.T) {
	need(t, "chromium")
	e := site(t)
	// letter is what each language calls US Letter paper.
	letter := map[string]string{"en": "Letter", "es": "carta"}
	var docs []*doc
	seen := map[string]bool{}
	for _, d := range append(slices.Clone(e.handouts), e.packets...) {
		if key := d.Lang + " " + d.Kind.String(); !seen[key] {
			seen[key] = true
			docs = append(docs, d)
		}
	}
	for _, d := range docs {
		t.Run(d.name(), func(t *testing.T) {
			ctx := e.tab(t, tabTimeout)
			e.open(t, ctx, d.URL)
			word, ok := letter[d.Lang]
			if !ok {
				t.Fatalf("the test does not know what %q calls Letter paper; add it to the letter map", d.Lang)
			}
			note := eval[string](t, ctx, `document.querySelector(".paper-note")?.textContent ?? ""`)
			if !strings.Contains(note, word) || !strings.Contains(note, "A4") {
				t.Errorf("the note %q must say the handout fits %s and A4 paper", note, word)
			}
			if !eval[bool](t, ctx, `(() => { const b = document.querySelector(".print-button"); return !!b && b.getClientRects().length > 0; })()`) {
				t.Fatal("with JavaScript on, there is no visible print button")
			}
			// Stand in for the dialog, which would block the page.
			eval[bool](t, ctx, `window.print = () => { window.__printed = true; }; true`)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".print-button"))); err != nil {
				t.Fatal(err)
			}
			if !eval[bool](t, ctx, `window.__printed === true`) {
				t.Error("the print button does not open the print dialog")
			}

			off := e.tab(t, tabTimeout)
			if _, err := chromedp.Call(off, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(off, chromedp.Navigate(e.server.URL+d.URL)); err != nil {
				t.Fatal(err)
			}
			// DevTools still evaluates scripts when the page's own cannot run.
			if eval[bool](t, off, `document.querySelector(".print-button").getClientRects().length > 0`) {
				t.Error("with JavaScript off, the print button shows; it cannot work then, so it must stay hidden")
			}
		})
	}
}
