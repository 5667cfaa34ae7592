//go:build mpi

package mpi

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
)

// TestBenchPaxosDecisions is the MPI counterpart of the channel backend's
// BenchmarkPaxosDecisions (generated/bench_test.go): BENCH_DECISIONS
// single-value Paxos instances at n = 5 with one proposer, each a whole
// RunWith (start, consensus, termination waves, gather) inside one MPI job
// initialised once. Rank 0 prints decisions per second over the wall time
// of all instances. Needs exactly 5 ranks and DSAC_MPI_BENCH=1.
func TestBenchPaxosDecisions(t *testing.T) {
	count, _ := strconv.Atoi(benchEnv(t, "BENCH_DECISIONS", "2000"))
	if world() != 5 {
		t.Skip("needs 5 ranks")
	}
	opts := runtime.RunOptions{Params: map[string]string{"proposers": "1"}, Timeout: 5 * time.Second}
	// A few runs first, so the first run's set-up costs are not counted.
	for range 10 {
		runAll(t, paxos.Descriptor, opts, Options{})
	}
	start := time.Now()
	bad := 0
	for range count {
		res := runAll(t, paxos.Descriptor, opts, Options{})
		if IsRoot() && (res.End != runtime.EndQuiescent || res.Violated()) {
			bad++
			if bad == 1 {
				t.Errorf("paxos ended %s %q", res.End, res.Error)
			}
		}
	}
	took := time.Since(start)
	if IsRoot() {
		fmt.Printf("RESULT paxos n=5 decisions=%d decisions_per_s=%.0f\n", count, float64(count)/took.Seconds())
	}
}
