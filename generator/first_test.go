package generator

import (
	"cmp"
	"fmt"
	"handouts/generator/content"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestFirst checks first against sorting the whole list, on random lists
// with repeated keys, for every n up to past the list's length.
func TestFirst(t *testing.T) {
	type item struct{ key, id int }
	byKey := func(a, b item) int { return cmp.Or(cmp.Compare(b.key, a.key), cmp.Compare(a.id, b.id)) }
	r := rand.New(rand.NewPCG(3, 3))
	for range 200 {
		list := make([]item, r.IntN(40))
		for i := range list {
			list[i] = item{key: r.IntN(8), id: i}
		}
		sorted := slices.SortedFunc(slices.Values(list), byKey)
		for n := 0; n <= len(list)+2; n++ {
			got := first(list, n, byKey)
			if want := sorted[:min(n, len(sorted))]; !slices.Equal(got, want) {
				t.Fatalf("first(%v, %d) = %v, want %v", list, n, got, want)
			}
		}
	}
}

// TestResort checks resort against sorting the whole list again, on
// random lists where random pages are rendered again with new weights and
// titles, or leave the list (a draft) or join it: few at a time (found by
// binary search) and many (found by a look at every entry).
func TestResort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	page := func(path string) *pageInfo {
		return &pageInfo{file: &content.File{Path: path}, weight: r.IntN(3), sortKey: []byte{byte('a' + r.IntN(4))}, skipped: r.IntN(6) == 0}
	}
	listed := func(p *pageInfo) bool { return !p.skipped }
	for _, changes := range []int{1, 3, resortFew, resortFew + 1, 80} {
		for range 100 {
			was := map[string]*pageInfo{}
			for i := range 100 {
				path := fmt.Sprintf("p%03d", i)
				was[path] = page(path)
			}
			sorted := slices.SortedFunc(maps.Values(was), byOrder)
			sorted = slices.DeleteFunc(sorted, func(p *pageInfo) bool { return !listed(p) })
			now := maps.Clone(was)
			fresh := map[string]*pageInfo{}
			for range changes {
				path := fmt.Sprintf("p%03d", r.IntN(100))
				fresh[path] = page(path)
				now[path] = fresh[path]
			}
			changed := slices.SortedFunc(maps.Values(fresh), func(a, b *pageInfo) int { return strings.Compare(a.file.Path, b.file.Path) })
			got := resort(sorted, was, changed, listed, byOrder)
			want := slices.DeleteFunc(slices.SortedFunc(maps.Values(now), byOrder), func(p *pageInfo) bool { return !listed(p) })
			if !slices.Equal(got, want) {
				t.Fatalf("%d changes: resort gives %d pages, sorting again %d, or another order", changes, len(got), len(want))
			}
		}
	}
}

// TestFnv64a checks the search shards' path hash against hash/fnv, whose
// FNV-1a it makes without allocating: shard boundaries must not move.
func TestFnv64a(t *testing.T) {
	for _, s := range []string{"", "a", "content/handouts/hand-expression.md", "content/es/handouts/extracción-manual.md"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if got, want := fnv64a(s), h.Sum64(); got != want {
			t.Errorf("fnv64a(%q) = %x, want %x", s, got, want)
		}
	}
}
