package testalg

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// Echo: every process greets every other, which acknowledges. A run ends
// quiescent (nobody halts) with 2n(n-1) messages of 3n(n-1) bytes and 2
// steps; each process outputs acked(n-1). With lazy=true rank 0 ignores
// acks, so the eventually-property allAcked is violated.
//
//	param lazy bool = false
//	message Hello { from int }
//	message Ack {}
//	process Node on all { var acks int … }
//	invariant bounded: forall p in Node: p.acks <= n - 1
//	eventually allAcked: forall p in Node: p.acks == n - 1
var Echo = &runtime.Descriptor{
	Name:   "echo",
	Source: "testalg/echo.dsa",
	Params: []runtime.ParamInfo{{Name: "lazy", Type: "bool", Default: "false"}},
	Messages: []runtime.MessageInfo{
		{Kind: 1, Name: "Hello", Fields: []string{"from"}},
		{Kind: 2, Name: "Ack"},
	},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
	Properties: []runtime.PropertyInfo{
		{Name: "bounded", Kind: runtime.Invariant, Text: "forall p in Node: p.acks <= n - 1"},
		{Name: "allAcked", Kind: runtime.Eventually, Text: "forall p in Node: p.acks == n - 1"},
	},
}

func init() {
	Echo.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		d := wire.NewDecoder(payload)
		switch kind {
		case 1:
			m := Hello{From: d.Int()}
			return m, d.Finish()
		case 2:
			return Ack{}, d.Finish()
		}
		return nil, decodeErr("echo", kind)
	}
	Echo.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := ResolveParams(Echo, cfg.Params)
		if err != nil {
			return nil, err
		}
		env := &echoEnv{n: int64(cfg.N), lazy: ps["lazy"].(bool)}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &EchoNode{env: env, self: int64(r)}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: env.check}, nil
	}
}

// Hello greets; From is the sender's rank (redundant, it gives a payload).
type Hello struct{ From int64 }

func (Hello) Kind() int                { return 1 }
func (Hello) KindName() string         { return "Hello" }
func (m Hello) Encode(b []byte) []byte { return wire.AppendInt(b, m.From) }

// Ack acknowledges a Hello; it has no payload.
type Ack struct{}

func (Ack) Kind() int              { return 2 }
func (Ack) KindName() string       { return "Ack" }
func (Ack) Encode(b []byte) []byte { return b }

type echoEnv struct {
	n    int64
	lazy bool
}

// EchoNode is the state of one process of Echo.
type EchoNode struct {
	env  *echoEnv
	self int64
	Acks int64
}

func (*EchoNode) TypeName() string { return "Node" }

func (p *EchoNode) Start(ctx runtime.Context) {
	ctx.Broadcast(others(int(p.self), int(p.env.n)), Hello{From: p.self})
}

func (p *EchoNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	switch m.(type) {
	case Hello:
		ctx.Send(from, Ack{})
	case Ack:
		if p.env.lazy && p.self == 0 {
			return
		}
		p.Acks++
		if p.Acks == p.env.n-1 {
			ctx.Output("acked", p.Acks)
		}
	}
}

func (p *EchoNode) Fire(ctx runtime.Context, timer int) {}

func (p *EchoNode) EncodeState(b []byte) []byte { return wire.AppendInt(b, p.Acks) }

func (p *EchoNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Acks = d.Int()
	return d.Finish()
}

func (p *EchoNode) Clone() runtime.Process { c := *p; return &c }

func (e *echoEnv) check(procs []runtime.Process, final bool) []runtime.PropertyResult {
	bounded, all := true, true
	var bad, badAcks int64
	for r, p := range procs {
		acks := p.(*EchoNode).Acks
		if acks > e.n-1 {
			bounded = false
		}
		if acks != e.n-1 && all {
			all, bad, badAcks = false, int64(r), acks
		}
	}
	return []runtime.PropertyResult{
		Verdict(Echo.Properties[0], final, bounded, "a process counted more acks than peers"),
		Verdict(Echo.Properties[1], final, all, fmt.Sprintf("p%d.acks = %d, want %d", bad, badAcks, e.n-1)),
	}
}
