package channel_test

import (
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Algorithms only these tests need; the shared ones are in
// runtime/runtimetest/testalg. They are shaped like generated code, with
// the encoding parts a backend never calls left minimal.

// order: every process outputs start(), then broadcasts a Note to all
// (itself included) and outputs note(from) for each Note it gets. Each
// process's first output must be start(), however fast the others are.
var orderAlg = &runtime.Descriptor{
	Name:      "order",
	Messages:  []runtime.MessageInfo{{Kind: 1, Name: "Note"}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
	New: func(cfg runtime.Config) (*runtime.Instance, error) {
		return instance(cfg, func(int) runtime.Process { return &orderNode{} }), nil
	},
}

type note struct{}

func (note) Kind() int              { return 1 }
func (note) KindName() string       { return "Note" }
func (note) Encode(b []byte) []byte { return b }

type orderNode struct{ stateless }

func (*orderNode) TypeName() string { return "Node" }

func (*orderNode) Start(ctx runtime.Context) {
	ctx.Output("start")
	all := make([]int, ctx.N())
	for i := range all {
		all[i] = i
	}
	ctx.Broadcast(all, note{})
	clear(all) // Broadcast must not keep the slice
}

func (*orderNode) Handle(ctx runtime.Context, from int, m runtime.Message) {
	ctx.Output("note", from)
}

// stuck: process 0's start handler sleeps far past the run's deadline,
// which the backend must report rather than wait for.
var stuckAlg = &runtime.Descriptor{
	Name:      "stuck",
	Processes: []runtime.ProcessInfo{{Name: "Sleeper", Placement: "all"}},
	New: func(cfg runtime.Config) (*runtime.Instance, error) {
		return instance(cfg, func(int) runtime.Process { return &sleeper{} }), nil
	},
}

// sleepFor is how long the sleeper sleeps; the test waits it out too. It
// is long enough for Run to give up on the sleeper first on a loaded machine.
const sleepFor = 1500 * time.Millisecond

type sleeper struct{ stateless }

func (*sleeper) TypeName() string { return "Sleeper" }

func (*sleeper) Start(ctx runtime.Context) {
	if ctx.Self() == 0 {
		time.Sleep(sleepFor)
	}
}

func (*sleeper) Handle(runtime.Context, int, runtime.Message) {}

// stateless provides the Process methods these algorithms do not use.
type stateless struct{}

func (stateless) Fire(runtime.Context, int)   {}
func (stateless) EncodeState(b []byte) []byte { return b }
func (stateless) DecodeState([]byte) error    { return nil }

func (s stateless) Clone() runtime.Process { panic("not cloned in these tests") }

func instance(cfg runtime.Config, mk func(rank int) runtime.Process) *runtime.Instance {
	procs := make([]runtime.Process, cfg.N)
	for r := range procs {
		procs[r] = mk(r)
	}
	return &runtime.Instance{
		Params: map[string]any{},
		Procs:  procs,
		Check:  func([]runtime.Process, bool) []runtime.PropertyResult { return nil },
	}
}
