package generated_test

import (
	"testing"

	"github.com/dsac-lang/dsac/runtime"
)

// event is one output event of a process, placed in the happens-before
// order that the test rebuilds from the outputs alone.
type event struct {
	rank, index int
	out         runtime.Output
	preds       []*event // immediate predecessors: program order and message receipt
}

// history rebuilds the events of a run from its outputs. match links a
// "deliver" event at rank q to the event of its send, given all events.
type history struct {
	byRank [][]*event
	all    []*event
}

func newHistory(r *runtime.Result) *history {
	h := &history{}
	for rank, po := range r.Outputs {
		var evs []*event
		for i, o := range po.Events {
			e := &event{rank: rank, index: i, out: o}
			if i > 0 {
				e.preds = append(e.preds, evs[i-1])
			}
			evs = append(evs, e)
			h.all = append(h.all, e)
		}
		h.byRank = append(h.byRank, evs)
	}
	return h
}

// happensBefore computes the transitive closure of the predecessor links.
func (h *history) happensBefore() map[*event]map[*event]bool {
	before := map[*event]map[*event]bool{}
	var visit func(e *event) map[*event]bool
	visit = func(e *event) map[*event]bool {
		if b, ok := before[e]; ok {
			return b
		}
		b := map[*event]bool{}
		for _, p := range e.preds {
			b[p] = true
			for q := range visit(p) {
				b[q] = true
			}
		}
		before[e] = b
		return b
	}
	for _, e := range h.all {
		visit(e)
	}
	return before
}

func intArg(t *testing.T, o runtime.Output, i int) int64 {
	t.Helper()
	v, ok := o.Args[i].(int64)
	if !ok {
		t.Fatalf("%s: argument %d is %T, want int64", o.Name, i, o.Args[i])
	}
	return v
}

func listArg(t *testing.T, o runtime.Output, i int) []int64 {
	t.Helper()
	v, ok := o.Args[i].([]int64)
	if !ok {
		t.Fatalf("%s: argument %d is %T, want []int64", o.Name, i, o.Args[i])
	}
	return v
}
