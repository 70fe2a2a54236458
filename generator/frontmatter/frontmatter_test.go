package frontmatter

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

type citation struct {
	Title string `fm:"title,required" help:"the source's title"`
	URL   string `fm:"url,required"`
	Year  int    `fm:"year"`
}

type meta struct {
	Title    string     `fm:"title,required" help:"the handout's title"`
	Reviewed Date       `fm:"reviewed"`
	Topics   []string   `fm:"topics"`
	Draft    bool       `fm:"draft"`
	Weight   int        `fm:"weight"`
	Grade    float64    `fm:"grade"`
	Sources  []citation `fm:"sources"`
	Aliases  []Text     `fm:"aliases"`
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		yaml, body string
		hasFM      bool
		err        error
	}{
		{name: "none", src: "# Hello\n", body: "# Hello\n"},
		{name: "empty file", src: "", body: ""},
		{name: "simple", src: "---\ntitle: x\n---\nbody\n", yaml: "title: x\n", body: "body\n", hasFM: true},
		{name: "empty front matter", src: "---\n---\nbody", yaml: "", body: "body", hasFM: true},
		{name: "dots close", src: "---\ntitle: x\n...\nbody", yaml: "title: x\n", body: "body", hasFM: true},
		{name: "no body", src: "---\ntitle: x\n---", yaml: "title: x\n", body: "", hasFM: true},
		{name: "trailing spaces on fences", src: "---  \ntitle: x\n--- \nbody", yaml: "title: x\n", body: "body", hasFM: true},
		{name: "unclosed", src: "---\ntitle: x\nbody\n", err: ErrUnclosed},
		{name: "only a fence", src: "---", err: ErrUnclosed},
		{name: "thematic break later is body", src: "text\n---\n", body: "text\n---\n"},
		{name: "four dashes is not a fence", src: "----\ntitle: x\n", body: "----\ntitle: x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Split([]byte(tt.src))
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if string(doc.YAML) != tt.yaml || string(doc.Body) != tt.body || doc.HasFrontMatter != tt.hasFM {
				t.Errorf("got yaml %q body %q fm %v; want yaml %q body %q fm %v", doc.YAML, doc.Body, doc.HasFrontMatter, tt.yaml, tt.body, tt.hasFM)
			}
			if got := tt.src[doc.BodyOffset:]; got != string(doc.Body) {
				t.Errorf("BodyOffset %d points at %q, not the body %q", doc.BodyOffset, got, doc.Body)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n", "---\ntitle: x\n---\n"},
		{"plain\n", "plain\n"},
		{"a\rb", "a\nb"}, // old Mac line endings
	}
	for _, tt := range tests {
		if got := string(Normalize([]byte(tt.in))); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		// errs are the expected messages, each "line:col: text" (the path is
		// "x.md" and the front matter starts on file line 2).
		errs  []string
		check func(t *testing.T, m meta)
	}{
		{name: "valid", yaml: "title: Hand expression\nreviewed: 2026-03-01\ntopics: [milk supply, pumping]\ndraft: true\nweight: 3\ngrade: 6.5\nsources:\n  - title: ABM\n    url: https://example.org\n    year: 2022\naliases: [/old/]\n",
			check: func(t *testing.T, m meta) {
				if m.Title != "Hand expression" || m.Reviewed.String() != "2026-03-01" || len(m.Topics) != 2 || !m.Draft || m.Weight != 3 || m.Grade != 6.5 {
					t.Errorf("decoded %+v", m)
				}
				if len(m.Sources) != 1 || m.Sources[0].Year != 2022 || m.Sources[0].URL != "https://example.org" {
					t.Errorf("sources %+v", m.Sources)
				}
				if len(m.Aliases) != 1 || m.Aliases[0].Value != "/old/" || m.Aliases[0].Pos.String() != "x.md:12:11" {
					t.Errorf("aliases %+v", m.Aliases)
				}
			}},
		{name: "numbers as titles are text", yaml: "title: 2024\n", check: func(t *testing.T, m meta) {
			if m.Title != "2024" {
				t.Errorf("title %q", m.Title)
			}
		}},
		{name: "block text", yaml: "title: |\n  Two\n  lines\n", check: func(t *testing.T, m meta) {
			if m.Title != "Two\nlines\n" {
				t.Errorf("title %q", m.Title)
			}
		}},
		{name: "empty", yaml: "", errs: []string{`1:1: missing required key "title": add the handout's title`}},
		{name: "only a comment", yaml: "# nothing yet\n", errs: []string{`1:1: missing required key "title": add the handout's title`}},
		{name: "unknown key with suggestion", yaml: "titel: x\n", errs: []string{
			`2:1: unknown key "titel"; did you mean "title"?`,
			`2:1: missing required key "title": add the handout's title`}},
		{name: "unknown key without suggestion", yaml: "title: x\ncolour: red\n", errs: []string{
			`3:1: unknown key "colour"; the keys allowed here are title, reviewed, topics, draft, weight, grade, sources, aliases`}},
		{name: "unknown nested key", yaml: "title: x\nsources:\n  - title: a\n    url: b\n    yeer: 2020\n", errs: []string{
			`6:5: unknown key "sources[1].yeer"; did you mean "year"?`}},
		{name: "missing nested key", yaml: "title: x\nsources:\n  - title: a\n", errs: []string{
			`4:5: missing required key "url"`}},
		{name: "impossible date", yaml: "title: x\nreviewed: 2025-02-30\n", errs: []string{
			`3:11: reviewed: 2025-02-30 is not a real date; check the day and month`}},
		{name: "not a date", yaml: "title: x\nreviewed: last week\n", errs: []string{
			`3:11: reviewed: "last week" is not a date; write it as YYYY-MM-DD, like 2026-03-01`}},
		{name: "date as a list", yaml: "title: x\nreviewed: [2025]\n", errs: []string{
			`3:11: reviewed: expected a date like 2026-03-01, found a list`}},
		{name: "bool as text", yaml: "title: x\ndraft: yes please\n", errs: []string{
			`3:8: draft: expected true or false, found "yes please"`}},
		{name: "int as text", yaml: "title: x\nweight: heavy\n", errs: []string{
			`3:9: weight: expected a whole number, found "heavy"`}},
		{name: "list as text", yaml: "title: x\ntopics: milk supply\n", errs: []string{
			`3:9: topics: expected a list, like ["one", "two"] or lines starting with "- ", found "milk supply"`}},
		{name: "text as a list", yaml: "title: [a, b]\n", errs: []string{
			`2:8: title: expected text, found a list`}},
		{name: "duplicate key", yaml: "title: x\ntitle: y\n", errs: []string{`3:1: key "title" is given twice; keep one`}},
		{name: "tab indent", yaml: "title: x\nsources:\n\t- title: a\n", errs: []string{
			`4:1: front matter is not valid YAML: a tab is used for indenting; indent with spaces`}},
		{name: "unterminated quote", yaml: "title: \"x\n", errs: []string{
			`2:8: front matter is not valid YAML: could not find end character of double-quoted text; close the quote with " on the same line`}},
		{name: "a list, not keys", yaml: "- title\n", errs: []string{
			`2:1: front matter must be a set of "key: value" lines, found a list`}},
		{name: "alias", yaml: "title: &t x\nsources:\n  - title: *t\n    url: u\n", errs: []string{
			`4:12: sources[1].title: YAML aliases (*name) are not supported here; write the value out`}},
		{name: "null leaves zero", yaml: "title: x\nweight:\n", check: func(t *testing.T, m meta) {
			if m.Weight != 0 {
				t.Errorf("weight %d", m.Weight)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m meta
			errs := Decode("x.md", []byte(tt.yaml), 2, &m)
			var got []string
			for _, e := range errs {
				got = append(got, strings.TrimPrefix(e.Error(), "x.md:"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errs, "\n"))
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2024-02-29", "2026-12-31"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
	for _, s := range []string{"2025-02-29", "2026-13-01", "2026-1-1", "01/02/2026", ""} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted an invalid date", s)
		}
	}
}

// FuzzDecode checks that no front matter, however broken, panics the
// decoder, and that every error it reports is positioned inside the input.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"title: x\n", "titel: x\n", "title: [a\n", "\t- x\n", "reviewed: 2025-02-30\n",
		"sources:\n  - title: a\n    url: b\n", "a: &x 1\nb: *x\n", "? [a]\n: b\n", "!!binary x: y\n",
		"title: |\n  lit\n", "{title: x, draft: true}", "---\n---\n", strings.Repeat("[", 200),
	} {
		f.Add(seed)
	}
	for _, tt := range limitTests() { // the shapes that cost the parser most
		f.Add(tt.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		src = string(Normalize([]byte(src))) // as the build does before decoding
		var m meta
		lines := strings.Count(src, "\n") + 1
		for _, err := range Decode("x.md", []byte(src), 2, &m) {
			msg := err.Error()
			if !utf8.ValidString(msg) && utf8.ValidString(src) {
				t.Errorf("message is not UTF-8: %q", msg)
			}
			var line int
			if !strings.HasPrefix(msg, "x.md:") {
				t.Fatalf("error without position: %q", msg)
			}
			if _, err := fmtSscan(msg, &line); err == nil && (line < 1 || line > lines+1) {
				t.Errorf("error at line %d, outside the input's %d lines: %q", line, lines+1, msg)
			}
		}
	})
}

// fmtSscan reads the line number from "x.md:LINE:...".
func fmtSscan(msg string, line *int) (int, error) {
	rest := strings.TrimPrefix(msg, "x.md:")
	n := 0
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		n = n*10 + int(rest[i]-'0')
		i++
	}
	if i == 0 {
		return 0, errors.New("no line")
	}
	*line = n
	return 1, nil
}
