package sim

import "sync"

// fpTable is the explorer's set of visited states: 64-bit fingerprints,
// each with its parent's fingerprint (to rebuild the path to a violation),
// in lock-striped open-addressing tables. 16 bytes a state at most 70%
// load, against ~50 for a Go map, and no pointers for the GC to scan.
type fpTable struct {
	shards [fpShards]fpShard
}

const fpShards = 256

type fpShard struct {
	mu    sync.Mutex
	slots []fpSlot // len is a power of two
	count int
	_     [32]byte // keep shards' locks on separate cache lines
}

type fpSlot struct{ fp, parent uint64 }

// fpEmpty marks a free slot; a fingerprint that happens to be 0 is stored
// as 1 (one more collision in 2^64).
const fpEmpty = 0

func fix(fp uint64) uint64 {
	if fp == fpEmpty {
		return 1
	}
	return fp
}

func newFPTable() *fpTable {
	t := &fpTable{}
	for i := range t.shards {
		t.shards[i].slots = make([]fpSlot, 1024)
	}
	return t
}

// shard picks the shard from the high bits; slots use the low bits.
func (t *fpTable) shard(fp uint64) *fpShard { return &t.shards[fp>>56] }

// insert adds fp with its parent and reports whether it was new.
func (t *fpTable) insert(fp, parent uint64) bool {
	fp = fix(fp)
	s := t.shard(fp)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.count*10 >= len(s.slots)*7 {
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch s.slots[i].fp {
		case fp:
			return false
		case fpEmpty:
			s.slots[i] = fpSlot{fp, parent}
			s.count++
			return true
		}
	}
}

// parent returns the parent of fp, if fp is in the table.
func (t *fpTable) parent(fp uint64) (uint64, bool) {
	fp = fix(fp)
	s := t.shard(fp)
	s.mu.Lock()
	defer s.mu.Unlock()
	mask := uint64(len(s.slots) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch s.slots[i].fp {
		case fp:
			return s.slots[i].parent, true
		case fpEmpty:
			return 0, false
		}
	}
}

func (s *fpShard) grow() {
	old := s.slots
	s.slots = make([]fpSlot, 2*len(old))
	mask := uint64(len(s.slots) - 1)
	for _, sl := range old {
		if sl.fp == fpEmpty {
			continue
		}
		i := sl.fp & mask
		for s.slots[i].fp != fpEmpty {
			i = (i + 1) & mask
		}
		s.slots[i] = sl
	}
}

// bytes is the memory the table holds.
func (t *fpTable) bytes() int64 {
	var n int64
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.Lock()
		n += int64(len(s.slots)) * 16
		s.mu.Unlock()
	}
	return n
}
