package runtime

import (
	"fmt"
	"sort"
)

// Descriptor describes one algorithm: everything a backend needs to run it.
// Each generated package exports exactly one, named Descriptor.
type Descriptor struct {
	// Name is the algorithm's name from its header.
	Name string
	// Source is the path of the .dsa file it was generated from.
	Source string
	// Params lists the parameters with their defaults, in declaration order.
	Params []ParamInfo
	// Messages lists the message kinds; Messages[k-1] has kind k.
	Messages []MessageInfo
	// Processes lists the process types in declaration order.
	Processes []ProcessInfo
	// Properties lists the invariants and eventually-properties.
	Properties []PropertyInfo
	// Shared lists the shared primitives; counter id i is Shared[i].
	Shared []SharedInfo
	// Handlers lists every handler of every process type; the id a handler
	// passes to Cover is its index here. Nil for code generated before
	// coverage existed.
	Handlers []HandlerInfo
	// Permutable says that every process type and every message type of
	// the algorithm implements RankPermuter, so that an explorer may
	// apply symmetry reduction over the Symmetric process types (shared
	// counters that hold ranks are marked SharedInfo.HoldsRanks). False for
	// an algorithm without a symmetric process type, and for code
	// generated before RankPermuter existed.
	Permutable bool `json:"permutable"`
	// Decode decodes the payload of a message of the given kind. It returns
	// an error, never panics, on unknown kinds and malformed bytes.
	Decode func(kind int, payload []byte) (Message, error)
	// New instantiates the algorithm for a run: it resolves parameters,
	// places a process on every rank and returns them.
	New func(cfg Config) (*Instance, error)
}

// ParamInfo describes one parameter.
type ParamInfo struct {
	Name    string `json:"name"`
	Type    string `json:"type"` // int, bool or string
	Default string `json:"default"`
}

// MessageInfo describes one message kind.
type MessageInfo struct {
	Kind   int      `json:"kind"`
	Name   string   `json:"name"`
	Fields []string `json:"fields"`
}

// ProcessInfo describes one process type.
type ProcessInfo struct {
	Name      string   `json:"name"`
	Placement string   `json:"placement"` // as written in the spec
	Timers    []string `json:"timers"`    // timer i is Timers[i]
	// Symmetric says that the type's ranks are interchangeable: nothing in
	// the spec tells one from another, so states that differ by a
	// permutation of them are equivalent. The compiler's analysis is
	// conservative: true is a guarantee, false may not be.
	Symmetric bool `json:"symmetric"`
	// SymmetryBlocker says why they are not, as file:line:col: reason.
	SymmetryBlocker string `json:"symmetry_blocker,omitempty"`
}

// PropertyKind tells when a property is checked.
type PropertyKind string

const (
	// Invariant properties must hold in every state; backends check them at
	// the end of a run, the simulator after every step.
	Invariant PropertyKind = "invariant"
	// Eventually properties must hold when the run ends.
	Eventually PropertyKind = "eventually"
)

// PropertyInfo describes one property.
type PropertyInfo struct {
	Name string       `json:"name"`
	Kind PropertyKind `json:"kind"`
	Text string       `json:"text"` // the property's source text
}

// Config is what a run asks of an algorithm.
type Config struct {
	N      int
	Params map[string]string // overrides of parameter defaults, by name
}

// Instance is an algorithm instantiated for one run.
type Instance struct {
	// Params holds the value of every parameter after overrides.
	Params map[string]any
	// Procs holds the process of every rank.
	Procs []Process
	// Shared holds the value of every shared counter: the initial values
	// when New returns. A backend that runs shared counters writes their
	// final values back here before it calls Check, which reads them.
	Shared []int64
	// Down says, when not nil, whether each rank is down (crashed and not
	// recovered), for the properties that ask with crashed() or correct():
	// New allocates it for those only, all false, and a backend that
	// crashes processes writes it (SetDown) before it evaluates properties
	// — through any of the functions below.
	Down []bool
	// Check evaluates the properties over the given processes (one per rank,
	// in rank order). Eventually-properties are evaluated only when final is
	// true; otherwise they are reported as not checked.
	Check func(procs []Process, final bool) []PropertyResult
	// CheckEach, when not nil, is Check handing each property's verdict to
	// each as soon as it is decided, in the order of Descriptor.Properties,
	// so that checks cut short by the run's deadline keep the verdicts they
	// reached (Instance.CheckWithin).
	CheckEach func(procs []Process, final bool, each func(PropertyResult))
	// Holds, when not nil, evaluates property i (an index into
	// Descriptor.Properties, eventually-properties included) over procs,
	// without describing a failure: what a model checker asks of every
	// state.
	Holds func(procs []Process, property int) bool
	// InvariantsHold, when not nil, reports whether every invariant holds
	// over procs, evaluating them over one grouping of the processes.
	// Holds and InvariantsHold may reuse memory from one call to the next:
	// one goroutine at a time calls them.
	InvariantsHold func(procs []Process) bool
	// Explain, when not nil, says why property i (an index into
	// Descriptor.Properties) is false over procs; nil if it holds.
	Explain func(procs []Process, property int) *Explanation
	// Stop is polled by the generated Check, CheckEach, Holds,
	// InvariantsHold and Explain: armed, it stops them at the run's
	// deadline (a panic with ErrStopped, which Judge turns into an error
	// verdict). Its zero value never stops them.
	Stop Stop
}

// ParseParams checks that every override names a declared parameter, so
// generated code can rely on known names (CheckParams also checks values).
func (d *Descriptor) ParseParams(overrides map[string]string) error {
	known := make(map[string]bool, len(d.Params))
	for _, p := range d.Params {
		known[p.Name] = true
	}
	var unknown []string
	for name := range overrides {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		names := make([]string, len(d.Params))
		for i, p := range d.Params {
			names[i] = p.Name
		}
		return fmt.Errorf("unknown parameter %q (algorithm %s has %v)", unknown[0], d.Name, names)
	}
	return nil
}
