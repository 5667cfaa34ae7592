package generated_test

import (
	"context"
	goruntime "runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/counter"
	"github.com/dsac-lang/dsac/generated/failure_detector"
	"github.com/dsac-lang/dsac/generated/lamport"
	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/generated/raft"
	"github.com/dsac-lang/dsac/generated/vector"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
)

// allocatedBy returns the bytes f allocates on the heap (garbage included).
func allocatedBy(f func()) uint64 {
	var before, after goruntime.MemStats
	goruntime.ReadMemStats(&before)
	f()
	goruntime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestInstanceMemoryIsLinear instantiates every shipped algorithm at n =
// 1,000 and n = 10,000: the bytes allocated per process must not grow with
// n. When every process kept its own list of the other ranks, a process
// cost 8·n bytes, ten times more at the larger n. Allocated bytes are
// counted, not timed, so the test does not depend on the machine's load.
func TestInstanceMemoryIsLinear(t *testing.T) {
	params := map[*runtime.Descriptor]map[string]string{paxos.Descriptor: {"proposers": "1"}}
	for _, d := range []*runtime.Descriptor{counter.Descriptor, failure_detector.Descriptor, lamport.Descriptor, paxos.Descriptor, raft.Descriptor, vector.Descriptor} {
		perProc := func(n int) float64 {
			var inst *runtime.Instance
			bytes := allocatedBy(func() {
				var err error
				inst, err = d.New(runtime.Config{N: n, Params: params[d]})
				require.NoError(t, err)
			})
			require.Len(t, inst.Procs, n)
			return float64(bytes) / float64(n)
		}
		small, large := perProc(1_000), perProc(10_000)
		t.Logf("%s: %.0f bytes per process at n=1000, %.0f at n=10000", d.Name, small, large)
		require.Less(t, large, 1.5*small+64, "%s: the bytes per process grow with n", d.Name)
	}
}

// BenchmarkIdle100k runs 100,000 idle processes on the channel backend:
// Paxos without proposers, so every process is an acceptor waiting for a
// message that never comes. It reports the time to instantiate the
// algorithm (create-ns), the memory the Go runtime took from the system
// during the run (sys-B, which includes the goroutine stacks; run it in a
// fresh process with -benchtime 1x for a clean figure) and the whole run
// (ns/op: create, start every process, find the run quiescent, check).
//
//	go test ./generated -run '^$' -bench Idle100k -benchtime 1x
func BenchmarkIdle100k(b *testing.B) {
	const n = 100_000
	opts := runtime.RunOptions{N: n, Params: map[string]string{"proposers": "0"}, Timeout: time.Minute}
	var before, after goruntime.MemStats
	goruntime.GC()
	goruntime.ReadMemStats(&before)
	var create time.Duration
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		if _, err := paxos.Descriptor.New(runtime.Config{N: n, Params: opts.Params}); err != nil {
			b.Fatal(err)
		}
		create += time.Since(start)
		r, err := channel.Run(context.Background(), paxos.Descriptor, opts)
		if err != nil || r.End != runtime.EndQuiescent || r.Metrics.Messages != 0 {
			b.Fatalf("run failed: %v %v %s", err, r.End, r.Error)
		}
	}
	goruntime.ReadMemStats(&after)
	b.ReportMetric(float64(create.Nanoseconds())/float64(b.N), "create-ns")
	b.ReportMetric(float64(after.Sys-before.Sys), "sys-B")
}

// BenchmarkPairProperty evaluates counter's one_leader, a property over
// every pair of processes (forall p, q in Node), at n = 10,000: 10⁸ pairs.
// It should cost the comparisons and allocate nothing per pair.
//
//	go test ./generated -run '^$' -bench PairProperty -benchtime 3x
func BenchmarkPairProperty(b *testing.B) {
	const n = 10_000
	inst, err := counter.Descriptor.New(runtime.Config{N: n})
	if err != nil {
		b.Fatal(err)
	}
	prop := -1
	for i, p := range counter.Descriptor.Properties {
		if p.Name == "one_leader" {
			prop = i
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if !inst.Holds(inst.Procs, prop) {
			b.Fatal("one_leader does not hold in the initial state")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(n*n), "ns/pair")
}
