package mpi

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
)

// shows: every rank outputs item(a record with a set, a map, a list,
// "s") at start and halts, as rec.dsa in cmd/dsac/testdata/script/values.txtar.

type showItem struct {
	A    int64               `dsa:"a" json:"a"`
	Tags runtime.Set[string] `dsa:"tags" json:"tags"`
	L    []int64             `dsa:"l" json:"l"`
	Kind int64               `dsa:"kind" json:"kind"`
}

var showsAlg = &runtime.Descriptor{
	Name:      "shows",
	Source:    "mpi_test/shows.dsa",
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all"}},
}

func init() {
	showsAlg.Decode = func(kind int, _ []byte) (runtime.Message, error) { return nil, errUnknownKind(kind) }
	showsAlg.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &showsNode{}
		}
		return &runtime.Instance{Params: map[string]any{}, Procs: procs}, nil
	}
}

type errUnknownKind int

func (k errUnknownKind) Error() string { return "unknown message kind" }

type showsNode struct{}

func (*showsNode) TypeName() string { return "Node" }
func (*showsNode) Start(ctx runtime.Context) {
	it := showItem{A: 5, Tags: runtime.Set[string]{"y": {}, "x": {}}, L: []int64{3}, Kind: 7}
	ctx.Output("item", it, map[int64]string{2: "b", 1: "a"}, []int64{1, 2}, "s", int64(ctx.Self()))
	ctx.Halt()
}
func (*showsNode) Handle(runtime.Context, int, runtime.Message) {}
func (*showsNode) Fire(runtime.Context, int)                    {}
func (*showsNode) EncodeState(b []byte) []byte                  { return b }
func (*showsNode) DecodeState([]byte) error                     { return nil }
func (p *showsNode) Clone() runtime.Process                     { return &showsNode{} }

// wantShown is how the channel backend shows the outputs of shows.
func wantShown(t *testing.T, n int) []string {
	t.Helper()
	res, err := channel.Run(context.Background(), showsAlg, runtime.RunOptions{N: n})
	if err != nil {
		t.Fatal(err)
	}
	return shownArgs(res)
}

// shownArgs renders every output argument of res with runtime.Show.
func shownArgs(res *runtime.Result) []string {
	var out []string
	for _, po := range res.Outputs {
		for _, e := range po.Events {
			for _, a := range e.Args {
				out = append(out, runtime.Show(a))
			}
		}
	}
	return out
}

// TestGatheredOutputsShownAsRecorded: outputs that travel to rank 0 as
// JSON are shown in the language's syntax, as on the channel backend,
// and still encode to the same JSON.
func TestGatheredOutputsShownAsRecorded(t *testing.T) {
	got := shownArgs(loopback(t, showsAlg, 2, nil, Options{}))
	want := wantShown(t, 2)
	if len(got) != len(want) || len(got) != 10 {
		t.Fatalf("shown %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("argument %d shown %s, want %s", i, got[i], want[i])
		}
	}
	if want[0] != `{a: 5, tags: {"x", "y"}, l: [3], kind: 7}` || want[1] != `{1: "a", 2: "b"}` {
		t.Errorf("the channel backend shows %s and %s", want[0], want[1])
	}
	p, err := decodePart((&node{d: showsAlg, proc: &showsNode{}, outputs: []runtime.Output{{Name: "item", Args: []any{showItem{A: 1}}}}}).part())
	if err != nil {
		t.Fatal(err)
	}
	if b, err := json.Marshal(p.Outputs[0].Args[0]); err != nil || string(b) != `{"a":1,"tags":[],"l":null,"kind":0}` {
		t.Errorf("gathered record as JSON: %s (%v)", b, err)
	}
}
