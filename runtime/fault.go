package runtime

import (
	"fmt"
	"reflect"
	goruntime "runtime"
	"strings"
	"sync"
	"time"
)

// What every backend reports alike when an algorithm fails.

// FaultSite returns file:line of the innermost frame in a .dsa file (the
// generated handlers carry //line directives pointing at their spec) or,
// failing that, in the package that defines p. Call it from the deferred
// recover of a handler, where the panicking frames are still on the stack.
func FaultSite(p Process) string {
	t := reflect.TypeOf(p)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pkg := ""
	if t != nil {
		pkg = t.PkgPath()
	}
	var pcs [64]uintptr
	frames := goruntime.CallersFrames(pcs[:goruntime.Callers(2, pcs[:])])
	fallback := ""
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.File, ".dsa") {
			return fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if fallback == "" && pkg != "" && strings.HasPrefix(f.Function, pkg+".") {
			fallback = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		if !more {
			return fallback
		}
	}
}

// Judge evaluates one property for Instance.Check: eval returns whether it
// holds and, if not, the values its quantifiers were bound to. A panic in
// eval (an index out of range, say) makes this property an error at its
// position at, file.dsa:line:col, and leaves the other properties and the
// run alone; so does a check stopped at the run's deadline (Stop), as an
// error saying so.
func Judge(name string, kind PropertyKind, at string, eval func() (bool, string)) (res PropertyResult) {
	defer func() {
		if v := recover(); v != nil {
			msg := fmt.Sprintf("%s: %v", at, v)
			if v == ErrStopped {
				msg = fmt.Sprintf("%s: check of %s %s stopped at the deadline", at, kind, name)
			}
			res = PropertyResult{Name: name, Kind: kind, Status: PropertyError, Error: msg}
		}
	}()
	ok, why := eval()
	return Verdict(name, kind, ok, why)
}

// CheckFinal evaluates the properties over the final states of procs; a
// panic in the generated checks (an index out of range in a property, say)
// is returned as an error, not propagated.
func (inst *Instance) CheckFinal(procs []Process) (props []PropertyResult, err error) {
	return inst.CheckNow(procs, true)
}

// CheckNow is CheckFinal for any state: eventually-properties are
// evaluated only when final is true. The simulator calls it after every
// step.
func (inst *Instance) CheckNow(procs []Process, final bool) (props []PropertyResult, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("checking properties: %v", v)
		}
	}()
	return inst.Check(procs, final), nil
}

// Collect makes Instance.Check of an Instance.CheckEach.
func Collect(checkEach func(procs []Process, final bool, each func(PropertyResult))) func(procs []Process, final bool) []PropertyResult {
	return func(procs []Process, final bool) []PropertyResult {
		var out []PropertyResult
		checkEach(procs, final, func(r PropertyResult) { out = append(out, r) })
		return out
	}
}

// CheckProperties evaluates inst's properties (if it has any) over the
// final states of procs into res, the same way on every backend: a check
// that fails to run ends the run with an error. res.Properties is never
// nil afterwards.
func (res *Result) CheckProperties(inst *Instance, procs []Process) {
	var props []PropertyResult
	var err error
	if inst.Check != nil {
		props, err = inst.CheckFinal(procs)
	}
	res.setProperties(props, err)
}

// CheckGrace is the least time the properties get to be checked after a
// run, however close to its deadline the run ended.
const CheckGrace = 2 * time.Second

// CheckPropertiesWithin is CheckProperties under the run's deadline: a
// property over pairs of a hundred thousand processes can take longer than
// the run itself, and a run must end when it was told to. The checks get
// budget, at least CheckGrace; the properties not decided by then are
// errors saying so (CheckWithin), the verdicts already decided and the
// rest of the result stand.
func (res *Result) CheckPropertiesWithin(inst *Instance, procs []Process, infos []PropertyInfo, budget time.Duration) {
	var props []PropertyResult
	var err error
	if inst.Check != nil {
		props, _, err = inst.CheckWithin(procs, true, infos, max(budget, CheckGrace))
	}
	res.setProperties(props, err)
}

// setProperties stores the verdicts of a check; one that failed to run
// ends the run with an error.
func (res *Result) setProperties(props []PropertyResult, err error) {
	res.Properties = props
	if err != nil {
		res.End = EndError
		res.Error = JoinErrors(res.Error, err.Error())
	}
	if res.Properties == nil {
		res.Properties = []PropertyResult{}
	}
}

// stopGrace is how long CheckWithin waits past its budget for a check to
// notice its Stop: a check polls it every few microseconds, unless it is
// inside a function of the spec, which does not poll.
const stopGrace = time.Second

// CheckWithin is CheckNow within budget: it arms inst.Stop for the budget,
// so that the generated checks stop there, each property cut short an
// error saying so (Judge), and disarms it when they have ended. The first
// decided of the returned verdicts were reached in time (CheckDecided).
// Verdicts are decided one by one through CheckEach when the instance has
// it, else all at once through Check (then a check cut short keeps none).
// A check that has not ended stopGrace past the budget (it is stuck where
// nothing polls the Stop, or the instance's checks were not generated)
// is left to end in the background, reading states that nothing may
// change any more; each property of infos not decided by then is an error
// saying so.
func (inst *Instance) CheckWithin(procs []Process, final bool, infos []PropertyInfo, budget time.Duration) (props []PropertyResult, decided int, err error) {
	var (
		mu   sync.Mutex
		v    = verdicts{cut: -1}
		done = make(chan error, 1)
	)
	budget = max(budget, 0)
	inst.Stop.Arm(time.Now().Add(budget), nil)
	go func() {
		done <- inst.checkCounting(procs, final, func(r PropertyResult, late bool) {
			mu.Lock()
			v.add(r, late)
			mu.Unlock()
		})
	}()
	limit := time.NewTimer(budget + stopGrace)
	defer limit.Stop()
	select {
	case err := <-done:
		inst.Stop.Disarm()
		return v.got, v.decided(), err
	case <-limit.C:
	}
	mu.Lock()
	props = append([]PropertyResult(nil), v.got...)
	decided = v.decided()
	mu.Unlock()
	for _, p := range infos[min(len(props), len(infos)):] {
		props = append(props, PropertyResult{Name: p.Name, Kind: p.Kind, Status: PropertyError,
			Error: fmt.Sprintf("not evaluated: checking the properties took longer than the %v left of the run's deadline", budget.Round(time.Millisecond))})
	}
	return props, decided, nil
}

// CheckDecided is CheckNow under inst.Stop as it is armed: decided counts
// the verdicts, from the first, reached before the Stop fired. Past them
// the properties were checked after the deadline: those cut short are
// errors saying so, the others were cheap enough to be decided anyway.
func (inst *Instance) CheckDecided(procs []Process, final bool) (props []PropertyResult, decided int, err error) {
	v := verdicts{cut: -1}
	err = inst.checkCounting(procs, final, v.add)
	return v.got, v.decided(), err
}

// verdicts gathers the verdicts of a check in order, and where the first
// reached after its Stop fired is.
type verdicts struct {
	got []PropertyResult
	cut int // index in got of the first late verdict; -1 while none is
}

func (v *verdicts) add(r PropertyResult, late bool) {
	if late && v.cut < 0 {
		v.cut = len(v.got)
	}
	v.got = append(v.got, r)
}

// decided is how many verdicts, from the first, were reached in time.
func (v *verdicts) decided() int {
	if v.cut < 0 {
		return len(v.got)
	}
	return v.cut
}

// checkCounting hands each verdict to each as it is reached, with whether
// inst.Stop had fired by then; without CheckEach, all of them once Check
// has returned.
func (inst *Instance) checkCounting(procs []Process, final bool, each func(r PropertyResult, late bool)) error {
	if inst.CheckEach == nil {
		all, err := inst.CheckNow(procs, final)
		for _, r := range all {
			each(r, false)
		}
		return err
	}
	return inst.checkEach(procs, final, func(r PropertyResult) { each(r, inst.Stop.Fired()) })
}

// checkEach calls CheckEach; a panic in the generated checks is returned
// as an error, not propagated.
func (inst *Instance) checkEach(procs []Process, final bool, each func(PropertyResult)) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("checking properties: %v", v)
		}
	}()
	inst.CheckEach(procs, final, each)
	return nil
}

// JoinErrors joins the error texts of a result: "a; b".
func JoinErrors(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "; " + b
}

// RankFault is the panic value of a send outside [0, n): a fault of the
// algorithm, which every backend reports like any other failed handler.
type RankFault struct{ To, N int }

func (f RankFault) Error() string {
	return fmt.Sprintf("send to rank %d, outside 0..%d", f.To, f.N-1)
}

// CheckRank panics with a RankFault when to is not a rank of n processes.
func CheckRank(to, n int) {
	if uint(to) >= uint(n) {
		panic(RankFault{to, n})
	}
}
