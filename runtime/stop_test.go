package runtime_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// spin ticks s until it stops the loop, as a generated check's loop over
// 10^12 values would, and returns the panic value.
func spin(s *runtime.Stop) (v any) {
	defer func() { v = recover() }()
	for {
		s.Tick()
	}
}

// TestStopFires: an armed Stop stops a loop at its deadline, or when its
// done channel is closed, with ErrStopped, and then every loop at once;
// disarmed, it stops none.
func TestStopFires(t *testing.T) {
	var s runtime.Stop
	for range 1_000_000 {
		s.Tick() // the zero value never fires
	}
	start := time.Now()
	s.Arm(start.Add(20*time.Millisecond), nil)
	if v := spin(&s); v != runtime.ErrStopped || !s.Fired() {
		t.Fatalf("stopped with %v, fired %v", v, s.Fired())
	}
	if took := time.Since(start); took < 20*time.Millisecond || took > 10*time.Second {
		t.Fatalf("stopped after %v, armed for 20ms", took)
	}
	if v := spin(&s); v != runtime.ErrStopped {
		t.Fatalf("a loop after the deadline stopped with %v", v)
	}

	done := make(chan struct{})
	s.Arm(time.Time{}, done)
	if s.Fired() {
		t.Fatal("Arm must reset Fired")
	}
	time.AfterFunc(20*time.Millisecond, func() { close(done) })
	if v := spin(&s); v != runtime.ErrStopped {
		t.Fatalf("stopped with %v", v)
	}

	s.Disarm()
	for range 1_000_000 {
		s.Tick()
	}
	if s.Fired() {
		t.Fatal("Disarm must reset Fired")
	}
}

// TestCheckWithinStopsTheCheck: a check over more values than the budget
// allows is stopped at the budget, not left running: when CheckWithin
// returns, the check has returned too. The property cut is an error at its
// position naming it; those before and after keep their verdicts, and
// only those before were decided in time.
func TestCheckWithinStopsTheCheck(t *testing.T) {
	infos := []runtime.PropertyInfo{{Name: "a", Kind: runtime.Invariant}, {Name: "slow", Kind: runtime.Invariant},
		{Name: "c", Kind: runtime.Eventually}}
	var returned atomic.Bool
	inst := &runtime.Instance{}
	// As the generated check does: each property judged in turn, every
	// loop ticking the instance's Stop.
	inst.CheckEach = func(_ []runtime.Process, _ bool, each func(runtime.PropertyResult)) {
		defer returned.Store(true)
		each(runtime.Judge("a", runtime.Invariant, "x.dsa:2:1", func() (bool, string) { return true, "" }))
		each(runtime.Judge("slow", runtime.Invariant, "x.dsa:3:1", func() (bool, string) {
			for {
				inst.Stop.Tick()
			}
		}))
		each(runtime.Judge("c", runtime.Eventually, "x.dsa:4:1", func() (bool, string) {
			for range 100 {
				inst.Stop.Tick()
			}
			return false, "p = 1"
		}))
	}
	start := time.Now()
	props, decided, err := inst.CheckWithin(nil, true, infos, 50*time.Millisecond)
	took := time.Since(start)
	if !returned.Load() {
		t.Fatal("CheckWithin returned before the check it stopped")
	}
	if err != nil || decided != 1 || len(props) != 3 {
		t.Fatalf("got %+v, %d decided, err %v", props, decided, err)
	}
	if took > 10*time.Second {
		t.Fatalf("the check took %v with a budget of 50ms", took)
	}
	want := runtime.PropertyResult{Name: "slow", Kind: runtime.Invariant, Status: runtime.PropertyError,
		Error: "x.dsa:3:1: check of invariant slow stopped at the deadline"}
	if props[0].Status != runtime.PropertyOK || props[1] != want || props[2].Status != runtime.PropertyViolated {
		t.Fatalf("got %+v", props)
	}
	if inst.Stop.Fired() {
		t.Fatal("CheckWithin must disarm the Stop once the check has ended")
	}

	// Armed by the caller, as the simulator does for a whole run:
	// CheckDecided counts the verdicts reached before the Stop fired.
	inst.Stop.Arm(time.Now().Add(20*time.Millisecond), nil)
	props, decided, err = inst.CheckDecided(nil, true)
	if err != nil || decided != 1 || len(props) != 3 || props[1] != want {
		t.Fatalf("got %+v, %d decided, err %v", props, decided, err)
	}
}

// TestNilStopNeverFires: the functions of a spec tick the Stop they are
// given, and handlers, which must not touch a check's Stop, give them nil.
func TestNilStopNeverFires(t *testing.T) {
	var s *runtime.Stop
	for range 3 * 4096 {
		s.Tick()
	}
}

// BenchmarkStopTick is the cost of a tick, which every iteration of a
// property's loops pays.
func BenchmarkStopTick(b *testing.B) {
	var s runtime.Stop
	s.Arm(time.Now().Add(time.Hour), nil)
	for b.Loop() {
		s.Tick()
	}
}
