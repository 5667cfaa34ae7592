package main

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// quickProcess is the process of the specs below: each starts, sets x
// and ends.
const quickProcess = `
process P on all {
  var x int
  on start {
    x = 1
    output hi()
  }
}
`

// slowPropSpec has a property over 10^12 pairs between properties decided
// at once: one that holds, one violated, and one after the slow one.
const slowPropSpec = `algorithm slowprop` + quickProcess + `invariant fine: forall p in P: p.x >= 0
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

// buildAhead builds the program of spec (for MPI with mpi) into the
// program cache, so that a test times the run and not the build.
func buildAhead(t *testing.T, spec string, mpi bool) {
	t.Helper()
	name, code, err := generateProgram(spec, io.Discard)
	require.NoError(t, err)
	_, err = cachedBuild(name, code, mpi, io.Discard)
	require.NoError(t, err)
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
	buildAhead(t, slow, false)
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

// slowInvSpec has invariants whose checks run for hours: one over 10^12
// pairs, and two that call functions with such loops, a sum in a
// function of an imported component (spinSpec) and nested whiles in a
// top-level function called from a function of P. They are checked after
// every step in the simulator, in the initial state by the explorer and
// at the end of the run on every backend.
const slowInvSpec = `algorithm slowinv
import sp "spin.dsa"
process P on all {
  var x int
  def crawl() int = walk(1000000)
  on start {
    x = 1
    output hi()
  }
}
def walk(k int) int {
  let i = 0
  while i < k {
    let j = 0
    while j < k { j += 1 }
    i += 1
  }
  return i
}
invariant fine: forall p in P: p.x >= 0
invariant spins: forall p in P: p.sp.spin() >= 0
invariant crawls: forall p in P: p.crawl() >= 0
invariant forever: forall a in 0 .. 1000000: forall b in 0 .. 1000000: a + b >= 0
`

// spinDefSpec is the component slowInvSpec imports.
const spinDefSpec = `algorithm spin
process Node on all {
  var k int
  def spin() int = sum i in 0 .. 1000000000000: k
}
`

func TestInvariantChecksKeepToDeadline(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", programCache)
	dir := t.TempDir()
	t.Chdir(dir)
	slow := writeSpec(t, dir, "slowinv.dsa", slowInvSpec)
	writeSpec(t, dir, "spin.dsa", spinDefSpec)
	buildAhead(t, slow, false)
	for mode, args := range map[string][]string{
		"run-sim":     {"run", "--backend", "sim"},
		"run-channel": {"run", "--backend", "channel"},
		"sim":         {"sim"},
		"explore":     {"explore"},
		"run-mpi":     {"run", "--backend", "mpi"},
	} {
		t.Run(mode, func(t *testing.T) {
			bound := 20 * time.Second
			if mode == "run-mpi" {
				requireMPI(t)
				buildAhead(t, slow, true)
				bound = time.Minute // mpirun alone takes seconds to start on a busy machine
			}
			var stdout, stderr bytes.Buffer
			start := time.Now()
			code := run(append(args, slow, "-n", "2", "--timeout", "2s"), &stdout, &stderr)
			took := time.Since(start)
			require.Equal(t, 1, code, "stdout: %s\nstderr: %s", stdout.String(), stderr.String())
			for name, line := range map[string]int{"spins": 21, "crawls": 22, "forever": 23} {
				require.Regexp(t, fmt.Sprintf(`(?m)^  (ERROR|error) +invariant %s: \S*slowinv\.dsa:%d:1: check of invariant %[1]s stopped at the deadline$`, name, line), stdout.String())
			}
			require.Regexp(t, `(?m)^  ok +invariant fine$`, stdout.String())
			// Without the deadline the check runs for hours. With it: the
			// run (2 s), the checks at its end (2 s more at least) and
			// the program's start are what is timed.
			require.Less(t, took, bound, "the checks must end near the deadline")
		})
	}
}
