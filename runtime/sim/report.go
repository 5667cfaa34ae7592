package sim

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Report is what `dsac sim` and `dsac explore` print: how much was
// searched, the verdict on every property, the first violation found (or
// none) and the coverage of the handlers.
type Report struct {
	Algorithm string         `json:"algorithm"`
	Backend   string         `json:"backend"`
	N         int            `json:"n"`
	Params    map[string]any `json:"params"`
	Mode      string         `json:"mode"`                // random or explore
	Scheduler string         `json:"scheduler,omitempty"` // random: uniform, pct or timed
	Order     string         `json:"order,omitempty"`     // explore: bfs or dfs
	Seed      int64          `json:"seed"`
	Faults    string         `json:"faults"`

	Runs           int64 `json:"runs,omitempty"`
	Steps          int64 `json:"steps"`
	States         int64 `json:"states,omitempty"`
	DistinctStates int64 `json:"distinct_states"`
	MaxDepth       int   `json:"max_depth"`
	Complete       bool  `json:"complete"`
	// Bounds lists the bounds the search hit (so it is not complete).
	Bounds  []string      `json:"bounds"`
	Elapsed time.Duration `json:"elapsed_ns"`
	// LivenessElapsed is the time the search for fair cycles took, after
	// the search of the states (explore).
	LivenessElapsed time.Duration `json:"liveness_ns,omitempty"`
	RunsPerSec      float64       `json:"runs_per_s,omitempty"`
	StepsPerSec     float64       `json:"steps_per_s"`
	StatesPerSec    float64       `json:"states_per_s,omitempty"`
	// BytesPerState is the memory the explorer keeps per distinct state.
	BytesPerState float64 `json:"bytes_per_state,omitempty"`
	// Ends counts how random runs ended (halted, quiescent, bound).
	Ends map[string]int64 `json:"ends,omitempty"`

	Properties []runtime.PropertyResult  `json:"properties"`
	Violation  *runtime.Violation        `json:"violation"`
	Coverage   []runtime.HandlerCoverage `json:"coverage"`
	Error      string                    `json:"error,omitempty"`
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// Failed reports whether the search found a violation or failed, a check
// of a property included.
func (r *Report) Failed() bool {
	if r.Violation != nil || r.Error != "" {
		return true
	}
	for _, p := range r.Properties {
		if p.Status == runtime.PropertyError {
			return true
		}
	}
	return false
}

// WriteSummary writes the report for people.
func (r *Report) WriteSummary(w io.Writer) {
	switch r.Mode {
	case "random":
		fmt.Fprintf(w, "%s: %d random runs (%s scheduler), n=%d seed=%d, %d steps in %s: %.0f runs/s, %.0f steps/s\n",
			r.Algorithm, r.Runs, r.Scheduler, r.N, r.Seed, r.Steps, runtime.RoundDuration(r.Elapsed), r.RunsPerSec, r.StepsPerSec)
		if len(r.Ends) > 0 {
			var parts []string
			for _, k := range runtime.SortedKeys(r.Ends) {
				parts = append(parts, fmt.Sprintf("%s %d", k, r.Ends[k]))
			}
			fmt.Fprintf(w, "runs ended: %s\n", strings.Join(parts, ", "))
		}
	default:
		fmt.Fprintf(w, "%s: explored %d states (%d distinct) by %s, n=%d, depth %d, in %s: %.0f states/s\n",
			r.Algorithm, r.States, r.DistinctStates, r.Order, r.N, r.MaxDepth, runtime.RoundDuration(r.Elapsed), r.StatesPerSec)
		if r.LivenessElapsed > 0 {
			fmt.Fprintf(w, "liveness: fair cycles searched in %s\n", runtime.RoundDuration(r.LivenessElapsed))
		}
		if r.Complete {
			fmt.Fprintln(w, "complete: every reachable state was explored")
		} else if len(r.Bounds) > 0 {
			fmt.Fprintf(w, "not complete: %s\n", strings.Join(r.Bounds, "; "))
		} else {
			fmt.Fprintln(w, "not complete: stopped at the first violation")
		}
	}
	if r.Faults != "" {
		fmt.Fprintf(w, "faults: %s\n", r.Faults)
	}
	if r.Error != "" {
		fmt.Fprintf(w, "error: %s\n", r.Error)
	}
	if len(r.Properties) > 0 {
		fmt.Fprintln(w, "properties:")
		for _, p := range r.Properties {
			line := fmt.Sprintf("  %-11s %s %s", p.Status, p.Kind, p.Name)
			if p.Error != "" {
				line += ": " + p.Error
			}
			fmt.Fprintln(w, line)
		}
	}
	WriteViolation(w, r.Violation)
	WriteCoverage(w, r.Coverage)
}

// WriteViolation writes a counterexample for people: the property, why it
// is false, the trace as numbered steps and the replay file.
func WriteViolation(w io.Writer, v *runtime.Violation) {
	if v == nil {
		return
	}
	fmt.Fprintf(w, "\nVIOLATION: %s %s", v.Kind, v.Property)
	if v.Message != "" {
		fmt.Fprintf(w, ": %s", v.Message)
	}
	fmt.Fprintln(w)
	if v.ShrunkFromN > 0 {
		fmt.Fprintf(w, "after step %d at %s, with n=%d (shrunk from %d steps and n=%d)\n", v.Step, runtime.RoundDuration(v.At), v.N, v.ShrunkFrom, v.ShrunkFromN)
	} else if v.ShrunkFrom > 0 {
		fmt.Fprintf(w, "after step %d at %s (shrunk from %d steps)\n", v.Step, runtime.RoundDuration(v.At), v.ShrunkFrom)
	} else {
		fmt.Fprintf(w, "after step %d at %s\n", v.Step, runtime.RoundDuration(v.At))
	}
	if ex := v.Explanation; ex != nil {
		fmt.Fprintf(w, "why: %s\n", ex.Text)
		for _, b := range ex.Bindings {
			fmt.Fprintf(w, "  %s = %s\n", b.Name, b.Value)
		}
		for _, t := range ex.Terms {
			fmt.Fprintf(w, "  %s  is  %s\n", t.Text, t.Value)
		}
	}
	fmt.Fprintln(w, "trace:")
	for _, t := range v.Trace {
		mark := ""
		if v.Lasso > 0 && t.Step == v.Lasso {
			mark = "  <- the cycle starts here"
		}
		fmt.Fprintf(w, "  %3d. %s%s\n", t.Step, t.Text, mark)
		for _, c := range t.Changes {
			fmt.Fprintf(w, "         %s\n", c)
		}
	}
	fmt.Fprintln(w, "states:")
	for _, s := range v.States {
		fmt.Fprintf(w, "  %s\n", s)
	}
	if v.Replay != "" {
		fmt.Fprintf(w, "replay: dsac replay %s\n", v.Replay)
	}
}

// WriteCoverage lists how often each handler ran and names those that
// never did.
func WriteCoverage(w io.Writer, cov []runtime.HandlerCoverage) {
	if len(cov) == 0 {
		return
	}
	fmt.Fprintln(w, "coverage:")
	var never []string
	for _, c := range cov {
		name := c.Process + " on " + c.Event
		if c.Guard != "" {
			name += " when " + c.Guard
		}
		fmt.Fprintf(w, "  %8d ran  %8d guard false  %s (line %d)\n", c.Ran, c.GuardFalse, name, c.Line)
		if c.Ran == 0 {
			never = append(never, fmt.Sprintf("%s (line %d)", name, c.Line))
		}
	}
	if len(never) > 0 {
		fmt.Fprintf(w, "never ran: %s\n", strings.Join(never, "; "))
	}
}
