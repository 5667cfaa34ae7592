package runtime_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// TestCheckWithinKeepsDecidedVerdicts: checks cut short by the budget keep
// the verdicts they reached (a property that holds, one violated); only
// the properties not decided in time are errors saying so.
func TestCheckWithinKeepsDecidedVerdicts(t *testing.T) {
	infos := []runtime.PropertyInfo{{Name: "a", Kind: runtime.Invariant}, {Name: "b", Kind: runtime.Eventually},
		{Name: "slow", Kind: runtime.Eventually}, {Name: "c", Kind: runtime.Invariant}}
	never := make(chan struct{})
	defer close(never)
	inst := &runtime.Instance{
		Check: func([]runtime.Process, bool) []runtime.PropertyResult { <-never; return nil },
		CheckEach: func(_ []runtime.Process, _ bool, each func(runtime.PropertyResult)) {
			each(runtime.Verdict("a", runtime.Invariant, true, ""))
			each(runtime.Verdict("b", runtime.Eventually, false, "p = 1"))
			<-never
		},
	}
	start := time.Now()
	props, decided, err := inst.CheckWithin(nil, true, infos, 50*time.Millisecond)
	if err != nil || decided != 2 || len(props) != 4 {
		t.Fatalf("got %+v, %d decided, err %v", props, decided, err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatalf("the check took %v with a budget of 50ms", time.Since(start))
	}
	if props[0].Status != runtime.PropertyOK || props[1].Status != runtime.PropertyViolated || props[1].Violation != "p = 1" {
		t.Fatalf("decided verdicts lost: %+v", props[:2])
	}
	for _, p := range props[2:] {
		if p.Status != runtime.PropertyError || !strings.HasPrefix(p.Error, "not evaluated: checking the properties took longer than") {
			t.Fatalf("a property not checked in time: %+v", p)
		}
	}

	// Without CheckEach nothing is decided before Check returns.
	inst.CheckEach = nil
	props, decided, _ = inst.CheckWithin(nil, true, infos, 10*time.Millisecond)
	if decided != 0 || len(props) != 4 || props[0].Status != runtime.PropertyError {
		t.Fatalf("got %+v, %d decided", props, decided)
	}
}
