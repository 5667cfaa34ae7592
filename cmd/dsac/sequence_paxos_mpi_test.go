package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/runtime"
)

// TestSequencePaxosOnMPI crashes a minority of Sequence Paxos under
// mpirun — the first candidate leader after a few events, and a replica
// at its start — so that the second candidate must take over: the run
// ends quiescent with the properties holding, and the live replicas
// decided every command once, in the same order.
func TestSequencePaxosOnMPI(t *testing.T) {
	requireMPI(t)
	t.Setenv("XDG_CACHE_HOME", programCache)
	t.Setenv("DSAC_MPI_CRASH", "0#3,4#1")
	res := runJSON(t, "../../algorithms/sequence_paxos.dsa", "--backend", "mpi", "-n", "5", "--timeout", "30s")
	require.Equal(t, runtime.EndQuiescent, res.End, res.Error)
	require.Len(t, res.Faults, 2)
	requireAllHold(t, res)
	requireSameLogs(t, res, []int{1, 2, 3}, 3)
}
