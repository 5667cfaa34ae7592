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
	outputs []runtime.Output
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
		outputs: []runtime.Output{},
		exited:  make(chan struct{}),
	}
}

// loop is the process goroutine: it drains the mailbox a batch at a time
// and handles each event, until the run stops or the process halts. It
// waits for a token before every drain: a push onto the queue it emptied
// leaves one, so there is no need to lock the mailbox to see it is empty.
func (p *proc) loop() {
	defer close(p.exited)
	r := p.run
	var batch []event
	for {
		<-p.mb.notify
		if r.stopped.Load() {
			return
		}
		batch = p.mb.swap(batch[:0])
		for i := range batch {
			if r.stopped.Load() {
				return
			}
			if !p.dispatch(&batch[i]) {
				return // the handler failed and ended the run
			}
			if p.haltReq {
				p.halt(len(batch) - i - 1)
				return
			}
			p.flush(1)
		}
		clear(batch) // drop the references to handled messages
	}
}

// flush retires the handled event(s) and delivers the messages the
// handler sent. Sends are buffered until the handler returns so that one
// atomic add both counts them and retires the event: the count of what is
// in flight goes up before any of them can be handled and go down again.
func (p *proc) flush(retire int64) {
	r := p.run
	if r.inflight.Add(int64(len(p.out))-retire) == 0 {
		r.finish(runtime.EndQuiescent, "") // nothing sent, nothing left
	}
	for i := range p.out {
		o := &p.out[i]
		if !r.procs[o.to].mb.push(o.ev) { // a halted process drops it
			r.dec(1)
		}
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
		p.step = max(p.step, ev.step)
		p.proc.Handle(p, int(ev.from), ev.msg)
	case evTimer:
		if p.timerDue(ev) {
			p.proc.Fire(p, int(ev.timer))
		}
	}
	return true
}

// halt stops the process after the handler that asked for it: its timers
// are disarmed and what is still queued (pending events of the current
// batch, the mailbox) is dropped, as is everything sent to it later.
func (p *proc) halt(pending int) {
	r := p.run
	p.halted = true
	p.disarmAll()
	dropped := int64(pending + len(p.mb.close()))
	// Count the halt before retiring this event, so that the last process
	// to halt ends the run as halted rather than quiescent.
	if int(r.halted.Add(1)) == r.n {
		r.finish(runtime.EndHalted, "")
	}
	p.flush(dropped + 1)
}

// describe names the event being handled, for error messages.
func (p *proc) describe(ev *event) string {
	switch ev.kind {
	case evStart:
		return "handling start"
	case evMessage:
		return fmt.Sprintf("handling %s from %d", ev.msg.KindName(), ev.from)
	default:
		return "handling timer " + p.timerName(int(ev.timer))
	}
}

// timerName is the spec's name of timer t, or its number if unknown.
func (p *proc) timerName(t int) string {
	if p.info != nil && t >= 0 && t < len(p.info.Timers) {
		return p.info.Timers[t]
	}
	return fmt.Sprint(t)
}
