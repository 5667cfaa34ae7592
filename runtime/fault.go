package runtime

import (
	"fmt"
	"reflect"
	goruntime "runtime"
	"strings"
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
// run alone.
func Judge(name string, kind PropertyKind, at string, eval func() (bool, string)) (res PropertyResult) {
	defer func() {
		if v := recover(); v != nil {
			res = PropertyResult{Name: name, Kind: kind, Status: PropertyError, Error: fmt.Sprintf("%s: %v", at, v)}
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

// CheckProperties evaluates inst's properties (if it has any) over the
// final states of procs into res, the same way on every backend: a check
// that fails to run ends the run with an error. res.Properties is never
// nil afterwards.
func (res *Result) CheckProperties(inst *Instance, procs []Process) {
	if inst.Check != nil {
		props, err := inst.CheckFinal(procs)
		res.Properties = props
		if err != nil {
			res.End = EndError
			res.Error = JoinErrors(res.Error, err.Error())
		}
	}
	if res.Properties == nil {
		res.Properties = []PropertyResult{}
	}
}

// CheckGrace is the least time the properties get to be checked after a
// run, however close to its deadline the run ended.
const CheckGrace = 2 * time.Second

// CheckPropertiesWithin is CheckProperties under the run's deadline: a
// property over pairs of a hundred thousand processes can take longer than
// the run itself, and a run must end when it was told to. When the checks
// have not finished within budget (at least CheckGrace), every property of
// infos is reported as an error saying so, and the rest of the result
// stands. The unfinished checks go on in the background, reading states
// that nothing changes any more, until they end or the program exits.
func (res *Result) CheckPropertiesWithin(inst *Instance, procs []Process, infos []PropertyInfo, budget time.Duration) {
	done := make(chan *Result, 1)
	go func() {
		r := &Result{End: res.End, Error: res.Error}
		r.CheckProperties(inst, procs)
		done <- r
	}()
	budget = max(budget, CheckGrace)
	limit := time.NewTimer(budget)
	defer limit.Stop()
	select {
	case r := <-done:
		res.End, res.Error, res.Properties = r.End, r.Error, r.Properties
	case <-limit.C:
		res.Properties = make([]PropertyResult, len(infos))
		for i, p := range infos {
			res.Properties[i] = PropertyResult{Name: p.Name, Kind: p.Kind, Status: PropertyError,
				Error: fmt.Sprintf("not evaluated: checking the properties took longer than the %v left of the run's deadline", budget.Round(time.Millisecond))}
		}
	}
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
