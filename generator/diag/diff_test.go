package diag

import (
	"slices"
	"testing"
)

func TestDiff(t *testing.T) {
	at := func(path string, line int, sev Severity, kind, msg string) *Diagnostic {
		return &Diagnostic{Pos: Pos{Path: path, Line: line, Col: 1}, Severity: sev, Kind: kind, Msg: msg}
	}
	long := at("a.md", 3, Warning, "readability", "sentence too long")
	longMoved := at("a.md", 5, Warning, "readability", "sentence too long")
	longOther := at("b.md", 3, Warning, "readability", "sentence too long")
	caps := at("a.md", 9, Warning, "capitals", "all capitals")
	link := at("a.md", 4, Error, "link", "no page at /x/")
	linkWarn := at("a.md", 4, Warning, "link", "no page at /x/")
	kindless := at("a.md", 4, Error, "", "no page at /x/")
	cLong := at("c.md", 2, Warning, "readability", "sentence too long")
	cCaps := at("c.md", 7, Warning, "capitals", "all capitals")
	for _, tt := range []struct {
		name          string
		before, after []*Diagnostic
		added, gone   []*Diagnostic
	}{
		{"nothing before or after", nil, nil, nil, nil},
		{"the first findings are all new", nil, []*Diagnostic{long, caps}, []*Diagnostic{long, caps}, nil},
		{"all gone", []*Diagnostic{long, link}, nil, nil, []*Diagnostic{long, link}},
		{"unchanged", []*Diagnostic{long, caps}, []*Diagnostic{long, caps}, nil, nil},
		{"moved down by a line added above", []*Diagnostic{long, caps}, []*Diagnostic{longMoved, caps}, nil, nil},
		{"the same message in another file is new", []*Diagnostic{long}, []*Diagnostic{long, longOther}, []*Diagnostic{longOther}, nil},
		{"one new, one gone", []*Diagnostic{long, caps}, []*Diagnostic{caps, link}, []*Diagnostic{link}, []*Diagnostic{long}},
		{"a warning that became an error", []*Diagnostic{linkWarn}, []*Diagnostic{link}, []*Diagnostic{link}, []*Diagnostic{linkWarn}},
		{"another kind is another finding", []*Diagnostic{kindless}, []*Diagnostic{link}, []*Diagnostic{link}, []*Diagnostic{kindless}},
		{"a second identical finding is new", []*Diagnostic{long}, []*Diagnostic{long, longMoved}, []*Diagnostic{longMoved}, nil},
		{"files in path order, one of them changed", []*Diagnostic{long, caps, longOther, cLong}, []*Diagnostic{long, caps, cLong, cCaps}, []*Diagnostic{cCaps}, []*Diagnostic{longOther}},
		{"a file only before and a file only after", []*Diagnostic{longOther}, []*Diagnostic{long, cLong}, []*Diagnostic{long, cLong}, []*Diagnostic{longOther}},
		{"not in path order", []*Diagnostic{cLong, long, caps}, []*Diagnostic{caps, cCaps, longMoved}, []*Diagnostic{cCaps}, []*Diagnostic{cLong}},
		{"one of two identical findings gone", []*Diagnostic{long, longMoved}, []*Diagnostic{longMoved}, nil, []*Diagnostic{longMoved}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			added, gone := Diff(tt.before, tt.after)
			if !slices.Equal(added, tt.added) {
				t.Errorf("added %v, want %v", added, tt.added)
			}
			if !slices.Equal(gone, tt.gone) {
				t.Errorf("gone %v, want %v", gone, tt.gone)
			}
		})
	}
}
