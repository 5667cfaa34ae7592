package main

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRaftOnMPICrashedMinority runs Raft under mpirun with two of five
// ranks crashing: rank 3 before any election, rank 4 — whose election
// timeout is the shortest with seed 1 at n = 5, so most often the first
// leader — after 30 events, in the middle of replication whatever its role. The survivors elect a leader if need be, apply every command
// in order, and the leader gives up on the two silent ranks, so the run
// ends quiescent with every property holding.
func TestRaftOnMPICrashedMinority(t *testing.T) {
	const commands = 60
	res := runCrashedOnMPI(t, raftSpec, "3@50ms,4#30", 5, 2,
		"--param", "commands="+strconv.Itoa(commands), "--param", "batch=2", "--param", "window=8")
	leaders := map[int]bool{}
	for _, po := range res.Outputs {
		var applied int64
		for _, e := range po.Events {
			switch e.Name {
			case "elected":
				leaders[po.Process] = true
			case "apply":
				applied++
				require.EqualValues(t, applied, e.Args[1], "p%d applies out of order", po.Process)
			}
		}
		if po.Process != 3 && po.Process != 4 {
			require.EqualValues(t, commands, applied, "p%d", po.Process)
		}
	}
	// A crashed leader was replaced.
	require.True(t, leaders[0] || leaders[1] || leaders[2], "no survivor was elected: %v", leaders)
}
