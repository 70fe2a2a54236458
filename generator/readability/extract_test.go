package readability

import (
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// markdown is configured as the site's renderer is.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

func parse(src []byte) ast.Node {
	return markdown.Parser().Parse(text.NewReader(src))
}

func blockTexts(blocks []Block) []string {
	var out []string
	for _, b := range blocks {
		out = append(out, b.Text)
	}
	return out
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "paragraph with soft line break",
			src:  "Feed your baby\noften.\n",
			want: []string{"Feed your baby often."},
		},
		{
			name: "headings and paragraphs are separate blocks",
			src:  "# Hand expression\n\nWash your hands.\n\nSetext heading\n--------------\n",
			want: []string{"Hand expression", "Wash your hands.", "Setext heading"},
		},
		{
			name: "code is skipped",
			src:  "Run `go test` now.\n\n```\nfmt.Println(\"hi\")\n```\n\n    indented code\n\nDone.\n",
			want: []string{"Run  now.", "Done."},
		},
		{
			name: "bare URLs and autolinks are skipped, link text kept",
			src:  "See https://www.llli.org/ and <https://nhs.uk> or [La Leche League](https://www.llli.org \"LLLI\").\n",
			want: []string{"See  and  or La Leche League."},
		},
		{
			name: "images and raw HTML are skipped",
			src:  "Hold here ![a hand holding a breast](hand.png) <span>gently</span>.\n\n<div>\nNot text.\n</div>\n",
			want: []string{"Hold here  gently."},
		},
		{
			name: "list items are blocks, task boxes are dropped",
			src:  "- [ ] Wash hands\n- [x] Warm cloth\n- Massage gently\n\n1. First\n\n   Second paragraph\n",
			want: []string{"Wash hands", "Warm cloth", "Massage gently", "First", "Second paragraph"},
		},
		{
			name: "table cells are blocks",
			src:  "| Sign | Action |\n|------|--------|\n| Fever | Call us |\n",
			want: []string{"Sign", "Action", "Fever", "Call us"},
		},
		{
			name: "block quotes and nested lists are descended",
			src:  "> **Call** your *doctor*\n> - if it is red\n",
			want: []string{"Call your doctor", "if it is red"},
		},
		{
			name: "typographer quotes, dashes and ellipses",
			src:  "Don't wait -- \"call\" us... now.\n",
			want: []string{"Don’t wait – “call” us… now."},
		},
		{
			name: "entities and escapes are decoded",
			src:  "Cold &amp; warm \\*not\\* hot &frac12; hour.\n",
			want: []string{"Cold & warm *not* hot ½ hour."},
		},
		{
			name: "hard line break is a space",
			src:  "Line one\\\nline two\n",
			want: []string{"Line one line two"},
		},
		{
			name: "footnote reference dropped, footnote text kept",
			src:  "Massage helps.[^1]\n\n[^1]: Jones 2001.\n",
			want: []string{"Massage helps.", "Jones 2001."},
		},
		{
			name: "thematic break and empty blocks are dropped",
			src:  "Before.\n\n---\n\n![only an image](x.png)\n\nAfter.\n",
			want: []string{"Before.", "After."},
		},
		{
			name: "strikethrough text is kept",
			src:  "Use ~~heat~~ cold.\n",
			want: []string{"Use heat cold."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			got := blockTexts(Extract(parse(src), src))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestExtractOffsets checks that every block's Offset and every sentence's
// source offset point at the bytes they stand for.
func TestExtractOffsets(t *testing.T) {
	src := []byte("---\n# Cold, not heat\n\nUse a *cold* pack. Then rest\nfor 10 minutes.\n\n" +
		"- [ ] Check for **fever**.\n- See [your doctor](https://example.org). Soon.\n\n" +
		"> \"Quoted\" text. More here.\n\n| A | B |\n|---|---|\n| Left cell | Right cell |\n")
	blocks := Extract(parse(src), src)
	wantStarts := []string{"Cold, not heat", "Use a", "Check for", "See ", "\"Quoted\"", "A", "B", "Left cell", "Right cell"}
	if len(blocks) != len(wantStarts) {
		t.Fatalf("got %d blocks %q, want %d", len(blocks), blockTexts(blocks), len(wantStarts))
	}
	for i, b := range blocks {
		if !strings.HasPrefix(string(src[b.Offset:]), wantStarts[i]) {
			t.Errorf("block %q: Offset %d points at %q, want %q", b.Text, b.Offset, clip(src[b.Offset:]), wantStarts[i])
		}
	}
	// Each sentence's source offset must point at its first word. (The
	// typographer turns the opening " into “, which has no source bytes of
	// its own; its offset is that of the " it replaced.)
	wantSentences := map[string]string{
		"Use a cold pack.":          "Use a *cold*",
		"Then rest for 10 minutes.": "Then rest\nfor",
		"See your doctor.":          "See [your",
		"Soon.":                     "Soon.",
		"“Quoted” text.":            "\"Quoted\" text.",
		"More here.":                "More here.",
		"Check for fever.":          "Check for **fever**",
		"Right cell":                "Right cell",
		"Cold, not heat":            "Cold, not heat",
		"Left cell":                 "Left cell",
		"A":                         "A |",
		"B":                         "B |",
	}
	for _, b := range blocks {
		for _, s := range SplitSentences(b.Text) {
			want, ok := wantSentences[s.Text]
			if !ok {
				t.Errorf("unexpected sentence %q", s.Text)
				continue
			}
			off := b.SourceOffset(s.Offset)
			if !strings.HasPrefix(string(src[off:]), want) {
				t.Errorf("sentence %q: source offset %d points at %q, want %q", s.Text, off, clip(src[off:]), want)
			}
		}
	}
}

func clip(b []byte) string {
	if len(b) > 20 {
		b = b[:20]
	}
	return string(b)
}

func TestSourceOffsetHandBuilt(t *testing.T) {
	b := Block{Text: "Feed often.", Offset: 100}
	if got := b.SourceOffset(5); got != 105 {
		t.Errorf("SourceOffset(5) = %d, want 105", got)
	}
	if got := (Block{Text: "x", Offset: -1}).SourceOffset(0); got != -1 {
		t.Errorf("SourceOffset without a position = %d, want -1", got)
	}
}

// callout stands for the project's own block nodes (callout boxes), which
// hold ordinary paragraphs and lists.
type callout struct{ ast.BaseBlock }

var kindCallout = ast.NewNodeKind("TestCallout")

func (n *callout) Kind() ast.NodeKind            { return kindCallout }
func (n *callout) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// caption stands for a custom block whose children are inline nodes, such
// as a figure caption.
type caption struct{ ast.BaseBlock }

var kindCaption = ast.NewNodeKind("TestCaption")

func (n *caption) Kind() ast.NodeKind            { return kindCaption }
func (n *caption) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func TestExtractUnknownNodes(t *testing.T) {
	src := []byte("Before.\n\nInside one.\n\n- inside a list\n\nA caption *here*\n\nAfter.\n")
	doc := parse(src)
	// Move the second paragraph and the list into a callout, and the
	// fourth paragraph's inlines into a caption block, as an extension's
	// AST transformer would.
	para2 := doc.FirstChild().NextSibling()
	list := para2.NextSibling()
	para4 := list.NextSibling()
	box := &callout{}
	doc.InsertBefore(doc, para2, box)
	box.AppendChild(box, para2)
	box.AppendChild(box, list)
	capt := &caption{}
	doc.ReplaceChild(doc, para4, capt)
	for c := para4.FirstChild(); c != nil; c = para4.FirstChild() {
		capt.AppendChild(capt, c)
	}

	blocks := Extract(doc, src)
	want := []string{"Before.", "Inside one.", "inside a list", "A caption here", "After."}
	if got := blockTexts(blocks); !reflect.DeepEqual(got, want) {
		t.Fatalf("Extract with custom nodes\n got %q\nwant %q", got, want)
	}
	// The caption has no Lines of its own; its offset comes from its text.
	if off := blocks[3].Offset; !strings.HasPrefix(string(src[off:]), "A caption") {
		t.Errorf("caption Offset %d points at %q", off, clip(src[off:]))
	}
}
