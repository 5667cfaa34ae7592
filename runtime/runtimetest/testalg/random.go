package testalg

import (
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// Random: every process outputs draw(random(1, 1000000000)) `draws` times
// and halts. Runs with the same seed output the same draws.
//
//	param draws int = 5
var Random = &runtime.Descriptor{
	Name:      "random",
	Source:    "testalg/random.dsa",
	Params:    []runtime.ParamInfo{{Name: "draws", Type: "int", Default: "5"}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
	Decode:    func(kind int, _ []byte) (runtime.Message, error) { return nil, decodeErr("random", kind) },
}

func init() {
	Random.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := ResolveParams(Random, cfg.Params)
		if err != nil {
			return nil, err
		}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &RandomNode{draws: ps["draws"].(int64)}
		}
		check := func([]runtime.Process, bool) []runtime.PropertyResult { return nil }
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// RandomNode is the process of Random.
type RandomNode struct {
	draws int64
	Sum   int64
}

func (*RandomNode) TypeName() string { return "Node" }

func (p *RandomNode) Start(ctx runtime.Context) {
	for range p.draws {
		v := ctx.Rand(1, 1_000_000_000)
		p.Sum += v
		ctx.Output("draw", v)
	}
	ctx.Halt()
}

func (p *RandomNode) Handle(runtime.Context, int, runtime.Message) {}
func (p *RandomNode) Fire(runtime.Context, int)                    {}
func (p *RandomNode) EncodeState(b []byte) []byte                  { return wire.AppendInt(b, p.Sum) }

func (p *RandomNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Sum = d.Int()
	return d.Finish()
}

func (p *RandomNode) Clone() runtime.Process { c := *p; return &c }
