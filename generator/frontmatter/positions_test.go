package frontmatter

import (
	"testing"
)

// TestPositions checks that Decode records where each value is written
// in a struct's Positions field: scalars at their value, lists and sets
// of keys at their key, list items from 1.
func TestPositions(t *testing.T) {
	type source struct {
		Title string `fm:"title"`
		URL   string `fm:"url"`
	}
	var v struct {
		Title     string    `fm:"title"`
		Reviewed  Date      `fm:"reviewed"`
		Topics    []string  `fm:"topics"`
		Sources   []source  `fm:"sources"`
		Positions Positions `fm:"-"`
	}
	src := "title: \"X\"\nreviewed: 2026-11-20\ntopics: [a, \"b\"]\nsources:\n  - title: A\n    url: https://example.org/a\n  - url: https://example.org/b\n    title: B\n"
	if errs := Decode("x.md", []byte(src), 2, &v); len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]string{
		"title": "x.md:2:8", "reviewed": "x.md:3:11", "topics": "x.md:4:1", "topics[1]": "x.md:4:10", "topics[2]": "x.md:4:13",
		"sources": "x.md:5:1", "sources[1]": "x.md:6:5", "sources[1].title": "x.md:6:12", "sources[1].url": "x.md:7:10",
		"sources[2]": "x.md:8:5", "sources[2].url": "x.md:8:10", "sources[2].title": "x.md:9:12",
	}
	for key, pos := range want {
		if got := v.Positions[key].String(); got != pos {
			t.Errorf("%s at %s, want %s", key, got, pos)
		}
	}
	if len(v.Positions) != len(want) {
		t.Errorf("recorded %d positions, want %d: %v", len(v.Positions), len(want), v.Positions)
	}
	// Without a Positions field nothing is recorded, and nothing breaks.
	var plain struct {
		Title string `fm:"title"`
	}
	if errs := Decode("x.md", []byte("title: X\n"), 2, &plain); len(errs) > 0 || plain.Title != "X" {
		t.Errorf("%v %q", errs, plain.Title)
	}
}
