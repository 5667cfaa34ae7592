package mpi

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// node is one rank's process and everything about it that is not MPI: it
// runs handlers, is the runtime.Context they record effects into, keeps the
// outbox, timers, outputs and counters. The event loop feeds it frames and
// the time; tests can drive it without MPI at all.
type node struct {
	d     *runtime.Descriptor
	proc  runtime.Process
	wire  runtime.WireHandler  // proc, if it handles messages from their encoding
	info  *runtime.ProcessInfo // nil if the descriptor does not list the type
	rank  int
	n     int
	start time.Time
	rng   *rand.Rand
	crash *Crash // planned for this rank, or nil

	timers  timers
	out     outbox
	frame   frameStart // the frame a FrameSender send is writing
	shared  counters   // nil when the algorithm has no shared counters
	nShared int

	step    int64 // causal step: the largest step delivered here
	events  int   // events handled, for Crash.AfterEvents
	haltReq bool  // Halt was called in the current handler
	halted  bool
	crashed bool
	failure string  // the first failure of this rank, "" if none
	cur     current // what the rank is doing, for failure messages
	ending  bool    // the run is ending: no more handlers

	outputs []runtime.Output
	stats   stats
	crashAt time.Duration // when the crash happened, for the result's faults
	strings wire.Strings  // the strings of received messages, decoded once

	// Termination counters: frames posted to MPI and frames taken off the
	// wire, whatever became of them.
	wireSent, wireRecv int64
}

// WireStrings is the rank's memory of received strings
// (wire.StringsOwner): one per rank, where a channel-backend process
// would pay it a hundred thousand times over.
func (nd *node) WireStrings() *wire.Strings { return &nd.strings }

func newNode(d *runtime.Descriptor, p runtime.Process, rank, n int, seed int64, crash *Crash) *node {
	nd := &node{
		d:       d,
		proc:    p,
		rank:    rank,
		n:       n,
		rng:     runtime.NewRand(seed, rank),
		crash:   crash,
		outputs: []runtime.Output{},
	}
	nd.wire, _ = p.(runtime.WireHandler)
	for i := range d.Processes {
		if d.Processes[i].Name == p.TypeName() {
			nd.info = &d.Processes[i]
		}
	}
	return nd
}

// now is the time since the run started on this rank.
func (nd *node) now() time.Duration { return time.Since(nd.start) }

// live reports whether the process still handles events.
func (nd *node) live() bool {
	return !nd.halted && !nd.crashed && nd.failure == "" && !nd.ending
}

// busy reports whether the rank may still act without receiving anything:
// a timer is armed or a send is not yet posted. Termination needs every
// rank not busy.
func (nd *node) busy() bool {
	return (nd.live() && nd.timers.armed > 0) || nd.out.pending() > 0
}

// fail records the first failure of this rank; the process handles
// nothing more and the run ends with an error at the next wave.
func (nd *node) fail(msg string) {
	if nd.failure == "" {
		nd.failure = msg
	}
}

// checkCrash crashes the process if its time has come.
func (nd *node) checkCrash(now time.Duration) {
	c := nd.crash
	if c == nil || nd.crashed {
		return
	}
	if (c.AfterEvents > 0 && nd.events >= c.AfterEvents) || (c.AfterEvents <= 0 && now >= c.After) {
		nd.crashed, nd.crashAt = true, nd.now()
		nd.timers.clear()
	}
}

// startEvent delivers the start event.
func (nd *node) startEvent() {
	nd.checkCrash(nd.now())
	if nd.live() {
		nd.dispatch(event{kind: evStart})
	}
}

// deliver handles one frame received from rank src (see deliverBatch).
func (nd *node) deliver(src int, frame []byte) {
	nd.deliverBatch(1, func(int) (int, []byte) { return src, frame })
}

// deliverBatch handles n frames, frame(i) giving the i-th and its sender.
// A decoder or handler that panics fails the rank, as in dispatch, but the
// panic is recovered once per batch rather than once per message: a
// deferred recover per message was ~20% of the Go side of a message. The
// frames after a panic are still taken (and counted, for termination).
func (nd *node) deliverBatch(n int, frame func(int) (int, []byte)) {
	for i := 0; i < n; {
		i = nd.deliverFrom(i, n, frame)
	}
}

// deliverFrom handles frames i.. of a batch and returns where it stopped:
// n, or the frame after one that panicked.
func (nd *node) deliverFrom(i, n int, frame func(int) (int, []byte)) (next int) {
	defer func() {
		if v := recover(); v != nil {
			nd.recovered(v)
			next = i + 1
		}
	}()
	for ; i < n; i++ {
		nd.take(frame(i))
	}
	return n
}

// take handles one frame from rank src, unguarded (see deliverBatch). A
// frame that does not decode fails the run with the sender named; a frame
// for a process that no longer handles events is dropped, as the channel
// backend drops messages to halted processes.
func (nd *node) take(src int, frame []byte) {
	nd.wireRecv++
	if nd.crash != nil {
		nd.checkCrash(nd.now())
	}
	if !nd.live() {
		return
	}
	step, hdr := binary.Uvarint(frame)
	if hdr <= 0 {
		nd.fail(fmt.Sprintf("%s: malformed message from rank %d: bad step header", nd.who(), src))
		return
	}
	nd.cur.decoding, nd.cur.from, nd.cur.size = true, src, len(frame)-hdr
	kind, payload, err := wire.Frame(frame[hdr:])
	if err == nil && nd.wire != nil {
		nd.takeWire(src, step, kind, payload, len(frame)-hdr)
		return
	}
	var m runtime.Message
	if err == nil {
		m, err = nd.d.Decode(kind, payload)
	}
	if err != nil {
		nd.malformed(src, len(frame)-hdr, err)
		return
	}
	nd.stats.received++
	nd.stats.receivedBytes += int64(len(frame) - hdr)
	nd.step = max(nd.step, int64(step))
	// Field by field, and the handler called directly rather than through
	// an event and handle: 40 instructions fewer per message than storing
	// a whole current.
	nd.cur.decoding, nd.cur.msg = false, m
	nd.proc.Handle(nd, src, m)
	nd.handled()
}

// takeWire is take for a process that decodes its messages itself
// (runtime.WireHandler), into a local value rather than a message
// allocated per frame. The step and counters are those of a message
// handled, set before the handler runs as its sends need the step, and
// taken back if the payload turns out not to decode.
func (nd *node) takeWire(src int, step uint64, kind int, payload []byte, size int) {
	prevStep := nd.step
	nd.stats.received++
	nd.stats.receivedBytes += int64(size)
	nd.step = max(nd.step, int64(step))
	// Generated decoders never panic: a panic from here on is the handler's.
	nd.cur.decoding, nd.cur.msg, nd.cur.kind = false, nil, kind
	if err := nd.wire.HandleWire(nd, src, kind, payload); err != nil {
		nd.stats.received--
		nd.stats.receivedBytes -= int64(size)
		nd.step = prevStep
		nd.malformed(src, size, err)
		return
	}
	nd.handled()
}

// malformed fails the rank for a frame of size bytes from rank src that
// does not decode.
func (nd *node) malformed(src, size int, err error) {
	nd.fail(fmt.Sprintf("%s: malformed message from rank %d (%d bytes): %v", nd.who(), src, size, err))
}

// current is what the rank is doing, for the failure message of a panic
// recovered by deliverFrom.
type current struct {
	decoding   bool // in a decoder, of a frame of size bytes from rank from
	from, size int
	msg        runtime.Message // else handling msg from rank from
	kind       int             // or, if msg is nil, a message of this kind
}

// recovered records the failure of a panic with value v in what nd.cur
// says the rank was doing. Generated decoders return errors on bad input,
// but bytes from the network must never crash a rank, so a panicking one
// is a malformed message too.
func (nd *node) recovered(v any) {
	c := nd.cur
	if c.decoding {
		nd.fail(fmt.Sprintf("%s: malformed message from rank %d (%d bytes): decoder panicked: %v", nd.who(), c.from, c.size, v))
		return
	}
	nd.handlerFailed(event{kind: evMessage, from: c.from, msg: c.msg, msgKind: c.kind}, v)
}

// fireDue runs the handlers of the timers due at now and reports how many
// fired. It stops after a bounded number so that a burst of timers cannot
// starve the network.
func (nd *node) fireDue(now time.Duration) int {
	fired := 0
	for fired < 64 && nd.live() {
		if nd.crash != nil {
			nd.checkCrash(now)
		}
		t, ok := nd.timers.due(now)
		if !ok || !nd.live() {
			break
		}
		nd.dispatch(event{kind: evTimer, timer: t})
		fired++
	}
	return fired
}

type eventKind uint8

const (
	evStart eventKind = iota
	evMessage
	evTimer
)

type event struct {
	kind    eventKind
	from    int
	msg     runtime.Message
	msgKind int // the message's kind when msg is nil (see takeWire)
	timer   int
}

// dispatch runs the handler of ev, recovering a panic in it (see
// handlerFailed).
func (nd *node) dispatch(ev event) {
	defer func() {
		if v := recover(); v != nil {
			nd.handlerFailed(ev, v)
		}
	}()
	nd.handle(ev)
}

// handle runs the handler of ev, unguarded, and what follows it.
func (nd *node) handle(ev event) {
	switch ev.kind {
	case evStart:
		nd.proc.Start(nd)
	case evMessage:
		nd.proc.Handle(nd, ev.from, ev.msg)
	case evTimer:
		nd.proc.Fire(nd, ev.timer)
	}
	nd.handled()
}

// handled follows every handler: it counts the event and carries out a
// Halt or a crash planned after it.
func (nd *node) handled() {
	nd.events++
	if nd.haltReq {
		nd.halted = true
		nd.timers.clear()
	}
	if nd.crash != nil && nd.crash.AfterEvents > 0 {
		nd.checkCrash(0)
	}
}

// handlerFailed makes a panic with value v in the handler of ev this
// rank's failure, worded as the channel backend words it: the process,
// the event, the panic value and where in the algorithm.
func (nd *node) handlerFailed(ev event, v any) {
	msg := fmt.Sprintf("%s: %s: %v", nd.who(), nd.describe(ev), v)
	if site := runtime.FaultSite(nd.proc); site != "" {
		msg += " (at " + site + ")"
	}
	nd.fail(msg)
}

// who names the process in error messages.
func (nd *node) who() string {
	return fmt.Sprintf("process %d (%s)", nd.rank, nd.proc.TypeName())
}

// describe names the event being handled, for error messages.
func (nd *node) describe(ev event) string {
	switch ev.kind {
	case evStart:
		return "handling start"
	case evMessage:
		name := nd.kindName(ev.msgKind)
		if ev.msg != nil {
			name = ev.msg.KindName()
		}
		return fmt.Sprintf("handling %s from %d", name, ev.from)
	}
	if nd.info != nil && ev.timer >= 0 && ev.timer < len(nd.info.Timers) {
		return "handling timer " + nd.info.Timers[ev.timer]
	}
	return fmt.Sprintf("handling timer %d", ev.timer)
}
