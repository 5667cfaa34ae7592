package generated_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/leader_election"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
)

// TestLeaderElectionTrustsHighest runs leader election over the failure
// detector it imports on the channel backend, where no process crashes:
// every process ends trusting the highest rank, which leads; a process
// suspected for a while by a slow machine is restored, and the trust
// follows. The failure detector's outputs are there, under its name.
func TestLeaderElectionTrustsHighest(t *testing.T) {
	params := map[string]string{"fd.rounds": "24", "fd.timeout": "6", "fd.period": "5"}
	for _, r := range runtimetest.RunMany(t, channel.Run, leader_election.Descriptor, []int{2, 3, 5, 8}, []int64{1, 2}, params) {
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
		for _, name := range []string{"one_leader_per_ballot", "leads_when_trusted", "leader_correct", "leader_highest",
			"fd.strong_completeness", "fd.eventual_strong_accuracy", "fd.not_itself"} {
			runtimetest.RequireProperty(t, r, name, runtime.PropertyOK)
		}
		highest := fmt.Sprint(r.N - 1)
		for _, po := range r.Outputs {
			trusted, suspected := "", map[string]bool{}
			for i, e := range po.Events {
				require.Len(t, e.Args, 1)
				v := fmt.Sprint(e.Args[0])
				switch e.Name {
				case "trust":
					trusted = v
					continue
				case "fd.suspect":
					suspected[v] = true
				case "fd.restore":
					delete(suspected, v)
				default:
					t.Fatalf("unexpected output %s", e.Name)
				}
				// The trust follows a suspicion or a restore in the same
				// step, before any other output.
				best := po.Process
				for q := range r.N {
					if !suspected[fmt.Sprint(q)] {
						best = max(best, q)
					}
				}
				if fmt.Sprint(best) != trusted {
					require.Less(t, i+1, len(po.Events), "p%d: no trust after %s(%s)", po.Process, e.Name, v)
					next := po.Events[i+1]
					require.Equal(t, "trust", next.Name, "p%d: %s(%s) is not followed by trust", po.Process, e.Name, v)
					require.Equal(t, fmt.Sprint(best), fmt.Sprint(next.Args[0]))
				}
			}
			require.Equal(t, highest, trusted, "n=%d seed=%d: p%d ends trusting %s", r.N, r.Seed, po.Process, trusted)
			require.Empty(t, suspected)
		}
	}
}
