package mpi

import "fmt"

// Shared counters (runtime.SharedMemory). Under MPI they live in a window
// of one-sided memory on rank 0 and every operation is one atomic RMA
// call completed before it returns (MPI_Fetch_and_op, MPI_Compare_and_swap,
// a MPI_NO_OP fetch to read), which makes each one linearizable.

// counters is where a rank's shared counters live: the MPI window, or a
// plain slice when tests drive nodes without MPI.
type counters interface {
	fetchAdd(counter int, delta int64) int64
	read(counter int) int64
	compareAndSwap(counter int, old, new int64) bool
}

// FetchAdd implements runtime.SharedMemory.
func (nd *node) FetchAdd(counter int, delta int64) int64 {
	nd.checkCounter(counter)
	return nd.shared.fetchAdd(counter, delta)
}

// ReadShared implements runtime.SharedMemory.
func (nd *node) ReadShared(counter int) int64 {
	nd.checkCounter(counter)
	return nd.shared.read(counter)
}

// CompareAndSwap implements runtime.SharedMemory.
func (nd *node) CompareAndSwap(counter int, old, new int64) bool {
	nd.checkCounter(counter)
	return nd.shared.compareAndSwap(counter, old, new)
}

// checkCounter counts one operation, and refuses a counter the algorithm
// does not have before it reaches MPI, where it would abort the job.
func (nd *node) checkCounter(counter int) {
	if uint(counter) >= uint(nd.nShared) {
		panic(fmt.Errorf("shared counter %d does not exist (the algorithm has %d)", counter, nd.nShared))
	}
	nd.stats.sharedOps++
}

// localCounters keeps counters in memory, for nodes driven without MPI.
type localCounters []int64

func (c localCounters) fetchAdd(i int, delta int64) int64 {
	old := c[i]
	c[i] += delta
	return old
}

func (c localCounters) read(i int) int64 { return c[i] }

func (c localCounters) compareAndSwap(i int, old, new int64) bool {
	if c[i] != old {
		return false
	}
	c[i] = new
	return true
}
