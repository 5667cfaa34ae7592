package generated_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
)

// quiet is a Context whose effects cost nothing, to count allocations.
type quiet struct{ sent int }

func (q *quiet) Self() int                             { return 0 }
func (q *quiet) N() int                                { return 5 }
func (q *quiet) Send(int, runtime.Message)             { q.sent++ }
func (q *quiet) Broadcast(to []int, m runtime.Message) { q.sent += len(to) }
func (q *quiet) SetTimer(int, time.Duration, bool)     {}
func (q *quiet) CancelTimer(int)                       {}
func (q *quiet) Output(string, ...any)                 {}
func (q *quiet) Halt()                                 {}
func (q *quiet) Now() time.Duration                    { return 0 }
func (q *quiet) Rand(lo, hi int64) int64               { return lo }

// TestPaxosAwaitCountsDistinctSenders: the proposer's wait for promises
// counts each acceptor once, whatever a duplicating network delivers,
// takes only promises of its ballot, and completes on the majority.
func TestPaxosAwaitCountsDistinctSenders(t *testing.T) {
	inst := newPaxos(t, 5) // one proposer, acceptors 1 .. 4: a majority is 3
	p := inst.Procs[0].(*paxos.Proposer)
	ctx := &quiet{}
	p.Start(ctx)
	p.Fire(ctx, 0) // ballot 5: Prepare to the 4 acceptors, then await
	require.Equal(t, int64(1), p.Await)
	sent := ctx.sent
	p.Handle(ctx, 2, &paxos.Promise{Ballot: 5, AcceptedBallot: -1})
	p.Handle(ctx, 2, &paxos.Promise{Ballot: 5, AcceptedBallot: -1}) // a duplicate
	p.Handle(ctx, 1, &paxos.Promise{Ballot: 4, AcceptedBallot: -1}) // another ballot
	p.Handle(ctx, 3, &paxos.Promise{Ballot: 5, AcceptedBallot: 2, AcceptedValue: 77})
	require.Equal(t, []int64{2, 3}, p.Await1)
	require.Equal(t, sent, ctx.sent, "no quorum yet")
	p.Handle(ctx, 1, &paxos.Promise{Ballot: 5, AcceptedBallot: -1})
	require.Equal(t, sent+4, ctx.sent, "the third acceptor completes the quorum: Accept to all four")
	require.Equal(t, int64(77), p.Proposal, "the value of the highest accepted ballot")
	require.Equal(t, int64(0), p.Await)
	require.Empty(t, p.Await1)
	p.Handle(ctx, 4, &paxos.Promise{Ballot: 5, AcceptedBallot: -1}) // late: no wait pending
	require.Equal(t, sent+4, ctx.sent)
}

// TestPaxosAwaitAllocatesNothingPerDelivery: once its slices have grown,
// registering a wait and collecting promises allocate nothing.
func TestPaxosAwaitAllocatesNothingPerDelivery(t *testing.T) {
	inst := newPaxos(t, 9) // 8 acceptors: a majority is 5
	p := inst.Procs[0].(*paxos.Proposer)
	ctx := &quiet{}
	p.Start(ctx)
	p.Fire(ctx, 0)
	promises := make([]*paxos.Promise, 9)
	for a := range promises {
		promises[a] = &paxos.Promise{Ballot: p.Ballot, AcceptedBallot: -1}
	}
	collect := func() {
		p.Await, p.Await1, p.Await1Messages = 1, p.Await1[:0], p.Await1Messages[:0]
		for a := 4; a >= 1; a-- { // four of five: no completion
			p.Handle(ctx, a, promises[a])
			p.Handle(ctx, a, promises[a])
		}
	}
	collect()
	require.Len(t, p.Await1, 4)
	require.Zero(t, testing.AllocsPerRun(100, collect))
}
