package channel

import (
	"fmt"
	"time"
)

// timerState is one timer of a process. gen numbers the armings: a firing
// that was queued before the timer was cancelled or re-armed carries an old
// generation and is ignored.
type timerState struct {
	t        *time.Timer
	gen      int64
	d        time.Duration
	periodic bool
	armed    bool
}

// arm (re-)arms timer after d. Only the process goroutine calls it, from a
// handler, so the in-flight count cannot drop to zero meanwhile.
func (p *proc) arm(timer int, d time.Duration, periodic bool) {
	if timer < 0 {
		panic(fmt.Errorf("timer %d does not exist", timer))
	}
	for timer >= len(p.timers) {
		p.timers = append(p.timers, timerState{})
	}
	p.disarm(timer)
	r := p.run
	ts := &p.timers[timer]
	ts.gen++
	ts.d, ts.periodic, ts.armed = d, periodic, true
	r.inflight.Add(1)
	r.timerWG.Add(1)
	ev := event{kind: evTimer, from: int32(timer), seq: ts.gen}
	ts.t = time.AfterFunc(d, func() {
		defer r.timerWG.Done()
		p.mb.push(ev)
	})
}

// disarm cancels timer if it is armed. When Stop fails the callback has
// run or is running: its event is (or will be) queued and counted, and
// timerDue will find it stale.
func (p *proc) disarm(timer int) {
	if timer < 0 || timer >= len(p.timers) {
		return
	}
	ts := &p.timers[timer]
	if !ts.armed {
		return
	}
	ts.armed = false
	if ts.t.Stop() {
		p.run.timerWG.Done()
		p.run.dec(1)
	}
}

// disarmAll cancels every timer of the process.
func (p *proc) disarmAll() {
	for i := range p.timers {
		p.disarm(i)
	}
}

// timerDue reports whether a timer event is current (not cancelled or
// superseded since it was queued); a periodic timer is re-armed before its
// handler runs, so the handler may cancel or re-arm it in turn.
func (p *proc) timerDue(ev *event) bool {
	t := int(ev.from)
	if t >= len(p.timers) {
		return false
	}
	ts := &p.timers[t]
	if !ts.armed || ts.gen != ev.seq {
		return false
	}
	ts.armed = false
	if ts.periodic {
		p.arm(t, ts.d, true)
	}
	return true
}
