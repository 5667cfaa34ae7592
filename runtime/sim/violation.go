package sim

import (
	"fmt"
	"os"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// counterexample turns a schedule that ends in a violation into the
// report people read: shrunk (unless shrinking is off), replayed step by
// step with the changes of each, explained, and written to replayPath
// (unless empty). A run's deadline by (zero: none) bounds the shrinking
// and, with runtime.CheckGrace at least, the replay's checks.
func counterexample(d *runtime.Descriptor, s *Schedule, doShrink bool, replayPath string, by time.Time) (*runtime.Violation, error) {
	original, originalN := len(s.Steps), s.N
	if doShrink && s.Lasso == 0 {
		steps := shrink(d, s, by)
		if len(steps) < original || s.N < originalN {
			s.Steps = steps
			s.ShrunkFrom = original
		}
		if s.N < originalN {
			s.ShrunkFromN = originalN
		}
	}
	eventually := s.Kind == string(runtime.Eventually) || s.Kind == "deadlock"
	ro := replayOptions{trace: true, final: eventually}
	if !by.IsZero() {
		ro.checkBy = checkDeadline(by)
	}
	r, err := replay(d, s, ro)
	if err != nil {
		return nil, fmt.Errorf("replaying the counterexample: %v", err)
	}
	s.Steps = r.applied
	v := &runtime.Violation{
		Property:    s.Property,
		Kind:        s.Kind,
		Step:        len(r.applied),
		At:          r.w.now,
		Lasso:       s.Lasso,
		ShrunkFrom:  s.ShrunkFrom,
		N:           s.N,
		ShrunkFromN: s.ShrunkFromN,
		States:      r.w.states(),
		Trace:       r.trace,
		Replay:      replayPath,
	}
	switch {
	case r.violated != nil:
		v.Message = r.violated.Violation
		v.Explanation = r.w.explainProperty(r.violated.Name)
	case r.errMsg != "":
		v.Message = r.errMsg
	}
	if v.Message == "" && s.Kind == "eventually" && s.Lasso > 0 {
		v.Message = "the property stays false on a cycle the run can repeat forever"
	}
	if replayPath != "" {
		comments := make([]string, len(r.trace))
		for i, t := range r.trace {
			comments[i] = t.Text
		}
		f, err := os.Create(replayPath)
		if err != nil {
			return v, fmt.Errorf("writing the replay file: %v", err)
		}
		werr := s.Write(f, comments)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return v, fmt.Errorf("writing the replay file: %v", werr)
		}
	}
	return v, nil
}
