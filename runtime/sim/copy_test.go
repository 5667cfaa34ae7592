package sim_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
)

// TestCopyStateForSharesUnmentioned: the copy made for a step of Paxos's
// Accepted handler copies votes (which the handler changes) and shares
// the pending await's promises (which it does not name); Unshare then
// leaves the copy the only owner of them.
func TestCopyStateForSharesUnmentioned(t *testing.T) {
	inst, err := paxos.Descriptor.New(runtime.Config{N: 3})
	require.NoError(t, err)
	accepted := -1
	for i, h := range paxos.Descriptor.Handlers {
		if h.Process == "Proposer" && h.Event == "Accepted" {
			accepted = i
		}
	}
	require.GreaterOrEqual(t, accepted, 0)
	p := inst.Procs[0].(*paxos.Proposer)
	p.Await, p.Await1, p.Await1Messages = 1, []int64{1, 2}, []paxos.Promise{{Ballot: 3}, {Ballot: 3}}
	p.Votes = map[int64]runtime.Set[int64]{3: {1: {}}}
	dst := p.Clone().(*paxos.Proposer)

	p.CopyStateFor(dst, accepted)
	require.Equal(t, p.Votes, dst.Votes)
	require.NotEqual(t, reflect.ValueOf(p.Votes).Pointer(), reflect.ValueOf(dst.Votes).Pointer(), "votes copied")
	require.Equal(t, reflect.ValueOf(p.Await1Messages).Pointer(), reflect.ValueOf(dst.Await1Messages).Pointer(), "promises shared")
	votes := p.Votes[3]
	votes.Add(2)
	require.Len(t, dst.Votes[3], 1, "the copy keeps the votes from before the step")

	p.Unshare(accepted)
	require.Nil(t, p.Await1Messages)
	require.Equal(t, []paxos.Promise{{Ballot: 3}, {Ballot: 3}}, dst.Await1Messages)

	// Any other id (a restart, say) copies everything.
	p.CopyStateFor(dst, -1)
	require.NotEqual(t, reflect.ValueOf(p.Votes).Pointer(), reflect.ValueOf(dst.Votes).Pointer())
}
