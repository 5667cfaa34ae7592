package generated_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/failure_detector"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
)

// TestFailureDetectorSuspectsNoCorrectProcess runs the eventually perfect
// failure detector on the channel backend, where no process crashes: a
// process may suspect another wrongly while the machine is slow, but every
// suspicion must be followed by a restore, so that each process ends
// suspecting nobody, and a process never suspects itself. However slow the
// machine, a run ends with every reply delivered, and a reply restores its
// sender even after the process stopped.
func TestFailureDetectorSuspectsNoCorrectProcess(t *testing.T) {
	params := map[string]string{"rounds": "20", "timeout": "5", "period": "10"}
	for _, r := range runtimetest.RunMany(t, channel.Run, failure_detector.Descriptor, []int{2, 3, 5, 8}, []int64{1, 2}, params) {
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
		for _, name := range []string{"strong_completeness", "eventual_strong_accuracy", "not_itself"} {
			runtimetest.RequireProperty(t, r, name, runtime.PropertyOK)
		}
		for _, po := range r.Outputs {
			suspected := map[string]bool{}
			for _, e := range po.Events {
				require.Len(t, e.Args, 1)
				q := fmt.Sprint(e.Args[0])
				require.NotEqual(t, fmt.Sprint(po.Process), q, "p%d suspects itself", po.Process)
				switch e.Name {
				case "suspect":
					require.False(t, suspected[q], "p%d suspects %s twice without restoring it", po.Process, q)
					suspected[q] = true
				case "restore":
					require.True(t, suspected[q], "p%d restores %s, which it did not suspect", po.Process, q)
					delete(suspected, q)
				default:
					t.Fatalf("unexpected output %s", e.Name)
				}
			}
			require.Empty(t, suspected, "n=%d seed=%d: p%d ends suspecting correct processes", r.N, r.Seed, po.Process)
		}
		// Every process asks every other once at the start and once per
		// window, for at least `rounds` windows, and every request is
		// answered.
		require.GreaterOrEqual(t, r.Metrics.Messages, int64(2*21*r.N*(r.N-1)))
	}
}
