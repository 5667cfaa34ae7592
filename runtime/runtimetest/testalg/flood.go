package testalg

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// Flood: on start every process broadcasts Bit{0} … Bit{count-1} to every
// other, all at once, which exercises unbounded mailboxes. A run ends
// quiescent with n(n-1)count messages in 1 step. With sink=true rank 0
// halts at start: it sends nothing and what is sent to it is dropped.
//
//	param count int = 100
//	param sink bool = false
//	message Bit { i int }
//	process Node on all { var got int … }
//	eventually delivered: forall p in Node: p.halted or p.got == count * (senders)
var Flood = &runtime.Descriptor{
	Name:   "flood",
	Source: "testalg/flood.dsa",
	Params: []runtime.ParamInfo{
		{Name: "count", Type: "int", Default: "100"},
		{Name: "sink", Type: "bool", Default: "false"},
	},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Bit", Fields: []string{"i"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
	Properties: []runtime.PropertyInfo{
		{Name: "delivered", Kind: runtime.Eventually, Text: "forall p in Node: p.halted or p.got == count * senders"},
	},
}

func init() {
	Flood.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, decodeErr("flood", kind)
		}
		d := wire.NewDecoder(payload)
		m := Bit{I: d.Int()}
		return m, d.Finish()
	}
	Flood.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := resolve(Flood, cfg.Params)
		if err != nil {
			return nil, err
		}
		env := &floodEnv{n: int64(cfg.N), count: ps["count"].(int64), sink: ps["sink"].(bool)}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &FloodNode{env: env, self: int64(r)}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: env.check}, nil
	}
}

// Bit is one message of the flood.
type Bit struct{ I int64 }

func (Bit) Kind() int                { return 1 }
func (Bit) KindName() string         { return "Bit" }
func (m Bit) Encode(b []byte) []byte { return wire.AppendInt(b, m.I) }

type floodEnv struct {
	n, count int64
	sink     bool
}

// FloodNode is the state of one process of Flood.
type FloodNode struct {
	env    *floodEnv
	self   int64
	Got    int64
	Halted bool
}

func (*FloodNode) TypeName() string { return "Node" }

func (p *FloodNode) Start(ctx runtime.Context) {
	if p.env.sink && p.self == 0 {
		p.Halted = true
		ctx.Halt()
		return
	}
	to := others(int(p.self), int(p.env.n))
	for i := range p.env.count {
		ctx.Broadcast(to, Bit{I: i})
	}
}

func (p *FloodNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	if _, ok := m.(Bit); ok {
		p.Got++
	}
}

func (p *FloodNode) Fire(ctx runtime.Context, timer int) {}

func (p *FloodNode) EncodeState(b []byte) []byte {
	return wire.AppendBool(wire.AppendInt(b, p.Got), p.Halted)
}

func (p *FloodNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Got, p.Halted = d.Int(), d.Bool()
	return d.Finish()
}

func (p *FloodNode) Clone() runtime.Process { c := *p; return &c }

func (e *floodEnv) check(procs []runtime.Process, final bool) []runtime.PropertyResult {
	senders := e.n - 1
	if e.sink {
		senders--
	}
	ok, violation := true, ""
	for r, p := range procs {
		fp := p.(*FloodNode)
		if !fp.Halted && fp.Got != e.count*senders && ok {
			ok, violation = false, fmt.Sprintf("p%d.got = %d, want %d", r, fp.Got, e.count*senders)
		}
	}
	return []runtime.PropertyResult{verdict(Flood.Properties[0], final, ok, violation)}
}
