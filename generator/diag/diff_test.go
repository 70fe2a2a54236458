package diag

import (
	"fmt"
	"math/rand/v2"
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

// TestDiffShared diffs random lists in path order that share most
// findings, as two builds' lists do, and checks that what is added and
// gone is what comparing the lists whole finds, finding for finding.
func TestDiffShared(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	pool := make([]*Diagnostic, 60)
	for i := range pool {
		pool[i] = &Diagnostic{Pos: Pos{Path: fmt.Sprintf("f%02d.md", i/6), Line: r.IntN(4)}, Severity: Warning, Kind: "k", Msg: fmt.Sprint("m", r.IntN(2))}
	}
	pick := func() []*Diagnostic {
		var out []*Diagnostic
		for _, d := range pool {
			if r.IntN(10) > 0 {
				out = append(out, d)
			}
			if r.IntN(20) == 0 { // a copy: the same finding, made again
				c := *d
				out = append(out, &c)
			}
		}
		return out
	}
	key := func(ds []*Diagnostic) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Pos.Path+" "+d.Kind+" "+d.Msg)
		}
		slices.Sort(out)
		return out
	}
	for range 500 {
		before, after := pick(), pick()
		added, gone := Diff(before, after)
		if got, want := key(added), key(unmatched(after, before)); !slices.Equal(got, want) {
			t.Fatalf("added %q, want %q", got, want)
		}
		if got, want := key(gone), key(unmatched(before, after)); !slices.Equal(got, want) {
			t.Fatalf("gone %q, want %q", got, want)
		}
	}
}
