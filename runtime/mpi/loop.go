//go:build mpi

package mpi

import (
	"context"
	goruntime "runtime"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Idle policy: after at least spinPolls polls and spinFor since its last
// work with nothing to do, the loop naps, from minNap doubling up to
// maxNap, cutting an idle rank's CPU use from 100% to a few percent at the
// price of up to maxNap more latency after a quiet spell.
//
// spinFor must exceed maxNap: two ranks exchanging messages otherwise fall
// into a coupled backoff where each waits longer for the other's napping
// reply than it spins, so both keep napping. Measured with a ping-pong
// here: a 300-poll spin (~50µs) gave 36–105µs one-way instead of 1.3µs;
// spinFor = 1ms still fell in now and then; 2ms never did.
//
// Variables, not constants, so that the benchmarks can try other settings.
var (
	spinPolls = 300
	spinFor   = 2 * time.Millisecond
	minNap    = 10 * time.Microsecond
	maxNap    = time.Millisecond
)

// ownerNap is the longest nap of rank 0 when it holds shared counters:
// with one-sided components that need the target's progress (osc/pt2pt,
// as across hosts) every operation waits for rank 0's next poll, which
// the usual 1ms naps made 1.1–1.3ms per fetch_add.
var ownerNap = 20 * time.Microsecond

// waveGap is how often a rank that has work joins a termination wave. A
// rank that has had nothing to do for idleJoin joins at once, so that the
// end is detected quickly (a Paxos instance ends ~0.1ms after its last
// message rather than ~1ms), while a busy one (or one merely waiting for
// a reply) does not pay for collectives on every poll.
var (
	waveGap  = 500 * time.Microsecond
	idleJoin = 20 * time.Microsecond
)

// spinSlice is the longest a poll waits inside C for a message (see
// dsac_poll): waiting there costs one MPI_Test per turn, where a turn of
// this loop costs a cgo call and a clock reading more.
var spinSlice = 50 * time.Microsecond

// schedEvery is how often the loop passes through Go's scheduler
// (runtime.Gosched). The loop's goroutine never blocks in Go, so without
// this the scheduler sees one goroutine running for ever: every 10ms
// sysmon preempts it (a signal, and the P taken from the cgo call it is
// in), and each such retake puts sysmon back to waking every 20µs, ~4,000
// times a second per rank, each a context switch on a machine whose cores
// the ranks already share. Yielding before those 10ms keeps sysmon asleep.
// A Gosched on a locked thread hands the P to another thread and back,
// so it is not cheap: measured on all-to-all, 8 ranks on 2 cores, every
// 0.5ms 1.3–1.6M msgs/s, 2ms 1.4–2.0M, 8ms 2.3–2.4M, never 1.3–1.4M.
var schedEvery = 8 * time.Millisecond

// loop is one rank's event loop. It runs on the goroutine that owns MPI.
type loop struct {
	nd       *node
	p        *poller
	ctx      context.Context
	deadline time.Duration
	maxNap   time.Duration

	lastWork   time.Duration // -1 after a turn that did not read the clock
	expired    bool          // deadline passed or context cancelled, on this rank
	waveActive bool
	lastJoin   time.Duration
	prev       *wave
	end        runtime.EndReason // decided; "" while the run goes on
	endAt      time.Duration
	lastSched  time.Duration // last pass through the Go scheduler
	wd         *watchdog
}

// run drives the rank from its start event to the end of the run, which
// every rank reaches at the same wave; when it returns no message of the
// run is in flight any more.
func (l *loop) run() {
	nd := l.nd
	nd.startEvent()
	idle, nap := 0, minNap
	now := nd.now()
	for iter := 0; ; iter++ {
		l.wd.turn()
		// now is read once per turn, after the poll: a wave is joined on
		// the previous turn's time, which is at most one poll old.
		var join *wave
		quiet := idle > 0 && now-l.lastWork >= idleJoin
		if !l.waveActive && (l.end != "" || quiet || now-l.lastJoin >= waveGap) {
			w := nd.contribution(l.expired)
			join, l.waveActive, l.lastJoin = &w, true, now
		}
		// Wait in C for the next message while nothing else is due: not
		// past the next timer or the deadline.
		spin := spinSlice
		if nd.timers.armed > 0 && nd.live() {
			if at, ok := nd.timers.next(); ok {
				spin = min(spin, at-now)
			}
		}
		if !l.expired {
			spin = min(spin, l.deadline-now)
		}
		r := l.p.poll(nd.out.buf, nd.out.unposted(), join, spin)
		nd.wireSent += int64(r.posted)
		nd.out.posted(r.posted)

		if r.received > 0 {
			nd.deliverBatch(r.received, l.p.frame)
		}

		// Reading the clock is ~20% of the Go side of a message here (a
		// vDSO call in a VM): a turn that moved messages and has no timer
		// armed reads it only every 8th time. Its now is then at most 8
		// turns old, which is fine for the deadline, the waves and the
		// scheduler pass; lastWork is set at the next reading instead.
		busy := r.posted > 0 || r.received > 0 || r.need > 0 || nd.out.pending() > 0
		fresh := !busy || iter&7 == 0 || nd.timers.armed > 0 || r.waveDone
		if fresh {
			now = nd.now()
			if l.lastWork < 0 {
				l.lastWork = now
			}
		}
		if now-l.lastSched >= schedEvery {
			l.lastSched = now
			goruntime.Gosched() // see schedEvery
		}
		fired := 0
		if l.end == "" {
			if nd.timers.armed > 0 || nd.crash != nil { // else nothing can be due
				fired = nd.fireDue(now)
			}
			if !l.expired && (now >= l.deadline || ((idle > 0 || iter&255 == 0) && l.ctx.Err() != nil)) {
				l.expired = true
				nd.ending = true // stop handling; the next wave ends the run
			}
		}

		if r.waveDone {
			// Busy ranks join the next wave waveGap after this one ended
			// rather than after they joined it: every rank sees the end at
			// about the same time, so they join the next one together and
			// it is pending (and progressed on every MPI call) only
			// briefly, instead of for the gap between the first and the
			// last rank's joining, on average half of waveGap.
			l.waveActive, l.lastJoin = false, now
			if l.onWave(l.p.wave, now) {
				return
			}
		}

		if busy || fired > 0 {
			idle, nap, l.lastWork = 0, minNap, now
			if !fresh {
				l.lastWork = -1 // now, at the next reading of the clock
			}
			continue
		}
		idle++
		if idle < spinPolls || now-l.lastWork < spinFor || l.end != "" {
			continue
		}
		sleep := min(nap, l.maxNap)
		if at, ok := nd.timers.next(); ok && nd.live() {
			sleep = min(sleep, max(at-now, 0))
		}
		if !l.expired {
			sleep = min(sleep, max(l.deadline-now, 0))
		}
		if sleep > 0 {
			mpiNap(sleep)
		}
		nap = min(2*nap, l.maxNap)
	}
}

// onWave acts on the sums of a completed wave and reports whether the run
// is over. Before the decision it asks decide; after, it waits for a wave
// (joined after the decision, so no rank sends any more) showing every
// posted frame received: then no send of the run is still pending.
// Quiescence needs no such wave: the decision itself says that nothing
// was in flight and no rank can ever send again (see decide).
func (l *loop) onWave(w wave, now time.Duration) bool {
	if l.end != "" {
		return w[wSent] == w[wRecv]
	}
	if end, ok := decide(l.prev, w, l.nd.n); ok {
		l.end, l.endAt = end, now
		l.nd.ending = true
		l.nd.out.discard() // sends not yet posted never happen
		return end == runtime.EndQuiescent
	}
	l.prev = &w
	return false
}
