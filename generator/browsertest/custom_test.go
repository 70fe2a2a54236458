package browsertest

import (
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handouts/generator/theme"
)

// tickJS ticks the handouts named (LANG:slug) on a list page, in order,
// and returns the "Print these together" link.
const tickJS = `((names) => {
	for (const n of names) {
		const box = document.querySelector('li[data-handout="' + n + '"] > input.pick');
		if (!box) return "no tick box for " + n;
		box.click();
	}
	return document.querySelector(".pick-print").href;
})`

// assembledJS waits until the packet made on the spot has fetched its
// handouts, and reads what it shows.
const assembledJS = `new Promise(done => {
	const root = document.getElementById("custom-packet");
	const status = root.querySelector(".custom-status");
	const read = () => status.textContent && status.textContent !== root.dataset.loading
		? done({
			chosen: [...root.querySelectorAll(".custom-list > li > a")].map(a => a.textContent),
			articles: [...document.querySelectorAll("main > article.handout")].map(a => a.querySelector("h1").textContent),
			missing: [...root.querySelectorAll(".custom-missing li")].map(li => li.textContent),
			missingShown: root.querySelector(".custom-missing").checkVisibility(),
			hash: decodeURIComponent(location.hash),
			status: status.textContent,
		})
		: setTimeout(read, 50);
	read();
})`

// assembled is what assembledJS reads.
type assembled struct {
	Chosen       []string `json:"chosen"`
	Articles     []string `json:"articles"`
	Missing      []string `json:"missing"`
	MissingShown bool     `json:"missingShown"`
	Hash         string   `json:"hash"`
	Status       string   `json:"status"`
}

// TestCustomPacket makes a packet on the spot as a clinic would: it ticks
// a Spanish handout on the Spanish A–Z list and two English ones on the
// English list, follows "Print these together", adds a name that is no
// handout, and checks the page: the handouts in the order ticked, the
// unknown one "not found", the move buttons, axe. Printed on Letter and
// A4, the packet has a cover and then each handout on exactly the pages
// it takes alone, each page with its own handout's footer and QR code.
func TestCustomPacket(t *testing.T) {
	tools := need(t, "chromium", "pdftotext", "pdftoppm", "zbarimg", "axe")
	e := site(t)
	axe, err := os.ReadFile(tools["axe"])
	if err != nil {
		t.Fatal(err)
	}
	own := e.settings.Language
	var picks []*doc
	for _, lang := range []string{"es", own, own} {
		for _, h := range e.handouts {
			if h.Lang == lang && !slices.Contains(picks, h) {
				picks = append(picks, h)
				break
			}
		}
	}
	if len(picks) != 3 || picks[0].Lang == own {
		t.Fatalf("the site needs two handouts in %s and one in Spanish; found %d", own, len(picks))
	}
	T := e.handouts[slices.IndexFunc(e.handouts, func(d *doc) bool { return d.Lang == own })].T

	ctx := e.tab(t, 3*tabTimeout)
	watch(t, ctx)
	e.open(t, ctx, "/es/handouts/")
	if got := eval[string](t, ctx, tickJS+`(["es:`+picks[0].Slug+`"])`); strings.HasPrefix(got, "no ") {
		t.Fatal(got)
	}
	e.open(t, ctx, "/handouts/")
	if n := eval[[]int](t, ctx, `[document.querySelectorAll("li[data-handout]").length, document.querySelectorAll("li[data-handout] > input.pick").length]`); n[0] == 0 || n[0] != n[1] {
		t.Errorf("the A–Z list has %d handouts and %d tick boxes; want one each", n[0], n[1])
	}
	link := eval[string](t, ctx, tickJS+`(["`+own+`:`+picks[1].Slug+`", "`+own+`:`+picks[2].Slug+`"])`)
	// A handout of the page's language goes by its slug; another's by LANG:slug.
	want := e.server.URL + "/packets/custom/#h=es:" + picks[0].Slug + "," + picks[1].Slug + "," + picks[2].Slug
	if u, _ := url.PathUnescape(link); u != want {
		t.Errorf("Print these together links %q; want %q", u, want)
	}
	// The ticks of the Spanish list are still there, and announced.
	if got, want := eval[string](t, ctx, `document.querySelector(".pick-count").textContent`), theme.Fill(T.CustomPacketChosen, "count", theme.Fill(T.HandoutCountMany, "n", "3")); got != want {
		t.Errorf("the list says %q; want %q", got, want)
	}

	// With a name that is no handout, which must not stop the others.
	openAt(t, ctx, link+",no-such-handout")
	got := eval[assembled](t, ctx, assembledJS)
	var titles []string
	for _, h := range picks {
		titles = append(titles, h.Title)
	}
	if !slices.Equal(got.Chosen, titles) || !slices.Equal(got.Articles, titles) {
		t.Errorf("the packet lists %q and prints %q; want %q in the order ticked", got.Chosen, got.Articles, titles)
	}
	if !got.MissingShown || !slices.Equal(got.Missing, []string{"no-such-handout"}) {
		t.Errorf("the unknown name shows %v as not found (shown: %v); want [no-such-handout]", got.Missing, got.MissingShown)
	}
	for _, problem := range eval[[]string](t, ctx, loadProblemsJS) {
		if !strings.Contains(problem, "/no-such-handout/ answered 404") { // it looked, as it should
			t.Error(problem)
		}
	}

	// Move the first down and back: the list, the printed order and the
	// address follow.
	moved := eval[[]string](t, ctx, `(() => {
		document.querySelector(".custom-list > li button[data-step='1']").click();
		const order = [...document.querySelectorAll("main > article.handout h1")].map(h => h.textContent);
		const hash = decodeURIComponent(location.hash);
		const focus = document.activeElement.textContent;
		document.querySelectorAll(".custom-list > li")[1].querySelector("button[data-step='-1']").click();
		return [...order, hash, focus];
	})()`)
	if want := []string{titles[1], titles[0], titles[2]}; !slices.Equal(moved[:3], want) {
		t.Errorf("after Move down the packet prints %q; want %q", moved[:3], want)
	}
	if want := "#h=" + picks[1].Slug + ",es:" + picks[0].Slug + "," + picks[2].Slug + ",no-such-handout"; moved[3] != want {
		t.Errorf("after Move down the address is %q; want %q", moved[3], want)
	}
	if !strings.HasPrefix(moved[4], T.CustomPacketDown) {
		t.Errorf("after Move down the focus is on %q; want the same button", moved[4])
	}

	// axe on the page as assembled, with its handouts in it.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		t.Fatal(err)
	}
	for _, v := range eval[[]axeViolation](t, ctx, axeJS) {
		t.Errorf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}

	// A new document: the same page with another fragment only reloads.
	openAt(t, ctx, "about:blank")
	openAt(t, ctx, link)
	eval[assembled](t, ctx, assembledJS)
	facts := eval[pageFacts](t, ctx, pageFactsJS)
	base := strings.TrimSuffix(e.settings.BaseURL, "/")
	cover := &doc{Title: T.CustomPacketTitle, Summary: T.CustomPacketSummary, T: T,
		ShortURL: strings.TrimPrefix(strings.TrimPrefix(base, "https://"), "http://") + "/packets/custom/"}
	for _, p := range papers {
		t.Run(p.name, func(t *testing.T) {
			// Each handout printed alone, for the pages it takes.
			alone := map[*doc]int{}
			other := e.tab(t, tabTimeout)
			for _, h := range picks {
				e.open(t, other, h.URL)
				f := eval[pageFacts](t, other, pageFactsJS)
				alone[h] = len(printPDF(t, other, p, "alone-"+h.name(), f.Margins.Bottom).pages)
			}
			pdf := printPDF(t, ctx, p, "packets-custom", facts.Margins.Bottom)
			checkCustomPacket(t, pdf, cover, picks, alone)
		})
	}
}

// checkCustomPacket checks a printed packet made on the spot as the
// ready-made packets are checked: a one-page cover that lists the
// handouts, the notes page behind it, then each handout on as many pages
// as it takes alone, rounded up to whole sheets so that, printed on both
// sides, each starts on the front of one; each page with its own
// handout's footer, in its language, and QR code.
func checkCustomPacket(t *testing.T, pdf *printed, cover *doc, picks []*doc, alone map[*doc]int) {
	t.Helper()
	n := len(pdf.pages)
	sheets := func(pages int) int { return pages + pages%2 }
	want := 2
	for _, h := range picks {
		want += sheets(alone[h])
	}
	if n != want {
		t.Errorf("prints on %d pages; want %d: a cover, the notes page and each handout's own pages, rounded up to whole sheets", n, want)
	}
	first := fold(pdf.pages[0])
	if !strings.HasPrefix(first, fold(cover.Title+" "+cover.Summary)) {
		t.Errorf("the cover must start with %q; it starts %q", cover.Title+" "+cover.Summary, cut(first, 120))
	}
	for _, h := range picks {
		if !strings.Contains(first, fold(h.Title)) {
			t.Errorf("the cover does not list %q", h.Title)
		}
	}
	if foot := fold(pdf.footer(1)); !strings.Contains(foot, cover.Title) || !strings.Contains(foot, cover.ShortURL) || !strings.Contains(foot, pageOf(cover, 1, n)) {
		t.Errorf("the cover's footer %q lacks %q, %s or %q", foot, cover.Title, cover.ShortURL, pageOf(cover, 1, n))
	}
	codes := pdf.qrCodes(t)
	if len(codes[0]) != 0 {
		t.Errorf("the cover has QR codes %q; it has none of its own", codes[0])
	}
	if notes := fold(strings.Join(pdf.bodyLines(2), " ")); !strings.HasPrefix(notes, fold(cover.T.Notes+" "+cover.T.NotesPage)) {
		t.Errorf("page 2, the back of the cover, must be the notes page, starting %q; it starts %q", cover.T.Notes+" "+cover.T.NotesPage, cut(notes, 120))
	}
	page := 3
	var all, wantCodes []string
	for _, h := range picks {
		if top := fold(pdf.pages[min(page, n)-1]); !strings.HasPrefix(top, fold(h.Title+" "+h.Summary)) {
			t.Errorf("page %d must start %q's own pages; it starts %q", page, h.Title, cut(top, 120))
		}
		for i := page; i < page+sheets(alone[h]) && i <= n; i++ {
			checkFooter(t, pdf, i, h)
			for _, c := range codes[i-1] {
				if c != h.Canonical {
					t.Errorf("page %d, of %q, has a QR code reading %q; want %q", i, h.Title, c, h.Canonical)
				}
			}
		}
		page += sheets(alone[h])
		wantCodes = append(wantCodes, h.Canonical)
	}
	for _, c := range codes {
		all = append(all, c...)
	}
	if !slices.Equal(all, wantCodes) {
		t.Errorf("the QR codes on paper read %q; want one per handout, in order: %q", all, wantCodes)
	}
}

// TestCustomPacketAxe runs axe on the clinic page with details entered and
// on the packet made on the spot with handouts in it, in every language:
// the states TestAxe, which opens each page as built, does not reach.
func TestCustomPacketAxe(t *testing.T) {
	tools := need(t, "chromium", "axe")
	e := site(t)
	axe, err := os.ReadFile(tools["axe"])
	if err != nil {
		t.Fatal(err)
	}
	ctx := e.tab(t, 2*tabTimeout)
	watch(t, ctx)
	t.Cleanup(func() {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`sessionStorage.clear()`)); err != nil {
			t.Error(err)
		}
	})
	for _, lang := range e.settings.LanguageTags() {
		prefix := ""
		if lang != e.settings.Language {
			prefix = "/" + lang
		}
		var slugs []string
		for _, h := range e.handouts {
			if h.Lang == lang && len(slugs) < 2 {
				slugs = append(slugs, h.Slug)
			}
		}
		for _, at := range []string{prefix + "/clinic/", prefix + "/packets/custom/#h=" + strings.Join(slugs, ",") + ",gone"} {
			t.Run(fmt.Sprint(strings.Trim(at, "/")), func(t *testing.T) {
				e.open(t, ctx, at)
				if strings.Contains(at, "clinic") {
					// The form with an error showing, then saved.
					eval[string](t, ctx, fillClinicJS+`({name: "A clinic", phone: "none"}, false, "save")`)
				} else {
					eval[assembled](t, ctx, assembledJS)
				}
				for _, problem := range eval[[]string](t, ctx, loadProblemsJS) {
					if !strings.Contains(problem, "/gone/ answered 404") {
						t.Error(problem)
					}
				}
				if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
					t.Fatal(err)
				}
				for _, v := range eval[[]axeViolation](t, ctx, axeJS) {
					t.Errorf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
				}
			})
		}
	}
}
