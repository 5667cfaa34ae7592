package sim

import (
	"slices"
	"sync"
	"sync/atomic"
)

// fpTable is the explorer's set of visited states: 64-bit fingerprints,
// each with its parent's fingerprint (to rebuild the path to a violation)
// and the sleep set it is expanded with (partial-order reduction, por.go),
// in lock-striped open-addressing tables. The fingerprints, which every
// lookup probes, are an array of their own: a third of the memory for the
// caches to hold; parents and sleep sets are read for the slot found only.
// 24 bytes a state at most 70% load, and the sleep sets in one slice per
// shard, against ~50 bytes for a Go map and one allocation per sleep set;
// nothing for the GC to scan.
type fpTable struct {
	shards [fpShards]fpShard
}

const fpShards = 256

type fpShard struct {
	// Read by every probe, written by grow only: a cache line that both
	// workers' caches keep, apart from the lock and count they write.
	fps   []uint64 // len is a power of two
	slots []fpSlot // the parent and sleep set of the fingerprint in fps[i]
	// view is fps, for touch to read without the lock: it is replaced
	// (by grow) under the lock, and a fingerprint is stored atomically.
	view  atomic.Pointer[[]uint64]
	_     [8]byte
	mu    sync.Mutex
	count int
	// The sleep sets of the shard's states, one after the other; a slot
	// refers to its own as offset<<32 | length.
	sleeps []sleeper
	_      [24]byte // keep shards' locks on separate cache lines
}

type fpSlot struct{ parent, sleep uint64 }

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
		s := &t.shards[i]
		s.fps, s.slots = make([]uint64, 1024), make([]fpSlot, 1024)
		s.publish()
	}
	return t
}

// touch reads the slot each fingerprint would start its probe at, without
// taking locks, and returns what it read (for nothing but to keep the
// loads). A lookup's cost is its cache miss: the loads of independent
// touches overlap, so touching a batch of fingerprints before visiting
// them pays about one miss for the batch instead of one each.
func (t *fpTable) touch(ps []pending) uint64 {
	var sum uint64
	for i := range ps {
		fp := fix(ps[i].fp)
		fps := *t.shard(fp).view.Load()
		sum += atomic.LoadUint64(&fps[fp&uint64(len(fps)-1)])
	}
	return sum
}

// shard picks the shard from the high bits; slots use the low bits.
func (t *fpTable) shard(fp uint64) *fpShard { return &t.shards[fp>>56] }

// insert adds fp with its parent and reports whether it was new.
func (t *fpTable) insert(fp, parent uint64) bool {
	isNew, _, _ := t.visit(fp, parent, nil, false, nil)
	return isNew
}

// visit adds fp with its parent and the sleep set it is to be expanded
// with, and reports whether it was new. When it was not and por is set, it
// is Godefroid's condition for a state reached again (with sleep set
// sleep): only is what the state must now take that its earlier expansion
// skipped (nil: nothing), with the sleep set to take it with; the state's
// sleep set becomes with. Both are kept in a.
func (t *fpTable) visit(fp, parent uint64, sleep []sleeper, por bool, a *arena) (isNew bool, only, with []sleeper) {
	fp = fix(fp)
	s := t.shard(fp)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.count*10 >= len(s.fps)*7 {
		s.grow()
	}
	mask := uint64(len(s.fps) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch s.fps[i] {
		case fp:
			sl := &s.slots[i]
			if !por || sl.sleep == 0 {
				return false, nil, nil
			}
			only, with = s.again(sl, sleep, a)
			return false, only, with
		case fpEmpty:
			sl := &s.slots[i]
			sl.parent, sl.sleep = parent, 0
			atomic.StoreUint64(&s.fps[i], fp) // touch reads it without the lock
			if por && len(sleep) > 0 {
				sl.sleep = uint64(len(s.sleeps))<<32 | uint64(len(sleep))
				s.sleeps = append(s.sleeps, sleep...)
			}
			s.count++
			return true, nil, nil
		}
	}
}

// again splits the sleep set of slot sl into the steps sleep also holds
// (with, which becomes the slot's) and the others (only).
func (s *fpShard) again(sl *fpSlot, sleep []sleeper, a *arena) (only, with []sleeper) {
	off, n := sl.sleep>>32, sl.sleep&(1<<32-1)
	old := s.sleeps[off : off+n]
	kept := 0
	with = a.sleepers(2 * len(old))
	only = with[len(old):len(old)]
	for _, o := range old {
		if slices.Contains(sleep, o) {
			with = append(with, o)
		} else {
			only = append(only, o)
		}
	}
	if len(only) == 0 {
		return nil, nil
	}
	a.keepSleepers(with[:2*len(old)])
	kept = copy(old, with) // a subset: it fits where the set was
	if kept == 0 {
		sl.sleep = 0
	} else {
		sl.sleep = off<<32 | uint64(kept)
	}
	return only[:len(only):len(only)], with[:len(with):len(with)]
}

// parent returns the parent of fp, if fp is in the table.
func (t *fpTable) parent(fp uint64) (uint64, bool) {
	fp = fix(fp)
	s := t.shard(fp)
	s.mu.Lock()
	defer s.mu.Unlock()
	mask := uint64(len(s.fps) - 1)
	for i := fp & mask; ; i = (i + 1) & mask {
		switch s.fps[i] {
		case fp:
			return s.slots[i].parent, true
		case fpEmpty:
			return 0, false
		}
	}
}

func (s *fpShard) grow() {
	oldFPs, old := s.fps, s.slots
	s.fps, s.slots = make([]uint64, 2*len(old)), make([]fpSlot, 2*len(old))
	mask := uint64(len(s.fps) - 1)
	for j, fp := range oldFPs {
		if fp == fpEmpty {
			continue
		}
		i := fp & mask
		for s.fps[i] != fpEmpty {
			i = (i + 1) & mask
		}
		s.fps[i], s.slots[i] = fp, old[j]
	}
	s.publish()
}

// publish makes the shard's fingerprints those touch reads (a copy of the
// slice header: the field itself changes under the lock).
func (s *fpShard) publish() {
	v := s.fps
	s.view.Store(&v)
}

// bytes is the memory the table holds: its slots and sleep sets.
func (t *fpTable) bytes() int64 {
	var n int64
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.Lock()
		n += int64(len(s.slots))*24 + int64(cap(s.sleeps))*16
		s.mu.Unlock()
	}
	return n
}
