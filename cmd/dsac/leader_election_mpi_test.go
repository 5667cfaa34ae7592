package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLeaderElectionOnMPI crashes the leader — the highest rank — of leader
// election under mpirun: every other rank ends trusting the next highest,
// with the properties of the composite and of its failure detector
// holding.
func TestLeaderElectionOnMPI(t *testing.T) {
	res := runCrashedOnMPI(t, leaderElection, "3@50ms", 4, 1)
	require.Len(t, res.Properties, 11) // its 4 and the failure detector's 7
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
