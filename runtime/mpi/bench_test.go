//go:build mpi

package mpi

// The Go side of scripts/mpi/bench.sh: the same ping-pong and all-to-all as
// bench/mpi/*.c, written as algorithms and run through Run, timed inside
// the algorithm (Now) so that start-up and termination are not counted.
// They run only when DSAC_MPI_BENCH=1 and print RESULT lines on rank 0.

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/runtimetest/testalg"
	"github.com/dsac-lang/dsac/runtime/wire"
)

func benchEnv(t *testing.T, name, def string) string {
	if os.Getenv("DSAC_MPI_BENCH") != "1" {
		t.Skip("set DSAC_MPI_BENCH=1 to run the MPI benchmarks")
	}
	// Idle-policy experiments: BENCH_SPIN (polls), BENCH_SPINFOR, BENCH_WAVEGAP, BENCH_SCHED
	// and BENCH_MAXNAP (durations) override the loop's settings.
	if v, err := strconv.Atoi(os.Getenv("BENCH_SPIN")); err == nil {
		spinPolls = v
	}
	if v, err := time.ParseDuration(os.Getenv("BENCH_SPINFOR")); err == nil {
		spinFor = v
	}
	if v, err := time.ParseDuration(os.Getenv("BENCH_WAVEGAP")); err == nil {
		waveGap = v
	}
	if v, err := time.ParseDuration(os.Getenv("BENCH_SCHED")); err == nil {
		schedEvery = v
	}
	if v, err := time.ParseDuration(os.Getenv("BENCH_MAXNAP")); err == nil {
		maxNap, minNap = v, min(minNap, v)
	}
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func TestBenchPingPong(t *testing.T) {
	sizes := benchEnv(t, "BENCH_SIZES", "8 64")
	iters := benchEnv(t, "BENCH_ITERS", "100000")
	if world() < 2 {
		t.Skip("needs two ranks")
	}
	for _, size := range strings.Fields(sizes) {
		ps := map[string]string{"iters": iters, "size": size}
		res := runAll(t, pingAlg, runtime.RunOptions{Params: ps, Timeout: 10 * time.Minute}, Options{})
		if !IsRoot() {
			continue
		}
		if res.End != runtime.EndHalted || len(res.Outputs[0].Events) != 1 {
			t.Fatalf("ping-pong ended %s %q", res.End, res.Error)
		}
		ns := res.Outputs[0].Events[0].Args[0].(int64)
		n, _ := strconv.Atoi(iters)
		fmt.Printf("RESULT pingpong bytes=%s oneway_us=%.3f\n", size, float64(ns)/1e3/float64(2*n))
	}
}

func TestBenchAllToAll(t *testing.T) {
	size := benchEnv(t, "BENCH_SIZE", "8")
	rounds := benchEnv(t, "BENCH_ROUNDS", "20000")
	ps := map[string]string{"rounds": rounds, "size": size}
	res := runAll(t, a2aAlg, runtime.RunOptions{Params: ps, Timeout: 10 * time.Minute}, Options{})
	if !IsRoot() {
		return
	}
	if res.End != runtime.EndHalted {
		t.Fatalf("all-to-all ended %s %q", res.End, res.Error)
	}
	var slowest int64
	for _, o := range res.Outputs {
		slowest = max(slowest, o.Events[0].Args[0].(int64))
	}
	n := int64(world())
	r, _ := strconv.ParseInt(rounds, 10, 64)
	fmt.Printf("RESULT alltoall ranks=%d bytes=%s msgs_per_s=%.0f\n", n, size, float64(n*(n-1)*r)/(float64(slowest)/1e9))
}

// padding returns a string that makes a frame of about size bytes, header
// (step, kind, counter, length) included, as the C benchmarks send size.
func padding(size int64) string { return strings.Repeat("x", int(max(size-7, 0))) }

// ---------------------------------------------------------------------------
// ping: ranks 0 and 1 bounce a Ball `warm`+`iters` times; rank 0 outputs
// done(ns), the time of the last `iters` round trips, and halts.

var pingAlg = &runtime.Descriptor{
	Name: "benchping",
	Params: []runtime.ParamInfo{
		{Name: "iters", Type: "int", Default: "100000"},
		{Name: "size", Type: "int", Default: "8"},
	},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Ball", Fields: []string{"seq", "pad"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
}

func init() {
	pingAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("benchping: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := decBall(d)
		return m, d.Finish()
	}
	pingAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(pingAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		iters := ps["iters"].(int64)
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &pingNode{warm: iters / 10, iters: iters, pad: padding(ps["size"].(int64))}
		}
		return &runtime.Instance{Params: ps, Procs: procs}, nil
	}
}

// Ball is the ping-pong's message.
type Ball struct {
	Seq int64
	Pad string
}

func (Ball) Kind() int        { return 1 }
func (Ball) KindName() string { return "Ball" }
func (m Ball) Encode(b []byte) []byte {
	return wire.AppendString(wire.AppendInt(b, m.Seq), m.Pad)
}

// The benchmarks' processes have the shape of generated code (see
// codegen/frames.go): sends by value through runtime.FrameSender, and
// payloads decoded into locals by HandleWire.

func decBall(d *wire.Decoder) Ball { return Ball{Seq: d.Int(), Pad: d.String()} }

func (m Ball) sendTo(ctx runtime.Context, to int) {
	if fs, ok := ctx.(runtime.FrameSender); ok {
		fs.SendFrame(to, m.Encode(fs.BeginFrame(1)))
		return
	}
	ctx.Send(to, m)
}

type pingNode struct {
	warm, iters int64
	pad         string
	t0          time.Duration
}

func (*pingNode) TypeName() string { return "Node" }

func (p *pingNode) Start(ctx runtime.Context) {
	switch ctx.Self() {
	case 0:
		Ball{Seq: 0, Pad: p.pad}.sendTo(ctx, 1)
	case 1:
	default:
		ctx.Halt()
	}
}

func (p *pingNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	p.onBall(ctx, from, m.(Ball))
}

func (p *pingNode) HandleWire(ctx runtime.Context, from, kind int, payload []byte) error {
	if kind != 1 {
		return fmt.Errorf("unknown message kind %d", kind)
	}
	d := wire.DecoderFor(ctx, payload)
	b := decBall(d)
	if err := d.Finish(); err != nil {
		return fmt.Errorf("decoding Ball: %w", err)
	}
	p.onBall(ctx, from, b)
	return nil
}

func (p *pingNode) onBall(ctx runtime.Context, from int, b Ball) {
	last := p.warm + p.iters - 1
	if ctx.Self() == 1 {
		b.sendTo(ctx, 0) // an echo, as C sends its buffer back
		if b.Seq == last {
			ctx.Halt()
		}
		return
	}
	if b.Seq+1 == p.warm {
		p.t0 = ctx.Now()
	}
	if b.Seq == last {
		ctx.Output("done", int64(ctx.Now()-p.t0))
		ctx.Halt()
		return
	}
	Ball{Seq: b.Seq + 1, Pad: p.pad}.sendTo(ctx, 1)
}

func (p *pingNode) Fire(runtime.Context, int)   {}
func (p *pingNode) EncodeState(b []byte) []byte { return b }
func (p *pingNode) DecodeState(b []byte) error  { return nil }
func (p *pingNode) Clone() runtime.Process      { c := *p; return &c }

// ---------------------------------------------------------------------------
// a2a: in each of `rounds` rounds every rank sends a Part to every other
// and waits for the round's n-1 Parts before the next; each rank outputs
// done(ns) and halts after the last round. A peer is at most one round
// ahead, so two counters suffice.

var a2aAlg = &runtime.Descriptor{
	Name: "benchalltoall",
	Params: []runtime.ParamInfo{
		{Name: "rounds", Type: "int", Default: "20000"},
		{Name: "size", Type: "int", Default: "8"},
	},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Part", Fields: []string{"round", "pad"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
}

func init() {
	a2aAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("benchalltoall: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := decPart(d)
		return m, d.Finish()
	}
	a2aAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(a2aAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			var others []int
			for q := range cfg.N {
				if q != r {
					others = append(others, q)
				}
			}
			procs[r] = &a2aNode{others: others, rounds: ps["rounds"].(int64), pad: padding(ps["size"].(int64))}
		}
		return &runtime.Instance{Params: ps, Procs: procs}, nil
	}
}

// Part is the all-to-all's message.
type Part struct {
	Round int64
	Pad   string
}

func (Part) Kind() int        { return 1 }
func (Part) KindName() string { return "Part" }
func (m Part) Encode(b []byte) []byte {
	return wire.AppendString(wire.AppendInt(b, m.Round), m.Pad)
}

func decPart(d *wire.Decoder) Part { return Part{Round: d.Int(), Pad: d.String()} }

func (m Part) broadcastTo(ctx runtime.Context, to []int) {
	if fs, ok := ctx.(runtime.FrameSender); ok {
		fs.BroadcastFrame(to, m.Encode(fs.BeginFrame(1)))
		return
	}
	ctx.Broadcast(to, m)
}

type a2aNode struct {
	others []int
	rounds int64
	pad    string
	cur    int64
	got    [2]int
}

func (*a2aNode) TypeName() string { return "Node" }

func (p *a2aNode) Start(ctx runtime.Context) {
	if len(p.others) == 0 || p.rounds == 0 {
		ctx.Output("done", int64(0))
		ctx.Halt()
		return
	}
	Part{Round: 0, Pad: p.pad}.broadcastTo(ctx, p.others)
}

func (p *a2aNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	p.onPart(ctx, m.(Part))
}

func (p *a2aNode) HandleWire(ctx runtime.Context, from, kind int, payload []byte) error {
	if kind != 1 {
		return fmt.Errorf("unknown message kind %d", kind)
	}
	d := wire.DecoderFor(ctx, payload)
	m := decPart(d)
	if err := d.Finish(); err != nil {
		return fmt.Errorf("decoding Part: %w", err)
	}
	p.onPart(ctx, m)
	return nil
}

func (p *a2aNode) onPart(ctx runtime.Context, m Part) {
	p.got[m.Round%2]++
	for p.got[p.cur%2] == len(p.others) {
		p.got[p.cur%2] = 0
		p.cur++
		if p.cur == p.rounds {
			ctx.Output("done", int64(ctx.Now()))
			ctx.Halt()
			return
		}
		Part{Round: p.cur, Pad: p.pad}.broadcastTo(ctx, p.others)
	}
}

func (p *a2aNode) Fire(runtime.Context, int)   {}
func (p *a2aNode) EncodeState(b []byte) []byte { return b }
func (p *a2aNode) DecodeState(b []byte) error  { return nil }
func (p *a2aNode) Clone() runtime.Process      { c := *p; return &c }

func TestBenchFetchAdd(t *testing.T) {
	iters := benchEnv(t, "BENCH_ITERS", "100000")
	if world() < 2 {
		t.Skip("needs two ranks")
	}
	res := runAll(t, faAlg, runtime.RunOptions{Params: map[string]string{"iters": iters}, Timeout: 10 * time.Minute}, Options{})
	if !IsRoot() {
		return
	}
	if res.End != runtime.EndQuiescent || len(res.Outputs[1].Events) != 1 {
		t.Fatalf("fetch-add ended %s %q", res.End, res.Error)
	}
	ns := res.Outputs[1].Events[0].Args[0].(int64)
	n, _ := strconv.Atoi(iters)
	fmt.Printf("RESULT fetchadd oneop_us=%.3f\n", float64(ns)/1e3/float64(n))
}

// ---------------------------------------------------------------------------
// fa: rank 1's start handler does `iters` fetch_adds on a shared counter
// (in rank 0's window) and outputs done(ns).

var faAlg = &runtime.Descriptor{
	Name:      "benchfetchadd",
	Params:    []runtime.ParamInfo{{Name: "iters", Type: "int", Default: "100000"}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
	Shared:    []runtime.SharedInfo{{Name: "hits", Kind: "counter", Initial: "0"}},
	Decode: func(kind int, _ []byte) (runtime.Message, error) {
		return nil, fmt.Errorf("benchfetchadd: unknown message kind %d", kind)
	},
}

func init() {
	faAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(faAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &faNode{iters: ps["iters"].(int64)}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Shared: []int64{0}}, nil
	}
}

type faNode struct{ iters int64 }

func (*faNode) TypeName() string { return "Node" }

func (p *faNode) Start(ctx runtime.Context) {
	if ctx.Self() != 1 {
		return
	}
	t0 := ctx.Now()
	for range p.iters {
		runtime.FetchAdd(ctx, 0, 1)
	}
	ctx.Output("done", int64(ctx.Now()-t0))
}

func (p *faNode) Handle(runtime.Context, int, runtime.Message) {}
func (p *faNode) Fire(runtime.Context, int)                    {}
func (p *faNode) EncodeState(b []byte) []byte                  { return b }
func (p *faNode) DecodeState(b []byte) error                   { return nil }
func (p *faNode) Clone() runtime.Process                       { c := *p; return &c }
