package browsertest

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// testClinic are the details a clinic enters on /clinic/ in these tests,
// by the form's field names.
var testClinic = map[string]string{
	"name":   "Lakeside Lactation Clinic",
	"phone":  "(555) 010-0199",
	"hours":  "Monday to Friday, 8 to 5",
	"urgent": "555-010-0911",
	"url":    "lakeside.example.org",
}

// secrets are pieces of testClinic that no request may carry, whatever
// its encoding.
var secrets = []string{"Lakeside", "0199", "0911", "lakeside.example"}

// fillClinicJS enters details (a JSON object by field name) in the clinic
// page's form, sets "Remember on this computer" and presses a button.
const fillClinicJS = `((details, remember, button) => {
	for (const [k, v] of Object.entries(details)) document.getElementById("clinic-" + k).value = v;
	document.getElementById("clinic-remember").checked = remember;
	document.getElementById("clinic-" + button).click();
	return document.getElementById("clinic-status").textContent;
})`

// careTeamJS reads the "Your care team" boxes of the page as shown: the
// browser's details, their phone links, and which write-in lines show.
const careTeamJS = `[...document.querySelectorAll(".care-team")].map(box => ({
	local: box.querySelector(".clinic-local")?.textContent.replace(/\s+/g, " ").trim() || "",
	tels: [...box.querySelectorAll(".clinic-local a[href^='tel:']")].map(a => a.getAttribute("href")),
	change: box.querySelector(".clinic-mark a")?.getAttribute("href") || "",
	elements: box.querySelectorAll(".clinic-local *:not(p, strong, a, span)").length,
	blanks: [...box.querySelectorAll("[data-blank]")].filter(r => r.checkVisibility()).map(r => r.dataset.blank),
}))`

// careBox is one "Your care team" box as careTeamJS reads it.
type careBox struct {
	Local    string   `json:"local"`
	Tels     []string `json:"tels"`
	Change   string   `json:"change"`
	Elements int      `json:"elements"`
	Blanks   []string `json:"blanks"`
}

// requestLog records every request a tab sends, as DevTools reports it:
// its address, headers and body.
type requestLog struct {
	mu   sync.Mutex
	sent []string
}

func (l *requestLog) listen(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Listen(ctx, func(ev any) {
		var v any
		switch r := ev.(type) {
		case *network.EventRequestWillBeSent:
			// DevTools reports the fragment beside the request; no
			// browser sends it.
			req := *r.Request
			req.URLFragment = ""
			v = req
		case *network.EventRequestWillBeSentExtraInfo:
			v = r.Headers // as sent on the wire, cookies and referrer among them
		default:
			return
		}
		b, _ := json.Marshal(v)
		l.mu.Lock()
		l.sent = append(l.sent, string(b))
		l.mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// check fails the test for any request that carried a secret, and when
// the log is empty, which would prove nothing.
func (l *requestLog) check(t *testing.T) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.sent) < 3 {
		t.Fatalf("DevTools reported %d requests; the pages opened make more", len(l.sent))
	}
	for _, r := range l.sent {
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(r), strings.ToLower(s)) {
				t.Errorf("a request carries the clinic's details (%q): %s", s, cut(r, 300))
			}
		}
	}
}

// TestClinicDetails enters a clinic's details on /clinic/ as staff would,
// and checks that every handout shows and prints them, that they never
// leave the browser, that a link carries them to another tab, that
// "Remember on this computer" keeps them for new tabs, and that Clear
// brings back the lines to write on.
func TestClinicDetails(t *testing.T) {
	need(t, "chromium", "pdftotext")
	e := site(t)
	i := slices.IndexFunc(e.handouts, func(d *doc) bool { return d.Lang == e.settings.Language })
	h := e.handouts[i]
	T := h.T
	details, _ := json.Marshal(testClinic)
	var log requestLog

	ctx := e.tab(t, 2*tabTimeout)
	log.listen(t, ctx)
	watch(t, ctx)
	t.Cleanup(func() {
		// The browser is shared: leave nothing for the other tests.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`)); err != nil {
			t.Errorf("clearing the details kept on this computer: %v", err)
		}
	})
	clinic := "/clinic/"
	e.open(t, ctx, clinic)
	if eval[bool](t, ctx, `document.querySelector(".no-script").checkVisibility() || document.getElementById("clinic-form").hidden`) {
		t.Fatal("with JavaScript on, /clinic/ still says it needs JavaScript, or hides its form")
	}

	// A phone number that is not one is refused, and said so.
	bad := eval[[]any](t, ctx, fillClinicJS+`({name: "X", phone: "call us"}, false, "save"),
		[document.getElementById("clinic-status").textContent, document.getElementById("clinic-phone").getAttribute("aria-invalid"),
		 document.getElementById("clinic-phone-error").hidden, sessionStorage.length + localStorage.length]`)
	if bad[0] != T.ClinicNotSaved || bad[1] != "true" || bad[2] != false || bad[3] != float64(0) {
		t.Errorf("a phone number without digits: status, aria-invalid, error hidden, stored = %v; want %q, true, false, 0", bad, T.ClinicNotSaved)
	}

	if got := eval[string](t, ctx, fillClinicJS+`(`+string(details)+`, false, "save")`); got != T.ClinicSavedTab {
		t.Errorf("after Save, the status says %q; want %q", got, T.ClinicSavedTab)
	}
	if eval[int](t, ctx, `localStorage.length`) != 0 {
		t.Error(`without "Remember on this computer" the details went to localStorage`)
	}

	// Every handout opened in this tab shows them, marked as this browser's.
	e.open(t, ctx, h.URL)
	boxes := eval[[]careBox](t, ctx, careTeamJS)
	if len(boxes) != 1 {
		t.Fatalf("%s has %d care-team boxes; want 1", h.URL, len(boxes))
	}
	b := boxes[0]
	for _, v := range testClinic {
		if !strings.Contains(b.Local, v) {
			t.Errorf("the care-team box shows %q; it lacks %q", b.Local, v)
		}
	}
	if !strings.Contains(b.Local, T.ClinicMark) || b.Change != "/clinic/" {
		t.Errorf("the box does not say the details are this browser's, with a link to change them: %q, link %q", b.Local, b.Change)
	}
	if want := []string{"tel:5550100199", "tel:5550100911"}; !slices.Equal(b.Tels, want) {
		t.Errorf("the phone links are %q; want %q", b.Tels, want)
	}
	if len(b.Blanks) != 0 {
		t.Errorf("the write-in lines %q still show beside the clinic's details", b.Blanks)
	}
	// The cover of a packet made on the spot has them too.
	e.open(t, ctx, "/packets/custom/#h="+h.Slug)
	eval[assembled](t, ctx, assembledJS)
	if b := eval[[]careBox](t, ctx, careTeamJS); len(b) != 2 || !strings.Contains(b[0].Local, testClinic["name"]) || !strings.Contains(b[1].Local, testClinic["name"]) {
		t.Errorf("the packet made on the spot must show the details on its cover and in its handout: %+v", b)
	}
	e.open(t, ctx, h.URL)
	facts := eval[pageFacts](t, ctx, pageFactsJS)
	box := func(name string) string {
		pdf := printPDF(t, ctx, papers[0], "clinic-"+name+"-"+h.name(), facts.Margins.Bottom)
		return fold(strings.Join(pdf.bodyLines(len(pdf.pages)), "\n"))
	}
	printed := box("set")
	// (The hours may wrap beside the QR code, which pdftotext interleaves.)
	for _, w := range []string{testClinic["name"], testClinic["phone"], testClinic["urgent"], "Monday to Friday", testClinic["url"]} {
		if !strings.Contains(printed, w) {
			t.Errorf("the printed care-team box lacks %q:\n%s", w, printed)
		}
	}
	if strings.Contains(printed, T.ClinicMark) {
		t.Errorf("the screen's note %q reached paper", T.ClinicMark)
	}

	// A link with the details sets them in a new tab, and leaves the
	// address bar without them.
	e.open(t, ctx, clinic)
	link := eval[string](t, ctx, `document.getElementById("clinic-copy").click(), document.getElementById("clinic-link").value`)
	page, frag, ok := strings.Cut(link, "#")
	if !ok || page != e.server.URL+clinic || !strings.Contains(frag, "Lakeside") {
		t.Errorf("the link with the details is %q; want %s#... with the details in its fragment", link, e.server.URL+clinic)
	}
	other := e.tab(t, tabTimeout)
	log.listen(t, other)
	openAt(t, other, link)
	got := eval[map[string]string](t, other, `Object.fromEntries(["name", "phone", "hours", "urgent", "url"].map(k => [k, document.getElementById("clinic-" + k).value]))`)
	for k, v := range testClinic {
		if got[k] != v {
			t.Errorf("the link set %s to %q; want %q", k, got[k], v)
		}
	}
	if h := eval[string](t, other, `location.hash`); h != "" {
		t.Errorf("after opening the link the address still has %q", h)
	}
	e.open(t, other, h.URL)
	if b := eval[[]careBox](t, other, careTeamJS); len(b) != 1 || !strings.Contains(b[0].Local, testClinic["name"]) {
		t.Errorf("a handout opened after the link does not show its details: %+v", b)
	}

	// Kept on this computer, a new tab has them too; Clear removes them.
	e.open(t, ctx, clinic)
	if got := eval[string](t, ctx, fillClinicJS+`(`+string(details)+`, true, "save")`); got != T.ClinicSavedHere {
		t.Errorf("after Save with Remember, the status says %q; want %q", got, T.ClinicSavedHere)
	}
	third := e.tab(t, tabTimeout)
	log.listen(t, third)
	e.open(t, third, h.URL)
	if b := eval[[]careBox](t, third, careTeamJS); len(b) != 1 || !strings.Contains(b[0].Local, testClinic["name"]) {
		t.Errorf(`with "Remember on this computer", a new tab does not show the details: %+v`, b)
	}
	e.open(t, ctx, clinic)
	if got := eval[string](t, ctx, fillClinicJS+`({}, false, "clear")`); got != T.ClinicCleared {
		t.Errorf("after Clear, the status says %q; want %q", got, T.ClinicCleared)
	}
	e.open(t, ctx, h.URL)
	b = eval[[]careBox](t, ctx, careTeamJS)[0]
	if b.Local != "" || !slices.Equal(b.Blanks, []string{"name", "phone"}) {
		t.Errorf("after Clear the box shows %q with write-in lines %q; want none, and lines for name and phone", b.Local, b.Blanks)
	}
	printed = box("cleared")
	if strings.Contains(printed, "Lakeside") || !strings.Contains(printed, T.Clinic+" "+T.Phone) {
		t.Errorf("after Clear the printed box must have lines to write the clinic and phone on, and no details:\n%s", printed)
	}

	// A value is shown as text, never read as HTML.
	e.open(t, ctx, clinic)
	eval[string](t, ctx, fillClinicJS+`({name: "<img src=x onerror=alert(1)><b>Bold</b>"}, false, "save")`)
	e.open(t, ctx, h.URL)
	b = eval[[]careBox](t, ctx, careTeamJS)[0]
	if b.Elements != 0 || !strings.Contains(b.Local, "<img src=x") {
		t.Errorf("a name written as HTML became %d elements; shown %q", b.Elements, b.Local)
	}
	for _, c := range []context.Context{ctx, other, third} {
		if cookies := eval[string](t, c, `document.cookie`); cookies != "" {
			t.Errorf("the page set cookies: %q", cookies)
		}
		if all, err := chromedp.Call(c, network.GetCookies, network.GetCookiesParams{}); err != nil || len(all.Cookies) != 0 {
			t.Errorf("the browser holds cookies for the site: %v %v", all, err)
		}
	}
	log.check(t)
}

// TestClinicWithoutScript opens /clinic/ with JavaScript off: the page says
// the feature needs it, and a handout still prints lines to write on.
func TestClinicWithoutScript(t *testing.T) {
	need(t, "chromium", "pdftotext")
	e := site(t)
	ctx := e.tab(t, tabTimeout)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range e.settings.LanguageTags() {
		prefix := ""
		if lang != e.settings.Language {
			prefix = "/" + lang
		}
		e.open(t, ctx, prefix+"/clinic/")
		if !eval[bool](t, ctx, `document.querySelector(".no-script").checkVisibility() && !document.getElementById("clinic-form").checkVisibility()`) {
			t.Errorf("%s/clinic/ without JavaScript must say it needs it, and show no form that cannot work", prefix)
		}
		e.open(t, ctx, prefix+"/packets/custom/")
		if !eval[bool](t, ctx, `document.querySelector(".no-script").checkVisibility() && document.querySelectorAll(".ready-packets a").length > 0`) {
			t.Errorf("%s/packets/custom/ without JavaScript must explain itself and list the ready-made packets", prefix)
		}
	}
}
