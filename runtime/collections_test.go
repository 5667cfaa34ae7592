package runtime

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// AppendSortedKeys sorts small maps by insertion and larger ones with
// slices.Sort: both give the keys in ascending order after dst's.
func TestAppendSortedKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for size := 0; size <= 2*smallSort; size++ {
		m := map[int64]bool{}
		for len(m) < size {
			m[rng.Int64N(100)-50] = true
		}
		got := AppendSortedKeys([]int64{7}, m)
		want := append([]int64{7}, slices.Sorted(maps.Keys(m))...)
		if !slices.Equal(got, want) {
			t.Fatalf("size %d: got %v, want %v", size, got, want)
		}
	}
}
