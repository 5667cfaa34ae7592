package runtime

import "fmt"

// SharedMemory is implemented by the Context of a backend that provides
// the language's shared counters: atomics in one process, an RMA window
// under MPI, an atomic step in the simulator. Counter ids index
// Descriptor.Shared and Instance.Shared.
type SharedMemory interface {
	// FetchAdd adds delta to counter and returns its previous value.
	FetchAdd(counter int, delta int64) int64
	// ReadShared returns the current value of counter.
	ReadShared(counter int) int64
	// CompareAndSwap sets counter to new if it holds old, and reports
	// whether it did.
	CompareAndSwap(counter int, old, new int64) bool
}

// SharedInfo describes one shared primitive of an algorithm.
type SharedInfo struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`    // "counter"
	Initial string `json:"initial"` // the initial value as written in the spec
	// HoldsRanks says that the counter may hold a rank of a symmetric
	// process type (compare_and_swap(-1, self)): an explorer that
	// permutes ranks maps its value v to perm[v] as RankPermuter does.
	HoldsRanks bool `json:"holds_ranks"`
}

// sharedMemory returns ctx's shared memory; an algorithm with shared
// counters on a backend without them is a fault of the run.
func sharedMemory(ctx Context) SharedMemory {
	m, ok := ctx.(SharedMemory)
	if !ok {
		panic(fmt.Sprintf("this backend has no shared counters (context %T)", ctx))
	}
	return m
}

// FetchAdd is the language's counter.fetch_add(delta).
func FetchAdd(ctx Context, counter int, delta int64) int64 {
	return sharedMemory(ctx).FetchAdd(counter, delta)
}

// ReadShared is the language's counter.read().
func ReadShared(ctx Context, counter int) int64 { return sharedMemory(ctx).ReadShared(counter) }

// CompareAndSwap is the language's counter.compare_and_swap(old, new).
func CompareAndSwap(ctx Context, counter int, old, new int64) bool {
	return sharedMemory(ctx).CompareAndSwap(counter, old, new)
}
