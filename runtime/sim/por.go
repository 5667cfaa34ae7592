package sim

import "hash/maphash"

// Partial-order reduction by sleep sets (Godefroid). Two steps of
// different processes commute when the algorithm shares no counters: each
// handler reads and writes only its own process's state, and what they
// send goes to different places in the network (or, for the same
// receiver, to different sender queues; a send never disables a delivery).
// So after exploring step t from a state, a sibling step u need not try t
// again: the state u then t is the state t then u, reached already. The
// steps a state need not try are its sleep set.
//
// Sleep sets prune transitions, never states: every reachable state is
// still visited and checked. With states cached (a state reached a second
// time is not expanded again), the sleep set a state was expanded with
// matters: reached again with a sleep set that lacks some of those steps,
// it is queued again to take just those (Godefroid's condition). Faults
// (loss, duplication, crashes) commute with nothing and never sleep.

// sleeper is a step in a sleep set: its process and its identity (the
// same message, timer or start has the same identity in every state).
type sleeper struct {
	rank int32
	id   uint64
}

// sleepLabel identifies step a in w; ok is false for faults.
func (x *explorer) sleepLabel(w *world, a action) (sleeper, bool) {
	switch a.kind {
	case actDeliver:
		e := w.net[a.env]
		h := maphash.Bytes(x.seed, e.payload)
		h ^= (uint64(e.from)<<32 | uint64(e.kind)<<2 | 1) * 0x9e3779b97f4a7c15
		return sleeper{int32(a.rank), h}, true
	case actFire:
		return sleeper{int32(a.rank), uint64(a.timer)<<2 | 2}, true
	case actStart:
		return sleeper{int32(a.rank), 3}, true
	}
	return sleeper{}, false
}
