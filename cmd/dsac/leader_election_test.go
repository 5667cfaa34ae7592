package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var leaderElection = filepath.Join("..", "..", "algorithms", "leader_election.dsa")

// TestLeaderElectionExplored: no interleaving of n = 3 processes within
// depth 9 (ticks at any moment, and a timeout of one window: the failure
// detector suspects whom it likes) breaks an invariant: never two leaders
// in one ballot.
func TestLeaderElectionExplored(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	requireExploredClean(t, leaderElection, 100000, "max-timer-fires|max-depth",
		"-n", "3", "--max-depth", "9", "--no-liveness", "--param", "fd.timeout=1")
}

// TestLeaderElectionWithoutBallots: without ballots of its own (a leader
// takes the ballot after the highest it heard of), two processes lead in
// one ballot as soon as one suspects the leader before hearing of it; the
// explorer finds it (with a timeout of one window, which the two ticks a
// path may fire can exceed), and so does random simulation with long
// delays.
func TestLeaderElectionWithoutBallots(t *testing.T) {
	spec := filepath.Join("testdata", "broken", "le_no_ballots.dsa")
	dir := t.TempDir()
	for _, args := range [][]string{
		{"explore", spec, "-n", "3", "--no-liveness", "--param", "fd.timeout=1"},
		{"sim", spec, "-n", "3", "--scheduler", "timed", "--delay", "1ms..100ms", "--runs", "200"},
	} {
		rep := dsacJSON(t, 1, append(args, "--replay-out", filepath.Join(dir, args[0]+".replay"))...)
		require.NotNil(t, rep.Violation, "%v", args)
		require.Equal(t, "one_leader_per_ballot", rep.Violation.Property)
		again := dsacJSON(t, 1, "replay", filepath.Join(dir, args[0]+".replay"), "--spec", spec)
		require.NotNil(t, again.Violation)
	}
}
