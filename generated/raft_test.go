package generated_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/raft"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
)

// raftProperties are the properties algorithms/raft.dsa declares.
var raftProperties = []string{"election_safety", "log_matching", "state_machine_safety", "leader_completeness", "applied_committed", "all_applied"}

// TestRaftAppliesEveryCommandEverywhere runs Raft on the channel backend
// at n = 3 and 5 over several seeds: the run ends quiescent with every
// property holding, and, checked from the outputs independently of the
// spec's properties, every process applies commands 1 .. commands once
// each, in order, at the same log index as every other process; and a
// single process was elected in each term.
func TestRaftAppliesEveryCommandEverywhere(t *testing.T) {
	const commands = 40
	params := map[string]string{"commands": fmt.Sprint(commands), "batch": "7", "window": "16"}
	for _, r := range runtimetest.RunMany(t, channel.Run, raft.Descriptor, []int{3, 5}, []int64{1, 2, 3, 4}, params) {
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
		for _, name := range raftProperties {
			runtimetest.RequireProperty(t, r, name, runtime.PropertyOK)
		}
		leaders := map[int64]int{}   // term -> rank elected
		indexOf := map[int64]int64{} // command -> log index, as every process applied it
		for _, po := range r.Outputs {
			var next int64 = 1
			for _, e := range po.Events {
				switch e.Name {
				case "elected":
					term := e.Args[0].(int64)
					prev, seen := leaders[term]
					require.False(t, seen, "n=%d seed=%d: p%d and p%d both elected in term %d", r.N, r.Seed, prev, po.Process, term)
					leaders[term] = po.Process
				case "apply":
					index, cmd := e.Args[0].(int64), e.Args[1].(int64)
					require.Equal(t, next, cmd, "n=%d seed=%d: p%d applies out of order", r.N, r.Seed, po.Process)
					next++
					if at, ok := indexOf[cmd]; ok {
						require.Equal(t, at, index, "n=%d seed=%d: command %d applied at two indices", r.N, r.Seed, cmd)
					}
					indexOf[cmd] = index
				default:
					t.Fatalf("unexpected output %s", e.Name)
				}
			}
			require.EqualValues(t, commands+1, next, "n=%d seed=%d: p%d applied %d commands", r.N, r.Seed, po.Process, next-1)
		}
		require.NotEmpty(t, leaders)
		// Batches of 7 entries: more than one AppendEntries per follower.
		require.Greater(t, r.Metrics.ByKind["AppendEntries"].Messages, int64(2*(r.N-1)))
	}
}

// raftLeaderCommits returns how many commands the last leader of a Raft
// run applied after its election, and the time from its election to its
// last apply: the run's commit rate, measured as the etcd kit does.
func raftLeaderCommits(r *runtime.Result) (int, time.Duration) {
	var elected, last time.Duration
	var leader, commits int
	for _, po := range r.Outputs {
		for _, e := range po.Events {
			if e.Name == "elected" && e.At >= elected {
				elected, leader = e.At, po.Process
			}
		}
	}
	for _, e := range r.Outputs[leader].Events {
		if e.Name == "apply" && e.At >= elected {
			commits++
			last = e.At
		}
	}
	return commits, last - elected
}
