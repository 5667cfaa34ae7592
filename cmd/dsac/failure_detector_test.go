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
// trusted processes were heard from in the last window, suspected ones were
// not), also when one process crashes at any point. Liveness is not
// searched: the explorer fires timeouts at any moment, before any reply,
// so accuracy cannot hold there.
func TestFailureDetectorExplored(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	for _, c := range [][]string{
		{"--max-depth", "10"},
		{"--crash", "2", "--max-depth", "9"},
	} {
		t.Run(strings.Join(c, ""), func(t *testing.T) {
			args := []string{"explore", failureDetector, "-n", "3", "--no-liveness",
				"--replay-out", filepath.Join(t.TempDir(), "x.replay")}
			rep := dsacJSON(t, 0, append(args, c...)...)
			require.Nil(t, rep.Violation)
			require.Greater(t, rep.DistinctStates, int64(100000))
			names := []string{}
			for _, p := range rep.Properties {
				names = append(names, p.Name)
			}
			require.Subset(t, names, []string{"not_itself", "trusts_heard", "suspects_unheard"})
			for _, b := range rep.Bounds {
				require.Regexp(t, "max-timer-fires|max-depth|max-faults", b)
			}
		})
	}
}
