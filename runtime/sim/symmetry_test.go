package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/paxos"
)

// TestSymmetryKeepsNamedRanks: Paxos's acceptors (ranks 2..4 at n = 5)
// are interchangeable, except one a fault names: it may crash, the others
// may not.
func TestSymmetryKeepsNamedRanks(t *testing.T) {
	w, err := newWorld(paxos.Descriptor, 5, nil, 0)
	require.NoError(t, err)
	sym := newSymmetry(paxos.Descriptor, w, &Faults{})
	require.NotNil(t, sym)
	require.Equal(t, [][]int{{2, 3, 4}}, sym.groups)

	sym = newSymmetry(paxos.Descriptor, w, &Faults{CrashAny: []int{3}})
	require.Equal(t, [][]int{{2, 4}}, sym.groups)

	sym = newSymmetry(paxos.Descriptor, w, &Faults{Cuts: []Partition{{A: []int{2}, B: []int{4}}}})
	require.Nil(t, sym, "with 2 and 4 named, only 3 is left: nothing to permute")
}

// TestPermutationsAreAll: Heap's algorithm yields every order once.
func TestPermutationsAreAll(t *testing.T) {
	seen := map[[4]int]bool{}
	permutations(4, func(p []int) { seen[[4]int(p)] = true })
	require.Len(t, seen, 24)
}
