package testalg

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// PingPong bounces a Ball between rank 0 (Pinger) and rank 1 (Ponger)
// `hops` times; the run ends quiescent with exactly hops messages and hops
// steps, and the receiver of the last hop outputs done(hops). New refuses
// n < 2, as a placement leaving a process type without a rank would be.
//
//	param hops int = 10
//	message Ball { hop int }
//	process Pinger on 0 { … }
//	process Ponger on others { … }
var PingPong = &runtime.Descriptor{
	Name:     "pingpong",
	Source:   "testalg/pingpong.dsa",
	Params:   []runtime.ParamInfo{{Name: "hops", Type: "int", Default: "10"}},
	Messages: []runtime.MessageInfo{{Kind: 1, Name: "Ball", Fields: []string{"hop"}}},
	Processes: []runtime.ProcessInfo{
		{Name: "Pinger", Placement: "0"},
		{Name: "Ponger", Placement: "others"},
	},
}

func init() {
	PingPong.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, decodeErr("pingpong", kind)
		}
		d := wire.NewDecoder(payload)
		m := Ball{Hop: d.Int()}
		return m, d.Finish()
	}
	PingPong.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := resolve(PingPong, cfg.Params)
		if err != nil {
			return nil, err
		}
		if cfg.N < 2 {
			return nil, fmt.Errorf("pingpong: process Ponger (on others) has no rank with n=%d", cfg.N)
		}
		hops := ps["hops"].(int64)
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &PingPongNode{hops: hops, pinger: r == 0}
		}
		check := func([]runtime.Process, bool) []runtime.PropertyResult { return nil }
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// Ball is the message of PingPong.
type Ball struct{ Hop int64 }

func (Ball) Kind() int                { return 1 }
func (Ball) KindName() string         { return "Ball" }
func (m Ball) Encode(b []byte) []byte { return wire.AppendInt(b, m.Hop) }

// PingPongNode is both process types of PingPong.
type PingPongNode struct {
	hops   int64
	pinger bool
	Last   int64
}

func (p *PingPongNode) TypeName() string {
	if p.pinger {
		return "Pinger"
	}
	return "Ponger"
}

func (p *PingPongNode) Start(ctx runtime.Context) {
	if p.pinger && p.hops > 0 {
		ctx.Send(1, Ball{Hop: 1})
	}
}

func (p *PingPongNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	b := m.(Ball)
	p.Last = b.Hop
	if b.Hop < p.hops {
		ctx.Send(from, Ball{Hop: b.Hop + 1})
	} else {
		ctx.Output("done", b.Hop)
	}
}

func (p *PingPongNode) Fire(runtime.Context, int)   {}
func (p *PingPongNode) EncodeState(b []byte) []byte { return wire.AppendInt(b, p.Last) }

func (p *PingPongNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Last = d.Int()
	return d.Finish()
}

func (p *PingPongNode) Clone() runtime.Process { c := *p; return &c }
