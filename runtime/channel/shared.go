package channel

import (
	"sync/atomic"

	"github.com/dsac-lang/dsac/runtime"
)

// Shared counters live in the run as atomics: every process's goroutine
// updates them directly, which is what makes each operation linearizable.

var _ runtime.SharedMemory = (*proc)(nil)

// newShared makes the counters of a run, holding the initial values.
func newShared(initial []int64) []atomic.Int64 {
	shared := make([]atomic.Int64, len(initial))
	for i, v := range initial {
		shared[i].Store(v)
	}
	return shared
}

// FetchAdd implements runtime.SharedMemory.
func (p *proc) FetchAdd(counter int, delta int64) int64 {
	p.stats.sharedOps++
	return p.run.shared[counter].Add(delta) - delta
}

// ReadShared implements runtime.SharedMemory.
func (p *proc) ReadShared(counter int) int64 {
	p.stats.sharedOps++
	return p.run.shared[counter].Load()
}

// CompareAndSwap implements runtime.SharedMemory.
func (p *proc) CompareAndSwap(counter int, old, new int64) bool {
	p.stats.sharedOps++
	return p.run.shared[counter].CompareAndSwap(old, new)
}

// storeShared writes the final values back into the instance, where the
// generated property checks read them.
func (r *run) storeShared(inst *runtime.Instance) {
	for i := range r.shared {
		inst.Shared[i] = r.shared[i].Load()
	}
}
