package main

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// slowPropSpec has a property over 10^12 pairs between properties decided
// at once: one that holds, one violated, and one after the slow one.
const slowPropSpec = `algorithm slowprop
process P on all {
  var x int
  on start {
    x = 1
    output hi()
  }
}
invariant fine: forall p in P: p.x >= 0
eventually wrong: forall p in P: p.x == 2
eventually forever: forall i in 0 .. 1000000: forall j in 0 .. 1000000: i + j >= 0
invariant last: forall p in P: p.x >= 0
`

// requireCutVerdicts: checks cut by the run's deadline keep the verdicts
// they reached; the property whose check the deadline stopped is an error
// at its position saying so, and the quick one after it is decided.
func requireCutVerdicts(t *testing.T, stdout string) {
	t.Helper()
	require.Contains(t, stdout, "  ok       invariant fine\n")
	require.Contains(t, stdout, "  VIOLATED eventually wrong")
	require.Regexp(t, `  ERROR    eventually forever: \S*slowprop\.dsa:11:1: check of eventually forever stopped at the deadline\n`, stdout)
	require.Contains(t, stdout, "  ok       invariant last\n")
}

// TestPropertiesKeepToDeadline: on the channel backend and in the
// simulator (dsac run --backend sim), a property over 10^12 pairs ends
// with an error verdict saying it ran out of time, within the run's
// deadline (or 2 s after the run), not a run that never ends.
func TestPropertiesKeepToDeadline(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", programCache)
	dir := t.TempDir()
	t.Chdir(dir) // where the simulator writes the violation's replay file
	slow := writeSpec(t, dir, "slowprop.dsa", slowPropSpec)
	name, code, err := generateProgram(slow, io.Discard)
	require.NoError(t, err)
	_, err = cachedBuild(name, code, false, io.Discard)
	require.NoError(t, err)
	for _, backend := range []string{"channel", "sim"} {
		t.Run(backend, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			start := time.Now()
			code := run([]string{"run", slow, "--backend", backend, "-n", "2", "--timeout", "1s"}, &stdout, &stderr)
			took := time.Since(start)
			require.Equal(t, 1, code, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
			requireCutVerdicts(t, stdout.String())
			// The program is built already: the run, its checks (2 s at
			// least) and, in the simulator, the counterexample's replay
			// (2 s more) are what is timed.
			require.Less(t, took, 15*time.Second, "the checks must end near the deadline")
		})
	}
}

