package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// simReport is the part of `dsac sim --json` / `dsac explore --json` the
// tests read.
type simReport struct {
	Algorithm      string `json:"algorithm"`
	Backend        string `json:"backend"`
	Mode           string `json:"mode"`
	Runs           int64  `json:"runs"`
	DistinctStates int64  `json:"distinct_states"`
	Complete       bool   `json:"complete"`
	Bounds         []string
	Properties     []struct {
		Name, Status string
	} `json:"properties"`
	Violation *struct {
		Property    string `json:"property"`
		Kind        string `json:"kind"`
		Step        int    `json:"step"`
		Replay      string `json:"replay"`
		ShrunkFrom  int    `json:"shrunk_from"`
		N           int    `json:"n"`
		ShrunkFromN int    `json:"shrunk_from_n"`
		Trace       []struct {
			Text string `json:"text"`
		} `json:"trace"`
		Explanation *struct {
			Bindings []struct{ Name, Value string }
		} `json:"explanation"`
	} `json:"violation"`
	Coverage []struct {
		Event string `json:"event"`
		Ran   int64  `json:"ran"`
	} `json:"coverage"`
}

// dsacJSON runs dsac with args, checks its exit status and decodes its
// JSON report.
func dsacJSON(t *testing.T, want int, args ...string) *simReport {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", programCache)
	var stdout, stderr bytes.Buffer
	got := run(append(args, "--json"), &stdout, &stderr)
	require.Equal(t, want, got, "dsac %v\nstdout: %s\nstderr: %s", args, stdout.String(), stderr.String())
	var rep simReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep), "dsac %v: %s", args, stdout.String())
	return &rep
}

// requireExploredClean runs `dsac explore spec args...` (the replay file
// in a temporary directory) and requires that it finds no violation in
// more than minStates distinct states, and that only bounds matching
// bounds keep the search from being complete.
func requireExploredClean(t *testing.T, spec string, minStates int64, bounds string, args ...string) *simReport {
	t.Helper()
	args = append([]string{"explore", spec, "--replay-out", filepath.Join(t.TempDir(), "x.replay")}, args...)
	rep := dsacJSON(t, 0, args...)
	require.Nil(t, rep.Violation)
	require.Greater(t, rep.DistinctStates, minStates)
	for _, b := range rep.Bounds {
		require.Regexp(t, bounds, b)
	}
	return rep
}

// broken lists the broken variants in testdata/broken, the property each
// violates (an invariant unless kind says otherwise), and the smallest
// settings under which random simulation and exhaustive exploration reach
// the violation quickly. A variant without explore settings is not
// explored: a failure detector's bug shows only under partial synchrony,
// which the explorer, for which a timeout may come at any moment, does not
// model.
var broken = []struct {
	file, property string
	sim, explore   []string
	kind           string
}{
	{"paxos_accepted_ballot", "agreement", []string{"-n", "5"}, []string{"-n", "3", "--reorder"}, ""},
	{"paxos_no_highest", "agreement", []string{"-n", "5"}, []string{"-n", "3", "--reorder"}, ""},
	{"paxos_volatile_acceptor", "agreement", []string{"-n", "3", "--reorder", "--crash", "2@5ms", "--recover", "2@6ms", "--scheduler", "timed"},
		[]string{"-n", "3", "--reorder", "--crash", "2", "--recover", "2"}, ""},
	{"paxos_small_quorum", "agreement", []string{"-n", "5"}, []string{"-n", "5", "--max-timer-fires", "1"}, ""},
	{"lamport_no_max", "clock_condition", []string{"-n", "3"}, []string{"-n", "3"}, ""},
	{"vector_no_merge", "send_before_deliver", []string{"-n", "3"}, []string{"-n", "3"}, ""},
	{"counter_lost_update", "tickets_unique_now", []string{"-n", "3"}, []string{"-n", "3", "--param", "increments=1"}, ""},
	{"mutex_no_defer", "mutual_exclusion", []string{"-n", "3"}, []string{"-n", "3", "--param", "rounds=1"}, ""},
	// Explored with one worker: log_matching breaks at the same depth, and
	// parallel workers may report either.
	{"raft_no_log_check", "state_machine_safety", []string{"-n", "3", "--scheduler", "timed", "--drop", "0.3", "--param", "batch=1"},
		[]string{"-n", "3", "--param", "commands=1", "--max-timer-fires", "1", "--max-depth", "20", "--parallel", "1"}, ""},
	{"raft_no_vote_check", "leader_completeness", []string{"-n", "3", "--scheduler", "timed", "--drop", "0.3", "--param", "batch=1"},
		[]string{"-n", "3", "--param", "commands=1", "--max-timer-fires", "1", "--max-depth", "20"}, ""},
	{"fd_shared_timeout", "strong_completeness", []string{"-n", "5", "--scheduler", "timed", "--delay", "1ms..200ms", "--crash", "4@100ms"}, nil, "eventually"},
}

// TestSimulatorFindsBrokenVariants: random simulation and exhaustive
// exploration both find each seeded bug, the replay file reproduces it,
// and the reported trace is shrunk.
func TestSimulatorFindsBrokenVariants(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	dir := t.TempDir()
	shrunk := map[string]int{}
	defer func() {
		// Random walks wander: most of their traces must shrink.
		if !t.Failed() {
			require.GreaterOrEqual(t, shrunk["sim"], len(broken)/2, "random-walk traces were not shrunk")
			require.Positive(t, shrunk["explore"], "no depth-first trace was shrunk")
		}
	}()
	for _, b := range broken {
		spec := filepath.Join("testdata", "broken", b.file+".dsa")
		kind := b.kind
		if kind == "" {
			kind = "invariant"
		}
		for _, mode := range []string{"sim", "explore"} {
			if mode == "explore" && b.explore == nil {
				continue
			}
			t.Run(b.file+"/"+mode, func(t *testing.T) {
				replay := filepath.Join(dir, b.file+"-"+mode+".replay")
				args := append([]string{mode, spec, "--replay-out", replay}, b.sim...)
				if mode == "explore" {
					// Depth-first: breadth-first search finds a shortest
					// counterexample, which leaves shrinking nothing to do.
					args = append([]string{mode, spec, "--dfs", "--replay-out", replay}, b.explore...)
				} else {
					args = append(args, "--runs", "5000")
				}
				rep := dsacJSON(t, 1, args...)
				require.Equal(t, "sim", rep.Backend)
				require.NotNil(t, rep.Violation, "no violation found")
				v := rep.Violation
				require.Equal(t, b.property, v.Property)
				require.Equal(t, kind, v.Kind)
				require.Len(t, v.Trace, v.Step)
				// A shrunk trace is shorter; a trace may also be minimal as
				// found (a breadth-first search finds shortest ones).
				if v.ShrunkFrom != 0 {
					require.True(t, v.ShrunkFrom > v.Step || v.ShrunkFromN > v.N, "the trace was not shrunk")
					shrunk[mode]++
				}
				require.Equal(t, replay, v.Replay)

				// The replay file reproduces the same violation, step for step.
				again := dsacJSON(t, 1, "replay", replay, "--spec", spec)
				require.NotNil(t, again.Violation)
				var stdout, stderr bytes.Buffer
				t.Setenv("XDG_CACHE_HOME", programCache)
				require.Equal(t, 1, run([]string{"replay", replay, "--spec", spec}, &stdout, &stderr), stderr.String())
				require.Contains(t, stdout.String(), "VIOLATION: "+kind+" "+b.property)
				require.Contains(t, stdout.String(), "1. ")
			})
		}
	}
}

// TestCorrectAlgorithmsUnderFaults runs every shipped algorithm through
// many random runs with each fault setting it says it tolerates — its
// `// tolerates:` lines, which docs/ALGORITHMS.md lists too: no violation.
func TestCorrectAlgorithmsUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	algs, err := loadAlgorithms(filepath.Join("..", "..", "algorithms"))
	require.NoError(t, err)
	for _, a := range algs {
		require.NotEmpty(t, a.header.tolerates, "%s states no tolerates: line", a.file)
		for _, flags := range a.header.tolerates {
			t.Run(a.name+strings.Join(flags, ""), func(t *testing.T) {
				args := append([]string{"sim", a.file, "--runs", "300",
					"--replay-out", filepath.Join(t.TempDir(), "x.replay")}, flags...)
				rep := dsacJSON(t, 0, args...)
				require.Nil(t, rep.Violation)
				require.EqualValues(t, 300, rep.Runs)
				for _, p := range rep.Properties {
					require.Equal(t, "ok", p.Status, p.Name)
				}
				for _, h := range rep.Coverage {
					require.NotZero(t, h.Ran, "handler on %s never ran", h.Event)
				}
			})
		}
	}
}

// TestPaxosExploredExhaustively: the correct Paxos has no reachable state
// that violates an invariant at n = 3 and n = 4 with two proposers, with
// reordering, and with loss and duplication within a depth bound.
func TestPaxosExploredExhaustively(t *testing.T) {
	spec := filepath.Join("..", "..", "algorithms", "paxos.dsa")
	cases := [][]string{
		{"-n", "3"},
		{"-n", "4"},
		{"-n", "3", "--reorder"},
		{"-n", "4", "--reorder", "--max-timer-fires", "1"},
		{"-n", "3", "--drop", "1", "--dup", "1", "--max-depth", "14"},
		{"-n", "4", "--crash", "3", "--recover", "3"},
	}
	if testing.Short() {
		t.Skip("searches for long; make test runs it without -short and -race")
	}
	for _, c := range cases {
		t.Run(strings.Join(c, ""), func(t *testing.T) {
			// Only the declared bounds keep it from being complete.
			requireExploredClean(t, spec, 100, "max-timer-fires|max-depth|max-faults", c...)
		})
	}
}

// TestSimRunsAreDeterministic: the same spec, n, parameters, faults and
// seed give the same run, byte for byte, on every shipped algorithm.
func TestSimRunsAreDeterministic(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", programCache)
	algs, err := filepath.Glob(filepath.Join("..", "..", "algorithms", "*.dsa"))
	require.NoError(t, err)
	require.NotEmpty(t, algs)
	for _, alg := range algs {
		for _, faults := range [][]string{nil, {"--drop", "0.1", "--dup", "0.1", "--reorder", "--delay", "1ms..30ms"}} {
			args := append([]string{"run", alg, "--backend", "sim", "-n", "4", "--seed", "11", "--json"}, faults...)
			var first []byte
			for i := 0; i < 2; i++ {
				var stdout, stderr bytes.Buffer
				code := run(args, &stdout, &stderr)
				require.Equal(t, 0, code, "dsac %v\n%s%s", args, stdout.String(), stderr.String())
				require.Contains(t, stdout.String(), `"backend": "sim"`)
				if i == 0 {
					first = stdout.Bytes()
				} else {
					require.Equal(t, string(first), stdout.String(), "two runs of %v differ", args)
				}
			}
		}
	}
}

// TestExploreFindsFairLasso: a token that bounces forever violates an
// eventually-property on a cycle, which explore reports as a lasso that
// replays; a cycle that starves a pending delivery is not fair and is not
// reported.
func TestExploreFindsFairLasso(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		return path
	}
	bounce := write("bounce.dsa", `algorithm bounce
message Ball { hits int }
process P on all {
  var done bool
  on start { if self == 0 { send Ball{0} to 1 } }
  on Ball m { reply Ball{0} }
}
eventually finished: forall p in P: p.done
`)
	replay := filepath.Join(dir, "bounce.replay")
	rep := dsacJSON(t, 1, "explore", bounce, "-n", "2", "--replay-out", replay)
	require.NotNil(t, rep.Violation)
	require.Equal(t, "eventually", rep.Violation.Kind)
	require.Equal(t, "finished", rep.Violation.Property)
	text, err := os.ReadFile(replay)
	require.NoError(t, err)
	require.Contains(t, string(text), "\nlasso ")
	again := dsacJSON(t, 1, "replay", replay, "--spec", bounce)
	require.NotNil(t, again.Violation)

	// The same bounce, but a Finish message to p2 is pending all along:
	// only unfair runs starve it, so the property holds.
	starved := write("starved.dsa", `algorithm starved
message Ball { hits int }
message Finish { }
process P on all {
  var done bool
  on start { if self == 0 { send Ball{0} to 1; send Finish{} to 2 } }
  on Ball m { reply Ball{0} }
  on Finish m { done = true }
}
eventually finished: exists p in P: p.done
`)
	rep = dsacJSON(t, 0, "explore", starved, "-n", "3", "--replay-out", replay)
	require.Nil(t, rep.Violation)
}
