package sim

import (
	"bytes"
	"fmt"
)

// stepOf writes down action a, about to be taken in w, as a schedule step;
// the values random() returns are added once the step has run.
func (w *world) stepOf(a action) Step {
	st := Step{Kind: a.kind, Rank: a.rank, At: w.now, Why: a.why}
	switch a.kind {
	case actDeliver, actDrop, actDup:
		e := w.net[a.env]
		st.From, st.Rank, st.Msg, st.Payload = e.from, e.to, w.kindName(e.kind), e.payload
	case actFire:
		st.Timer = w.timerName(a.rank, a.timer)
	}
	return st
}

// resolve finds the action a schedule step stands for in w: the oldest
// message in flight that matches it, the timer of that name.
func (w *world) resolve(st Step) (action, error) {
	a := action{kind: st.Kind, rank: st.Rank, from: st.From, why: st.Why}
	if st.Rank < 0 || st.Rank >= w.n {
		return a, fmt.Errorf("rank %d is outside 0..%d", st.Rank, w.n-1)
	}
	switch st.Kind {
	case actDeliver, actDrop, actDup:
		kind := kindOf(w.d, st.Msg)
		for i, e := range w.net {
			if e.from == st.From && e.to == st.Rank && e.kind == kind && bytes.Equal(e.payload, st.Payload) {
				a.env = i
				return a, nil
			}
		}
		return a, fmt.Errorf("no %s from %d to %d in flight", st.Msg, st.From, st.Rank)
	case actFire:
		a.timer = w.timerOf(st.Rank, st.Timer)
		if a.timer < 0 {
			return a, fmt.Errorf("p%d has no timer %s", st.Rank, st.Timer)
		}
	}
	return a, nil
}

// discardDead removes the messages in flight to processes that halted or
// crashed: nobody will take them. Called after every step, on every kind
// of run, so that replays and searches see the same network.
func (w *world) discardDead() {
	dead := false
	for i := range w.ranks {
		if w.ranks[i].halted || w.ranks[i].crashed {
			dead = true
			break
		}
	}
	if !dead {
		return
	}
	kept := w.net[:0]
	for _, e := range w.net {
		r := &w.ranks[e.to]
		if r.halted || r.crashed {
			continue
		}
		kept = append(kept, e)
	}
	clear(w.net[len(kept):])
	w.net = kept
}
