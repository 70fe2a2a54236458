package browsertest

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"handouts/generator/content"
)

// printLayout is what printStyleJS reports of a page laid out for paper.
type printLayout struct {
	// Problems break the rules for paper, one sentence each.
	Problems []string `json:"problems"`
	// URLs are the addresses printed beside the QR codes, in order.
	URLs []string `json:"urls"`
	// QRCentimetres are the QR codes' sides on paper, without their
	// quiet zones.
	QRCentimetres []float64 `json:"qr"`
	// Pages are the named pages of a packet's handouts, in order.
	Pages []string `json:"pages"`
}

// printStyleJS checks, in a page laid out with print media, the rules the
// issue sets for paper that CSS decides: what is hidden, type sizes,
// alignment, black on white, borders instead of shading, page-break rules,
// the QR code's size and place, and the care-team box beside it.
const printStyleJS = `(() => {
	const problems = [];
	const cm = 96 / 2.54, pt = 96 / 72;
	const visible = e => e.getClientRects().length > 0;
	const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "") +
		' "' + e.textContent.replace(/\s+/g, " ").trim().slice(0, 40) + '"';
	const style = e => getComputedStyle(e);

	for (const e of document.querySelectorAll(".skip-link, body > header, body > footer, nav, button, .print-tools, .screen-only")) {
		if (visible(e)) problems.push(name(e) + " prints; navigation, buttons and screen-only notes must not");
	}

	const main = document.querySelector("main");
	const body = parseFloat(style(document.body).fontSize);
	if (body < 12 * pt - 0.01) problems.push("body text is " + body / pt + "pt; it must be at least 12pt");
	for (const e of main.querySelectorAll("*")) {
		if (!visible(e)) continue;
		const s = style(e);
		const ownText = [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
		if (ownText) {
			// Sources and the words beside the QR code may be smaller.
			const min = e.closest(".sources, .qr-block") ? 9 : 12;
			const size = parseFloat(s.fontSize) / pt;
			if (size < min - 0.01) problems.push(name(e) + " is " + size.toFixed(1) + "pt; it must be at least " + min + "pt");
			if (s.textAlign !== "start" && s.textAlign !== "left") problems.push(name(e) + " is aligned " + s.textAlign + "; text must be left aligned");
			if (s.color !== "rgb(0, 0, 0)") problems.push(name(e) + " is " + s.color + "; text must be black");
		}
		if ((s.backgroundColor !== "rgba(0, 0, 0, 0)" && s.backgroundColor !== "rgb(255, 255, 255)") || s.backgroundImage !== "none") {
			problems.push(name(e) + " has the background " + s.backgroundColor + " " + s.backgroundImage + "; nothing may rely on shading");
		}
	}
	for (const e of main.querySelectorAll(".handout-body ol > li")) {
		const size = parseFloat(style(e).fontSize) / pt;
		if (size < 13 - 0.01) problems.push("the step " + name(e) + " is " + size.toFixed(1) + "pt; steps must be at least 13pt");
	}
	const h = tag => { const e = main.querySelector(tag); return e ? parseFloat(style(e).fontSize) : null; };
	const [h1, h2] = [h("h1"), h("h2")];
	if (!(h1 > h2 && h2 >= 1.15 * body)) problems.push("headings must be clearly larger than the text: h1 " + h1 / pt + "pt, h2 " + h2 / pt + "pt, text " + body / pt + "pt");

	for (const e of main.querySelectorAll(".box")) {
		const s = style(e);
		if (s.borderTopStyle === "none" || parseFloat(s.borderTopWidth) < 1 || s.borderTopColor !== "rgb(0, 0, 0)") {
			problems.push(name(e) + " has no black border; boxes are marked by a border and a label");
		}
		const label = e.querySelector(".box-label");
		if (!label || !visible(label)) problems.push(name(e) + " has no visible label");
	}

	// A warning ("Get emergency care right away") must not look like the
	// call box on black-and-white paper: another border and a sign before
	// its label.
	const look = e => { const s = style(e); return [s.borderTopStyle, s.borderTopWidth, s.borderLeftStyle, s.borderLeftWidth].join(" "); };
	const important = main.querySelector(".box-important");
	for (const e of main.querySelectorAll(".box-warning")) {
		if (important && look(e) === look(important)) problems.push(name(e) + " has the call box's border, " + look(e) + "; a warning needs its own");
		const label = e.querySelector(".box-label");
		const sign = label ? getComputedStyle(label, "::before").content : "none";
		if (sign === "none" || sign === "normal" || sign === '""') problems.push(name(e) + " has no sign before its label");
	}

	// Page breaks: whole steps, boxes, figures and rows; headings with
	// what follows; no one-line widows or orphans.
	const rule = (sel, prop, want) => {
		for (const e of main.querySelectorAll(sel)) {
			if (visible(e) && style(e)[prop] !== want) problems.push(name(e) + " has " + prop + ": " + style(e)[prop] + "; want " + want);
		}
	};
	rule("li, .box, figure, tr, .handout-foot", "breakInside", "avoid");
	rule("h1, h2, h3, h4, .box-label", "breakAfter", "avoid");
	for (const e of main.querySelectorAll("p, li")) {
		const s = style(e);
		if (visible(e) && (parseInt(s.orphans) < 2 || parseInt(s.widows) < 2)) problems.push(name(e) + " allows one-line widows or orphans");
	}

	// A link that leaves the site prints where it leads, once. A link to
	// another page of the site prints as its words only: a small address
	// would break the sentence, and the QR code leads to the page online.
	for (const a of main.querySelectorAll(".handout-body a[data-print]")) {
		const after = getComputedStyle(a, "::after").content;
		if (a.getAttribute("href").startsWith("/")) {
			if (after.includes(a.dataset.print)) problems.push("the link " + name(a) + " prints its address " + a.dataset.print + "; a link within the site prints as its words only");
		} else if (!after.includes(a.dataset.print)) {
			problems.push("the link " + name(a) + " does not print its address " + a.dataset.print);
		}
	}

	// Each handout says under its title, at body size, who reviewed it or
	// that no clinician has.
	for (const a of main.querySelectorAll("article.handout")) {
		const r = a.querySelector(".handout-head h1 ~ .review");
		if (!r || !visible(r)) problems.push(name(a) + " does not print its review line under the title");
		else if (parseFloat(style(r).fontSize) < body - 0.01) problems.push(name(r) + " is smaller than the body text; the review line prints at body size");
	}

	// Diagrams big enough to read.
	for (const img of main.querySelectorAll("figure img")) {
		const r = img.getBoundingClientRect();
		if (Math.max(r.width, r.height) < 6 * cm) problems.push("the diagram " + img.getAttribute("src") + " prints " + (r.width / cm).toFixed(1) + " × " + (r.height / cm).toFixed(1) + " cm; make its longer side at least 6 cm");
	}

	// The QR code, its address beside it, and the care-team box beside both.
	const urls = [], qr = [], pages = [];
	for (const block of main.querySelectorAll(".qr-block")) {
		const svg = block.querySelector("svg"), url = block.querySelector(".url");
		if (!svg || !url) { problems.push("a QR block lacks its code or its address"); continue; }
		const r = svg.getBoundingClientRect(), u = url.getBoundingClientRect();
		const n = svg.viewBox.baseVal.width; // modules, with a quiet zone of 4 on each side
		qr.push(r.width * (n - 8) / n / cm);
		if (Math.abs(r.width - r.height) > 1) problems.push("the QR code is not square");
		if (!(u.left >= r.right && u.top < r.bottom && u.bottom > r.top)) problems.push("the address is not printed beside the QR code");
		urls.push(url.textContent.trim());
		const care = block.closest(".handout-foot")?.querySelector(".care-team");
		if (!care || !visible(care)) { problems.push("no care-team box beside the QR code"); continue; }
		const c = care.getBoundingClientRect();
		if (!(c.right <= r.left && c.top < r.bottom && c.bottom > r.top)) problems.push("the care-team box and the QR code are not side by side");
		if (style(care).borderTopStyle === "none") problems.push("the care-team box has no border");
	}
	for (const a of main.querySelectorAll("article.handout")) pages.push(style(a).page);
	return {problems, urls, qr, pages};
})()`

// TestPrintStyles lays out every handout and packet for paper (print media,
// the width of A4's printable area) and checks the rules the print style
// sheet must keep; TestPrint checks the PDF the same CSS makes.
func TestPrintStyles(t *testing.T) {
	need(t, "chromium")
	e := site(t)
	for _, d := range e.docs() {
		t.Run(d.name(), func(t *testing.T) {
			ctx := e.tab(t, tabTimeout)
			// A4 less the theme's side margins, about 18 cm: the narrower paper.
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(688, 1000)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			e.open(t, ctx, d.URL)
			got := eval[printLayout](t, ctx, printStyleJS)
			for _, p := range got.Problems {
				t.Error(p)
			}
			handouts := []*doc{d}
			if d.Kind == content.Packet {
				handouts = d.Handouts
			}
			if len(got.URLs) != len(handouts) {
				t.Fatalf("found %d QR codes; want one per handout, %d", len(got.URLs), len(handouts))
			}
			for i, h := range handouts {
				if got.URLs[i] != h.ShortURL {
					t.Errorf("the address beside QR code %d reads %q; want %q", i+1, got.URLs[i], h.ShortURL)
				}
				if cm := got.QRCentimetres[i]; cm < 2.5 {
					t.Errorf("the QR code of %q prints %.2f cm wide; it must be at least 2.5 cm to scan from paper", h.Title, cm)
				}
			}
			if d.Kind == content.Packet {
				// Each handout on its own named page, so each gets its own
				// footer from the packet's print.css.
				seen := map[string]bool{}
				for i, p := range got.Pages {
					if p == "auto" || seen[p] {
						t.Errorf("handout %d of the packet is on the page %q; each needs a named page of its own", i+1, p)
					}
					seen[p] = true
				}
			}
		})
	}
}
