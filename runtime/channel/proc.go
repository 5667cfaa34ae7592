package channel

import (
	"fmt"
	"math/rand/v2"

	"github.com/dsac-lang/dsac/runtime"
)

// proc is one rank: its process, its mailbox, and everything only its own
// goroutine touches (timers, counters, outputs), so the hot path shares
// nothing but the mailboxes and the in-flight counter. It is also the
// runtime.Context its handlers see.
type proc struct {
	run     *run
	mb      *mailbox
	proc    runtime.Process
	info    *runtime.ProcessInfo // nil if the descriptor does not list the type
	rank    int
	n       int
	rng     *rand.Rand
	timers  []timerState // indexed by timer number
	scratch []byte       // reused to size the frames of sent messages
	out     []outgoing   // messages sent by the current handler
	step    int64        // causal step: the largest step delivered here
	haltReq bool         // Halt was called in the current handler
	halted  bool
	outputs outputLog
	stats   procStats
	exited  chan struct{}
}

// outgoing is a message sent by a handler, delivered when it returns.
type outgoing struct {
	ev event
	to int
}

func newProc(r *run, rank int, p runtime.Process, info *runtime.ProcessInfo, seed int64) *proc {
	return &proc{
		run:     r,
		mb:      newMailbox(),
		proc:    p,
		info:    info,
		rank:    rank,
		n:       r.n,
		rng:     runtime.NewRand(seed, rank),
		scratch: make([]byte, 0, 64),
		exited:  make(chan struct{}),
	}
}

// loop is the process goroutine: it handles the events of its mailbox,
// channel first, then the overflow, until the run stops. A halted process
// keeps draining its mailbox (dropping what comes), so that what is sent
// to it is retired and the run can still be found quiescent.
func (p *proc) loop() {
	defer close(p.exited)
	var batch []event
	for {
		batch = p.mb.receive(batch[:0])
		for i := range batch {
			if !p.handle(&batch[i]) {
				return
			}
		}
		if len(batch) > 1 {
			clear(batch) // drop the references to handled messages
		} // (a single one is overwritten by the next event)
	}
}

// handle handles one event and reports whether to go on: false once the
// run has stopped or the handler failed (which stops it).
func (p *proc) handle(ev *event) bool {
	r := p.run
	if r.stopped.Load() {
		return false
	}
	if ev.kind == evWake {
		return true
	}
	if p.halted {
		r.dec(1)
		return true
	}
	if !p.dispatch(ev) {
		return false
	}
	if p.haltReq {
		p.halt()
	} else {
		p.flush()
	}
	return true
}

// flush retires the event just handled and delivers the messages its
// handler sent. Sends are buffered until the handler returns so that one
// atomic add both counts them and retires the event: the count of what is
// in flight goes up before any of them can be handled and go down again.
func (p *proc) flush() {
	r := p.run
	if r.inflight.Add(int64(len(p.out))-1) == 0 {
		r.finish(runtime.EndQuiescent, "") // nothing sent, nothing left
	}
	for i := range p.out {
		o := &p.out[i]
		r.procs[o.to].mb.push(o.ev)
		o.ev.msg = nil
	}
	p.out = p.out[:0]
}

// dispatch runs the handler for ev and reports false if it panicked, in
// which case the run has been ended with the panic as its error.
func (p *proc) dispatch(ev *event) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			p.run.finish(runtime.EndError, p.faultMessage(ev, v))
			ok = false
		}
	}()
	switch ev.kind {
	case evStart:
		p.proc.Start(p)
	case evMessage:
		p.stats.received++
		p.stats.receivedBytes += int64(ev.size)
		p.step = max(p.step, ev.seq)
		p.proc.Handle(p, int(ev.from), ev.msg)
	case evTimer:
		if p.timerDue(ev) {
			p.proc.Fire(p, int(ev.from))
		}
	}
	return true
}

// halt stops the process after the handler that asked for it: its timers
// are disarmed, and from now on loop drops its events.
func (p *proc) halt() {
	r := p.run
	p.halted = true
	p.disarmAll()
	// Count the halt before retiring this event, so that the last process
	// to halt ends the run as halted rather than quiescent.
	if int(r.halted.Add(1)) == r.n {
		r.finish(runtime.EndHalted, "")
	}
	p.flush()
}

// describe names the event being handled, for error messages.
func (p *proc) describe(ev *event) string {
	switch ev.kind {
	case evStart:
		return "handling start"
	case evMessage:
		return fmt.Sprintf("handling %s from %d", ev.msg.KindName(), ev.from)
	default:
		return "handling timer " + p.timerName(int(ev.from))
	}
}

// timerName is the spec's name of timer t, or its number if unknown.
func (p *proc) timerName(t int) string {
	if p.info != nil && t >= 0 && t < len(p.info.Timers) {
		return p.info.Timers[t]
	}
	return fmt.Sprint(t)
}
