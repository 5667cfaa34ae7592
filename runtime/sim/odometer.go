package sim

// odometer enumerates the values random() may return within one step, for
// the explorer: the handler runs once per combination. The first run
// takes every range's lowest value; advance then moves to the next
// combination like an odometer, last digit first. Ranges may depend on
// earlier values, so the ranges are re-read on every run.
//
// A range of more than maxBranch values is sampled at maxBranch evenly
// spaced points, lowest and highest included, and the search is then not
// complete: sampled reports it.
type odometer struct {
	maxBranch int64
	prefix    []int64    // values to return first, in order
	vals      []int64    // values returned in the current run
	ranges    [][2]int64 // the range of each value returned
	pos       int
	sampled   bool
}

func newOdometer(maxBranch int64) *odometer {
	if maxBranch < 2 {
		maxBranch = 2
	}
	return &odometer{maxBranch: maxBranch}
}

// begin starts the first run of a step.
func (o *odometer) begin() {
	o.prefix = o.prefix[:0]
	o.rewind()
}

// rewind starts another run with the current prefix.
func (o *odometer) rewind() {
	o.vals, o.ranges, o.pos = o.vals[:0], o.ranges[:0], 0
}

func (o *odometer) next(lo, hi int64) int64 {
	if hi < lo {
		hi = lo
	}
	v := lo
	if o.pos < len(o.prefix) {
		v = min(max(o.prefix[o.pos], lo), hi)
	}
	o.pos++
	o.vals = append(o.vals, v)
	o.ranges = append(o.ranges, [2]int64{lo, hi})
	if uint64(hi-lo) >= uint64(o.maxBranch) {
		o.sampled = true
	}
	return v
}

// advance sets up the next combination after a run, and reports false
// when every combination has run.
func (o *odometer) advance() bool {
	for i := len(o.vals) - 1; i >= 0; i-- {
		if nv, ok := o.after(o.vals[i], o.ranges[i]); ok {
			o.prefix = append(append(o.prefix[:0], o.vals[:i]...), nv)
			o.rewind()
			return true
		}
	}
	return false
}

// after returns the value that follows v in range r.
func (o *odometer) after(v int64, r [2]int64) (int64, bool) {
	lo, hi := r[0], r[1]
	if v >= hi {
		return 0, false
	}
	span := uint64(hi - lo)
	if span < uint64(o.maxBranch) {
		return v + 1, true
	}
	// Sampled: points lo + k*span/(maxBranch-1), k = 0 .. maxBranch-1.
	steps := uint64(o.maxBranch - 1)
	for k := uint64(1); k <= steps; k++ {
		p := lo + int64(span/steps*k+span%steps*k/steps)
		if p > v {
			return p, true
		}
	}
	return 0, false
}
