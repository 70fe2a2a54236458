package diag

import (
	"math/rand/v2"
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
