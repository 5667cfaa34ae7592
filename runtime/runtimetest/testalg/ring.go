package testalg

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// Ring passes a token with a hop counter around a ring of n processes for
// `rounds` rounds; each process halts after its last forward, rank 0 after
// the last hop. A run ends halted with n*rounds messages and as many
// steps; rank 0 outputs round(1, label) … round(rounds, label), then done().
//
//	param rounds int = 3
//	param label string = "ring"
//	message Token { hop int }
//	process Node on all { var last int … }
//	invariant bounded: forall p in Node: p.last <= n * rounds
//	eventually completed: exists p in Node: p.last == n * rounds
var Ring = &runtime.Descriptor{
	Name:   "ring",
	Source: "testalg/ring.dsa",
	Params: []runtime.ParamInfo{
		{Name: "rounds", Type: "int", Default: "3"},
		{Name: "label", Type: "string", Default: "ring"},
	},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Token", Fields: []string{"hop"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
	Properties: []runtime.PropertyInfo{
		{Name: "bounded", Kind: runtime.Invariant, Text: "forall p in Node: p.last <= n * rounds"},
		{Name: "completed", Kind: runtime.Eventually, Text: "exists p in Node: p.last == n * rounds"},
	},
}

func init() {
	Ring.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, decodeErr("ring", kind)
		}
		d := wire.NewDecoder(payload)
		m := Token{Hop: d.Int()}
		return m, d.Finish()
	}
	Ring.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := ResolveParams(Ring, cfg.Params)
		if err != nil {
			return nil, err
		}
		env := &ringEnv{n: int64(cfg.N), rounds: ps["rounds"].(int64), label: ps["label"].(string)}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &RingNode{env: env, self: int64(r)}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: env.check}, nil
	}
}

// Token is the ring's only message.
type Token struct{ Hop int64 }

func (Token) Kind() int                { return 1 }
func (Token) KindName() string         { return "Token" }
func (m Token) Encode(b []byte) []byte { return wire.AppendInt(b, m.Hop) }

// ringEnv holds what every process of a run shares: n and the parameters.
type ringEnv struct {
	n, rounds int64
	label     string
}

// RingNode is the state of one process of Ring.
type RingNode struct {
	env  *ringEnv
	self int64
	Last int64
}

func (*RingNode) TypeName() string { return "Node" }

func (p *RingNode) Start(ctx runtime.Context) {
	if p.env.rounds < 1 {
		ctx.Halt()
		return
	}
	if p.self == 0 {
		ctx.Send(int((p.self+1)%p.env.n), Token{Hop: 1})
	}
}

func (p *RingNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	switch m := m.(type) {
	case Token:
		e := p.env
		p.Last = m.Hop
		total := e.n * e.rounds
		if p.self == 0 {
			ctx.Output("round", m.Hop/e.n, e.label)
			if m.Hop == total {
				ctx.Output("done")
				ctx.Halt()
				return
			}
		}
		ctx.Send(int((p.self+1)%e.n), Token{Hop: m.Hop + 1})
		if p.self != 0 && m.Hop+e.n > total {
			ctx.Halt()
		}
	}
}

func (p *RingNode) Fire(ctx runtime.Context, timer int) {}

func (p *RingNode) EncodeState(b []byte) []byte { return wire.AppendInt(b, p.Last) }

func (p *RingNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Last = d.Int()
	return d.Finish()
}

func (p *RingNode) Clone() runtime.Process { c := *p; return &c }

func (e *ringEnv) check(procs []runtime.Process, final bool) []runtime.PropertyResult {
	info := Ring.Properties
	bounded, completed := true, false
	var over int64
	for _, p := range procs {
		last := p.(*RingNode).Last
		if last > e.n*e.rounds {
			bounded, over = false, last
		}
		if last == e.n*e.rounds {
			completed = true
		}
	}
	return []runtime.PropertyResult{
		Verdict(info[0], final, bounded, fmt.Sprintf("p.last = %d > %d", over, e.n*e.rounds)),
		Verdict(info[1], final, completed, fmt.Sprintf("no process reached hop %d", e.n*e.rounds)),
	}
}
