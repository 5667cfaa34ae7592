package generated_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
)

func TestPaxosDecidesOneProposedValue(t *testing.T) {
	seeds := []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, proposers := range []int{1, 2, 3} {
		params := map[string]string{"proposers": strconv.Itoa(proposers)}
		var sizes []int // at least one acceptor
		for n := max(3, proposers+1); n <= 9; n++ {
			sizes = append(sizes, n)
		}
		for _, r := range runtimetest.RunMany(t, channel.Run, paxos.Descriptor, sizes, seeds, params) {
			runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
			for _, name := range []string{"validity", "agreement", "integrity", "termination"} {
				runtimetest.RequireProperty(t, r, name, runtime.PropertyOK)
			}
			// Checked from the outputs, independently of the spec's properties:
			// every proposer decides exactly once, all the same proposed value,
			// and acceptors decide nothing.
			p := int(r.Params["proposers"].(int64))
			var decided []int64
			for rank, po := range r.Outputs {
				if rank >= p {
					require.Empty(t, po.Events, "acceptor %d outputs", rank)
					continue
				}
				require.Len(t, po.Events, 1, "proposer %d outputs", rank)
				require.Equal(t, "decide", po.Events[0].Name)
				decided = append(decided, po.Events[0].Args[0].(int64))
			}
			for _, v := range decided {
				require.Equal(t, decided[0], v, "agreement")
			}
			require.GreaterOrEqual(t, decided[0], int64(100))
			require.Less(t, decided[0], int64(100+p), "validity")
			require.Greater(t, r.Metrics.Steps, int64(0))
		}
	}
}
