package testalg

import (
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// Faults fails on purpose, as chosen by its mode parameter:
//
//	panic: p1, handling Ping from 0, indexes out of range
//	rank:  p1, handling Ping from 0, sends to rank n
//	start: p0 panics "boom" in its start handler
//	timer: p0 panics "alarm" in the handler of its timer alarm
//	none:  no fault; the run ends quiescent after one Ping
//
// Every mode but none must end the run with an error naming the process,
// the event and the fault. It needs n >= 2.
var Faults = &runtime.Descriptor{
	Name:      "faults",
	Source:    "testalg/faults.dsa",
	Params:    []runtime.ParamInfo{{Name: "mode", Type: "string", Default: "panic"}},
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Ping"}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all", Timers: []string{"alarm"}}},
}

func init() {
	Faults.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, decodeErr("faults", kind)
		}
		return Ping{}, wire.NewDecoder(payload).Finish()
	}
	Faults.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := ResolveParams(Faults, cfg.Params)
		if err != nil {
			return nil, err
		}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &FaultNode{mode: ps["mode"].(string), self: r}
		}
		check := func([]runtime.Process, bool) []runtime.PropertyResult { return nil }
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// Ping is the message of Faults; it has no payload.
type Ping struct{}

func (Ping) Kind() int              { return 1 }
func (Ping) KindName() string       { return "Ping" }
func (Ping) Encode(b []byte) []byte { return b }

// FaultNode is the process of Faults.
type FaultNode struct {
	mode string
	self int
	Seen []int64 // indexed out of range in mode panic
}

func (*FaultNode) TypeName() string { return "Node" }

func (p *FaultNode) Start(ctx runtime.Context) {
	if p.self != 0 {
		return
	}
	switch p.mode {
	case "start":
		panic("boom")
	case "timer":
		ctx.SetTimer(0, time.Millisecond, false)
	default:
		ctx.Send(1, Ping{})
	}
}

func (p *FaultNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	switch p.mode {
	case "panic":
		p.Seen[from+3] = 1
	case "rank":
		ctx.Send(ctx.N(), Ping{})
	}
}

func (p *FaultNode) Fire(ctx runtime.Context, timer int) { panic("alarm") }

func (p *FaultNode) EncodeState(b []byte) []byte { return wire.AppendLen(b, len(p.Seen)) }

func (p *FaultNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Seen = make([]int64, d.Len(0))
	return d.Finish()
}

func (p *FaultNode) Clone() runtime.Process {
	c := *p
	c.Seen = append([]int64(nil), p.Seen...)
	return &c
}
