package runtime_test

import (
	"testing"

	"github.com/dsac-lang/dsac/runtime"
)

func TestJudgeTurnsAPanicIntoAnError(t *testing.T) {
	var xs []int64
	got := runtime.Judge("bad", runtime.Invariant, "a.dsa:7:1", func() (bool, string) { return xs[3] == 1, "" })
	want := runtime.PropertyResult{Name: "bad", Kind: runtime.Invariant, Status: runtime.PropertyError,
		Error: "a.dsa:7:1: runtime error: index out of range [3] with length 0"}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	r := &runtime.Result{End: runtime.EndQuiescent, Properties: []runtime.PropertyResult{got}}
	if r.Violated() || !r.Failed() {
		t.Fatalf("a property error is no violation but fails the run: Violated %v, Failed %v", r.Violated(), r.Failed())
	}
	if got := runtime.Judge("ok", runtime.Eventually, "a.dsa:8:1", func() (bool, string) { return false, "p = P 0" }); got.Status != runtime.PropertyViolated || got.Violation != "p = P 0" {
		t.Fatalf("a false property is violated: %+v", got)
	}
}
