package sim_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/counter"
	"github.com/dsac-lang/dsac/generated/lamport"
	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/generated/vector"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/sim"
)

// TestDistinctStatesPinned pins the number of distinct states the explorer
// reaches for a few configurations: with and without partial-order
// reduction and symmetry, under faults, breadth- and depth-first, on one
// worker and two. Optimisations of the explorer must not change them.
// (Paxos's figures are those of its await version: a pending wait keeps
// only the promises of the current ballot, where the version before kept
// every ballot's; with one attempt per proposer the two reach as many.)
func TestDistinctStatesPinned(t *testing.T) {
	faults := func(kv ...string) sim.Faults {
		var f sim.Faults
		for i := 0; i < len(kv); i += 2 {
			require.NoError(t, f.Set(kv[i], kv[i+1]))
		}
		return f
	}
	cases := []struct {
		name string
		d    *runtime.Descriptor
		cfg  sim.ExploreConfig
		want int64
		long bool // skipped under -short
	}{
		{"paxos n3 fires5", paxos.Descriptor, sim.ExploreConfig{N: 3, MaxTimerFires: 5}, 51780, true},
		{"paxos n3 fires3 no-por", paxos.Descriptor, sim.ExploreConfig{N: 3, MaxTimerFires: 3, NoPOR: true}, 4129, false},
		{"paxos n3 reorder", paxos.Descriptor, sim.ExploreConfig{N: 3, Faults: faults("reorder", "true")}, 8368, false},
		{"paxos n3 drop dup depth12", paxos.Descriptor, sim.ExploreConfig{N: 3, Faults: faults("drop", "1", "dup", "1"), MaxDepth: 12}, 33895, false},
		{"paxos n3 dfs", paxos.Descriptor, sim.ExploreConfig{N: 3, MaxTimerFires: 3, DFS: true}, 4129, false},
		{"paxos n4", paxos.Descriptor, sim.ExploreConfig{N: 4}, 30655, true},
		{"paxos n4 no-symmetry", paxos.Descriptor, sim.ExploreConfig{N: 4, NoSymmetry: true}, 60540, true},
		{"paxos n4 crash recover", paxos.Descriptor, sim.ExploreConfig{N: 4, MaxTimerFires: 1, Faults: faults("crash", "3", "recover", "3")}, 3122, false},
		{"paxos n5 fires1", paxos.Descriptor, sim.ExploreConfig{N: 5, MaxTimerFires: 1}, 31999, true},
		{"counter n3", counter.Descriptor, sim.ExploreConfig{N: 3}, 160, false},
		{"counter n4 increments2", counter.Descriptor, sim.ExploreConfig{N: 4, Params: map[string]string{"increments": "2"}}, 1398, false},
		{"lamport n2", lamport.Descriptor, sim.ExploreConfig{N: 2}, 451, false},
		{"lamport n3 fires1", lamport.Descriptor, sim.ExploreConfig{N: 3, MaxTimerFires: 1}, 480, false},
		{"vector n3 fires1 reorder", vector.Descriptor, sim.ExploreConfig{N: 3, MaxTimerFires: 1, Faults: faults("reorder", "true")}, 480, false},
		{"vector n2 drop", vector.Descriptor, sim.ExploreConfig{N: 2, Faults: faults("drop", "1")}, 1063, false},
	}
	for _, c := range cases {
		if c.long && testing.Short() {
			continue
		}
		for _, par := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/parallel%d", c.name, par), func(t *testing.T) {
				cfg := c.cfg
				cfg.Parallel, cfg.NoLiveness = par, true
				rep, err := sim.Explore(context.Background(), c.d, cfg)
				require.NoError(t, err)
				require.Nil(t, rep.Violation)
				require.Equal(t, c.want, rep.DistinctStates)
			})
		}
	}
}

// TestParamsReachExplorer: a spec's params change the space explored. Lamport's
// `events` is how often each process's step timer fires, so past the
// timer bound (--max-timer-fires, 2 by default) a larger `events` explores
// the same states and the bound is reported instead.
func TestParamsReachExplorer(t *testing.T) {
	explore := func(events string, fires int) *sim.Report {
		rep, err := sim.Explore(context.Background(), lamport.Descriptor, sim.ExploreConfig{
			N: 2, MaxTimerFires: fires, NoLiveness: true, Params: map[string]string{"events": events}})
		require.NoError(t, err)
		require.Nil(t, rep.Violation)
		return rep
	}
	for _, c := range []struct {
		events   string
		fires    int
		want     int64
		complete bool
	}{
		{"1", 2, 22, true},
		{"2", 2, 451, true},
		{"3", 2, 451, false}, // the third step is cut by the timer bound
		{"3", 5, 10036, true},
	} {
		rep := explore(c.events, c.fires)
		require.Equal(t, c.want, rep.DistinctStates, "events=%s fires=%d", c.events, c.fires)
		require.Equal(t, c.complete, rep.Complete, "events=%s fires=%d: %v", c.events, c.fires, rep.Bounds)
		require.Equal(t, c.events, fmt.Sprint(rep.Params["events"]))
	}
}
