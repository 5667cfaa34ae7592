package generated_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/counter"
	"github.com/dsac-lang/dsac/generated/lamport"
	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/generated/vector"
	"github.com/dsac-lang/dsac/runtime"
)

// Symmetry reduction's contract (runtime.RankPermuter) as the generated
// code implements it.

func set(xs ...int64) runtime.Set[int64] {
	s := runtime.Set[int64]{}
	for _, x := range xs {
		s.Add(x)
	}
	return s
}

// swap24 exchanges acceptors 2 and 4 of a run on 5 ranks.
var swap24 = []int{0, 1, 4, 3, 2}

func TestPaxosProposerPermutesAcceptorRanks(t *testing.T) {
	require.True(t, paxos.Descriptor.Permutable)
	inst := newPaxos(t, 5)
	p := inst.Procs[0].(*paxos.Proposer)
	p.Ballot, p.Proposal = 2, 2 // ballots and values that look like ranks
	// A pending await of promises from acceptors 2 and 3.
	p.Await = 1
	p.Await1 = []int64{2, 3}
	p.Await1Messages = []paxos.Promise{{Ballot: 2, AcceptedBallot: 4, AcceptedValue: 2}, {Ballot: 2, AcceptedBallot: -1}}
	pending := p.Await1
	p.Votes = map[int64]runtime.Set[int64]{2: set(4), 3: set(1, 2)}
	shared := p.Votes[3]
	p.PermuteRanks(swap24)
	// The senders counted move, their messages with them, and stay sorted.
	require.Equal(t, []int64{3, 4}, p.Await1)
	require.Equal(t, []paxos.Promise{{Ballot: 2, AcceptedBallot: -1}, {Ballot: 2, AcceptedBallot: 4, AcceptedValue: 2}}, p.Await1Messages)
	require.Equal(t, int64(1), p.Await)
	// The keys are ballots, not ranks: only the acceptors in the sets move.
	require.Equal(t, map[int64]runtime.Set[int64]{2: set(2), 3: set(1, 4)}, p.Votes)
	require.Equal(t, []int64{2, 2}, []int64{p.Ballot, p.Proposal})
	require.Equal(t, set(1, 2), shared, "PermuteRanks writes into no collection it replaces")
	require.Equal(t, []int64{2, 3}, pending)
	require.True(t, strings.HasPrefix(p.String(), "Proposer 0 "), "self is not permuted: %s", p)
}

func TestPaxosMessagesAndAcceptorsHoldNoRanks(t *testing.T) {
	msgs := []runtime.Message{
		&paxos.Prepare{Ballot: 2},
		&paxos.Promise{Ballot: 2, AcceptedBallot: 4, AcceptedValue: 2},
		&paxos.Accept{Ballot: 4, Value: 2},
		&paxos.Accepted{Ballot: 4, Value: 4},
	}
	require.Len(t, msgs, len(paxos.Descriptor.Messages))
	for _, m := range msgs {
		before := runtime.Show(m)
		rp, ok := m.(runtime.RankPermuter)
		require.True(t, ok, "%T", m)
		rp.PermuteRanks(swap24)
		require.Equal(t, before, runtime.Show(m), "ballots and values are not ranks")
	}
	inst := newPaxos(t, 5)
	for r, p := range inst.Procs {
		rp, ok := p.(runtime.RankPermuter)
		require.True(t, ok, "rank %d: %T", r, p)
		if a, ok := p.(*paxos.Acceptor); ok {
			a.Promised, a.AcceptedBallot, a.AcceptedValue = 2, 4, 3
			rp.PermuteRanks(swap24)
			require.Equal(t, []int64{2, 4, 3}, []int64{a.Promised, a.AcceptedBallot, a.AcceptedValue})
		}
	}
}

func TestCounterLeaderHoldsRanks(t *testing.T) {
	d := counter.Descriptor
	require.True(t, d.Permutable)
	require.Equal(t, []runtime.SharedInfo{
		{Name: "hits", Kind: "counter", Initial: "0"},
		{Name: "leader", Kind: "counter", Initial: "-1", HoldsRanks: true}, // compare_and_swap(-1, self)
	}, d.Shared)
	inst, err := d.New(runtime.Config{N: 5})
	require.NoError(t, err)
	node := inst.Procs[1].(*counter.Node)
	node.Tickets = []int64{2, 4}
	node.PermuteRanks(swap24)
	require.Equal(t, []int64{2, 4}, node.Tickets, "tickets come from fetch_add: not ranks")
}

func TestNoPermutationWithoutSymmetry(t *testing.T) {
	for _, d := range []*runtime.Descriptor{lamport.Descriptor, vector.Descriptor} {
		require.False(t, d.Permutable, d.Name)
		inst, err := d.New(runtime.Config{N: 3})
		require.NoError(t, err)
		_, ok := inst.Procs[0].(runtime.RankPermuter)
		require.False(t, ok, "%s: %T", d.Name, inst.Procs[0])
	}
}

func TestPermuteRank(t *testing.T) {
	perm := []int{2, 0, 1}
	for v, want := range map[int64]int64{-1: -1, 0: 2, 1: 0, 2: 1, 3: 3, 100: 100} {
		require.Equal(t, want, runtime.PermuteRank(perm, v), "%d", v)
	}
}
