package mpi

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/generated/counter"
	"github.com/dsac-lang/dsac/runtime"
)

// loopback runs d on n nodes in one goroutine, without MPI: each turn it
// sums the nodes' wave contributions and asks decide, as the ranks do,
// then moves every posted frame to its destination and fires due timers.
// It tests everything of a run but the transport.
func loopback(t *testing.T, d *runtime.Descriptor, n int, ps map[string]string, o Options) *runtime.Result {
	t.Helper()
	inst, err := d.New(runtime.Config{N: n, Params: ps})
	if err != nil {
		t.Fatal(err)
	}
	nodes := make([]*node, n)
	start := time.Now()
	shared := localCounters(append([]int64(nil), inst.Shared...))
	for r := range nodes {
		nodes[r] = newNode(d, inst.Procs[r], r, n, 1, o.crashOf(r))
		nodes[r].start = start
		nodes[r].shared, nodes[r].nShared = shared, len(shared)
	}
	for _, nd := range nodes {
		nd.startEvent()
	}
	var prev *wave
	var end runtime.EndReason
	for end == "" {
		if time.Since(start) > 5*time.Second {
			t.Fatal("loopback run did not end within 5s")
		}
		var sum wave
		for _, nd := range nodes {
			c := nd.contribution(false)
			for i := range sum {
				sum[i] += c[i]
			}
		}
		if e, ok := decide(prev, sum, n); ok {
			end = e
			break
		}
		prev = &sum
		type frame struct {
			src, dst int
			b        []byte
		}
		var q []frame
		for _, nd := range nodes {
			meta := nd.out.unposted()
			for i := 0; i < len(meta); i += 3 {
				off, size := meta[i], meta[i+1]
				q = append(q, frame{nd.rank, int(meta[i+2]), append([]byte(nil), nd.out.buf[off:off+size]...)})
			}
			nd.wireSent += int64(len(meta) / 3)
			nd.out.posted(len(meta) / 3)
		}
		for _, f := range q {
			nodes[f.dst].deliver(f.src, f.b)
		}
		for _, nd := range nodes {
			nd.fireDue(nd.now())
		}
	}
	copy(inst.Shared, shared)
	parts := make([][]byte, n)
	for r, nd := range nodes {
		parts[r] = nd.part()
	}
	return assemble(summary{d: d, inst: inst, n: n, seed: 1, end: end, elapsed: time.Since(start)}, parts)
}

func TestLoopbackRing(t *testing.T) {
	for _, n := range []int{1, 2, 5} {
		const k = 4
		res := loopback(t, ringAlg, n, map[string]string{"rounds": "4"}, Options{})
		checkRing(t, res, n, k)
	}
}

func TestLoopbackRingDelayed(t *testing.T) {
	res := loopback(t, ringAlg, 3, map[string]string{"rounds": "3", "delay": "2"}, Options{})
	checkRing(t, res, 3, 3)
}

// checkRing asserts what a ring run of n processes and k rounds produces;
// the MPI tests assert the same.
func checkRing(t *testing.T, res *runtime.Result, n, k int) {
	t.Helper()
	total := int64(n * k)
	if res.End != runtime.EndHalted || res.Error != "" {
		t.Fatalf("n=%d: end %s %q, want halted", n, res.End, res.Error)
	}
	m := res.Metrics
	if m.Messages != total || m.Steps != total || m.Bytes != 2*total {
		t.Errorf("n=%d: messages %d steps %d bytes %d, want %d, %d, %d", n, m.Messages, m.Steps, m.Bytes, total, total, 2*total)
	}
	if ks := m.ByKind["Token"]; ks == nil || ks.Messages != total {
		t.Errorf("n=%d: by kind %v", n, m.ByKind)
	}
	for r, ps := range m.ByProcess {
		if ps.Process != r || ps.Sent != int64(k) || ps.Received != int64(k) || ps.SentBytes != int64(2*k) {
			t.Errorf("n=%d: rank %d stats %+v", n, r, ps)
		}
	}
	var rounds []any
	for _, e := range res.Outputs[0].Events {
		if e.Name != "round" {
			t.Errorf("n=%d: output %v", n, e)
		}
		rounds = append(rounds, e.Args...)
	}
	want := []any{}
	for i := 1; i <= k; i++ {
		want = append(want, int64(i))
	}
	if !reflect.DeepEqual(rounds, want) {
		t.Errorf("n=%d: rank 0 output rounds %v, want %v", n, rounds, want)
	}
	for r, o := range res.Outputs {
		if !o.Halted || o.Process != r || o.Type != "Node" {
			t.Errorf("n=%d: outputs of rank %d: %+v", n, r, o)
		}
	}
	checkProps(t, res, runtime.PropertyOK, 2)
}

// checkProps asserts that res has count properties, all with status want.
func checkProps(t *testing.T, res *runtime.Result, want runtime.PropertyStatus, count int) {
	t.Helper()
	if len(res.Properties) != count {
		t.Errorf("properties %v, want %d", res.Properties, count)
	}
	for _, p := range res.Properties {
		if p.Status != want {
			t.Errorf("property %s: %s (%s), want %s", p.Name, p.Status, p.Violation, want)
		}
	}
}

func TestLoopbackFlood(t *testing.T) {
	res := loopback(t, floodAlg, 4, nil, Options{})
	if res.End != runtime.EndQuiescent || res.Metrics.Messages != floodTotal(4, 3) {
		t.Fatalf("end %s %q, %d messages, want quiescent with %d", res.End, res.Error, res.Metrics.Messages, floodTotal(4, 3))
	}
	checkProps(t, res, runtime.PropertyOK, 1)
}

func TestLoopbackCrash(t *testing.T) {
	// Rank 1 forwards the first token (its start and one message), then
	// crashes: round 2's token is lost and the run quiesces.
	n := 4
	res := loopback(t, ringAlg, n, nil, Options{Crashes: []Crash{{Rank: 1, AfterEvents: 2}}})
	if res.End != runtime.EndQuiescent || res.Metrics.Messages != int64(n+1) {
		t.Fatalf("end %s %q, %d messages, want quiescent with %d", res.End, res.Error, res.Metrics.Messages, n+1)
	}
	if got := len(res.Outputs[0].Events); got != 1 {
		t.Errorf("rank 0 output %d rounds, want 1", got)
	}
	if res.Metrics.ByProcess[1].Received != 1 {
		t.Errorf("crashed rank received %d, want 1", res.Metrics.ByProcess[1].Received)
	}
	if len(res.Faults) != 1 || res.Faults[0].Kind != "crash" || res.Faults[0].From != 1 || res.Faults[0].To != -1 {
		t.Errorf("faults %+v, want rank 1's crash", res.Faults)
	}
}

func TestCrashesListedInOrder(t *testing.T) {
	// Rank 2 crashes before its start, rank 1 after its start and one
	// message: the result lists both, in the order they happened.
	res := loopback(t, ringAlg, 3, nil, Options{Crashes: []Crash{{Rank: 1, AfterEvents: 2}, {Rank: 2}}})
	var got []int
	for _, f := range res.Faults {
		got = append(got, f.From)
	}
	if !reflect.DeepEqual(got, []int{2, 1}) {
		t.Errorf("crashes of ranks %v (%+v), want [2 1]", got, res.Faults)
	}
	if res := loopback(t, ringAlg, 3, nil, Options{}); res.Faults != nil {
		t.Errorf("a run without crashes lists faults %+v", res.Faults)
	}
}

func TestCrashOfMissingRankRefused(t *testing.T) {
	o := Options{Crashes: []Crash{{Rank: 1}, {Rank: 3, AfterEvents: 1}}}
	if err := o.check(3); err == nil || !strings.Contains(err.Error(), "crash of rank 3, but the job has ranks 0..2") {
		t.Errorf("check(3) = %v", err)
	}
	if err := o.check(4); err != nil {
		t.Errorf("check(4) = %v", err)
	}
}

func TestJobBeyondRankLimitRefused(t *testing.T) {
	if err := (Options{}).check(runtime.MaxRanks + 1); err == nil || !strings.Contains(err.Error(), "-n must be between 1 and 1024 with --backend mpi") {
		t.Errorf("check(%d) = %v", runtime.MaxRanks+1, err)
	}
	if err := (Options{}).check(runtime.MaxRanks); err != nil {
		t.Errorf("check(%d) = %v", runtime.MaxRanks, err)
	}
}

func TestLoopbackTimerKeepsRunAlive(t *testing.T) {
	res := loopback(t, tickAlg, 3, map[string]string{"once": "true", "period": "20"}, Options{})
	if res.End != runtime.EndQuiescent || res.Elapsed < 20*time.Millisecond {
		t.Fatalf("end %s after %v, want quiescent after 20ms", res.End, res.Elapsed)
	}
	for r, o := range res.Outputs {
		if len(o.Events) != 1 {
			t.Errorf("rank %d: outputs %v, want one tick", r, o.Events)
		}
	}
}

func TestLoopbackFaults(t *testing.T) {
	for mode, want := range map[string]string{
		"truncated": "process 0 (Node): malformed message from rank 2",
		"unknown":   "malformed message from rank 2 (2 bytes): bad: unknown message kind 99",
		"kind0":     "malformed message from rank 2 (2 bytes): malformed frame: kind 0 out of range",
		"panic":     "process 2 (Node): handling start: boom",
		"rank":      "process 2 (Node): handling start: send to rank 3, outside 0..2",
	} {
		res := loopback(t, badAlg, 3, map[string]string{"mode": mode}, Options{})
		if res.End != runtime.EndError || !strings.Contains(res.Error, want) {
			t.Errorf("mode %s: end %s %q, want error containing %q", mode, res.End, res.Error, want)
		}
	}
}

func TestLoopbackSharedCounters(t *testing.T) {
	res := loopback(t, counter.Descriptor, 4, map[string]string{"increments": "5"}, Options{})
	checkCounter(t, res, 4, 5)
}

// checkCounter asserts what a run of algorithms/counter.dsa produces.
func checkCounter(t *testing.T, res *runtime.Result, n, increments int) {
	t.Helper()
	if res.End != runtime.EndQuiescent || res.Error != "" {
		t.Fatalf("end %s %q, want quiescent", res.End, res.Error)
	}
	checkProps(t, res, runtime.PropertyOK, 5)
	// One compare-and-swap per process, then its increments; the checks
	// read the counters too, but after the run.
	if want := int64(n * (1 + increments)); res.Metrics.SharedOps != want {
		t.Errorf("%d shared operations, want %d", res.Metrics.SharedOps, want)
	}
	elected := 0
	for _, o := range res.Outputs {
		elected += len(o.Events)
	}
	if elected != 1 {
		t.Errorf("%d processes elected, want 1", elected)
	}
}

func TestDecide(t *testing.T) {
	quiet := wave{wSent: 5, wRecv: 5}
	moved := wave{wSent: 6, wRecv: 6}
	busy := wave{wSent: 5, wRecv: 5, wBusy: 1}
	inFlight := wave{wSent: 6, wRecv: 5}
	for _, c := range []struct {
		name      string
		prev      *wave
		cur       wave
		want      runtime.EndReason
		wantFinal bool
	}{
		{"first wave never quiescent", nil, quiet, "", false},
		{"two quiet waves", &quiet, quiet, runtime.EndQuiescent, true},
		{"counts moved between waves", &quiet, moved, "", false},
		{"a timer armed", &quiet, busy, "", false},
		{"a message in flight", &inFlight, inFlight, "", false},
		{"all halted", nil, wave{wSent: 9, wRecv: 3, wHalted: 3}, runtime.EndHalted, true},
		{"failure wins", &quiet, wave{wSent: 5, wRecv: 5, wHalted: 3, wFailed: 1}, runtime.EndError, true},
		{"halted wins over timeout", nil, wave{wHalted: 3, wExpired: 1}, runtime.EndHalted, true},
		{"timeout", &quiet, wave{wSent: 7, wRecv: 5, wExpired: 1}, runtime.EndTimeout, true},
		{"an expired rank looks idle: still a timeout", &quiet, wave{wSent: 5, wRecv: 5, wExpired: 1}, runtime.EndTimeout, true},
	} {
		got, ok := decide(c.prev, c.cur, 3)
		if got != c.want || ok != c.wantFinal {
			t.Errorf("%s: decide = %q, %v; want %q, %v", c.name, got, ok, c.want, c.wantFinal)
		}
	}
}

func TestTimers(t *testing.T) {
	var ts timers
	ms := time.Millisecond
	ts.set(0, 0, 5*ms, false)
	ts.set(1, 0, 2*ms, true)
	ts.set(2, 0, 3*ms, false)
	ts.cancel(2)
	ts.set(0, 0, 3*ms, false) // re-armed: the 5ms entry is stale
	var fired []int
	for now := time.Duration(0); now <= 6*ms; now += ms {
		for {
			tm, ok := ts.due(now)
			if !ok {
				break
			}
			fired = append(fired, tm)
		}
	}
	if want := []int{1, 0, 1, 1}; !reflect.DeepEqual(fired, want) {
		t.Errorf("fired %v, want %v", fired, want)
	}
	if ts.armed != 1 {
		t.Errorf("%d timers armed, want the periodic one", ts.armed)
	}
	ts.clear()
	if _, ok := ts.next(); ok || ts.armed != 0 {
		t.Errorf("timers left after clear")
	}
}

func TestOutboxCompact(t *testing.T) {
	var o outbox
	for i := range 3000 {
		off := len(o.buf)
		o.buf = append(o.buf, byte(i), byte(i>>8))
		o.add(off, i%7)
	}
	o.posted(2000)
	if o.pending() != 1000 || len(o.buf) != 2000 {
		t.Fatalf("after compaction: %d pending, %d bytes", o.pending(), len(o.buf))
	}
	m := o.unposted()
	if off := m[0]; o.buf[off] != byte(2000%256) || m[2] != 2000%7 {
		t.Errorf("first pending send wrong after compaction: %v", m[:3])
	}
	o.posted(1000)
	if o.pending() != 0 || len(o.buf) != 0 {
		t.Errorf("outbox not empty after posting everything")
	}
}

func TestParseCrashes(t *testing.T) {
	got, err := ParseCrashes(" 2@50ms, 1#3 ,")
	want := []Crash{{Rank: 2, After: 50 * time.Millisecond}, {Rank: 1, AfterEvents: 3}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseCrashes = %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"2", "x@1s", "1@soon", "1#0", "-1#2"} {
		if _, err := ParseCrashes(bad); err == nil {
			t.Errorf("ParseCrashes(%q) accepted", bad)
		}
	}
}

func TestOutputArgsSurviveGather(t *testing.T) {
	nd := newNode(ringAlg, &ringNode{n: 1}, 0, 1, 0, nil)
	nd.Output("x", int64(3), "s", true, 2.5, []int64{1, 2})
	p, err := decodePart(nd.part())
	if err != nil {
		t.Fatal(err)
	}
	want := []any{int64(3), "s", true, 2.5, []any{int64(1), int64(2)}}
	if got := p.Outputs[0].Args; !reflect.DeepEqual(got, want) {
		t.Errorf("args %#v, want %#v", got, want)
	}
}

// panicky is a badNode whose handler panics on a Bad with X = 7.
type panicky struct{ *badNode }

func (p panicky) Handle(ctx runtime.Context, from int, m runtime.Message) {
	if m.(Bad).X == 7 {
		panic("boom7")
	}
	p.badNode.Handle(ctx, from, m)
}

// TestDeliverBatchRecovers: a panic in a decoder or a handler, recovered
// once per batch, fails the rank with the same words as one recovered per
// message, and every frame of the batch is still taken and counted.
func TestDeliverBatchRecovers(t *testing.T) {
	d := *badAlg
	d.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		m, err := badAlg.Decode(kind, payload)
		if err == nil && m.(Bad).X == 13 {
			panic("bad decoder")
		}
		return m, err
	}
	for _, c := range []struct {
		xs   []int64
		want string
		got  int64
	}{
		{[]int64{13, 1, 2}, "process 0 (Node): malformed message from rank 2 (2 bytes): decoder panicked: bad decoder", 0},
		{[]int64{1, 7, 2}, "process 0 (Node): handling Bad from 2: boom7", 1},
		{[]int64{1, 2, 3}, "", 3},
	} {
		sender := newNode(&d, &badNode{n: 3}, 2, 3, 1, nil)
		for _, x := range c.xs {
			sender.Send(0, Bad{K: 1, X: x})
		}
		var frames [][]byte
		for i := 0; i < len(sender.out.meta); i += 3 {
			off, size := int(sender.out.meta[i]), int(sender.out.meta[i+1])
			frames = append(frames, sender.out.buf[off:off+size])
		}
		proc := &badNode{n: 3}
		nd := newNode(&d, panicky{proc}, 0, 3, 1, nil)
		nd.deliverBatch(len(frames), func(i int) (int, []byte) { return 2, frames[i] })
		if !strings.HasPrefix(nd.failure, c.want) || (c.want == "") != (nd.failure == "") {
			t.Errorf("%v: failure %q, want %q", c.xs, nd.failure, c.want)
		}
		if nd.wireRecv != int64(len(frames)) || proc.Got != c.got {
			t.Errorf("%v: took %d frames and handled %d, want %d and %d", c.xs, nd.wireRecv, proc.Got, len(frames), c.got)
		}
	}
}
