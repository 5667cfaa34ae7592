package runtime

import "time"

// Result is what every backend returns for a run: the same shape whether the
// processes ran as goroutines, MPI ranks or in the simulator.
type Result struct {
	Algorithm  string           `json:"algorithm"`
	Backend    string           `json:"backend"`
	N          int              `json:"n"`
	Seed       int64            `json:"seed"`
	Params     map[string]any   `json:"params"`
	End        EndReason        `json:"end"`
	Error      string           `json:"error,omitempty"`
	Elapsed    time.Duration    `json:"elapsed_ns"`
	Outputs    []ProcessOutputs `json:"outputs"`
	Properties []PropertyResult `json:"properties"`
	Metrics    Metrics          `json:"metrics"`
	// Faults lists the faults injected into the run, in the order they
	// happened (the simulator injects them; other backends report crashes
	// they were asked for).
	Faults []FaultEvent `json:"faults,omitempty"`
	// Violation, from the simulator, is the first invariant violated (or
	// handler failure) with the step that caused it and how to replay it.
	Violation *Violation `json:"violation,omitempty"`
	// Coverage, from the simulator, counts how often each handler ran.
	Coverage []HandlerCoverage `json:"coverage,omitempty"`
}

// FaultEvent is one fault that happened in a run.
type FaultEvent struct {
	Kind string        `json:"kind"` // drop, dup, crash, recover, partition, lost
	From int           `json:"from"` // the sender (messages) or the rank (crash, recover)
	To   int           `json:"to"`   // the receiver; -1 when there is none
	Msg  string        `json:"message,omitempty"`
	At   time.Duration `json:"at_ns"`
}

// EndReason says why a run ended.
type EndReason string

const (
	EndHalted    EndReason = "halted"    // every process halted
	EndQuiescent EndReason = "quiescent" // nothing in flight and no timer armed
	EndTimeout   EndReason = "timeout"   // the run's deadline passed
	EndError     EndReason = "error"     // a handler failed or a backend error
	EndBound     EndReason = "bound"     // the simulator's step or virtual-time bound
	EndViolation EndReason = "violation" // the simulator stopped at a violated invariant
)

// ProcessOutputs holds the outputs of one process, in the order recorded.
type ProcessOutputs struct {
	Process int      `json:"process"`
	Type    string   `json:"type"`
	Halted  bool     `json:"halted"`
	Events  []Output `json:"events"`
}

// Output is one observable event recorded by a handler.
type Output struct {
	Name string        `json:"name"`
	Args []any         `json:"args"`
	At   time.Duration `json:"at_ns"`
}

// PropertyStatus is the verdict on one property.
type PropertyStatus string

const (
	PropertyOK         PropertyStatus = "ok"
	PropertyViolated   PropertyStatus = "violated"
	PropertyNotChecked PropertyStatus = "not-checked"
	// PropertyError is a property whose evaluation failed (an index out of
	// range, say): it has no verdict, and Error says why.
	PropertyError PropertyStatus = "error"
)

// PropertyResult is the verdict on one property, with the offending state
// when it is violated.
type PropertyResult struct {
	Name      string         `json:"name"`
	Kind      PropertyKind   `json:"kind"`
	Status    PropertyStatus `json:"status"`
	Violation string         `json:"violation,omitempty"`
	// Error, for PropertyError, is "file.dsa:line:col: what failed", the
	// position being the property's.
	Error string `json:"error,omitempty"`
}

// Metrics are the study's evaluation metrics: message complexity, bit
// complexity and time complexity in communication steps.
type Metrics struct {
	Messages int64 `json:"messages"`
	Bytes    int64 `json:"bytes"`
	// Steps is the length of the longest causal chain of messages: a
	// message sent from a handler triggered by a message of step s has
	// step s+1, one sent from start or a timer after delivering messages of
	// at most step s also has step s+1.
	Steps int64 `json:"steps"`
	// SharedOps counts the operations on shared counters (one-sided
	// accesses under MPI), which are not messages.
	SharedOps int64                 `json:"shared_ops"`
	ByKind    map[string]*KindStats `json:"by_kind"`
	ByProcess []ProcessStats        `json:"by_process"`
}

// KindStats counts the messages of one kind.
type KindStats struct {
	Messages int64 `json:"messages"`
	Bytes    int64 `json:"bytes"`
}

// ProcessStats counts what one process sent and received.
type ProcessStats struct {
	Process       int   `json:"process"`
	Sent          int64 `json:"sent"`
	SentBytes     int64 `json:"sent_bytes"`
	Received      int64 `json:"received"`
	ReceivedBytes int64 `json:"received_bytes"`
}

// Violated reports whether any property was violated.
func (r *Result) Violated() bool {
	for _, p := range r.Properties {
		if p.Status == PropertyViolated {
			return true
		}
	}
	return false
}

// Failed reports whether the run failed: it ended in an error, or a
// property was violated or could not be evaluated.
func (r *Result) Failed() bool {
	if r.End == EndError {
		return true
	}
	for _, p := range r.Properties {
		if p.Status == PropertyViolated || p.Status == PropertyError {
			return true
		}
	}
	return false
}

// AddKind adds messages and bytes of the kind called name to a by-kind
// table, creating its entry on first use; kinds never sent stay out.
func AddKind(byKind map[string]*KindStats, name string, messages, bytes int64) {
	if messages == 0 {
		return
	}
	ks := byKind[name]
	if ks == nil {
		ks = &KindStats{}
		byKind[name] = ks
	}
	ks.Messages += messages
	ks.Bytes += bytes
}
