package runtime

import "time"

// Context is what a handler sees of the world. Every effect a handler has is
// recorded through it; the backend decides when and how the effect happens.
// A Context is only valid during the handler call it was passed to.
type Context interface {
	// Self is the rank of the process running the handler.
	Self() int
	// N is the number of processes in the run.
	N() int
	// Send queues m for delivery to rank to. Sending to a rank outside
	// [0, N) is a fault of the algorithm and ends the run with an error.
	Send(to int, m Message)
	// Broadcast queues m for every rank in to (which may include Self).
	// The slice belongs to the caller and must not be retained or changed.
	Broadcast(to []int, m Message)
	// SetTimer arms (or re-arms) timer after d; a periodic timer re-arms
	// itself after every firing until cancelled.
	SetTimer(timer int, d time.Duration, periodic bool)
	// CancelTimer disarms timer; cancelling a disarmed timer does nothing.
	CancelTimer(timer int)
	// Output records an observable event (a decision, a delivery).
	Output(name string, args ...any)
	// Halt stops the process after the current handler: it handles no
	// further events and its timers are disarmed.
	Halt()
	// Now is the time since the run started (virtual in the simulator).
	Now() time.Duration
	// Rand returns a uniformly distributed integer in [lo, hi].
	Rand(lo, hi int64) int64
}

// Message is a typed message of an algorithm. Generated message types have
// a stable kind number and a compact binary encoding (see package wire).
type Message interface {
	// Kind is the message's kind number, unique within its algorithm and
	// starting at 1; it is what travels on the wire before the payload.
	Kind() int
	// KindName is the message's name in the spec, as metrics report it.
	KindName() string
	// Encode appends the message's binary encoding (without the kind) to b.
	Encode(b []byte) []byte
}

// Process is the state machine of one rank. Each method runs one atomic
// step; a backend calls them from one goroutine at a time.
type Process interface {
	// TypeName is the process type's name in the spec.
	TypeName() string
	// Start handles the start event, delivered once before any other.
	Start(ctx Context)
	// Handle handles m, sent by rank from.
	Handle(ctx Context, from int, m Message)
	// Fire handles the expiry of timer.
	Fire(ctx Context, timer int)
	// EncodeState appends the process state's binary encoding to b; equal
	// states have equal encodings, so it also serves as a hash key.
	EncodeState(b []byte) []byte
	// DecodeState replaces the state by the one encoded in b.
	DecodeState(b []byte) error
	// Clone returns an independent deep copy of the process.
	Clone() Process
}
