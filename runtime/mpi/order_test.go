//go:build mpi

package mpi

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// TestPairOrder checks that every sender's messages reach each receiver
// in the order sent, with small frames (taken off the pre-posted receive
// ring) and big ones (a marker on the ring, then the frame on its own tag)
// interleaved, and more of them than the ring has slots.
func TestPairOrder(t *testing.T) {
	res := runAll(t, seqAlg, runtime.RunOptions{Timeout: 60 * time.Second}, Options{})
	if !IsRoot() {
		checkOwn(t, res, runtime.EndQuiescent)
		return
	}
	if res.End != runtime.EndQuiescent {
		t.Fatalf("end %s %q", res.End, res.Error)
	}
	for r, o := range res.Outputs {
		if len(o.Events) != 1 || o.Events[0].Name != "ok" || o.Events[0].Args[0].(int64) != int64(seqCount*(world()-1)) {
			t.Errorf("rank %d: %+v", r, o.Events)
		}
	}
}

const seqCount = 600

var seqAlg = &runtime.Descriptor{
	Name:      "seq",
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Seq", Fields: []string{"n", "pad"}}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
}

func init() {
	seqAlg.Decode = func(kind int, payload []byte) (runtime.Message, error) {
		if kind != 1 {
			return nil, fmt.Errorf("seq: unknown message kind %d", kind)
		}
		d := wire.NewDecoder(payload)
		m := Seq{N: d.Int(), Pad: d.String()}
		return m, d.Finish()
	}
	seqAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &seqNode{next: make([]int64, cfg.N)}
		}
		return &runtime.Instance{Params: map[string]any{}, Procs: procs}, nil
	}
}

// Seq is message number N of its sender to its receiver.
type Seq struct {
	N   int64
	Pad string
}

func (Seq) Kind() int        { return 1 }
func (Seq) KindName() string { return "Seq" }
func (m Seq) Encode(b []byte) []byte {
	return wire.AppendString(wire.AppendInt(b, m.N), m.Pad)
}

type seqNode struct {
	next []int64 // the number expected next from each rank
	got  int64
	bad  bool
}

func (*seqNode) TypeName() string { return "Node" }

func (p *seqNode) Start(ctx runtime.Context) {
	if ctx.N() == 1 {
		ctx.Output("ok", int64(0))
		return
	}
	big := strings.Repeat("b", 3000) // beyond the ring's buffers
	for i := range int64(seqCount) {
		pad := ""
		if i%5 == 2 || i%7 == 0 {
			pad = big
		}
		for q := range ctx.N() {
			if q != ctx.Self() {
				ctx.Send(q, Seq{N: i, Pad: pad})
			}
		}
	}
}

func (p *seqNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	s := m.(Seq)
	if s.N != p.next[from] && !p.bad {
		p.bad = true
		ctx.Output("out of order", int64(from), s.N, p.next[from])
	}
	p.next[from] = s.N + 1
	p.got++
	if p.got == int64(seqCount*(ctx.N()-1)) && !p.bad {
		ctx.Output("ok", p.got)
	}
}

func (p *seqNode) Fire(runtime.Context, int)   {}
func (p *seqNode) EncodeState(b []byte) []byte { return b }
func (p *seqNode) DecodeState(b []byte) error  { return nil }
func (p *seqNode) Clone() runtime.Process      { c := *p; return &c }
