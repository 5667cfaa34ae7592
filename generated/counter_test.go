package generated_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/counter"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
)

func TestCounterLosesNoUpdateAndElectsOne(t *testing.T) {
	const increments = 20
	params := map[string]string{"increments": strconv.Itoa(increments)}
	for _, r := range runtimetest.RunMany(t, channel.Run, counter.Descriptor, []int{3, 4, 5, 6, 7, 8, 9}, []int64{1, 2, 3, 4, 5}, params) {
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
		for _, name := range []string{"no_lost_update", "tickets_unique", "tickets_in_range", "one_leader", "elected"} {
			runtimetest.RequireProperty(t, r, name, runtime.PropertyOK)
		}
		elected := runtimetest.Outputs(r, "elected")
		require.Len(t, elected, 1, "exactly one process is elected")
		// one CAS per process, one fetch_add per increment
		require.Equal(t, int64(r.N*(increments+1)), r.Metrics.SharedOps)
		require.Zero(t, r.Metrics.Messages)
	}
}
