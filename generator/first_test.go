package generator

import (
	"cmp"
	"math/rand/v2"
	"slices"
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
