package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var leaderElection = filepath.Join("..", "..", "algorithms", "leader_election.dsa")

// TestLeaderElectionUnderFaults: leader election over the failure detector
// it imports, in many random runs of the simulator under partial synchrony
// (the timed scheduler with bounded delays), with the faults it tolerates:
// crashes of a minority — the highest ranks, the leaders, among them —
// a crash and recovery of the leader, loss, duplication and reordering. Every property of the composite, its
// own and the failure detector's, holds, and every handler runs.
func TestLeaderElectionUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	cases := [][]string{
		{"-n", "4", "--crash", "3@50ms"},
		{"-n", "5", "--delay", "1ms..30ms", "--crash", "4@30ms", "--crash", "3@200ms", "--reorder", "--dup", "0.1", "--drop", "0.05"},
		{"-n", "5", "--delay", "1ms..30ms", "--crash", "1@0ms", "--crash", "4@120ms", "--reorder", "--dup", "0.2"},
		{"-n", "3", "--delay", "1ms..100ms"},
		// The leader crashes and recovers: it leads again, in a new ballot.
		{"-n", "4", "--delay", "1ms..30ms", "--crash", "3@50ms", "--recover", "3@400ms"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c, ""), func(t *testing.T) {
			args := append([]string{"sim", leaderElection, "--runs", "200", "--scheduler", "timed",
				"--replay-out", filepath.Join(t.TempDir(), "x.replay")}, c...)
			rep := dsacJSON(t, 0, args...)
			require.Nil(t, rep.Violation)
			require.EqualValues(t, 200, rep.Runs)
			require.Len(t, rep.Properties, 7)
			for _, p := range rep.Properties {
				require.Equal(t, "ok", p.Status, p.Name)
			}
			for _, h := range rep.Coverage {
				require.NotZero(t, h.Ran, "handler on %s never ran", h.Event)
			}
		})
	}
}

// TestLeaderElectionExplored: no interleaving of n = 3 processes within
// depth 8 (timeouts at any moment: the failure detector suspects whom it
// likes) breaks an invariant: never two leaders in one ballot.
func TestLeaderElectionExplored(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	rep := dsacJSON(t, 0, "explore", leaderElection, "-n", "3", "--max-depth", "8", "--no-liveness",
		"--replay-out", filepath.Join(t.TempDir(), "x.replay"))
	require.Nil(t, rep.Violation)
	require.Greater(t, rep.DistinctStates, int64(100000))
	for _, b := range rep.Bounds {
		require.Regexp(t, "max-timer-fires|max-depth", b)
	}
}

// TestLeaderElectionWithoutBallots: without ballots of its own (a leader
// takes the ballot after the highest it heard of), two processes lead in
// one ballot as soon as one suspects the leader before hearing of it; the
// explorer finds it, and so does random simulation with long delays.
func TestLeaderElectionWithoutBallots(t *testing.T) {
	spec := filepath.Join("testdata", "broken", "le_no_ballots.dsa")
	dir := t.TempDir()
	for _, args := range [][]string{
		{"explore", spec, "-n", "3", "--no-liveness"},
		{"sim", spec, "-n", "3", "--scheduler", "timed", "--delay", "1ms..100ms", "--runs", "200"},
	} {
		rep := dsacJSON(t, 1, append(args, "--replay-out", filepath.Join(dir, args[0]+".replay"))...)
		require.NotNil(t, rep.Violation, "%v", args)
		require.Equal(t, "one_leader_per_ballot", rep.Violation.Property)
		again := dsacJSON(t, 1, "replay", filepath.Join(dir, args[0]+".replay"), "--spec", spec)
		require.NotNil(t, again.Violation)
	}
}
