package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// TestFold tries Fold on the cases in testdata/fold.json, each an input and
// what it folds to. The theme's js/search.js folds what a reader types by
// the same rules, and the browser tests run its fold on the same cases
// (generator/browsertest/search_test.go).
func TestFold(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "fold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases [][2]string
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("testdata/fold.json: %v", err)
	}
	if len(cases) < 20 {
		t.Fatalf("testdata/fold.json has %d cases", len(cases))
	}
	for _, c := range cases {
		if got := Fold(c[0]); got != c[1] {
			t.Errorf("Fold(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// FuzzFold checks what every folded text must be, whatever the author
// wrote: letters and digits in lower case, single spaces between words, no
// accent but ñ's tilde; and folding again changes nothing.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Niño", "Extracción", "can't", "a  b", "Ñ\u0303", "n\u0301\u0303", "ǅ", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q, not UTF-8", s, got)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: spaces at an end or doubled", s, got)
		}
		for _, r := range got {
			if r != ' ' && !unicode.IsLetter(r) && !unicode.IsNumber(r) {
				t.Fatalf("Fold(%q) = %q holds %q", s, got, r)
			}
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold(Fold(%q)) = %q, not %q", s, again, got)
		}
	})
}

func TestEntryAndIndex(t *testing.T) {
	e := Entry(Doc{
		ID:       "es:extraccion-manual",
		Title:    "Extracción manual, paso a paso",
		Keywords: []string{"Sacarme la leche", "sacarme la leche", "", "!!", "UCIN"},
		Headings: []string{"Lo que necesita", "Pasos"},
		Topics:   []string{"extracción manual"},
		Summary:  "Cómo sacarse la leche del pecho con la mano.",
	})
	want := `["es:extraccion-manual","extraccion manual paso a paso",["sacarme la leche","ucin"],["lo que necesita","pasos"],["extraccion manual"],"como sacarse la leche del pecho con la mano"]`
	if string(e) != want {
		t.Errorf("Entry:\n got %s\nwant %s", e, want)
	}
	empty := Entry(Doc{ID: "en:x"})
	if string(empty) != `["en:x","",[],[],[],""]` {
		t.Errorf("an entry of nothing: %s", empty)
	}
	idx := Index([][]byte{e, empty})
	var got struct {
		Fields []string `json:"fields"`
		Docs   [][]any  `json:"docs"`
	}
	if err := json.Unmarshal(idx, &got); err != nil {
		t.Fatalf("the index is not JSON: %v\n%s", err, idx)
	}
	if !slices.Equal(got.Fields, []string{"id", "title", "keywords", "headings", "topics", "summary"}) || len(got.Docs) != 2 || len(got.Docs[0]) != len(got.Fields) {
		t.Errorf("the index reads as %+v", got)
	}
	if string(Index(nil)) != `{"fields":`+fields+`,"docs":[]}` {
		t.Errorf("an index of nothing: %s", Index(nil))
	}
}

func TestHeadings(t *testing.T) {
	src := []byte("> [!NOTE] Key points\n> - One.\n\n## What *you* need\n\nText.\n\n### Part 1: “Help” your milk\n\n## `code` and [a link](/x/)\n")
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	got := Headings(doc, src)
	want := []string{"What you need", "Part 1: “Help” your milk", "and a link"}
	if !slices.Equal(got, want) {
		t.Errorf("Headings = %q, want %q", got, want)
	}
}
