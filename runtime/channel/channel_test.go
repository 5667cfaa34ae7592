package channel_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest"
	"github.com/dsac-lang/dsac/runtime/runtimetest/testalg"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// run runs d under the runtimetest watchdog and checks that no goroutine
// of the run survives it. The timeout is far beyond what any of these runs
// needs (milliseconds), so that only a lost event, never a slow machine,
// makes one end by timeout.
func run(t *testing.T, d *runtime.Descriptor, n int, params map[string]string) *runtime.Result {
	t.Helper()
	return runOpts(t, d, runtime.RunOptions{N: n, Seed: 1, Params: params, Timeout: 30 * time.Second})
}

func runOpts(t *testing.T, d *runtime.Descriptor, opts runtime.RunOptions) *runtime.Result {
	t.Helper()
	r := runtimetest.Run(t, channel.Run, d, opts)
	goleak.VerifyNone(t)
	return r
}

// frameBytes is the size of the frame of m, as the byte metric counts it.
func frameBytes(m runtime.Message) int64 {
	return int64(len(wire.AppendFrame(nil, m.Kind(), m.Encode)))
}

func TestRing(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5} {
		for _, rounds := range []int64{1, 3, 70} {
			t.Run(fmt.Sprintf("n=%d/rounds=%d", n, rounds), func(t *testing.T) {
				r := run(t, testalg.Ring, n, map[string]string{"rounds": fmt.Sprint(rounds)})
				runtimetest.RequireOK(t, r)
				runtimetest.RequireEnd(t, r, runtime.EndHalted)
				total := int64(n) * rounds
				var bytes int64
				for h := int64(1); h <= total; h++ {
					bytes += frameBytes(testalg.Token{Hop: h})
				}
				m := r.Metrics
				if m.Messages != total || m.Steps != total || m.Bytes != bytes {
					t.Fatalf("messages %d steps %d bytes %d, want %d %d %d", m.Messages, m.Steps, m.Bytes, total, total, bytes)
				}
				if k := m.ByKind["Token"]; k == nil || k.Messages != total || k.Bytes != bytes {
					t.Fatalf("by kind %+v", m.ByKind)
				}
				for i, ps := range m.ByProcess {
					if ps.Process != i || ps.Sent != rounds || ps.Received != rounds {
						t.Fatalf("p%d stats %+v, want %d sent and received", i, ps, rounds)
					}
				}
				var want []string
				for k := int64(1); k <= rounds; k++ {
					want = append(want, fmt.Sprintf("round(%d, ring)", k))
				}
				want = append(want, "done()")
				if got := runtimetest.Trace(r, 0); got != strings.Join(want, " ") {
					t.Fatalf("p0 outputs %q", got)
				}
				for _, po := range r.Outputs {
					if !po.Halted || po.Type != "Node" {
						t.Fatalf("outputs %+v", po)
					}
				}
			})
		}
	}
}

func TestResultDescribesTheRun(t *testing.T) {
	r := runOpts(t, testalg.Ring, runtime.RunOptions{N: 3, Seed: 42, Params: map[string]string{"label": "x"}})
	if r.Algorithm != "ring" || r.Backend != "channel" || r.N != 3 || r.Seed != 42 {
		t.Fatalf("header %+v", r)
	}
	if r.Params["rounds"] != int64(3) || r.Params["label"] != "x" {
		t.Fatalf("params %v", r.Params)
	}
	if r.Elapsed <= 0 || len(r.Outputs) != 3 || len(r.Properties) != 2 {
		t.Fatalf("result %+v", r)
	}
	last := time.Duration(-1)
	for _, e := range r.Outputs[0].Events {
		if e.At < last || e.At > r.Elapsed {
			t.Fatalf("output times out of order: %+v (elapsed %v)", r.Outputs[0].Events, r.Elapsed)
		}
		last = e.At
	}
}

func TestEchoQuiesces(t *testing.T) {
	for n := 1; n <= 6; n++ {
		t.Run(fmt.Sprint("n=", n), func(t *testing.T) {
			r := run(t, testalg.Echo, n, nil)
			runtimetest.RequireOK(t, r)
			runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
			pairs := int64(n * (n - 1))
			m := r.Metrics
			if m.Messages != 2*pairs || m.Bytes != 3*pairs {
				t.Fatalf("metrics %+v", m)
			}
			// Hello has step 1 and its Ack step 2, but an Ack sent after
			// receiving other Acks follows them causally: the longest
			// chain depends on the interleaving.
			if n > 1 && (m.Steps < 2 || m.Steps > 1+pairs) || n == 1 && m.Steps != 0 {
				t.Fatalf("steps %d", m.Steps)
			}
			if n > 1 && (m.ByKind["Hello"].Messages != pairs || m.ByKind["Ack"].Bytes != pairs) {
				t.Fatalf("by kind %+v %+v", m.ByKind["Hello"], m.ByKind["Ack"])
			}
			for i := range n {
				if n > 1 && runtimetest.Trace(r, i) != fmt.Sprintf("acked(%d)", n-1) {
					t.Fatalf("p%d outputs %q", i, runtimetest.Trace(r, i))
				}
				if ps := m.ByProcess[i]; ps.Sent != 2*int64(n-1) || ps.SentBytes != 3*int64(n-1) || ps.ReceivedBytes != ps.SentBytes {
					t.Fatalf("p%d stats %+v", i, ps)
				}
			}
		})
	}
}

func TestViolatedPropertyIsReported(t *testing.T) {
	r := run(t, testalg.Echo, 3, map[string]string{"lazy": "true"})
	runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
	runtimetest.RequireProperty(t, r, "bounded", runtime.PropertyOK)
	runtimetest.RequireProperty(t, r, "allAcked", runtime.PropertyViolated)
	if !r.Violated() || !strings.Contains(r.Properties[1].Violation, "p0.acks = 0") {
		t.Fatalf("properties %+v", r.Properties)
	}
}

func TestStartIsDeliveredFirst(t *testing.T) {
	for range 20 {
		r := run(t, orderAlg, 8, nil)
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
		for _, po := range r.Outputs {
			if len(po.Events) != 9 || po.Events[0].Name != "start" {
				t.Fatalf("p%d outputs %v", po.Process, runtimetest.Trace(r, po.Process))
			}
		}
	}
}

func TestFloodUsesUnboundedMailboxes(t *testing.T) {
	const n, count = 5, 3000
	r := run(t, testalg.Flood, n, map[string]string{"count": fmt.Sprint(count)})
	runtimetest.RequireOK(t, r)
	runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
	if m := r.Metrics; m.Messages != n*(n-1)*count || m.Steps != 1 {
		t.Fatalf("metrics %+v", m)
	}
}

// TestMailboxesUnderContention runs many short floods whose bursts are
// around the size of a mailbox's channel, where messages move between the
// channel and the overflow: none may be lost (the run would not end
// quiescent) or overtake another of the same sender (fifo).
func TestMailboxesUnderContention(t *testing.T) {
	for i := range 60 {
		count := fmt.Sprint(20 + i*3)
		r := run(t, testalg.Flood, 6, map[string]string{"count": count})
		runtimetest.RequireOK(t, r)
		runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
	}
}

func TestMessagesToHaltedProcessesAreDropped(t *testing.T) {
	const n, count = 4, 50
	r := run(t, testalg.Flood, n, map[string]string{"count": fmt.Sprint(count), "sink": "true"})
	runtimetest.RequireOK(t, r)
	runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
	if m := r.Metrics; m.Messages != (n-1)*(n-1)*count {
		t.Fatalf("metrics %+v", m)
	}
	if p0 := r.Metrics.ByProcess[0]; p0.Sent != 0 || p0.Received != 0 || !r.Outputs[0].Halted {
		t.Fatalf("p0 %+v halted=%v", p0, r.Outputs[0].Halted)
	}
}

func TestPeriodicTimerRunsUntilTimeout(t *testing.T) {
	const timeout = 150 * time.Millisecond
	r := runOpts(t, testalg.Ticker, runtime.RunOptions{N: 3, Seed: 1, Timeout: timeout, Params: map[string]string{"period": "5"}})
	runtimetest.RequireEnd(t, r, runtime.EndTimeout)
	runtimetest.RequireOK(t, r)
	if r.Elapsed < timeout {
		t.Fatalf("ended after %v, before the timeout %v", r.Elapsed, timeout)
	}
	for i, po := range r.Outputs {
		// 30 ticks fit in 150ms; a loaded machine may manage far fewer.
		if len(po.Events) < 1 || len(po.Events) > 30 {
			t.Fatalf("p%d ticked %d times in %v", i, len(po.Events), r.Elapsed)
		}
		for j, e := range po.Events {
			if e.Args[0] != int64(j+1) {
				t.Fatalf("p%d outputs %s", i, runtimetest.Trace(r, i))
			}
		}
	}
	if r.Metrics.Messages != 0 || r.Metrics.Steps != 0 {
		t.Fatalf("metrics %+v", r.Metrics)
	}
}

func TestCancelledAndRearmedTimers(t *testing.T) {
	r := run(t, testalg.Timers, 3, nil)
	runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
	if r.Elapsed > 10*time.Second {
		t.Fatalf("took %v: a cancelled or replaced timer was waited for", r.Elapsed)
	}
	for i, po := range r.Outputs {
		var names []string
		for _, e := range po.Events {
			names = append(names, e.Name)
		}
		slices.Sort(names)
		if got := strings.Join(names, " "); got != "again once rearmed tick tick tick" {
			t.Fatalf("p%d outputs %s", i, runtimetest.Trace(r, i))
		}
	}
}

func TestHaltDisarmsTimers(t *testing.T) {
	r := run(t, testalg.Timers, 2, map[string]string{"halt": "true"})
	runtimetest.RequireEnd(t, r, runtime.EndHalted)
	if r.Elapsed > 10*time.Second {
		t.Fatalf("took %v: the hour-long timer of a halted process was waited for", r.Elapsed)
	}
	for i := range r.Outputs {
		if got := runtimetest.Trace(r, i); strings.Contains(got, "never") || !strings.Contains(got, "tick(3)") || strings.Contains(got, "tick(4)") {
			t.Fatalf("p%d outputs %s", i, got)
		}
	}
}

func TestHandlerFaultsEndTheRun(t *testing.T) {
	for _, tc := range []struct{ mode, want string }{
		{"panic", "process 1 (Node): handling Ping from 0: runtime error: index out of range [3] with length 0"},
		{"rank", "process 1 (Node): handling Ping from 0: send to rank 3, outside 0..2"},
		{"start", "process 0 (Node): handling start: boom"},
		{"timer", "process 0 (Node): handling timer alarm: alarm"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			r := run(t, testalg.Faults, 3, map[string]string{"mode": tc.mode})
			runtimetest.RequireEnd(t, r, runtime.EndError)
			if !strings.HasPrefix(r.Error, tc.want+" (at ") || !strings.Contains(r.Error, "testalg/faults.go:") {
				t.Fatalf("error %q\nwant %q (at …/testalg/faults.go:…)", r.Error, tc.want)
			}
			if len(r.Outputs) != 3 || len(r.Metrics.ByProcess) != 3 {
				t.Fatalf("a failed run still reports outputs and metrics: %+v", r)
			}
		})
	}
	r := run(t, testalg.Faults, 3, map[string]string{"mode": "none"})
	runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
}

func TestRandIsReproduciblePerSeed(t *testing.T) {
	draws := func(seed int64, n int) [][]any {
		r := runOpts(t, testalg.Random, runtime.RunOptions{N: n, Seed: seed})
		runtimetest.RequireEnd(t, r, runtime.EndHalted)
		var out [][]any
		for _, po := range r.Outputs {
			var d []any
			for _, e := range po.Events {
				v := e.Args[0].(int64)
				if v < 1 || v > 1_000_000_000 {
					t.Fatalf("draw %d out of range", v)
				}
				d = append(d, v)
			}
			out = append(out, d)
		}
		return out
	}
	a, b, c := draws(7, 4), draws(7, 4), draws(8, 4)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("same seed, different draws:\n%v\n%v", a, b)
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Fatalf("different seeds, same draws: %v", a)
	}
	if fmt.Sprint(a[0]) == fmt.Sprint(a[1]) {
		t.Fatalf("ranks 0 and 1 drew the same: %v", a)
	}
	// A process's stream depends on the seed and its rank only.
	if d := draws(7, 2); fmt.Sprint(d[1]) != fmt.Sprint(a[1]) {
		t.Fatalf("rank 1 drew %v with n=2, %v with n=4", d[1], a[1])
	}
}

func TestContextCancellationEndsTheRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	r, err := channel.Run(ctx, testalg.Ticker, runtime.RunOptions{N: 2, Seed: 1, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	runtimetest.RequireEnd(t, r, runtime.EndTimeout)
	if r.Elapsed > 5*time.Second {
		t.Fatalf("took %v", r.Elapsed)
	}
	goleak.VerifyNone(t)
}

func TestStuckHandlerIsReported(t *testing.T) {
	defer channel.SetStopGrace(20 * time.Millisecond)()
	start := time.Now()
	r := runtimetest.Run(t, channel.Run, stuckAlg, runtime.RunOptions{N: 2, Seed: 1, Timeout: 20 * time.Millisecond})
	if took := time.Since(start); took >= sleepFor {
		t.Fatalf("Run waited %v for a stuck handler", took)
	}
	runtimetest.RequireEnd(t, r, runtime.EndError)
	if !strings.Contains(r.Error, "processes [0] still in a handler") {
		t.Fatalf("error %q", r.Error)
	}
	// The sleeper was abandoned on purpose; once it wakes, it must exit.
	time.Sleep(sleepFor - time.Since(start))
	goleak.VerifyNone(t)
}

func TestRunRefusesToStart(t *testing.T) {
	for _, tc := range []struct {
		d      *runtime.Descriptor
		n      int
		params map[string]string
		want   string
	}{
		{testalg.Ring, 0, nil, "at least one process"},
		{testalg.Ring, 3, map[string]string{"round": "2"}, `unknown parameter "round"`},
		{testalg.Ring, 3, map[string]string{"rounds": "x"}, `parameter rounds: "x" is not an int`},
		{testalg.Echo, 3, map[string]string{"lazy": "maybe"}, `parameter lazy: "maybe" is not a bool`},
		{testalg.PingPong, 1, nil, "Ponger (on others) has no rank"},
	} {
		_, err := channel.Run(context.Background(), tc.d, runtime.RunOptions{N: tc.n, Params: tc.params})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s n=%d %v: error %v, want %q", tc.d.Name, tc.n, tc.params, err, tc.want)
		}
	}
	goleak.VerifyNone(t)
}

func TestPingPongCountsEveryHop(t *testing.T) {
	r := run(t, testalg.PingPong, 2, map[string]string{"hops": "1001"})
	runtimetest.RequireEnd(t, r, runtime.EndQuiescent)
	if m := r.Metrics; m.Messages != 1001 || m.Steps != 1001 {
		t.Fatalf("metrics %+v", m)
	}
	if got := runtimetest.Trace(r, 1); got != "done(1001)" {
		t.Fatalf("p1 outputs %q", got)
	}
}
