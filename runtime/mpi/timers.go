package mpi

import "time"

// timers are one process's timers: real deadlines kept in a min-heap that
// the event loop checks between polls, so no goroutine or time.Timer is
// involved. A cancelled or re-armed timer leaves its old heap entry behind;
// the entry's generation no longer matches and it is skipped when reached.
type timers struct {
	state []timerState // indexed by timer number
	heap  []timerEntry
	armed int // timers currently armed
}

type timerState struct {
	gen      uint64
	period   time.Duration
	periodic bool
	armed    bool
}

type timerEntry struct {
	at    time.Duration // since the start of the run
	timer int
	gen   uint64
}

// set (re-)arms timer to fire at now+d, and every d after if periodic.
func (t *timers) set(timer int, now, d time.Duration, periodic bool) {
	for timer >= len(t.state) {
		t.state = append(t.state, timerState{})
	}
	s := &t.state[timer]
	if !s.armed {
		t.armed++
	}
	s.gen++
	s.armed, s.period, s.periodic = true, d, periodic
	t.push(timerEntry{at: now + max(d, 0), timer: timer, gen: s.gen})
}

// cancel disarms timer; a timer never armed is ignored.
func (t *timers) cancel(timer int) {
	if timer < 0 || timer >= len(t.state) || !t.state[timer].armed {
		return
	}
	t.state[timer].armed = false
	t.state[timer].gen++
	t.armed--
}

// clear disarms every timer.
func (t *timers) clear() {
	for i := range t.state {
		t.cancel(i)
	}
	t.heap = t.heap[:0]
}

// next returns the earliest deadline of an armed timer.
func (t *timers) next() (time.Duration, bool) {
	for len(t.heap) > 0 {
		e := t.heap[0]
		if s := &t.state[e.timer]; s.armed && s.gen == e.gen {
			return e.at, true
		}
		t.pop()
	}
	return 0, false
}

// due returns a timer whose deadline has passed at now, and disarms it or,
// if periodic, re-arms it for now+period before its handler runs (so the
// handler may cancel or re-arm it), as the channel backend does.
func (t *timers) due(now time.Duration) (int, bool) {
	at, ok := t.next()
	if !ok || at > now {
		return 0, false
	}
	e := t.pop()
	s := &t.state[e.timer]
	if s.periodic {
		s.gen++
		// A zero period would fire on every poll and starve the loop.
		t.push(timerEntry{at: now + max(s.period, time.Microsecond), timer: e.timer, gen: s.gen})
	} else {
		s.armed = false
		t.armed--
	}
	return e.timer, true
}

func (t *timers) push(e timerEntry) {
	t.heap = append(t.heap, e)
	for i := len(t.heap) - 1; i > 0; {
		p := (i - 1) / 2
		if t.heap[p].at <= t.heap[i].at {
			break
		}
		t.heap[p], t.heap[i] = t.heap[i], t.heap[p]
		i = p
	}
}

func (t *timers) pop() timerEntry {
	h := t.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		c := 2*i + 1
		if c >= len(h) {
			break
		}
		if c+1 < len(h) && h[c+1].at < h[c].at {
			c++
		}
		if h[i].at <= h[c].at {
			break
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
	t.heap = h
	return top
}
