package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var failureDetector = filepath.Join("..", "..", "algorithms", "failure_detector.dsa")

// TestFailureDetectorExplored: no interleaving of n = 3 processes within a
// depth bound breaks an invariant of the failure detector (never itself;
// a process is suspected exactly when it has been silent for longer than
// its own timeout; timeouts grow by mistakes about their process only),
// also when one process crashes at any point. A timeout of one window lets
// the two ticks a path may fire reach suspicions, and restores after them
// (with the default of three windows no path would suspect anybody).
// Liveness is not searched: the explorer fires ticks at any moment, before
// any reply, so accuracy cannot hold there.
func TestFailureDetectorExplored(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	for _, c := range [][]string{
		{"--max-depth", "11"},
		{"--crash", "2", "--max-depth", "10"},
	} {
		t.Run(strings.Join(c, ""), func(t *testing.T) {
			args := append([]string{"-n", "3", "--no-liveness", "--param", "timeout=1"}, c...)
			rep := requireExploredClean(t, failureDetector, 100000, "max-timer-fires|max-depth|max-faults", args...)
			names := []string{}
			for _, p := range rep.Properties {
				names = append(names, p.Name)
			}
			require.Subset(t, names, []string{"not_itself", "trusts_heard", "suspects_unheard", "grows_by_mistakes"})
		})
	}
}
