package main

import "testing"

// TestSequencePaxosOnMPI crashes a minority of Sequence Paxos under
// mpirun — the first candidate leader after a few events, and a replica
// at its start — so that the second candidate must take over: the run
// ends quiescent with the properties holding, and the live replicas
// decided every command once, in the same order.
func TestSequencePaxosOnMPI(t *testing.T) {
	res := runCrashedOnMPI(t, "../../algorithms/sequence_paxos.dsa", "0#3,4#1", 5, 2)
	requireSameLogs(t, res, []int{1, 2, 3}, 3)
}
