package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var raftSpec = filepath.Join("..", "..", "algorithms", "raft.dsa")

// TestRaftUnderFaults runs Raft through many random runs under the faults
// it tolerates, with the timed scheduler (bounded delays well below the
// election timeout: partial synchrony): crash-recover of a minority,
// leaders included, a crash-stop of a minority, loss, duplication,
// reordering and partitions that heal. Every run must end quiescent with
// every property holding, the liveness property included; with a batch of
// two entries, replication takes several round trips, so the faults land
// in the middle of it.
func TestRaftUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	slow := []string{"--scheduler", "timed", "--param", "commands=20", "--param", "batch=2"}
	cases := [][]string{
		{"-n", "3", "--reorder", "--drop", "0.1", "--dup", "0.1"},
		{"-n", "5", "--reorder", "--drop", "0.2", "--dup", "0.2"},
		{"-n", "3", "--crash", "0@250ms", "--recover", "0@450ms"},
		{"-n", "3", "--crash", "1@280ms", "--recover", "1@300ms", "--drop", "0.1"},
		{"-n", "5", "--crash", "1@240ms", "--crash", "2@260ms", "--recover", "1@600ms", "--recover", "2@900ms"},
		// Crash-stop: the leader gives up on the silent process.
		{"-n", "3", "--crash", "2@250ms"},
		{"-n", "5", "--crash", "0@240ms", "--crash", "3@260ms", "--reorder", "--dup", "0.1"},
		// A minority cut off, then a majority split, each healed.
		{"-n", "5", "--partition", "0,1|2,3,4@100ms..700ms"},
		{"-n", "5", "--partition", "0|1,2,3,4@200ms..1s", "--partition", "0,1,2|3,4@1s..1500ms", "--drop", "0.05"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c, ""), func(t *testing.T) {
			args := append([]string{"sim", raftSpec, "--runs", "300", "--replay-out", filepath.Join(t.TempDir(), "x.replay")}, slow...)
			rep := dsacJSON(t, 0, append(args, c...)...)
			require.Nil(t, rep.Violation)
			require.EqualValues(t, 300, rep.Runs)
			require.Len(t, rep.Properties, 6)
			for _, p := range rep.Properties {
				require.Equal(t, "ok", p.Status, p.Name)
			}
			for _, h := range rep.Coverage {
				require.NotZero(t, h.Ran, "handler on %s never ran", h.Event)
			}
		})
	}
}

// TestRaftExploredExhaustively: no interleaving of three processes
// replicating one command violates an invariant, within a bound on the
// depth and one firing of each timer (a timeout may come at any moment,
// so elections interleave with everything); at depth 16 a leader commits
// and a follower applies. Reordering, loss and duplication, and a crash-
// recover of a process, each to a smaller depth.
func TestRaftExploredExhaustively(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	cases := [][]string{
		{"--max-depth", "16"},
		{"--reorder", "--max-depth", "12"},
		{"--drop", "1", "--dup", "1", "--max-depth", "10"},
		{"--crash", "0", "--recover", "0", "--max-depth", "12"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c, ""), func(t *testing.T) {
			args := []string{"explore", raftSpec, "-n", "3", "--param", "commands=1", "--max-timer-fires", "1",
				"--replay-out", filepath.Join(t.TempDir(), "x.replay")}
			rep := dsacJSON(t, 0, append(args, c...)...)
			require.Nil(t, rep.Violation)
			require.Greater(t, rep.DistinctStates, int64(10000))
			for _, b := range rep.Bounds {
				require.Regexp(t, "max-timer-fires|max-depth|max-faults", b)
			}
		})
	}
}
