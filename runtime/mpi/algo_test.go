package mpi

// Small algorithms written by hand in the shape of dsac's generated code:
// a Descriptor with New and Decode, message structs with a wire encoding,
// processes implementing runtime.Process. The MPI tests run them under
// mpirun; the unit tests drive them through nodes without MPI.

import (
	"fmt"
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/runtimetest/testalg"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// ---------------------------------------------------------------------------
// ring: a token goes around the ring `rounds` times. Rank 0 outputs
// round(r) when the token comes back for the r-th time and halts after the
// last; the others halt after forwarding the last round. A run ends halted
// with n*rounds messages of 2 bytes and n*rounds steps. With delay > 0
// each process holds the token for a random 0..delay ms (a timer) before
// passing it on, so that at every moment either a message is in flight or
// a timer is armed: a termination detector that is wrong ends it early.
// With sleep > 0 the last rank's start handler takes that many ms.
//
//	param rounds int = 3
//	param delay int = 0
//	param sleep int = 0
//	message Token { round int }
//	process Node on all { var got int … }
//	invariant bounded: forall p in Node: p.got <= rounds
//	eventually completed: forall p in Node: p.got == rounds

var ringAlg = &runtime.Descriptor{
	Name:   "ring",
	Source: "mpi_test/ring.dsa",
	Params: []runtime.ParamInfo{
		{Name: "rounds", Type: "int", Default: "3"},
		{Name: "delay", Type: "int", Default: "0"},
		{Name: "sleep", Type: "int", Default: "0"},
	},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Token", Fields: []string{"round"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all", Timers: []string{"hold"}}},
	Properties: []runtime.PropertyInfo{
		{Name: "bounded", Kind: runtime.Invariant, Text: "forall p in Node: p.got <= rounds"},
		{Name: "completed", Kind: runtime.Eventually, Text: "forall p in Node: p.got == rounds"},
	},
}

func init() {
	ringAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("ring: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := Token{Round: d.Int()}
		return m, d.Finish()
	}
	ringAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(ringAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		rounds := ps["rounds"].(int64)
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &ringNode{n: cfg.N, rounds: rounds, delay: ps["delay"].(int64), sleep: ps["sleep"].(int64)}
		}
		check := func(procs []runtime.Process, final bool) []runtime.PropertyResult {
			bounded, completed := true, true
			for _, p := range procs {
				got := p.(*ringNode).Got
				bounded = bounded && got <= rounds
				completed = completed && got == rounds
			}
			return []runtime.PropertyResult{
				testalg.Verdict(ringAlg.Properties[0], final, bounded, "a process got more rounds than there are"),
				testalg.Verdict(ringAlg.Properties[1], final, completed, "a process missed a round"),
			}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// Token is the ring's message.
type Token struct{ Round int64 }

func (Token) Kind() int                { return 1 }
func (Token) KindName() string         { return "Token" }
func (m Token) Encode(b []byte) []byte { return wire.AppendInt(b, m.Round) }

type ringNode struct {
	n            int
	rounds       int64
	delay, sleep int64
	Got          int64
	held         Token // while the hold timer runs
}

func (*ringNode) TypeName() string { return "Node" }

func (p *ringNode) Start(ctx runtime.Context) {
	if p.sleep > 0 && ctx.Self() == p.n-1 {
		time.Sleep(time.Duration(p.sleep) * time.Millisecond) // a slow handler, on purpose
	}
	if ctx.Self() == 0 && p.rounds > 0 {
		ctx.Send(1%p.n, Token{Round: 1})
	}
}

func (p *ringNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	if p.delay > 0 {
		p.held = m.(Token)
		ctx.SetTimer(0, time.Duration(ctx.Rand(0, p.delay*1000))*time.Microsecond, false)
		return
	}
	p.pass(ctx, m.(Token))
}

func (p *ringNode) Fire(ctx runtime.Context, timer int) { p.pass(ctx, p.held) }

func (p *ringNode) pass(ctx runtime.Context, t Token) {
	next := (ctx.Self() + 1) % p.n
	if ctx.Self() == 0 {
		p.Got = t.Round
		ctx.Output("round", t.Round)
		if t.Round == p.rounds {
			ctx.Halt()
			return
		}
		ctx.Send(next, Token{Round: t.Round + 1})
		return
	}
	p.Got = t.Round
	ctx.Send(next, t)
	if t.Round == p.rounds {
		ctx.Halt()
	}
}

func (p *ringNode) EncodeState(b []byte) []byte { return wire.AppendInt(b, p.Got) }
func (p *ringNode) Clone() runtime.Process      { c := *p; return &c }

func (p *ringNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Got = d.Int()
	return d.Finish()
}

// ---------------------------------------------------------------------------
// flood: every process sends Flood{ttl} to every other; a process getting
// Flood{t} with t > 0 sends Flood{t-1} to its successor and to a random
// process. A run ends quiescent with exactly n(n-1)(2^(ttl+1)-1) messages,
// whatever the random choices.
//
//	param ttl int = 3
//	message Flood { ttl int }
//	process Node on all { var got int … }
//	eventually delivered: sum of p.got == n(n-1)(2^(ttl+1)-1)

var floodAlg = &runtime.Descriptor{
	Name:      "flood",
	Source:    "mpi_test/flood.dsa",
	Params:    []runtime.ParamInfo{{Name: "ttl", Type: "int", Default: "3"}},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Flood", Fields: []string{"ttl"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
	Properties: []runtime.PropertyInfo{
		{Name: "delivered", Kind: runtime.Eventually, Text: "sum of p.got == n(n-1)(2^(ttl+1)-1)"},
	},
}

// floodTotal is the number of messages of a flood run.
func floodTotal(n int, ttl int64) int64 { return int64(n*(n-1)) * (1<<(ttl+1) - 1) }

func init() {
	floodAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("flood: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := Flood{TTL: d.Int()}
		return m, d.Finish()
	}
	floodAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(floodAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		ttl := ps["ttl"].(int64)
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &floodNode{n: cfg.N, ttl: ttl}
		}
		check := func(procs []runtime.Process, final bool) []runtime.PropertyResult {
			var sum int64
			for _, p := range procs {
				sum += p.(*floodNode).Got
			}
			want := floodTotal(cfg.N, ttl)
			return []runtime.PropertyResult{testalg.Verdict(floodAlg.Properties[0], final, sum == want,
				fmt.Sprintf("%d messages delivered, want %d", sum, want))}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// Flood is the flood's message.
type Flood struct{ TTL int64 }

func (Flood) Kind() int                { return 1 }
func (Flood) KindName() string         { return "Flood" }
func (m Flood) Encode(b []byte) []byte { return wire.AppendInt(b, m.TTL) }

type floodNode struct {
	n   int
	ttl int64
	Got int64
}

func (*floodNode) TypeName() string { return "Node" }

func (p *floodNode) Start(ctx runtime.Context) {
	var others []int
	for r := range p.n {
		if r != ctx.Self() {
			others = append(others, r)
		}
	}
	ctx.Broadcast(others, Flood{TTL: p.ttl})
}

func (p *floodNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	f := m.(Flood)
	p.Got++
	if f.TTL > 0 {
		ctx.Send((ctx.Self()+1)%p.n, Flood{TTL: f.TTL - 1})
		ctx.Send(int(ctx.Rand(0, int64(p.n-1))), Flood{TTL: f.TTL - 1})
	}
}

func (p *floodNode) Fire(runtime.Context, int)   {}
func (p *floodNode) EncodeState(b []byte) []byte { return wire.AppendInt(b, p.Got) }
func (p *floodNode) Clone() runtime.Process      { c := *p; return &c }

func (p *floodNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Got = d.Int()
	return d.Finish()
}

// ---------------------------------------------------------------------------
// tick: every process arms timer tick every `period` ms (after, if once);
// each firing outputs tick(i) and sends Ping{i} to the successor. With
// once the run ends quiescent after one tick each; otherwise only its
// deadline ends it.
//
//	param period int = 10
//	param once bool = false
//	message Ping { i int }
//	process Node on all { var ticks int; var pings int … }

var tickAlg = &runtime.Descriptor{
	Name:   "tick",
	Source: "mpi_test/tick.dsa",
	Params: []runtime.ParamInfo{
		{Name: "period", Type: "int", Default: "10"},
		{Name: "once", Type: "bool", Default: "false"},
	},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Ping", Fields: []string{"i"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all", Timers: []string{"tick"}}},
}

func init() {
	tickAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("tick: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := Ping{I: d.Int()}
		return m, d.Finish()
	}
	tickAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(tickAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		period := time.Duration(ps["period"].(int64)) * time.Millisecond
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &tickNode{n: cfg.N, period: period, once: ps["once"].(bool)}
		}
		check := func([]runtime.Process, bool) []runtime.PropertyResult { return nil }
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// Ping is the tick's message.
type Ping struct{ I int64 }

func (Ping) Kind() int                { return 1 }
func (Ping) KindName() string         { return "Ping" }
func (m Ping) Encode(b []byte) []byte { return wire.AppendInt(b, m.I) }

type tickNode struct {
	n      int
	period time.Duration
	once   bool
	Ticks  int64
	Pings  int64
}

func (*tickNode) TypeName() string { return "Node" }

func (p *tickNode) Start(ctx runtime.Context) { ctx.SetTimer(0, p.period, !p.once) }

func (p *tickNode) Handle(ctx runtime.Context, from int, m runtime.Message) { p.Pings++ }

func (p *tickNode) Fire(ctx runtime.Context, timer int) {
	p.Ticks++
	ctx.Output("tick", p.Ticks)
	ctx.Send((ctx.Self()+1)%p.n, Ping{I: p.Ticks})
}

func (p *tickNode) EncodeState(b []byte) []byte {
	return wire.AppendInt(wire.AppendInt(b, p.Ticks), p.Pings)
}

func (p *tickNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Ticks, p.Pings = d.Int(), d.Int()
	return d.Finish()
}

func (p *tickNode) Clone() runtime.Process { c := *p; return &c }

// ---------------------------------------------------------------------------
// bad: the last rank misbehaves at start, as chosen by mode:
//
//	truncated: sends rank 0 a Bad whose payload is a cut-off varint
//	unknown:   sends rank 0 a message of kind 99, which Decode refuses
//	kind0:     sends rank 0 a frame of kind 0, which wire.Frame refuses
//	panic:     panics "boom" in its start handler
//	rank:      sends to rank n
//
// Every mode must end the run with an error naming the last rank.

var badAlg = &runtime.Descriptor{
	Name:      "bad",
	Source:    "mpi_test/bad.dsa",
	Params:    []runtime.ParamInfo{{Name: "mode", Type: "string", Default: "truncated"}},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Bad", Fields: []string{"x"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
}

func init() {
	badAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("bad: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := Bad{X: d.Int()}
		return m, d.Finish()
	}
	badAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(badAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &badNode{n: cfg.N, mode: ps["mode"].(string)}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: func([]runtime.Process, bool) []runtime.PropertyResult { return nil }}, nil
	}
}

// Bad is a message whose encoding can be broken on purpose: its kind is
// K and, if Cut, its payload is a varint cut short.
type Bad struct {
	X   int64
	K   int
	Cut bool
}

func (m Bad) Kind() int      { return m.K }
func (Bad) KindName() string { return "Bad" }
func (m Bad) Encode(b []byte) []byte {
	if m.Cut {
		return append(b, 0x80) // a varint's continuation bit, then nothing
	}
	return wire.AppendInt(b, m.X)
}

type badNode struct {
	n    int
	mode string
	Got  int64
}

func (*badNode) TypeName() string { return "Node" }

func (p *badNode) Start(ctx runtime.Context) {
	if ctx.Self() != p.n-1 {
		return
	}
	switch p.mode {
	case "truncated":
		ctx.Send(0, Bad{K: 1, Cut: true})
	case "unknown":
		ctx.Send(0, Bad{K: 99, X: 5})
	case "kind0":
		ctx.Send(0, Bad{K: 0, X: 5})
	case "panic":
		panic("boom")
	case "rank":
		ctx.Send(p.n, Bad{K: 1})
	}
}

func (p *badNode) Handle(ctx runtime.Context, from int, m runtime.Message) { p.Got++ }
func (p *badNode) Fire(runtime.Context, int)                               {}
func (p *badNode) EncodeState(b []byte) []byte                             { return wire.AppendInt(b, p.Got) }
func (p *badNode) Clone() runtime.Process                                  { c := *p; return &c }

func (p *badNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Got = d.Int()
	return d.Finish()
}

// ---------------------------------------------------------------------------
// blob: at start every process sends `count` Blob messages of `size` bytes
// to every other. Large sizes go beyond MPI's eager limit (the receiver
// must take part in the transfer) and beyond the receive buffer; large
// counts go beyond the sends MPI may have in flight. A run ends quiescent
// with n(n-1)count messages.
//
//	param count int = 10
//	param size int = 100
//	message Blob { data string }
//	process Node on all { var got int; var bytes int … }

var blobAlg = &runtime.Descriptor{
	Name:   "blob",
	Source: "mpi_test/blob.dsa",
	Params: []runtime.ParamInfo{
		{Name: "count", Type: "int", Default: "10"},
		{Name: "size", Type: "int", Default: "100"},
	},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Blob", Fields: []string{"data"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
}

func init() {
	blobAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("blob: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := Blob{Data: d.String()}
		return m, d.Finish()
	}
	blobAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := testalg.ResolveParams(blobAlg, cfg.Params)
		if err != nil {
			return nil, err
		}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &blobNode{n: cfg.N, count: ps["count"].(int64), size: ps["size"].(int64)}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: func([]runtime.Process, bool) []runtime.PropertyResult { return nil }}, nil
	}
}

// Blob carries Data.
type Blob struct{ Data string }

func (Blob) Kind() int                { return 1 }
func (Blob) KindName() string         { return "Blob" }
func (m Blob) Encode(b []byte) []byte { return wire.AppendString(b, m.Data) }

type blobNode struct {
	n           int
	count, size int64
	Got, Bytes  int64
}

func (*blobNode) TypeName() string { return "Node" }

func (p *blobNode) Start(ctx runtime.Context) {
	data := make([]byte, p.size)
	for i := range data {
		data[i] = byte('a' + (i+ctx.Self())%26)
	}
	for i := range p.count {
		for r := range p.n {
			if r != ctx.Self() {
				data[0] = byte(i)
				ctx.Send(r, Blob{Data: string(data)})
			}
		}
	}
}

func (p *blobNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	b := m.(Blob)
	p.Got++
	p.Bytes += int64(len(b.Data))
	if len(b.Data) > 1 && b.Data[1] != byte('a'+(1+from)%26) {
		ctx.Output("corrupt", from)
	}
}

func (p *blobNode) Fire(runtime.Context, int) {}

func (p *blobNode) EncodeState(b []byte) []byte {
	return wire.AppendInt(wire.AppendInt(b, p.Got), p.Bytes)
}

func (p *blobNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Got, p.Bytes = d.Int(), d.Int()
	return d.Finish()
}

func (p *blobNode) Clone() runtime.Process { c := *p; return &c }
