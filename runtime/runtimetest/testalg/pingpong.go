package testalg

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// PingPong bounces a Ball between rank 0 (Pinger) and rank 1 (Ponger)
// `hops` times; the run ends quiescent with exactly hops messages of one
// byte and hops steps, and the receiver of the last hop outputs done(hops).
// The Ball is empty (each side counts the hops it sees) so that a hop costs
// the algorithm nothing, not even boxing a message: it is what the
// backends' benchmarks measure. New refuses n < 2, as a placement leaving
// a process type without a rank would be.
//
//	param hops int = 10
//	message Ball {}
//	process Pinger on 0 { var last int … }
//	process Ponger on others { var last int … }
var PingPong = &runtime.Descriptor{
	Name:     "pingpong",
	Source:   "testalg/pingpong.dsa",
	Params:   []runtime.ParamInfo{{Name: "hops", Type: "int", Default: "10"}},
	Messages: []runtime.MessageInfo{{Kind: 1, Name: "Ball"}},
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
		return Ball{}, wire.NewDecoder(payload).Finish()
	}
	PingPong.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := ResolveParams(PingPong, cfg.Params)
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
type Ball struct{}

func (Ball) Kind() int              { return 1 }
func (Ball) KindName() string       { return "Ball" }
func (Ball) Encode(b []byte) []byte { return b }

// PingPongNode is both process types of PingPong.
type PingPongNode struct {
	hops   int64
	pinger bool
	Last   int64 // the hop last received: hops alternate between the two
}

func (p *PingPongNode) TypeName() string {
	if p.pinger {
		return "Pinger"
	}
	return "Ponger"
}

func (p *PingPongNode) Start(ctx runtime.Context) {
	if p.pinger {
		p.Last = 0 // the Ponger's first hop is 1, the Pinger's 2
		if p.hops > 0 {
			ctx.Send(1, Ball{})
		}
	} else {
		p.Last = -1
	}
}

func (p *PingPongNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	p.Last += 2
	if p.Last < p.hops {
		ctx.Send(from, Ball{})
	} else {
		ctx.Output("done", p.Last)
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
