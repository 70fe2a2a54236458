package content

import "testing"

// TestIgnored lists names that are an editor's or the system's, and
// names an author may well use, which must be read.
func TestIgnored(t *testing.T) {
	for _, tt := range []struct {
		name string
		want bool
	}{
		{".x.md.swp", true}, {"x.md~", true}, {"#x.md#", true}, {"4913", true}, {".DS_Store", true},
		{"x.md.tmp", true}, {"sed13Cd1K", true}, {"sedxGrWyx", true},
		{"x.md", false}, {"sedation.md", false}, {"sed-i.md", false}, {"sed12345.svg", false}, {"sed12345", false}, {"images", false},
	} {
		if got := Ignored(tt.name); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
