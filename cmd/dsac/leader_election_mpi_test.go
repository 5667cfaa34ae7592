package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/runtime"
)

// TestLeaderElectionOnMPI crashes the leader — the highest rank — of leader
// election under mpirun: every other rank ends trusting the next highest,
// with the properties of the composite and of its failure detector
// holding.
func TestLeaderElectionOnMPI(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	t.Setenv("DSAC_MPI_CRASH", "3@50ms")
	res := runJSON(t, leaderElection, "--backend", "mpi", "-n", "4", "--timeout", "30s")
	require.Equal(t, runtime.EndQuiescent, res.End, res.Error)
	require.Len(t, res.Faults, 1)
	require.Len(t, res.Properties, 11) // its 4 and the failure detector's 7
	requireAllHold(t, res)
	for _, po := range res.Outputs {
		if po.Process == 3 {
			continue
		}
		trusted := ""
		for _, e := range po.Events {
			if e.Name == "trust" {
				trusted = fmt.Sprint(e.Args...)
			}
		}
		require.Equal(t, "2", trusted, "p%d's leader", po.Process)
	}
}
