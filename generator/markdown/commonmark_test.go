package markdown

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"handouts/generator/diag"
	"handouts/generator/minify"
)

// specExample is one example of the CommonMark spec, as the spec's
// spec.json holds it (testdata/commonmark-0.31.2.json, the file goldmark's
// own tests use).
type specExample struct {
	Markdown string `json:"markdown"`
	HTML     string `json:"html"`
	Example  int    `json:"example"`
	Section  string `json:"section"`
}

// difference is a way the project's Markdown differs from CommonMark on
// purpose. Each can be turned off (see renderSpec), which must make the
// example match the spec: so the difference is that one and nothing else.
type difference int

const (
	// rawHTML: HTML in Markdown is shown as text, unless the site sets
	// raw_html (README, "Site settings").
	rawHTML difference = 1 << iota
	// linkPolicy: links may use https:, http:, mailto:, tel: and sms:
	// only; pictures need alt text and a file; active HTML is refused;
	// links to the page itself ("#part") name the page, so they keep
	// working inside a packet; and links get a data-print attribute with
	// the address a printed page shows.
	linkPolicy
	// typographer: straight quotes become curly, -- and --- dashes, ...
	// an ellipsis.
	typographer
	// linkify: bare addresses (www.example.org, https://example.org)
	// become links, as in GitHub Flavored Markdown.
	linkify
	// headingIDs: headings get an id, so that links can point at them.
	headingIDs
	// figures: a picture with a title alone in its paragraph becomes a
	// figure with a caption.
	figures
)

var differenceNames = map[difference]string{
	rawHTML: "raw HTML shown as text", linkPolicy: "the link policy", typographer: "typographic quotes",
	linkify: "bare addresses made links", headingIDs: "heading ids", figures: "figures",
}

func (d difference) String() string {
	var names []string
	for bit := difference(1); bit <= figures; bit <<= 1 {
		if d&bit != 0 {
			names = append(names, differenceNames[bit])
		}
	}
	return strings.Join(names, " + ")
}

// deliberate lists the examples that differ from the spec, and why. Every
// other example must render exactly as the spec says (normalized as the
// spec's own tests normalize). When the test finds a new difference, it
// says which of these would explain it: add the example here only if that
// is the project's choice, and fix the code otherwise.
var deliberate = byExample(map[difference][]int{
	rawHTML: {
		21, 31, 148, 149, 150, 151, 152, 153, 154, 155, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168,
		169, 171, 174, 175, 177, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 201,
		308, 309, 344, 475, 476, 477, 491, 494, 524, 536, 613, 614, 615, 616, 617, 623, 625, 627, 628,
		629, 630, 631, 642, 643,
	},
	rawHTML | linkPolicy: {
		156, 157, 158, 170, 172, 173, 176, 178,
	},
	rawHTML | typographer: {
		626,
	},
	linkPolicy: {
		500, 501, 581, 596, 598, 599, 601,
	},
	typographer: {
		14, 46, 55, 87, 106, 197, 209, 210, 352, 359, 363, 380, 385, 395, 508, 590, 619, 620, 622, 624,
		650,
	},
	typographer | headingIDs: {
		91,
	},
	linkify: {
		608, 611, 612,
	},
	headingIDs: {
		10, 59, 62, 66, 67, 68, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 86, 89, 90, 95,
		96, 102, 103, 115, 141, 214, 215, 227, 228, 229, 230, 232, 300, 646, 647,
	},
	figures: {
		572, 573, 576, 577, 584, 585, 586, 588, 589, 591,
	},
})

// byExample turns lists of examples by difference into a difference by
// example.
func byExample(lists map[difference][]int) map[int]difference {
	m := map[int]difference{}
	for d, examples := range lists {
		for _, ex := range examples {
			m[ex] = d
		}
	}
	return m
}

// specResolver resolves destinations as the site does for the pages it
// has: a link within the page ("#part", "?q") names the page, as the
// generator's resolver does so that it keeps working inside a packet, and
// every other destination is kept, as if the file it names existed.
type specResolver struct{}

func (specResolver) Resolve(dest string) (string, error) {
	if strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "?") {
		return "/page/" + dest, nil
	}
	return dest, nil
}

var dataPrint = regexp.MustCompile(` data-print="[^"]*"`)

// renderSpec renders an example's Markdown as a page's body is rendered
// and minified, less the differences in off, and normalizes the HTML. It
// returns the findings that would fail or warn a build. With rawHTML off
// the HTML is compared unminified: the minifier rewrites an author's HTML
// in ways a browser does not show (it leaves out comments, trailing
// space at the end and default attributes, and shortens style sheets).
func renderSpec(t *testing.T, m *minify.Minifier, md string, off difference) (string, []error) {
	t.Helper()
	c := newConverter(Options{RawHTML: off&rawHTML != 0}, features{
		noTypographer: off&typographer != 0, noLinkify: off&linkify != 0,
		noHeadingIDs: off&headingIDs != 0, noFigures: off&figures != 0, noActiveCheck: off&linkPolicy != 0,
	})
	var out, min bytes.Buffer
	r := Resolver(specResolver{})
	if off&linkPolicy != 0 {
		r = keepResolver{}
	}
	res, err := c.Convert([]byte(md), &out, r, func(int) diag.Pos { return diag.Pos{} })
	if err != nil {
		t.Fatal(err)
	}
	html := out.String()
	if off&rawHTML == 0 {
		if err := m.HTML(&min, out.Bytes()); err != nil {
			t.Fatal(err)
		}
		html = min.String()
	}
	got := normalizeHTML(html)
	if off&linkPolicy != 0 {
		got = dataPrint.ReplaceAllString(got, "")
		res.Errors = nil
	}
	return got, res.Errors
}

// keepResolver keeps every destination as written.
type keepResolver struct{}

func (keepResolver) Resolve(dest string) (string, error) { return dest, nil }

func loadSpec(t *testing.T) []specExample {
	t.Helper()
	b, err := os.ReadFile("testdata/commonmark-0.31.2.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) != 652 {
		t.Fatalf("%d examples, want the 652 of CommonMark 0.31.2", len(examples))
	}
	return examples
}

// TestCommonMark renders every example of the CommonMark 0.31.2 spec through
// the project's Markdown and minifier and compares the HTML with the spec's.
// An example listed in deliberate must differ, and must match once its
// differences are turned off; every other example must match, with no
// finding.
func TestCommonMark(t *testing.T) {
	m := minify.New()
	matched := 0
	byDifference := map[difference]int{}
	for _, ex := range loadSpec(t) {
		want := normalizeHTML(ex.HTML)
		got, errs := renderSpec(t, m, ex.Markdown, 0)
		same := got == want && len(errs) == 0
		why, listed := deliberate[ex.Example]
		switch {
		case same && !listed:
			matched++
		case same && listed:
			t.Errorf("example %d (%s) is listed as differing by %s, but matches the spec: remove it from deliberate", ex.Example, ex.Section, why)
		case !listed:
			t.Errorf("example %d (%s) differs from the spec%s\nMarkdown: %q\nwant: %q\ngot:  %q\nfindings: %q",
				ex.Example, ex.Section, explain(t, m, ex, want), ex.Markdown, want, got, errs)
		default:
			byDifference[why]++
			if undone, errs := renderSpec(t, m, ex.Markdown, why); undone != want || len(errs) > 0 {
				t.Errorf("example %d (%s) differs by more than %s%s\nMarkdown: %q\nwant: %q\ngot without it: %q\nfindings: %q",
					ex.Example, ex.Section, why, explain(t, m, ex, want), ex.Markdown, want, undone, errs)
			}
		}
	}
	var summary []string
	for _, d := range slices.Sorted(maps.Keys(byDifference)) {
		summary = append(summary, fmt.Sprintf("%d by %s", byDifference[d], d))
	}
	t.Logf("%d examples match the spec; %d differ on purpose: %s", matched, len(deliberate), strings.Join(summary, ", "))
}

// explain says which deliberate differences would account for an
// example's, or that none would.
func explain(t *testing.T, m *minify.Minifier, ex specExample, want string) string {
	t.Helper()
	c := New(Options{})
	var out bytes.Buffer
	if _, err := c.Convert([]byte(ex.Markdown), &out, specResolver{}, func(int) diag.Pos { return diag.Pos{} }); err == nil && normalizeHTML(out.String()) == want {
		return ", but only once minified: fix the minifier, or the way the project calls it"
	}
	best := difference(-1)
	for off := difference(1); off < figures<<1; off++ {
		if got, errs := renderSpec(t, m, ex.Markdown, off); got == want && len(errs) == 0 && (best < 0 || bitCount(off) < bitCount(best)) {
			best = off
		}
	}
	if best < 0 {
		return ", and no deliberate difference explains it: fix the code"
	}
	return fmt.Sprintf(" by %s: if that is meant, list it in deliberate as %d: %s", best, ex.Example, goName(best))
}

func bitCount(d difference) int {
	n := 0
	for ; d != 0; d &= d - 1 {
		n++
	}
	return n
}

var goNames = map[difference]string{rawHTML: "rawHTML", linkPolicy: "linkPolicy", typographer: "typographer", linkify: "linkify", headingIDs: "headingIDs", figures: "figures"}

func goName(d difference) string {
	var names []string
	for bit := difference(1); bit <= figures; bit <<= 1 {
		if d&bit != 0 {
			names = append(names, goNames[bit])
		}
	}
	return strings.Join(names, " | ")
}
