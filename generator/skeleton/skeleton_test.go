package skeleton

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
	"handouts/generator/lint"
	"handouts/generator/markdown"
)

var today = time.Date(2026, 3, 9, 18, 0, 0, 0, time.UTC)

func TestNewRefuses(t *testing.T) {
	for _, tt := range []struct {
		kind  content.Kind
		title string
		want  string
	}{
		{content.Handout, "", "the title is empty"},
		{content.Handout, "\t ", "the title is empty"},
		{content.Handout, "A\nB", "line break or a control character"},
		{content.Handout, "A\u2028B", "line break or a control character"},
		{content.Handout, strings.Repeat("a", MaxTitle+1), "the title is 91 characters long"},
		{content.Handout, "ÆØ", ""}, // folds to "aeo": accepted
		{content.Handout, "…", "has no letters a-z or digits"},
		{content.Handout, "Index", "would make content/handouts/index.md"},
		{content.Page, "Handouts", "would make content/handouts.md"},
		{content.Page, "Packets", "would make content/packets.md"},
		{content.Packet, "A set", "cannot start a packet"},
	} {
		_, _, err := New(tt.kind, tt.title, today)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("New(%v, %q): %v", tt.kind, tt.title, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("New(%v, %q) = %v; want an error with %q", tt.kind, tt.title, err, tt.want)
		}
	}
}

// TestNewDecodes checks that a new handout and page have every required
// key, that their titles survive quoting, and that package lint finds a
// placeholder on every line that has one, as warnings in the draft.
func TestNewDecodes(t *testing.T) {
	title := `Quotes "and" \backslashes\: a title`
	for _, kind := range []content.Kind{content.Handout, content.Page} {
		rel, text, err := New(kind, title, today)
		if err != nil {
			t.Fatal(err)
		}
		wantRel := map[content.Kind]string{content.Handout: "content/handouts/quotes-and-backslashes-a-title.md", content.Page: "content/quotes-and-backslashes-a-title.md"}[kind]
		if rel != wantRel {
			t.Errorf("%v: path %s, want %s", kind, rel, wantRel)
		}
		doc, err := frontmatter.Split(text)
		if err != nil {
			t.Fatal(err)
		}
		in := lint.Input{Path: rel, Body: doc.Body, Pos: func(off int) diag.Pos { return diag.NewLines(text).Pos(rel, doc.BodyOffset+off) }}
		res, err := markdown.New(markdown.Options{}).Convert(doc.Body, &bytes.Buffer{}, resolver{}, in.Pos)
		if err != nil {
			t.Fatal(err)
		}
		in.Doc = res.Doc
		var r *lint.Result
		var errs []error
		if kind == content.Handout {
			var m content.HandoutMeta
			errs = frontmatter.Decode(rel, doc.YAML, doc.YAMLLine, &m)
			if m.Title != title || !m.Draft || m.Reviewed.String() != "2026-03-09" || m.Date.String() != "2026-03-09" || len(m.Sources) < lint.MinSources {
				t.Errorf("handout front matter: %+v", m)
			}
			r = lint.Handout(in, &m, lint.Settings{MaxGrade: 7, WarnMonths: 12, ErrorMonths: 24, Today: today,
				KeyPoints: "Key points", CallBox: "Call your doctor or lactation consultant if"})
		} else {
			var m content.PageMeta
			errs = frontmatter.Decode(rel, doc.YAML, doc.YAMLLine, &m)
			if m.Title != title || !m.Draft {
				t.Errorf("page front matter: %+v", m)
			}
			r = lint.Page(in, &m)
		}
		if len(errs) > 0 || len(res.Errors) > 0 {
			t.Fatalf("%v: %v %v", kind, errs, res.Errors)
		}
		flagged := map[int]bool{}
		for _, d := range r.Findings {
			if d.Kind == lint.KindReviewer {
				continue // a new handout has not been reviewed; reviewed_by is never made up
			}
			if d.Severity != diag.Warning || !strings.Contains(d.Msg, "placeholder") {
				t.Errorf("%v: a finding that is not a placeholder warning: %v", kind, d)
			}
			flagged[d.Pos.Line] = true
		}
		for i, line := range strings.Split(string(text), "\n") {
			if (strings.Contains(line, lint.Marker) || strings.Contains(line, lint.PlaceholderURL)) && !flagged[i+1] {
				t.Errorf("%v: line %d has a placeholder that lint does not report: %s", kind, i+1, line)
			}
		}
	}
}

type resolver struct{}

func (resolver) Resolve(dest string) (string, error) { return dest, nil }

func TestWrite(t *testing.T) {
	root := t.TempDir()
	if err := Write(root, "content/handouts/x.md", []byte("one")); err == nil || !strings.Contains(err.Error(), "no content/ folder in") {
		t.Errorf("writing outside a site: %v", err)
	}
	if err := os.Mkdir(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(root, "content/handouts/x.md", []byte("one")); err != nil {
		t.Fatal(err)
	}
	err := Write(root, "content/handouts/x.md", []byte("two"))
	if !errors.Is(err, fs.ErrExist) || err.Error() != "content/handouts/x.md already exists, and is left as it is; edit it, or choose another title" {
		t.Errorf("writing over a file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "content", "handouts", "x.md")); string(b) != "one" {
		t.Errorf("the file now holds %q", b)
	}
	// A link in the way is not followed out of the site.
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "content", "pages")); err != nil {
		t.Skip(err)
	}
	if err := Write(root, "content/pages/y.md", []byte("x")); err == nil {
		t.Errorf("wrote through a link that leads out of the site")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("wrote outside the site: %v", entries)
	}
}

// TestTranslationReservedName checks that a translation is not given a
// name whose address the site makes itself, in its language's folder.
func TestTranslationReservedName(t *testing.T) {
	src := []byte("---\ntitle: \"A set\"\nsummary: \"Handouts.\"\nhandouts: [a]\n---\n")
	for _, tt := range []struct {
		orig, name, want string
	}{
		{"content/packets/first-week.md", "custom", `the name "custom" would make content/es/packets/custom.md`},
		{"content/packets/first-week.md", "primera-semana", ""},
		{"content/about.md", "clinic", `the name "clinic" would make content/es/clinic.md`},
		{"content/handouts/x.md", "custom", ""}, // a handout's address is below /handouts/
	} {
		rel, _, err := Translation("es", tt.orig, src, "sha256:0", tt.name, today)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Translation(%s, --name %s): %v", tt.orig, tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("Translation(%s, --name %s) = %q, %v; want an error with %q", tt.orig, tt.name, rel, err, tt.want)
		}
	}
}
