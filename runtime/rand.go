package runtime

import "math/rand/v2"

// NewRand returns the random source of one process of a run. Every backend
// seeds its processes through it, so a seed gives each rank the same stream
// of Context.Rand values whichever backend runs it.
func NewRand(seed int64, rank int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(rank)))
}

// RandRange returns a uniformly distributed integer in [lo, hi], the
// semantics of Context.Rand. It returns lo when hi < lo rather than failing,
// so an empty range in an algorithm is harmless and the same on every backend.
func RandRange(r *rand.Rand, lo, hi int64) int64 {
	if hi <= lo {
		return lo
	}
	span := uint64(hi) - uint64(lo) + 1
	if span == 0 { // the whole int64 range
		return int64(r.Uint64())
	}
	return lo + int64(r.Uint64N(span))
}
