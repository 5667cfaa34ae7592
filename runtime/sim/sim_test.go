package sim_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/sim"
)

// TestRunIsDeterministic: one seed, one run, whatever else happens.
func TestRunIsDeterministic(t *testing.T) {
	var faults sim.Faults
	require.NoError(t, faults.Set("drop", "0.2"))
	require.NoError(t, faults.Set("crash", "3@4ms"))
	var out [2]string
	for i := range out {
		res, err := sim.RunWith(context.Background(), paxos.Descriptor, runtime.RunOptions{N: 5, Seed: 3}, sim.RunConfig{Faults: faults})
		require.NoError(t, err)
		require.Equal(t, "sim", res.Backend)
		var b bytes.Buffer
		require.NoError(t, res.WriteJSON(&b))
		out[i] = b.String()
		require.False(t, res.Violated(), out[i])
		require.NotEmpty(t, res.Faults)
	}
	require.Equal(t, out[0], out[1])
}

// TestExploreSmallPaxos: the correct Paxos has no violating state at n=3.
func TestExploreSmallPaxos(t *testing.T) {
	rep, err := sim.Explore(context.Background(), paxos.Descriptor, sim.ExploreConfig{N: 3, MaxTimerFires: 1})
	require.NoError(t, err)
	require.Nil(t, rep.Violation)
	require.Greater(t, rep.DistinctStates, int64(50))
	require.Equal(t, []string{"timers fired at most 1 times each on a path (--max-timer-fires)"}, rep.Bounds)
}

// TestSimulateStopsAtNothing: many runs of the correct Paxos, all fine,
// and every handler ran.
func TestSimulateCorrectPaxos(t *testing.T) {
	rep, err := sim.Simulate(context.Background(), paxos.Descriptor, sim.SimConfig{N: 5, Runs: 200})
	require.NoError(t, err)
	require.Nil(t, rep.Violation)
	require.EqualValues(t, 200, rep.Runs)
	for _, c := range rep.Coverage {
		require.NotZero(t, c.Ran, c.Event)
	}
}

// TestScheduleRoundTrip: a replay file reads back as written.
func TestScheduleRoundTrip(t *testing.T) {
	text := `dsac-replay 1
algorithm paxos
source algorithms/paxos.dsa
n 3
param proposers=2
seed 7
mode explore
violation invariant agreement
shrunk-from 9
steps 3
start 0 rand=4 @0s  # p0 starts
deliver 0 2 Prepare 06 @1ms
fire 0 attempt @2ms
`
	s, err := sim.ReadSchedule("x.replay", strings.NewReader(text))
	require.NoError(t, err)
	require.Len(t, s.Steps, 3)
	var b bytes.Buffer
	require.NoError(t, s.Write(&b, nil))
	s2, err := sim.ReadSchedule("y.replay", &b)
	require.NoError(t, err)
	require.Equal(t, s, s2)

	for _, bad := range []string{"", "hello\n", "dsac-replay 1\nalgorithm x\nn 0\n", "dsac-replay 1\nalgorithm x\nn 2\nwarp 1\n", "dsac-replay 1\nalgorithm x\nn 2\ndeliver 1 2\n"} {
		_, err := sim.ReadSchedule("bad.replay", strings.NewReader(bad))
		require.Error(t, err, "%q", bad)
	}
}

// FuzzReadSchedule: malformed replay files are errors, never panics, and a
// schedule that parses replays to a result or an error.
func FuzzReadSchedule(f *testing.F) {
	f.Add("dsac-replay 1\nalgorithm paxos\nn 3\nstart 0\nstart 1\nfire 0 attempt rand=1\ndeliver 0 2 Prepare 06\n")
	f.Add("dsac-replay 1\nalgorithm paxos\nn 3\ncrash 2\nrecover 2\ndrop 0 2 Prepare ff why=partition\n")
	f.Fuzz(func(t *testing.T, text string) {
		s, err := sim.ReadSchedule("fuzz.replay", strings.NewReader(text))
		if err != nil || s.N > 16 || s.Algorithm != "paxos" {
			return
		}
		_, _ = sim.Replay(paxos.Descriptor, s)
	})
}

// TestSleepSetsKeepEveryState: partial-order reduction takes fewer steps
// and reaches exactly the same states, with and without faults.
func TestSleepSetsKeepEveryState(t *testing.T) {
	for _, faults := range [][2]string{{}, {"reorder", "true"}, {"crash", "2"}, {"drop", "1"}} {
		var f sim.Faults
		if faults[0] != "" {
			require.NoError(t, f.Set(faults[0], faults[1]))
		}
		var reps [2]*sim.Report
		for i, noPOR := range []bool{false, true} {
			rep, err := sim.Explore(context.Background(), paxos.Descriptor, sim.ExploreConfig{N: 3, Faults: f, NoPOR: noPOR, NoLiveness: true, MaxDepth: 16})
			require.NoError(t, err)
			require.Nil(t, rep.Violation)
			reps[i] = rep
		}
		require.Equal(t, reps[1].DistinctStates, reps[0].DistinctStates, "faults %v", faults)
		require.Less(t, reps[0].States, reps[1].States, "faults %v: no step was saved", faults)
	}
}

// TestSymmetryReduces: the acceptors of Paxos are interchangeable; with
// symmetry reduction fewer states stand for the same ones.
func TestSymmetryReduces(t *testing.T) {
	var reps [2]*sim.Report
	for i, off := range []bool{false, true} {
		rep, err := sim.Explore(context.Background(), paxos.Descriptor, sim.ExploreConfig{N: 4, NoSymmetry: off, NoLiveness: true})
		require.NoError(t, err)
		require.Nil(t, rep.Violation)
		reps[i] = rep
	}
	require.Less(t, reps[0].DistinctStates, reps[1].DistinctStates)
}
