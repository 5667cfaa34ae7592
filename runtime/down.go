package runtime

import "fmt"

// Crash status for properties. A property may ask whether a process is
// down — crashed and not recovered — with crashed(p) and correct(p). The
// generated code allocates Instance.Down when its properties ask, and the
// backend that evaluates them writes there whether each rank is down at
// that moment: after every step for the simulator's invariants, at the end
// of the run for the final checks. A backend that never crashes a process
// leaves it all false.

// SetDown records whether rank r is down, for the properties evaluated
// next; it does nothing when the properties never ask (Down is nil).
func (inst *Instance) SetDown(r int, down bool) {
	if r >= 0 && r < len(inst.Down) {
		inst.Down[r] = down
	}
}

// IsDown is crashed(r) in generated properties: whether rank r is down. A
// rank outside the run is a fault of the property, reported as its error.
func IsDown(down []bool, r int64) bool {
	if r < 0 || r >= int64(len(down)) {
		panic(fmt.Sprintf("crashed(%d): no such process (the ranks are 0..%d)", r, len(down)-1))
	}
	return down[r]
}
