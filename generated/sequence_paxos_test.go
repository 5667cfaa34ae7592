package generated_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/sequence_paxos"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
)

// TestSequencePaxosDecidesEveryCommandOnce runs Sequence Paxos on the
// channel backend with one and two candidate leaders: the run ends
// quiescent, the spec's properties hold, and — checked from the outputs,
// independently of the spec — every replica decides every command exactly
// once, in the same order as every other replica.
func TestSequencePaxosDecidesEveryCommandOnce(t *testing.T) {
	seeds := []int64{1, 2, 3, 4, 5}
	for _, leaders := range []int{1, 2} {
		params := map[string]string{"commands": "4", "leaders": strconv.Itoa(leaders)}
		for _, r := range runtimetest.RunMany(t, channel.Run, sequence_paxos.Descriptor, []int{3, 5}, seeds, params) {
			runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
			for _, name := range []string{"prefix_agreement", "decided_once", "validity", "all_decided"} {
				runtimetest.RequireProperty(t, r, name, runtime.PropertyOK)
			}
			var first []int64
			for rank, po := range r.Outputs {
				var log []int64
				for _, e := range po.Events {
					require.Equal(t, "decide", e.Name)
					log = append(log, e.Args[0].(int64))
				}
				sorted := slices.Sorted(slices.Values(log))
				require.Equal(t, []int64{1, 2, 3, 4}, sorted, "n=%d seed=%d: p%d decided %v", r.N, r.Seed, rank, log)
				if rank == 0 {
					first = log
				}
				require.Equal(t, first, log, "n=%d seed=%d: p%d's log differs from p0's", r.N, r.Seed, rank)
			}
			require.Positive(t, r.Metrics.Messages)
		}
	}
}
