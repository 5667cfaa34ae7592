//go:build mpi

package mpi

// These tests run under mpirun (scripts/mpi/test.sh): every rank runs the
// same test functions in the same order, each of which is one or more
// collective runs. Only rank 0 asserts on gathered results; other ranks
// check their own part. A test must never stop before a run that the other
// ranks will enter (no t.Fatal before Run), or they would wait forever.

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/generated/counter"
	"github.com/dsac-lang/dsac/runtime"
)

// With DSAC_MPI_STANDALONE set the binary runs only TestStandalone, which
// calls Run the way a program does: Run initialises MPI itself
// (on its own thread), reads crash faults from the environment and
// finalises MPI, so it can happen once per process.
func TestMain(m *testing.M) {
	if os.Getenv("DSAC_MPI_STANDALONE") != "" {
		flag.Parse()
		_ = flag.Set("test.run", "^TestStandalone$")
		os.Exit(m.Run())
	}
	if err := Init(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	Finalize()
	os.Exit(code)
}

// world is the number of ranks in the job.
func world() int { return mpiState.size }

// runAll runs d on every rank and fails t if it does not start.
func runAll(t *testing.T, d *runtime.Descriptor, opts runtime.RunOptions, o Options) *runtime.Result {
	t.Helper()
	return runCtx(t, context.Background(), d, opts, o)
}

func runCtx(t *testing.T, ctx context.Context, d *runtime.Descriptor, opts runtime.RunOptions, o Options) *runtime.Result {
	t.Helper()
	res, err := RunWith(ctx, d, opts, o)
	if err != nil {
		t.Fatalf("rank %d: run did not start: %v", Rank(), err)
	}
	if res.Backend != Name || res.N != world() {
		t.Errorf("rank %d: backend %q n %d", Rank(), res.Backend, res.N)
	}
	return res
}

// checkOwn asserts what every non-root rank can check of its own part.
func checkOwn(t *testing.T, res *runtime.Result, end runtime.EndReason) {
	t.Helper()
	if res.End != end {
		t.Errorf("rank %d: end %s (%s), want %s", Rank(), res.End, res.Error, end)
	}
	if len(res.Outputs) != 1 || res.Outputs[0].Process != Rank() || len(res.Metrics.ByProcess) != 1 {
		t.Errorf("rank %d: own part %+v", Rank(), res.Outputs)
	}
}

func TestRing(t *testing.T) {
	n := world()
	for _, k := range []int{1, 5, 50} {
		res := runAll(t, ringAlg, runtime.RunOptions{Params: map[string]string{"rounds": fmt.Sprint(k)}}, Options{})
		if !IsRoot() {
			checkOwn(t, res, runtime.EndHalted)
			if s := res.Metrics.ByProcess[0]; s.Sent != int64(k) || s.Received != int64(k) {
				t.Errorf("rank %d: own stats %+v, want %d sent and received", Rank(), s, k)
			}
			continue
		}
		checkRing(t, res, n, k)
	}
}

func TestRingDelayedAndSlowStart(t *testing.T) {
	// The token is held by a timer at every hop and the last rank's start
	// handler is slow: at every moment a message is in flight, a timer is
	// armed or a handler runs, so any early quiescence is a detector bug.
	n, k := world(), 4
	ps := map[string]string{"rounds": fmt.Sprint(k), "delay": "3", "sleep": "200"}
	for seed := range int64(2) {
		res := runAll(t, ringAlg, runtime.RunOptions{Seed: seed, Params: ps}, Options{})
		if !IsRoot() {
			checkOwn(t, res, runtime.EndHalted)
			continue
		}
		checkRing(t, res, n, k)
	}
}

func TestFlood(t *testing.T) {
	n := world()
	for seed := range int64(3) {
		res := runAll(t, floodAlg, runtime.RunOptions{N: n, Seed: seed, Params: map[string]string{"ttl": "4"}}, Options{})
		if !IsRoot() {
			checkOwn(t, res, runtime.EndQuiescent)
			continue
		}
		want := floodTotal(n, 4)
		if res.End != runtime.EndQuiescent || res.Metrics.Messages != want {
			t.Errorf("seed %d: end %s %q with %d messages, want quiescent with %d", seed, res.End, res.Error, res.Metrics.Messages, want)
		}
		var recv int64
		for _, s := range res.Metrics.ByProcess {
			recv += s.Received
		}
		// A process's step is the largest delivered to it, so chains can
		// be longer than ttl+1 hops: bounded below by it, above by the total.
		if recv != want || (n > 1 && (res.Metrics.Steps < 5 || res.Metrics.Steps > want)) {
			t.Errorf("seed %d: %d received, %d steps; want %d and at least 5", seed, recv, res.Metrics.Steps, want)
		}
		checkProps(t, res, runtime.PropertyOK, 1)
	}
}

func TestBlobs(t *testing.T) {
	n := world()
	for _, c := range []struct{ count, size int64 }{
		{3000, 8},   // more sends than MPI may have in flight
		{4, 300000}, // beyond the eager limit and the receive buffer
	} {
		ps := map[string]string{"count": fmt.Sprint(c.count), "size": fmt.Sprint(c.size)}
		res := runAll(t, blobAlg, runtime.RunOptions{Params: ps, Timeout: 60 * time.Second}, Options{})
		if !IsRoot() {
			checkOwn(t, res, runtime.EndQuiescent)
			continue
		}
		want := int64(n*(n-1)) * c.count
		if res.End != runtime.EndQuiescent || res.Metrics.Messages != want {
			t.Errorf("%+v: end %s %q with %d messages, want quiescent with %d", c, res.End, res.Error, res.Metrics.Messages, want)
		}
		for r, o := range res.Outputs {
			if len(o.Events) > 0 {
				t.Errorf("%+v: rank %d saw corrupt data: %v", c, r, o.Events[0])
			}
		}
		for r, s := range res.Metrics.ByProcess {
			if s.Received != int64(n-1)*c.count {
				t.Errorf("%+v: rank %d received %d", c, r, s.Received)
			}
		}
	}
}

func TestSharedCounters(t *testing.T) {
	// algorithms/counter.dsa, as dsac generates it: every process
	// increments a counter in rank 0's window and races for a
	// compare-and-swap election. No lost update, unique tickets, one leader.
	n := world()
	for seed := range int64(3) {
		ps := map[string]string{"increments": "20"}
		res := runAll(t, counter.Descriptor, runtime.RunOptions{Seed: seed, Params: ps}, Options{})
		if !IsRoot() {
			checkOwn(t, res, runtime.EndQuiescent)
			continue
		}
		checkCounter(t, res, n, 20)
	}
}

func TestTimerKeepsRunAlive(t *testing.T) {
	res := runAll(t, tickAlg, runtime.RunOptions{Params: map[string]string{"once": "true", "period": "50"}}, Options{})
	if !IsRoot() {
		checkOwn(t, res, runtime.EndQuiescent)
		return
	}
	if res.End != runtime.EndQuiescent || res.Elapsed < 50*time.Millisecond || res.Elapsed > 5*time.Second {
		t.Errorf("end %s after %v, want quiescent after 50ms", res.End, res.Elapsed)
	}
	for r, o := range res.Outputs {
		if len(o.Events) != 1 || o.Events[0].At < 50*time.Millisecond {
			t.Errorf("rank %d: outputs %v, want one tick after 50ms", r, o.Events)
		}
	}
	if res.Metrics.Messages != int64(world()) {
		t.Errorf("%d messages, want %d", res.Metrics.Messages, world())
	}
}

func TestPeriodicTimerEndsByTimeout(t *testing.T) {
	timeout := 300 * time.Millisecond
	res := runAll(t, tickAlg, runtime.RunOptions{Timeout: timeout}, Options{})
	if !IsRoot() {
		checkOwn(t, res, runtime.EndTimeout)
		return
	}
	// Elapsed is rank 0's clock, which may start a little after the rank
	// whose deadline ended the run; timing is loose on a loaded machine.
	if res.End != runtime.EndTimeout || res.Elapsed < timeout-50*time.Millisecond || res.Elapsed > timeout+3*time.Second {
		t.Errorf("end %s after %v, want timeout after %v", res.End, res.Elapsed, timeout)
	}
	for r, o := range res.Outputs {
		// 30 ticks of 10ms fit; an oversubscribed machine may fire late.
		if len(o.Events) < 3 || len(o.Events) > 31 {
			t.Errorf("rank %d: %d ticks in %v", r, len(o.Events), timeout)
		}
	}
}

func TestCancelOnOneRank(t *testing.T) {
	// Only the last rank's context is cancelled: every rank must stop.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if Rank() == world()-1 {
		time.AfterFunc(100*time.Millisecond, cancel)
	}
	start := time.Now()
	res := runCtx(t, ctx, tickAlg, runtime.RunOptions{Timeout: 20 * time.Second}, Options{})
	if took := time.Since(start); res.End != runtime.EndTimeout || took > 3*time.Second {
		t.Errorf("rank %d: end %s after %v, want timeout soon after 100ms", Rank(), res.End, took)
	}
}

func TestMalformedMessage(t *testing.T) {
	last := world() - 1
	for _, mode := range []string{"truncated", "unknown", "kind0"} {
		res := runAll(t, badAlg, runtime.RunOptions{Params: map[string]string{"mode": mode}}, Options{})
		want := fmt.Sprintf("process 0 (Node): malformed message from rank %d", last)
		if IsRoot() && (res.End != runtime.EndError || !strings.Contains(res.Error, want)) {
			t.Errorf("mode %s: end %s %q, want error containing %q", mode, res.End, res.Error, want)
		}
		if !IsRoot() {
			checkOwn(t, res, runtime.EndError)
		}
	}
}

func TestHandlerFaults(t *testing.T) {
	last := world() - 1
	// A slice, not a map: every rank must run the modes in the same order.
	for _, c := range []struct{ mode, fault string }{
		{"panic", "handling start: boom"},
		{"rank", fmt.Sprintf("handling start: send to rank %d, outside 0..%d", last+1, last)},
	} {
		res := runAll(t, badAlg, runtime.RunOptions{Params: map[string]string{"mode": c.mode}}, Options{})
		want := fmt.Sprintf("process %d (Node): %s", last, c.fault)
		if IsRoot() && (res.End != runtime.EndError || !strings.Contains(res.Error, want)) {
			t.Errorf("mode %s: end %s %q, want error containing %q", c.mode, res.End, res.Error, want)
		}
		if Rank() == last && !strings.Contains(res.Error, want) {
			t.Errorf("rank %d: own error %q, want %q", Rank(), res.Error, want)
		}
	}
}

func TestCrashAfterEvents(t *testing.T) {
	n := world()
	if n < 2 {
		t.Skip("needs two ranks") // every rank skips alike
	}
	// Rank 1 forwards the first token (start + one message), then crashes:
	// the second round's token is lost and the run quiesces.
	res := runAll(t, ringAlg, runtime.RunOptions{}, Options{Crashes: []Crash{{Rank: 1, AfterEvents: 2}}})
	if !IsRoot() {
		checkOwn(t, res, runtime.EndQuiescent)
		return
	}
	if res.End != runtime.EndQuiescent || res.Metrics.Messages != int64(n+1) {
		t.Errorf("end %s %q with %d messages, want quiescent with %d", res.End, res.Error, res.Metrics.Messages, n+1)
	}
	if got := len(res.Outputs[0].Events); got != 1 {
		t.Errorf("rank 0 output %d rounds, want 1", got)
	}
	for _, p := range res.Properties {
		if p.Name == "completed" && p.Status != runtime.PropertyViolated {
			t.Errorf("completed: %s, want violated after a crash", p.Status)
		}
	}
}

func TestCrashAtTime(t *testing.T) {
	n := world()
	if n < 2 {
		t.Skip("needs two ranks")
	}
	res := runAll(t, tickAlg, runtime.RunOptions{Timeout: 500 * time.Millisecond}, Options{Crashes: []Crash{{Rank: n - 1, After: 100 * time.Millisecond}}})
	if !IsRoot() {
		checkOwn(t, res, runtime.EndTimeout)
		return
	}
	for r, o := range res.Outputs {
		ticks := len(o.Events)
		if r == n-1 && (ticks > 11 || (ticks > 0 && o.Events[ticks-1].At > 150*time.Millisecond)) {
			t.Errorf("crashed rank ticked %d times, last at %v", ticks, o.Events[ticks-1].At)
		}
		if r != n-1 && (ticks == 0 || o.Events[ticks-1].At < 200*time.Millisecond) {
			t.Errorf("rank %d stopped ticking with the crashed rank: %d ticks", r, ticks)
		}
	}
}

func TestWrongN(t *testing.T) {
	_, err := RunWith(context.Background(), ringAlg, runtime.RunOptions{N: world() + 1}, Options{})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("mpirun -np %d", world()+1)) {
		t.Errorf("rank %d: n=%d accepted or unclear: %v", Rank(), world()+1, err)
	}
	// The refusal happened before any collective call: runs go on.
	res := runAll(t, ringAlg, runtime.RunOptions{}, Options{})
	if res.End != runtime.EndHalted {
		t.Errorf("rank %d: run after a refused one ended %s", Rank(), res.End)
	}
}

func TestCrashOfMissingRank(t *testing.T) {
	_, err := RunWith(context.Background(), ringAlg, runtime.RunOptions{}, Options{Crashes: []Crash{{Rank: world()}}})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("crash of rank %d", world())) {
		t.Errorf("rank %d: a crash of rank %d accepted or unclear: %v", Rank(), world(), err)
	}
}

func TestStandalone(t *testing.T) {
	switch os.Getenv("DSAC_MPI_STANDALONE") {
	case "1":
	case "stuck":
		// The last rank's start handler outlives the deadline and the
		// grace: its watchdog must name it and end the job (exit 3), and
		// no other rank may blame itself, which scripts/mpi/test.sh checks.
		stuckGrace = time.Second
		ps := map[string]string{"sleep": "60000"}
		_, err := Run(context.Background(), ringAlg, runtime.RunOptions{Params: ps, Timeout: 200 * time.Millisecond})
		t.Fatalf("rank %d: the stuck run returned (%v)", Rank(), err)
	default:
		t.Skip("runs alone, with DSAC_MPI_STANDALONE=1")
	}
	res, err := Run(context.Background(), ringAlg, runtime.RunOptions{Params: map[string]string{"rounds": "3"}})
	if err != nil {
		t.Fatalf("rank %d: %v", Rank(), err)
	}
	if _, err := Run(context.Background(), ringAlg, runtime.RunOptions{}); err == nil {
		t.Errorf("rank %d: a second Run after MPI was finalised did not fail", Rank())
	}
	if !IsRoot() {
		return
	}
	n := len(res.Outputs)
	crashes, err := OptionsFromEnv()
	switch {
	case err != nil:
		t.Fatal(err)
	case len(crashes.Crashes) == 0:
		checkRing(t, res, n, 3)
	default: // DSAC_MPI_CRASH=1#2: rank 1 passes the token once, then crashes
		if res.End != runtime.EndQuiescent || res.Metrics.Messages != int64(n+1) {
			t.Errorf("with %s: end %s %q with %d messages, want quiescent with %d",
				os.Getenv(CrashEnv), res.End, res.Error, res.Metrics.Messages, n+1)
		}
	}
}

// TestOutputsShownAsOnChannel: outputs gathered from every rank show in
// the language's syntax, as the channel backend shows them.
func TestOutputsShownAsOnChannel(t *testing.T) {
	res := runAll(t, showsAlg, runtime.RunOptions{}, Options{})
	if !IsRoot() {
		return
	}
	got, want := shownArgs(res), wantShown(t, world())
	if !slices.Equal(got, want) || len(got) != 5*world() {
		t.Errorf("outputs shown %q, channel %q", got, want)
	}
}
