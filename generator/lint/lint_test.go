package lint

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
	"handouts/generator/markdown"
)

var today = time.Date(2026, 6, 15, 23, 59, 0, 0, time.UTC)

var settings = Settings{MaxGrade: 7, WarnMonths: 12, ErrorMonths: 24, Today: today, CallBox: "Call your doctor or lactation consultant if"}

// callBox is the box every handout needs, so that tests of other rules
// see only their own findings.
const callBox = "\n\n> [!IMPORTANT] Call your doctor or lactation consultant if\n> - You have a fever.\n"

// input parses body as the build does, with positions counted from line 1
// of the body.
func input(t testing.TB, body string) Input {
	t.Helper()
	src := []byte(body)
	lines := diag.NewLines(src)
	pos := func(off int) diag.Pos { return lines.Pos("x.md", off) }
	res, err := markdown.New(markdown.Options{}).Convert(src, &bytes.Buffer{}, noLinks{}, pos)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Path: "x.md", Body: src, Doc: res.Doc, Pos: pos}
}

type noLinks struct{}

func (noLinks) Resolve(dest string) (string, error) { return dest, nil }

func meta(reviewed string, sources int) *content.HandoutMeta {
	m := &content.HandoutMeta{Title: "T", Summary: "S", ReviewedBy: "A. Reviewer, IBCLC", Keywords: []string{"wash"}}
	if reviewed != "" {
		d, err := frontmatter.ParseDate(reviewed)
		if err != nil {
			panic(err)
		}
		m.Reviewed = d
	}
	for i := range sources {
		m.Sources = append(m.Sources, content.Citation{Title: "S", URL: fmt.Sprintf("https://example.org/%d", i)})
	}
	return m
}

// findings formats each finding as "kind: pos: [warning: ]message".
func findings(r *Result) []string {
	var out []string
	for _, d := range r.Findings {
		out = append(out, d.Kind+": "+d.Error())
	}
	return out
}

func TestHandout(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		reviewed string
		sources  int
		draft    bool
		// keywords replace meta's when not nil.
		keywords []string
		// want are the findings, each the start of "kind: pos: [warning: ]message".
		want []string
	}{
		{name: "clean", body: "Wash your hands." + callBox, reviewed: "2026-01-01", sources: 2},
		{name: "no call box", body: "Wash your hands.\n\n> [!WARNING] Get help\n> - Now.\n", reviewed: "2026-01-01", sources: 2,
			want: []string{"call-box: x.md:1:1: warning: no box saying when to call for help"}},
		{name: "a call box is found by its title, in the page's language", body: "Wash." + strings.Replace(callBox, "Call your doctor or lactation consultant if", "When to call", 1), reviewed: "2026-01-01", sources: 2,
			want: []string{`call-box: x.md:1:1: warning: no box saying when to call for help: add one with the warning signs, starting "> [!IMPORTANT] Call your doctor or lactation consultant if"`}},
		{name: "no sources key", body: "Wash." + callBox, reviewed: "2026-01-01", sources: 0},
		{name: "one source", body: "Wash." + callBox, reviewed: "2026-01-01", sources: 1,
			want: []string{"few-sources: x.md:1:1: warning: 1 source; cite at least 2"}},
		{name: "reviewed 12 months ago to the day", body: "Wash." + callBox, reviewed: "2025-06-15", sources: 2},
		{name: "reviewed 12 months and a day ago", body: "Wash." + callBox, reviewed: "2025-06-14", sources: 2,
			want: []string{"review-age: x.md:1:1: warning: last reviewed 2025-06-14, 12 months ago: a review is due after 12 months"}},
		{name: "reviewed 24 months ago to the day", body: "Wash." + callBox, reviewed: "2024-06-15", sources: 2,
			want: []string{"review-age: x.md:1:1: warning: last reviewed 2024-06-15, 24 months ago"}},
		{name: "reviewed 24 months and a day ago", body: "Wash." + callBox, reviewed: "2024-06-14", sources: 2,
			want: []string{"review-age: x.md:1:1: last reviewed 2024-06-14, 24 months ago, more than the site's limit of 24 months"}},
		{name: "reviewed today", body: "Wash." + callBox, reviewed: "2026-06-15", sources: 2},
		{name: "reviewed tomorrow", body: "Wash." + callBox, reviewed: "2026-06-16", sources: 2,
			want: []string{"review-age: x.md:1:1: reviewed date 2026-06-16 is in the future (today is 2026-06-15)"}},
		{name: "list of 8 in a box", body: "Wash.\n\n> [!IMPORTANT] Call your doctor or lactation consultant if\n> - a\n> - b\n> - c\n> - d\n> - e\n> - f\n> - g\n> - h\n", reviewed: "2026-01-01", sources: 2,
			want: []string{"long-list: x.md:4:1: warning: list of 8 items"}},
		{name: "nested lists count apart", body: "- a\n  - 1\n  - 2\n- b\n- c\n- d\n- e\n- f\n- g" + callBox, reviewed: "2026-01-01", sources: 2},
		{name: "capitals, each word once", body: "Do NOT wait. Do NOT stop. Call NOW, and read the FAQ from the CDC." + callBox, reviewed: "2026-01-01", sources: 2,
			want: []string{`capitals: x.md:1:4: warning: "NOT" is in capital letters`, `capitals: x.md:1:32: warning: "NOW" is in capital letters`}},
		{name: "capitals in a hyphenated word", body: "This is NON-urgent." + callBox, reviewed: "2026-01-01", sources: 2,
			want: []string{`capitals: x.md:1:9: warning: "NON-urgent" is in capital letters`}},
		{name: "capitals in code are not read", body: "Type `STOP` and [a link](https://WWW.EXAMPLE.ORG)." + callBox, reviewed: "2026-01-01", sources: 2},
		{name: "placeholder in a draft", body: "REPLACE: the main message." + callBox, reviewed: "2026-01-01", sources: 2, draft: true,
			want: []string{`placeholder: x.md:1:1: warning: placeholder text "REPLACE: the main message."`}},
		{name: "placeholder to publish", body: "Wash.\n\n1. REPLACE: a step." + callBox, reviewed: "2026-01-01", sources: 2,
			want: []string{`placeholder: x.md:3:4: placeholder text "REPLACE: a step.": write your own text here; placeholders cannot be published`}},
		{name: "no keywords", body: "Wash." + callBox, reviewed: "2026-01-01", sources: 2, keywords: []string{},
			want: []string{`keywords: x.md:1:1: warning: no keywords: add the words parents use for this handout`}},
		{name: "only blank keywords", body: "Wash." + callBox, reviewed: "2026-01-01", sources: 2, keywords: []string{" ", ""},
			want: []string{`keywords: x.md:1:1: warning: no keywords`}},
		{name: "a keyword left from new", body: "Wash." + callBox, reviewed: "2026-01-01", sources: 2, draft: true, keywords: []string{"engorged", "REPLACE: words parents use"},
			want: []string{`placeholder: x.md:1:1: warning: keywords[2] is a placeholder ("REPLACE: words parents use"): write a keyword, or remove it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := meta(tt.reviewed, tt.sources)
			m.Draft = tt.draft
			if tt.keywords != nil {
				m.Keywords = tt.keywords
			}
			got := findings(Handout(input(t, tt.body), m, settings))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("finding %d:\n got %s\nwant %s…", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestReadabilityLimits(t *testing.T) {
	sentence := strings.TrimSpace(strings.Repeat("Mother ", 20)) + "."
	in := input(t, sentence+" "+sentence+callBox)
	grade := Handout(in, meta("2026-01-01", 2), Settings{}).Readability.FleschKincaidGrade
	if grade < 10 {
		t.Fatalf("grade %.1f; the test needs a hard text", grade)
	}
	for _, tt := range []struct {
		max  float64
		want string
	}{
		{max: grade},
		{max: grade - 0.1, want: "readability: x.md:1:1: warning: reading grade"},
		{max: grade - GradeMargin, want: "readability: x.md:1:1: warning: reading grade"},
		{max: grade - GradeMargin - 0.1, want: "readability: x.md:1:1: reading grade"},
		{max: 0}, // no limit
	} {
		t.Run(fmt.Sprint(tt.max), func(t *testing.T) {
			set := settings
			set.MaxGrade = tt.max
			r := Handout(in, meta("2026-01-01", 2), set)
			var got []string
			for _, f := range findings(r) {
				if strings.Contains(f, "reading grade") {
					got = append(got, f)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no readability finding, got %v", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("want %q, got %v", tt.want, got)
			}
			if r.Readability.Words == 0 || r.Readability.Longest != nil || len(r.Longest) != 3 {
				t.Errorf("readability %+v, longest %+v", r.Readability, r.Longest)
			}
		})
	}
}

func TestParagraphLength(t *testing.T) {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("word ", n)) + "." }
	for _, tt := range []struct {
		body string
		want bool
	}{
		{words(60), false},
		{words(61), true},
		{"- " + words(61), true},                                  // a list item is read as one paragraph
		{words(30) + "\n\n" + words(31), false},                   // two paragraphs
		{"Go to https://example.org/a/b/c/d " + words(58), false}, // an address is not a word
		{"Skin-to-skin " + words(59), false},                      // a hyphenated word is one word
	} {
		r := Handout(input(t, tt.body+callBox), meta("2026-01-01", 2), settings)
		got := strings.Contains(strings.Join(findings(r), "\n"), "long-paragraph: x.md:1:")
		if got != tt.want {
			t.Errorf("%.40q…: paragraph warning %v, want %v: %v", tt.body, got, tt.want, findings(r))
		}
	}
}

func TestIsShouting(t *testing.T) {
	for word, want := range map[string]bool{
		"STOP": true, "NOT": true, "NON-urgent": true, "DON'T": true,
		"OK": false, "US": false, "IV": false, "A": false, "I": false,
		"CDC": false, "NIH": false, "ABM's": false, "ABM’s": false, "LLLI": false, "QR": false,
		"PDF": false, "URL": false, "FAQ": false, "IBCLC": false, "COVID-19": false,
		"REPLACE": false, "Stop": false, "iPhone": false, "100.4": false, "mL": false, "H2O": false,
		"ÉTAPE": true,
	} {
		if got := isShouting(word); got != want {
			t.Errorf("isShouting(%q) = %v, want %v", word, got, want)
		}
	}
}

func TestMonthsBetween(t *testing.T) {
	d := func(s string) time.Time {
		t, _ := time.Parse(time.DateOnly, s)
		return t
	}
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"2026-01-15", "2026-01-15", 0},
		{"2026-01-15", "2026-02-14", 0},
		{"2026-01-15", "2026-02-15", 1},
		{"2025-01-31", "2026-02-28", 12},
		{"2024-02-29", "2026-02-28", 23},
		{"2024-06-15", "2026-06-15", 24},
	} {
		if got := monthsBetween(d(tt.a), d(tt.b)); got != tt.want {
			t.Errorf("monthsBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestMetaPlaceholders(t *testing.T) {
	m := meta("2026-01-01", 2)
	m.Summary = "REPLACE: one sentence."
	m.Topics = []string{"milk supply", "REPLACE: a topic"}
	m.Sources[1].URL = "https://example.org/Replace-Me"
	m.Draft = true
	m.Positions = content.Positions{"summary": {Path: "x.md", Line: 3, Col: 10}, "topics[2]": {Path: "x.md", Line: 5, Col: 24}, "sources[2].url": {Path: "x.md", Line: 9, Col: 10}}
	r := Handout(input(t, "Wash."+callBox), m, settings)
	var at []string
	for _, f := range r.Findings {
		at = append(at, f.Pos.String())
	}
	if got, want := strings.Join(at, " "), "x.md:3:10 x.md:5:24 x.md:9:10"; got != want {
		t.Errorf("placeholders at %s; want %s", got, want)
	}
	for _, f := range r.Findings {
		if f.Severity != diag.Warning {
			t.Errorf("in a draft, %v is not a warning", f)
		}
	}
}

func TestPage(t *testing.T) {
	r := Page(input(t, "# Who we are\n\nWe do NOT shout here, but REPLACE this."), &content.PageMeta{Title: "About"})
	got := findings(r)
	if len(got) != 1 || !strings.HasPrefix(got[0], `placeholder: x.md:3:27: placeholder text "REPLACE this."`) {
		t.Errorf("a page is checked for placeholders only; got %v", got)
	}
	if r.Readability.Words != 0 {
		t.Errorf("a page was measured: %+v", r.Readability)
	}
}

// TestNoDocument checks that a body that could not be parsed still has
// its front matter checked.
func TestNoDocument(t *testing.T) {
	in := input(t, "")
	in.Doc = nil
	r := Handout(in, meta("2027-01-01", 1), settings)
	if len(r.Findings) != 2 {
		t.Errorf("want the future review and the single source, got %v", findings(r))
	}
}

// FuzzHandout checks that any body is checked without a panic, and that
// every finding lies inside the body.
func FuzzHandout(f *testing.F) {
	for _, seed := range []string{
		"Wash your hands." + callBox,
		"- a\n- b\n\n> [!NOTE]\n> REPLACE\n\n| A | B |\n|---|---|\n| STOP | go |\n",
		"Do NOT `CODE` &amp; “QUOTE” NON-STOP…\n\n![ALT](x.svg)",
		"\u00a0\u2028REPLACE\r\n1. x\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		in := input(t, body)
		lines := strings.Count(body, "\n") + 1
		r := Handout(in, meta("2026-01-01", 2), settings)
		for _, d := range r.Findings {
			if d.Pos.Path != "x.md" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Errorf("finding outside the body (%d lines): %v", lines, d)
			}
		}
	})
}

// BenchmarkHandout measures the checks alone on a real handout, parsed
// once, to compare with rendering the page (generator's BenchmarkRenderPage).
func BenchmarkHandout(b *testing.B) {
	src, err := os.ReadFile("../../content/handouts/hand-expression.md")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := frontmatter.Split(src)
	if err != nil {
		b.Fatal(err)
	}
	in := input(b, string(doc.Body))
	m := meta("2026-05-01", 2)
	b.ReportAllocs()
	for b.Loop() {
		Handout(in, m, settings)
	}
}

// TestKeyPointsAndReviewer checks the rules of issue #12: a handout opens
// with its key points, and names the clinician who reviewed it.
func TestKeyPointsAndReviewer(t *testing.T) {
	set := settings
	set.KeyPoints = "Key points"
	keyPoints := "> [!NOTE] Key points\n> - Wash your hands.\n\n"
	for _, tt := range []struct {
		name       string
		body       string
		reviewedBy string
		require    bool
		want       []string
	}{
		{name: "both", body: keyPoints + "Wash." + callBox, reviewedBy: "A. Reviewer, IBCLC"},
		{name: "key points in other words", body: "> [!NOTE] Summary\n> - Wash.\n\nWash." + callBox, reviewedBy: "A. Reviewer, IBCLC",
			want: []string{`key-points: x.md:1:1: warning: the handout does not open with its key points: start it with a box "> [!NOTE] Key points"`}},
		{name: "key points further down", body: "Wash.\n\n" + keyPoints + callBox, reviewedBy: "A. Reviewer, IBCLC",
			want: []string{`key-points: x.md:1:1: warning: the handout does not open with its key points`}},
		{name: "no reviewer", body: keyPoints + "Wash." + callBox,
			want: []string{`reviewer: x.md:1:1: warning: no reviewed_by: the page and the printed sheet say that no clinician has reviewed this handout`}},
		{name: "no reviewer where one is required", body: keyPoints + "Wash." + callBox, require: true,
			want: []string{`reviewer: x.md:1:1: no reviewed_by: the page and the printed sheet say that no clinician has reviewed this handout; once one has, add reviewed_by: "Name, credential" as your clinic records it (the site's review.require_reviewer is on)`}},
		{name: "a reviewer of spaces", body: keyPoints + "Wash." + callBox, reviewedBy: "   ",
			want: []string{`reviewer: x.md:1:1: warning: no reviewed_by`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := meta("2026-01-01", 2)
			m.ReviewedBy = tt.reviewedBy
			set := set
			set.RequireReviewer = tt.require
			got := findings(Handout(input(t, tt.body), m, set))
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("got %q, want it to start %q", got[i], tt.want[i])
				}
			}
		})
	}
}
