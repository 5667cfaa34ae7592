package mpi

import "github.com/dsac-lang/dsac/runtime"

// A wave is one rank's contribution to a termination round, and once the
// round completes (an MPI_Iallreduce with MPI_SUM) the sum over all ranks.
// Its length must match DSAC_NV on the C side.
type wave [waveLen]int64

const (
	wSent    = iota // frames posted to MPI
	wRecv           // frames taken off the wire
	wBusy           // 1 if a timer is armed or a send is not yet posted
	wHalted         // 1 if the process halted
	wFailed         // 1 if the rank failed (a handler panicked, a frame did not decode)
	wExpired        // 1 if the rank's deadline passed or its context was cancelled
	waveLen
)

// contribution is the rank's state for the next wave, sampled right
// before it joins: the C side joins the wave before it posts or receives
// anything more, so the counts are exact at the moment of joining.
func (nd *node) contribution(expired bool) wave {
	var w wave
	w[wSent], w[wRecv] = nd.wireSent, nd.wireRecv
	w[wBusy] = b2i(nd.busy())
	w[wHalted] = b2i(nd.halted)
	w[wFailed] = b2i(nd.failure != "")
	w[wExpired] = b2i(expired)
	return w
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// decide returns how the run ends, given the sums of the wave that just
// completed and of the one before it (if any), or false to go on. Every
// rank calls it with the same sums and so decides alike.
//
// Quiescence is Mattern's four-counter test. Let S1, R1 be the sums of
// sent and received of the previous wave and S2, R2 of this one, each
// rank's counts being sampled when it joined. No rank joins this wave
// before the previous one completed, so there is a moment t after every
// rank joined the previous wave and before any joined this one; counts
// only grow, so R1 <= R(t) and S(t) <= S2. If S1 = R1 = S2 = R2 then
// R(t) >= S(t): nothing was in flight at t, and nothing was sent or
// received between t and each rank's joining of this wave. If moreover no
// rank was busy (no armed timer, no unposted send) when it joined this
// wave, no rank can ever act again: a process acts only on a message or a
// timer.
func decide(prev *wave, cur wave, n int) (runtime.EndReason, bool) {
	switch {
	case cur[wFailed] > 0:
		return runtime.EndError, true
	case cur[wHalted] == int64(n):
		return runtime.EndHalted, true
	case cur[wExpired] > 0:
		// Before quiescence: a rank past its deadline stops handling and
		// so looks idle, which must not pass for quiescence.
		return runtime.EndTimeout, true
	case prev != nil && cur[wBusy] == 0 && cur[wSent] == cur[wRecv] &&
		prev[wSent] == cur[wSent] && prev[wRecv] == cur[wRecv]:
		return runtime.EndQuiescent, true
	}
	return "", false
}
