// Package channel is the in-process backend: every process of a run is a
// goroutine with an unbounded mailbox, messages travel as runtime.Message
// values (never encoded and decoded, for speed) and timers are real
// time.AfterFunc timers. It is the default backend of the programs dsac
// builds and the quickest way to watch an algorithm run.
//
// A run ends when every process has halted, when nothing is in flight (no
// queued event, no handler running, no timer armed), at its deadline, or
// when a handler fails. Termination is detected with one atomic counter of
// outstanding work: +1 for each queued event and armed timer, -1 once it has
// been handled or disarmed; the run is quiescent when it reaches zero.
package channel
