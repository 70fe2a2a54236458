package content

import (
	"strings"
	"testing"

	"handouts/generator/frontmatter"
)

// TestCheckSources checks that every source a reader cannot find, or whose
// address or year cannot be right, is reported at its place, and that a
// source with a note instead of an address is accepted.
func TestCheckSources(t *testing.T) {
	const head = "title: T\nsummary: S.\nreviewed: 2026-01-01\nsources:\n"
	tests := []struct {
		name    string
		sources string
		want    []string // "line:col: part of the message", in order
	}{
		{name: "url", sources: "  - title: A\n    url: https://example.org/a\n"},
		{name: "note instead of url", sources: "  - title: A\n    note: \"printed sheet; ask La Leche League for a copy\"\n"},
		{name: "url and note", sources: "  - title: A\n    url: https://example.org/a\n    note: also printed\n"},
		{name: "neither url nor note", sources: "  - title: A\n    url: https://example.org/a\n  - title: B\n    publisher: P\n",
			want: []string{`8:5: sources[2] has no url and no note, so a reader cannot find it; add its address as url`}},
		{name: "blank note", sources: "  - title: A\n    note: \"  \"\n",
			want: []string{`6:5: sources[1] has no url and no note`}},
		{name: "url not a web address", sources: "  - title: A\n    url: example.org/a\n    note: n\n",
			want: []string{`7:10: sources[1].url "example.org/a" is not a full web address`}},
		{name: "year in the future", sources: "  - title: A\n    note: n\n    year: 2031\n",
			want: []string{`8:11: sources[1].year is 2031; give the year the source was published, 2026 or earlier`}},
		{name: "empty list", sources: "  []\n",
			want: []string{`5:1: sources is empty: list at least one source, with a title and a url or note`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m HandoutMeta
			if errs := frontmatter.Decode("h.md", []byte(head+tt.sources), 2, &m); len(errs) > 0 {
				t.Fatalf("decode: %v", errs)
			}
			errs := m.CheckSources("h.md", 2026)
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors %v, want %d", len(errs), errs, len(tt.want))
			}
			for i, err := range errs {
				if want := "h.md:" + tt.want[i]; !strings.Contains(err.Error(), want) {
					t.Errorf("error %d = %q, want it to contain %q", i, err, want)
				}
			}
		})
	}
}
