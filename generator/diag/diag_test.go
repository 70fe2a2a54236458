package diag

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLinesPos checks positions found in any order, which Pos counts on
// from the last one when it can, against counting each from scratch.
func TestLinesPos(t *testing.T) {
	src := []byte("ab\ncafé über\n\nx日本語y\nlast")
	want := func(off int) Pos {
		line, col := 1, 1
		for _, r := range string(src[:off]) {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return Pos{Path: "x.md", Line: line, Col: col}
	}
	var offsets []int
	for off := 0; off <= len(src); off++ {
		if off == len(src) || utf8.RuneStart(src[off]) {
			offsets = append(offsets, off)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	shuffled := append([]int(nil), offsets...)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, order := range [][]int{offsets, shuffled} {
		l := NewLines(src)
		for _, off := range order {
			if got := l.Pos("x.md", off); got != want(off) {
				t.Errorf("Pos(%d) = %v, want %v", off, got, want(off))
			}
		}
	}
}

func TestErrorsShortensLongLines(t *testing.T) {
	e := &Errors{List: []*Diagnostic{Errorf(Pos{Path: "x.md", Line: 1, Col: 1}, "link %q is wrong", strings.Repeat("é", 5000))}}
	lines := strings.Split(e.Error(), "\n")
	if len(lines) != 2 || len(lines[0]) > maxLine+4 || !strings.HasSuffix(lines[0], " ...") || !utf8.ValidString(lines[0]) {
		t.Errorf("first line is %d bytes: %.80q...", len(lines[0]), lines[0])
	}
}

func TestMergeSorted(t *testing.T) {
	w := func(path string, line int, msg string) *Diagnostic {
		return &Diagnostic{Pos: Pos{Path: path, Line: line, Col: 1}, Severity: Warning, Msg: msg}
	}
	e := func(path string, line int, msg string) *Diagnostic {
		return &Diagnostic{Pos: Pos{Path: path, Line: line, Col: 1}, Severity: Error, Msg: msg}
	}
	tests := []struct {
		name string
		a, b []*Diagnostic
	}{
		{"both empty", nil, nil},
		{"one empty", []*Diagnostic{w("a", 1, "x"), w("b", 1, "y")}, nil},
		{"interleaved files", []*Diagnostic{w("a", 1, "x"), w("c", 1, "x")}, []*Diagnostic{w("b", 2, "y"), w("d", 1, "y")}},
		{"same file, lines between", []*Diagnostic{w("a", 1, "x"), w("a", 9, "x")}, []*Diagnostic{w("a", 5, "y")}},
		{"error before warning at one place", []*Diagnostic{w("a", 1, "x")}, []*Diagnostic{e("a", 1, "x")}},
		{"duplicates across lists", []*Diagnostic{w("a", 1, "x"), w("b", 1, "x")}, []*Diagnostic{w("a", 1, "x"), w("b", 1, "x")}},
		{"no position sorts first", []*Diagnostic{w("a", 1, "x")}, []*Diagnostic{{Severity: Error, Msg: "disk full"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var all List
			for _, d := range append(slices.Clone(tt.a), tt.b...) {
				all.Add(d)
			}
			want := all.Sorted()
			got := MergeSorted(SortedCopy(tt.a), SortedCopy(tt.b))
			if !slices.EqualFunc(got, want, func(a, b *Diagnostic) bool { return *a == *b }) {
				t.Errorf("MergeSorted = %v, want %v (what Sorted gives)", got, want)
			}
		})
	}
}

// TestMergeSortedLong merges random sorted lists, one long and one short
// (which MergeSorted places by binary search) or of like lengths, with
// findings in both, and compares with what Sorted gives for them all.
func TestMergeSortedLong(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	random := func(n int) []*Diagnostic {
		out := make([]*Diagnostic, n)
		for i := range out {
			out[i] = &Diagnostic{Pos: Pos{Path: fmt.Sprintf("f%d", r.IntN(20)), Line: r.IntN(5), Col: 1}, Severity: Severity(r.IntN(2)), Msg: fmt.Sprint("m", r.IntN(3))}
		}
		return out
	}
	for _, sizes := range [][2]int{{0, 300}, {1, 300}, {3, 300}, {300, 3}, {40, 300}, {300, 300}} {
		for range 50 {
			a, b := random(sizes[0]), random(sizes[1])
			var all List
			for _, d := range slices.Concat(a, b) {
				all.Add(d)
			}
			want := all.Sorted()
			got := MergeSorted(SortedCopy(a), SortedCopy(b))
			if !slices.EqualFunc(got, want, func(a, b *Diagnostic) bool { return *a == *b }) {
				t.Fatalf("%v: MergeSorted gives %d findings, Sorted %d, or another order", sizes, len(got), len(want))
			}
		}
	}
}
