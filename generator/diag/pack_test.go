package diag

import (
	"fmt"
	"io/fs"
	"reflect"
	"sync"
	"testing"
)

// TestPack checks that findings come out of a block as they went in, in
// order, and that those a block cannot hold are refused.
func TestPack(t *testing.T) {
	const path = "content/handouts/x.md"
	at := func(line, col int) Pos { return Pos{Path: path, Line: line, Col: col} }
	for _, tt := range []struct {
		name string
		ds   []*Diagnostic
		ok   bool
	}{
		{"none", nil, true},
		{"one", []*Diagnostic{Warnf(at(4, 7), "sentence of %d words", 31).WithKind("sentence")}, true},
		{"many, texts repeated", []*Diagnostic{
			Warnf(at(1, 1), "no reviewer").WithKind("reviewer"),
			Warnf(at(12, 300000), "café über «x»").WithKind("capitals"),
			Errorf(at(1<<30, 1), "no reviewer").WithKind("reviewer"),
			Warnf(at(0, 0), "no kind, no line"),
			Warnf(at(2, 1), ""),
		}, true},
		{"another file", []*Diagnostic{Warnf(at(1, 1), "x"), Warnf(Pos{Path: "content/y.md", Line: 1}, "y")}, false},
		{"no file", []*Diagnostic{Warnf(Pos{}, "x")}, false},
		{"negative line", []*Diagnostic{Warnf(at(-1, 1), "x")}, false},
		{"wraps an error", []*Diagnostic{Warnf(at(1, 1), "cannot read: %w", fs.ErrPermission)}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p Packer
			p.Pack(path, []*Diagnostic{Warnf(at(9, 9), "seen before").WithKind("other")}) // texts already in the table
			block, ok := p.Pack(path, tt.ds)
			if ok != tt.ok {
				t.Fatalf("Pack: ok %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if n := Packed(block); n != len(tt.ds) {
				t.Errorf("Packed = %d, want %d", n, len(tt.ds))
			}
			before := []*Diagnostic{Warnf(at(1, 1), "kept")}
			got := p.Unpack(before[:1:1], path, block)
			if got[0] != before[0] {
				t.Errorf("Unpack did not append to what it was given")
			}
			if len(got)-1 != len(tt.ds) {
				t.Fatalf("Unpack gave %d findings, want %d", len(got)-1, len(tt.ds))
			}
			for i, d := range got[1:] {
				if !reflect.DeepEqual(d, tt.ds[i]) {
					t.Errorf("finding %d: got %+v, want %+v", i, *d, *tt.ds[i])
				}
			}
		})
	}
}

// TestPackConcurrent packs on several goroutines at once, as the page
// workers do, and unpacks every block afterwards.
func TestPackConcurrent(t *testing.T) {
	var p Packer
	var wg sync.WaitGroup
	blocks := make([][]byte, 8)
	want := make([][]*Diagnostic, 8)
	for w := range blocks {
		path := fmt.Sprintf("content/%d.md", w)
		for i := range 50 {
			want[w] = append(want[w], Warnf(Pos{Path: path, Line: i + 1, Col: w + 1}, "message %d", (i*w)%7).WithKind(fmt.Sprint("kind", i%3)))
		}
		wg.Go(func() {
			b, ok := p.Pack(path, want[w])
			if !ok {
				t.Error("refused")
			}
			blocks[w] = b
		})
	}
	wg.Wait()
	for w, b := range blocks {
		if got := p.Unpack(nil, fmt.Sprintf("content/%d.md", w), b); !reflect.DeepEqual(got, want[w]) {
			t.Errorf("block %d came out different", w)
		}
	}
}
