package main

import (
	"path/filepath"
	"strings"
	"testing"
)

var raftSpec = filepath.Join("..", "..", "algorithms", "raft.dsa")

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
			args := append([]string{"-n", "3", "--param", "commands=1", "--max-timer-fires", "1"}, c...)
			requireExploredClean(t, raftSpec, 10000, "max-timer-fires|max-depth|max-faults", args...)
		})
	}
}
