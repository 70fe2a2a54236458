package browsertest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"handouts/generator/content"
	"handouts/generator/theme"
)

// pageFacts is what the browser reads from a page before it is printed.
type pageFacts struct {
	// Headings are the texts of the headings and box labels in main, which
	// must never end a printed page.
	Headings []string `json:"headings"`
	// ScreenOnly are the texts of the navigation, the buttons and the
	// screen-only notes, which must never reach paper; a text that the
	// printed content also holds (the switcher's "English" and a source
	// titled "Videos (English)") is left out, for the PDF cannot tell them
	// apart. TestPrint checks those elements' visibility under print media
	// instead.
	ScreenOnly []string `json:"screenOnly"`
	// Margins are the theme's @page margins, in points.
	Margins    struct{ Top, Right, Bottom, Left float64 } `json:"margins"`
	HasMargins bool                                       `json:"hasMargins"`
}

// screenOnlySelector finds what must never reach paper.
const screenOnlySelector = ".skip-link, body > header a, body > footer a, nav a, button, .screen-only"

// printedScreenOnlyJS lists the screen-only elements that still render
// under print media.
const printedScreenOnlyJS = `[...document.querySelectorAll("` + screenOnlySelector + `")]
	.filter(e => e.checkVisibility())
	.map(e => e.outerHTML.slice(0, 120))`

const pageFactsJS = `(() => {
	const screenOnlySelector = "` + screenOnlySelector + `";
	const text = e => e.textContent.replace(/\s+/g, " ").trim();
	const headings = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main .box-label")].map(text);
	const printed = main => {
		const copy = main.cloneNode(true);
		copy.querySelectorAll(".screen-only, nav, button").forEach(e => e.remove());
		return text(copy);
	};
	const inMain = printed(document.querySelector("main"));
	const screenOnly = [...document.querySelectorAll(screenOnlySelector)]
		.map(text).filter(s => s !== "" && !inMain.includes(s));
	// The margins of the top-level @page rule, converted to points.
	const points = v => {
		const d = document.createElement("div");
		d.style.position = "absolute";
		d.style.width = v;
		document.body.append(d);
		const w = d.getBoundingClientRect().width;
		d.remove();
		return w * 72 / 96;
	};
	let margins = {top: 0, right: 0, bottom: 0, left: 0}, hasMargins = false;
	for (const sheet of document.styleSheets) {
		for (const r of sheet.cssRules) {
			if (r instanceof CSSPageRule && r.selectorText === "" && r.style.marginTop) {
				margins = {top: points(r.style.marginTop), right: points(r.style.marginRight),
					bottom: points(r.style.marginBottom), left: points(r.style.marginLeft)};
				hasMargins = true;
			}
		}
	}
	return {headings, screenOnly, margins, hasMargins};
})()`

// TestPrint prints every handout and packet on Letter and A4 paper in
// Chromium and reads the PDF back: the page count within the handout's
// print.max_pages, the title and summary at the top, the footer on every
// page, the sources in full, the QR code, the margins, no heading at the foot
// of a page and nothing of the site's navigation.
func TestPrint(t *testing.T) {
	need(t, "chromium", "pdftotext", "pdftoppm", "zbarimg")
	e := site(t)
	for _, d := range e.docs() {
		t.Run(d.name(), func(t *testing.T) {
			ctx := e.tab(t, tabTimeout)
			e.open(t, ctx, d.URL)
			facts := eval[pageFacts](t, ctx, pageFactsJS)
			if !facts.HasMargins {
				t.Fatal("the theme's style sheets have no @page rule with margins; set them there, so every printer gets the same layout")
			}
			// A page without these would make the navigation check below
			// pass for nothing.
			for _, want := range []string{d.T.SkipLink, d.T.AllHandouts, d.T.Topics} {
				if !slices.Contains(facts.ScreenOnly, want) {
					t.Fatalf("the page has no %q link on screen; found %q", want, facts.ScreenOnly)
				}
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			for _, html := range eval[[]string](t, ctx, printedScreenOnlyJS) {
				t.Errorf("%s shows under print media; the print style sheet must hide the site's navigation, buttons and screen-only notes", html)
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
				t.Fatal(err)
			}
			for _, p := range papers {
				t.Run(p.name, func(t *testing.T) {
					pdf := printPDF(t, ctx, p, d.name(), facts.Margins.Bottom)
					checkPaper(t, pdf, p, facts)
					checkNoScreenOnly(t, pdf, facts.ScreenOnly)
					checkNoStrandedHeading(t, pdf, facts.Headings, d.Kind == content.Packet)
					if d.Kind == content.Packet {
						checkPacket(t, pdf, d)
					} else {
						checkHandout(t, pdf, d)
					}
					checkDisclaimer(t, pdf, d, e.disclaimer[d.Lang])
				})
			}
		})
	}
}

// checkHandout checks a handout's own printed pages.
func checkHandout(t *testing.T, pdf *printed, d *doc) {
	t.Helper()
	n := len(pdf.pages)
	if n > d.MaxPages {
		t.Errorf("prints on %d pages; it must fit on %d (print.max_pages): tighten the print CSS, or shorten %s without losing a clinical fact",
			n, d.MaxPages, d.Path)
	}
	if top := fold(pdf.pages[0]); !strings.HasPrefix(top, fold(d.Title+" "+d.Summary)) {
		t.Errorf("page 1 must start with the title and summary %q; it starts %q", d.Title+" "+d.Summary, cut(top, 120))
	}
	checkReviewLine(t, pdf, 1, d)
	for i := 1; i <= n; i++ {
		checkFooter(t, pdf, i, d)
	}
	checkSources(t, pdf, d)
	var codes []string
	for _, c := range pdf.qrCodes(t) {
		codes = append(codes, c...)
	}
	if !slices.Equal(codes, []string{d.Canonical}) {
		t.Errorf("the QR codes on paper read %q; want one, reading %q", codes, d.Canonical)
	}
}

// checkPacket checks a packet: a cover listing its handouts, a notes page
// behind it, then each handout with its own footer and QR code, in order,
// starting on an odd page and taking an even number: printed on both
// sides, each handout is whole sheets that a parent can take out alone.
func checkPacket(t *testing.T, pdf *printed, d *doc) {
	t.Helper()
	n := len(pdf.pages)
	if n > d.MaxPages {
		t.Errorf("prints on %d pages; a one-page cover, the notes page behind it and its handouts' print.max_pages, each rounded up to whole sheets, allow %d", n, d.MaxPages)
	}
	if n < 2 {
		t.Fatalf("prints on %d page; it must have a cover and a notes page", n)
	}
	cover := fold(pdf.pages[0])
	if !strings.HasPrefix(cover, fold(d.Title+" "+d.Summary)) {
		t.Errorf("the cover must start with the packet's title and summary; it starts %q", cut(cover, 120))
	}
	for _, h := range d.Handouts {
		if !strings.Contains(cover, fold(h.Title)) {
			t.Errorf("the cover does not list %q", h.Title)
		}
	}
	// Whose footer each page carries: -1 for none.
	owner := make([]int, n+1)
	for i := 1; i <= n; i++ {
		owner[i] = -1
		foot := fold(pdf.footer(i))
		for k, h := range d.Handouts {
			if strings.Contains(foot, h.ShortURL) {
				owner[i] = k
			}
		}
		if want := pageOf(d, i, n); !strings.Contains(foot, want) {
			t.Errorf("page %d: the footer %q lacks %q", i, foot, want)
		}
	}
	for i, what := range []string{"the cover", "the notes page"} {
		if owner[i+1] != -1 {
			t.Errorf("%s carries the footer of %q; it must be a page of its own", what, d.Handouts[owner[i+1]].Title)
		}
		if foot := fold(pdf.footer(i + 1)); !strings.Contains(foot, fold(d.Title)) || !strings.Contains(foot, d.ShortURL) {
			t.Errorf("the footer of %s, %q, lacks the packet's title %q and address %s", what, foot, d.Title, d.ShortURL)
		}
	}
	if notes := fold(strings.Join(pdf.bodyLines(2), " ")); !strings.HasPrefix(notes, fold(d.T.Notes+" "+d.T.NotesPage)) {
		t.Errorf("page 2, the back of the cover, must be the notes page, starting %q; it starts %q", d.T.Notes+" "+d.T.NotesPage, cut(notes, 120))
	}
	codes := pdf.qrCodes(t)
	var all []string
	for k, h := range d.Handouts {
		var own []int
		for i := 3; i <= n; i++ {
			if owner[i] == k {
				own = append(own, i)
			}
		}
		if len(own) == 0 {
			t.Errorf("no page carries the footer of %q, with its address %s", h.Title, h.ShortURL)
			continue
		}
		first, last := own[0], own[len(own)-1]
		if last-first+1 != len(own) {
			t.Errorf("%q is printed on pages %v, which do not follow each other", h.Title, own)
		}
		if len(own) > h.MaxPages+h.MaxPages%2 {
			t.Errorf("%q takes %d pages in the packet; its print.max_pages is %d", h.Title, len(own), h.MaxPages)
		}
		if first%2 == 0 {
			t.Errorf("%q starts on page %d, the back of a sheet; printed on both sides, each handout must start on the front of one (an odd page)", h.Title, first)
		}
		if len(own)%2 != 0 {
			t.Errorf("%q takes %d pages; it must take whole sheets (an even number of pages), so the next handout starts on the front of one", h.Title, len(own))
		}
		if top := fold(pdf.pages[first-1]); !strings.HasPrefix(top, fold(h.Title+" "+h.Summary)) {
			t.Errorf("page %d, where %q starts, must start with its title and summary; it starts %q", first, h.Title, cut(top, 120))
		}
		checkReviewLine(t, pdf, first, h)
		for i := first; i <= last; i++ {
			checkFooter(t, pdf, i, h)
			for _, c := range codes[i-1] {
				if c != h.Canonical {
					t.Errorf("page %d, of %q, has a QR code reading %q; want %q", i, h.Title, c, h.Canonical)
				}
			}
		}
		checkSources(t, pdf, h)
	}
	for _, c := range codes {
		all = append(all, c...)
	}
	var want []string
	for _, h := range d.Handouts {
		want = append(want, h.Canonical)
	}
	if !slices.Equal(all, want) {
		t.Errorf("the QR codes on paper read %q; want one per handout, in order: %q", all, want)
	}
	for i := 1; i < n; i++ {
		if owner[i] > owner[i+1] {
			t.Errorf("pages %d and %d are out of order: %d then %d", i, i+1, owner[i], owner[i+1])
		}
	}
}

// checkReviewLine checks that page i, where the handout starts, says under
// its title who reviewed it and when its next review is due, or that no
// clinician has and when its sources are to be checked again.
func checkReviewLine(t *testing.T, pdf *printed, i int, d *doc) {
	t.Helper()
	want := d.T.NotReviewed + " " + theme.Fill(d.T.Checked, "date", d.Reviewed) + " " + theme.Fill(d.T.NextCheck, "date", d.NextReview)
	if d.ReviewedBy != "" {
		want = theme.Fill(d.T.ReviewedBy, "date", d.Reviewed, "name", d.ReviewedBy) + " " + theme.Fill(d.T.NextReview, "date", d.NextReview)
	}
	// A translation's notices may come between the summary and the line.
	top := fold(pdf.pages[i-1])
	head := strings.Index(top, fold(d.Title+" "+d.Summary))
	at := strings.Index(top, fold(want))
	if head < 0 || at < 0 || at > head+len(fold(d.Title+" "+d.Summary))+300 {
		t.Errorf("page %d must say under the title and summary of %q: %q; it starts %q", i, d.Title, want, cut(top, 400))
	}
}

// checkFooter checks that page i carries the handout's footer: who
// reviewed it and when its next review is due, or that no clinician has
// and when its sources are to be checked again; its address and the page
// number.
func checkFooter(t *testing.T, pdf *printed, i int, d *doc) {
	t.Helper()
	foot := fold(pdf.footer(i))
	review, next := d.T.FooterNotReviewed, theme.Fill(d.T.FooterNextCheck, "date", d.NextReview)
	if d.ReviewedBy != "" {
		review, next = theme.Fill(d.T.FooterReviewedBy, "date", d.Reviewed, "name", d.ReviewedBy), theme.Fill(d.T.FooterNextReview, "date", d.NextReview)
	}
	for _, want := range []string{fold(review), fold(next), d.ShortURL, pageOf(d, i, len(pdf.pages))} {
		if !strings.Contains(foot, want) {
			t.Errorf("page %d: the footer %q lacks %q", i, foot, want)
		}
	}
}

// checkDisclaimer checks that the printed sheet says it is information, not
// medical advice, with the disclaimer page's address: once per handout,
// and on a packet's cover.
func checkDisclaimer(t *testing.T, pdf *printed, d *doc, address string) {
	t.Helper()
	line, _, _ := strings.Cut(fold(d.T.Disclaimer), ".")
	want := 1
	if d.Kind == content.Packet {
		want += len(d.Handouts)
		if !strings.Contains(fold(pdf.pages[0]), line) {
			t.Errorf("the packet's cover does not say %q", line)
		}
	}
	text := fold(pdf.text())
	if n := strings.Count(text, line); n != want {
		t.Errorf("%q is printed %d times; want %d, one per printed handout and packet cover", line, n, want)
	}
	if address != "" && strings.Count(strings.Join(strings.Fields(pdf.text()), ""), address) < want {
		t.Errorf("the disclaimer's address %s is not printed with each disclaimer line", address)
	}
}

// pageOf is the page number the footer of page i of n must show, in the
// doc's language: "Page 1 of 2", "Página 1 de 2".
func pageOf(d *doc, i, n int) string {
	return theme.Fill(d.T.PageOf, "page", fmt.Sprint(i), "pages", fmt.Sprint(n))
}

// checkSources checks that every source's address is printed in full.
func checkSources(t *testing.T, pdf *printed, d *doc) {
	t.Helper()
	// Long addresses wrap, so compare without white space.
	all := strings.Join(strings.Fields(pdf.text()), "")
	for _, u := range d.Sources {
		if !strings.Contains(all, u) {
			t.Errorf("the source %s of %q is not printed in full", u, d.Title)
		}
	}
}

// checkPaper checks the sheet's size and that every word lies inside the
// theme's @page margins, except the footer in the bottom margin: so the
// printer's own margins did not replace the theme's, and nothing runs off
// the edge.
func checkPaper(t *testing.T, pdf *printed, p paper, f pageFacts) {
	t.Helper()
	if w, h := p.size.Width*72, p.size.Height*72; math.Abs(pdf.width-w) > 1 || math.Abs(pdf.height-h) > 1 {
		t.Fatalf("the PDF's pages are %.0f × %.0f pt; want %s, %.0f × %.0f pt", pdf.width, pdf.height, p.name, w, h)
	}
	const slack = 1.5 // points: glyph boxes overhang a little
	m := f.Margins
	bad := 0
	for _, w := range pdf.words {
		inFooter := w.yMin > pdf.height-m.Bottom-slack
		switch {
		case w.xMin < m.Left-slack, w.xMax > pdf.width-m.Right+slack:
			t.Errorf("page %d: %q spans x = %.1f to %.1f pt, outside the @page side margins (%.1f and %.1f pt from the edges)",
				w.page, w.text, w.xMin, w.xMax, m.Left, m.Right)
		case !inFooter && w.yMin < m.Top-slack:
			t.Errorf("page %d: %q starts at y = %.1f pt, inside the @page top margin of %.1f pt", w.page, w.text, w.yMin, m.Top)
		case inFooter && w.yMax > pdf.height-slack:
			t.Errorf("page %d: the footer word %q runs off the sheet", w.page, w.text)
		default:
			continue
		}
		if bad++; bad == 5 {
			t.Fatal("and more")
		}
	}
}

// checkNoScreenOnly checks that no navigation, button or screen-only note
// reached paper.
func checkNoScreenOnly(t *testing.T, pdf *printed, screenOnly []string) {
	t.Helper()
	text := pdf.text()
	for _, s := range screenOnly {
		if strings.Contains(text, s) {
			t.Errorf("%q is on paper; the print style sheet must hide the site's navigation, buttons and screen-only notes", s)
		}
	}
}

// checkNoStrandedHeading checks that no page but the last ends with a
// heading or box label: its text must start on the page it introduces. A
// page may be empty only in a packet, as the back of a one-page handout.
func checkNoStrandedHeading(t *testing.T, pdf *printed, headings []string, packet bool) {
	t.Helper()
	for i := 1; i < len(pdf.pages); i++ {
		lines := pdf.bodyLines(i)
		if len(lines) == 0 {
			if !packet {
				t.Errorf("page %d is empty", i)
			}
			continue
		}
		last := fold(lines[len(lines)-1])
		for _, h := range headings {
			if last == h || len(last) >= 4 && (strings.HasPrefix(h, last) || strings.HasSuffix(h, last)) {
				t.Errorf("page %d ends with the heading %q; it must move to the next page with its text", i, h)
			}
		}
	}
}

// cut shortens s to at most n bytes for a message.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
