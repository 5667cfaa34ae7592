package testalg

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// Flood: on start every process broadcasts Bit{0} … Bit{count-1} to every
// other, all at once, which exercises unbounded mailboxes. A run ends
// quiescent with n(n-1)count messages in 1 step, and every process gets
// each sender's bits in the order sent (the invariant fifo). With
// sink=true rank 0 halts at start: it sends nothing and what is sent to it
// is dropped.
//
//	param count int = 100
//	param sink bool = false
//	message Bit { i int }
//	process Node on all { var got int; var next map<node, int> … }
//	invariant fifo: forall p in Node: p.disorder == 0
//	eventually delivered: forall p in Node: p.halted or p.got == count * senders
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
		{Name: "fifo", Kind: runtime.Invariant, Text: "forall p in Node: p.disorder == 0"},
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
		ps, err := ResolveParams(Flood, cfg.Params)
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
	env      *floodEnv
	self     int64
	Got      int64
	Halted   bool
	Next     map[int64]int64 // by sender: the bit expected next
	Disorder int64           // bits that came out of order
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
	if b, ok := m.(Bit); ok {
		p.Got++
		if p.Next == nil {
			p.Next = map[int64]int64{}
		}
		if b.I != p.Next[int64(from)] {
			p.Disorder++
		}
		p.Next[int64(from)] = b.I + 1
	}
}

func (p *FloodNode) Fire(ctx runtime.Context, timer int) {}

func (p *FloodNode) EncodeState(b []byte) []byte {
	b = wire.AppendBool(wire.AppendInt(b, p.Got), p.Halted)
	b = wire.AppendInt(b, p.Disorder)
	b = wire.AppendLen(b, len(p.Next))
	for _, k := range runtime.SortedKeys(p.Next) {
		b = wire.AppendInt(wire.AppendInt(b, k), p.Next[k])
	}
	return b
}

func (p *FloodNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Got, p.Halted, p.Disorder = d.Int(), d.Bool(), d.Int()
	p.Next = map[int64]int64{}
	for range d.Len(2) {
		k := d.Int()
		p.Next[k] = d.Int()
	}
	return d.Finish()
}

func (p *FloodNode) Clone() runtime.Process {
	c := *p
	c.Next = make(map[int64]int64, len(p.Next))
	for k, v := range p.Next {
		c.Next[k] = v
	}
	return &c
}

func (e *floodEnv) check(procs []runtime.Process, final bool) []runtime.PropertyResult {
	senders := e.n - 1
	if e.sink {
		senders--
	}
	fifo, ok := "", ""
	for r, p := range procs {
		fp := p.(*FloodNode)
		if fp.Disorder != 0 && fifo == "" {
			fifo = fmt.Sprintf("p%d got %d bits out of order", r, fp.Disorder)
		}
		if !fp.Halted && fp.Got != e.count*senders && ok == "" {
			ok = fmt.Sprintf("p%d.got = %d, want %d", r, fp.Got, e.count*senders)
		}
	}
	return []runtime.PropertyResult{
		Verdict(Flood.Properties[0], final, fifo == "", fifo),
		Verdict(Flood.Properties[1], final, ok == "", ok),
	}
}
