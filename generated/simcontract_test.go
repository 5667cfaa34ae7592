package generated_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
)

// The simulator's optional contract (runtime/simcontract.go) as the
// generated code implements it, driven by hand through a Context that
// records what handlers do.

// recorder is a Context that records effects and covered handlers. Rand
// returns lo, RandDelay hi, so a test can tell them apart.
type recorder struct {
	self, n int
	effects []string
	covered []string
}

func (r *recorder) Self() int { return r.self }
func (r *recorder) N() int    { return r.n }
func (r *recorder) Send(to int, m runtime.Message) {
	r.effects = append(r.effects, fmt.Sprintf("send %s to %d", runtime.Show(m), to))
}
func (r *recorder) Broadcast(to []int, m runtime.Message) {
	r.effects = append(r.effects, fmt.Sprintf("broadcast %s to %v", runtime.Show(m), to))
}
func (r *recorder) SetTimer(timer int, d time.Duration, periodic bool) {
	r.effects = append(r.effects, fmt.Sprintf("timer %d after %v periodic=%v", timer, d, periodic))
}
func (r *recorder) CancelTimer(timer int) {
	r.effects = append(r.effects, fmt.Sprintf("cancel %d", timer))
}
func (r *recorder) Output(name string, args ...any) {
	r.effects = append(r.effects, fmt.Sprintf("output %s%v", name, args))
}
func (r *recorder) Halt()                   { r.effects = append(r.effects, "halt") }
func (r *recorder) Now() time.Duration      { return 0 }
func (r *recorder) Rand(lo, hi int64) int64 { return lo }

func (r *recorder) RandDelay(lo, hi int64) int64 { return hi }

func (r *recorder) Covered(handler int, ran bool) {
	r.covered = append(r.covered, fmt.Sprintf("%d %v", handler, ran))
}

// newPaxos instantiates paxos with one proposer (rank 0) and n-1 acceptors.
func newPaxos(t *testing.T, n int) *runtime.Instance {
	t.Helper()
	inst, err := paxos.Descriptor.New(runtime.Config{N: n, Params: map[string]string{"proposers": "1"}})
	require.NoError(t, err)
	return inst
}

func TestRestartResetsWhatIsNotDurable(t *testing.T) {
	inst := newPaxos(t, 3)
	p := inst.Procs[0].(*paxos.Proposer)
	fresh := p.String()
	p.Round, p.Ballot, p.Decided, p.Value = 2, 7, true, 101
	p.Await, p.Await1, p.Await1Messages = 1, []int64{1}, []paxos.Promise{{Ballot: 7}} // a pending await is volatile
	p.Votes = map[int64]runtime.Set[int64]{7: {1: {}}}
	require.NotEqual(t, fresh, p.String())

	var rp runtime.Recoverable = p
	rp.Restart()
	require.Equal(t, fresh, p.String(), "a proposer keeps nothing across a crash")
	require.Nil(t, p.Votes)
	require.Nil(t, p.Await1)
	require.Nil(t, p.Await1Messages)

	// Without an on recover handler, Recover runs on start.
	ctx := &recorder{self: 0, n: 3}
	rp.Recover(ctx)
	require.Equal(t, int64(100), p.Proposal)
	require.Equal(t, []string{"timer 0 after 0s periodic=false"}, ctx.effects)

	// An acceptor's variables are durable.
	a := inst.Procs[1].(*paxos.Acceptor)
	a.Promised, a.AcceptedBallot, a.AcceptedValue = 6, 3, 100
	kept := a.String()
	a.Restart()
	require.Equal(t, kept, a.String(), "an acceptor keeps its promise and vote across a crash")
	ctx = &recorder{self: 1, n: 3}
	a.Recover(ctx)
	require.Empty(t, ctx.effects, "an acceptor has nothing to do on start or recover")
}

func TestHandlerCoverage(t *testing.T) {
	require.Equal(t, []runtime.HandlerInfo{
		{Process: "Proposer", Event: "await Promise", Guard: "m.ballot == ballot", Line: 32},
		{Process: "Proposer", Event: "start", Line: 25},
		{Process: "Proposer", Event: "timer attempt", Guard: "not decided", Line: 27},
		{Process: "Proposer", Event: "Accepted", Guard: "not decided", Line: 40},
		{Process: "Acceptor", Event: "Prepare", Guard: "m.ballot > promised", Line: 54},
		{Process: "Acceptor", Event: "Accept", Guard: "m.ballot >= promised", Line: 58},
	}, paxos.Descriptor.Handlers)

	inst := newPaxos(t, 3)
	ctx := &recorder{self: 0, n: 3}
	p := inst.Procs[0]
	p.Start(ctx)
	p.Fire(ctx, 0)
	p.Handle(ctx, 1, &paxos.Promise{Ballot: 99}) // not the current ballot
	p.Handle(ctx, 1, &paxos.Promise{Ballot: 3})  // ballot 1*n+0
	p.Handle(ctx, 1, &paxos.Prepare{Ballot: 1})  // no handler: not covered
	p.(runtime.Recoverable).Recover(ctx)         // on start, as there is no on recover
	a := inst.Procs[1]
	a.Handle(ctx, 0, &paxos.Prepare{Ballot: 3})
	a.Handle(ctx, 0, &paxos.Prepare{Ballot: 3}) // not above the promise
	require.Equal(t, []string{"1 true", "2 true", "0 false", "0 true", "1 true", "4 true", "4 false"}, ctx.covered)
}

func TestRandomInATimerDelayIsRandDelay(t *testing.T) {
	inst, err := paxos.Descriptor.New(runtime.Config{N: 4, Params: map[string]string{"proposers": "2"}})
	require.NoError(t, err)
	ctx := &recorder{self: 1, n: 4}
	inst.Procs[1].Start(ctx) // timer attempt after self * random(1, retry_ms)
	require.Equal(t, []string{"timer 0 after 20ms periodic=false"}, ctx.effects)
}

func TestExplainAgreement(t *testing.T) {
	inst, err := paxos.Descriptor.New(runtime.Config{N: 5, Params: map[string]string{"proposers": "2"}})
	require.NoError(t, err)
	agreement := -1
	for i, p := range paxos.Descriptor.Properties {
		if p.Name == "agreement" {
			agreement = i
		}
	}
	require.NotEqual(t, -1, agreement)
	p0, p1 := inst.Procs[0].(*paxos.Proposer), inst.Procs[1].(*paxos.Proposer)
	p0.Decided, p0.Value, p0.Decisions = true, 100, 1
	require.Nil(t, inst.Explain(inst.Procs, agreement), "one decision agrees with itself")
	p1.Decided, p1.Value, p1.Decisions = true, 101, 1

	x := inst.Explain(inst.Procs, agreement)
	require.NotNil(t, x)
	require.Equal(t, "agreement", x.Property)
	require.Equal(t, paxos.Descriptor.Properties[agreement].Text, x.Text)
	require.Equal(t, []runtime.Binding{{Name: "a", Value: p0.String()}, {Name: "b", Value: p1.String()}}, x.Bindings)
	require.Contains(t, x.Bindings[0].Value, "Proposer 0 {round: 0, ballot: 0, proposal: 0, votes: {},")
	require.Equal(t, []runtime.TermValue{
		{Text: "a.decided and b.decided implies a.value == b.value", Value: "false"},
		{Text: "a.decided and b.decided", Value: "true"},
		{Text: "a.decided", Value: "true"},
		{Text: "b.decided", Value: "true"},
		{Text: "a.value == b.value", Value: "false"},
		{Text: "a.value", Value: "100"},
		{Text: "b.value", Value: "101"},
	}, x.Terms)

	// The other properties hold, and Check agrees.
	for i, r := range inst.Check(inst.Procs, true) {
		require.Equal(t, i == agreement, r.Status == runtime.PropertyViolated, r.Name)
		if i != agreement {
			require.Nil(t, inst.Explain(inst.Procs, i), r.Name)
		}
	}
}

func TestSymmetryInDescriptor(t *testing.T) {
	procs := paxos.Descriptor.Processes
	require.False(t, procs[0].Symmetric, "a proposer's rank is part of its ballots")
	require.Equal(t, "algorithms/paxos.dsa:25:25: arithmetic on a rank (100 + self)", procs[0].SymmetryBlocker)
	require.True(t, procs[1].Symmetric, "acceptors are interchangeable")
	require.Empty(t, procs[1].SymmetryBlocker)
}

// watcher is a recorder that checks, whenever a handler is reported to
// run, that the process has not changed yet: the explorer copies the
// process there, before the handler writes to it.
type watcher struct {
	recorder
	t      *testing.T
	p      runtime.Process
	before []byte
}

func (w *watcher) Covered(handler int, ran bool) {
	w.recorder.Covered(handler, ran)
	if ran {
		require.Equal(w.t, w.before, w.p.EncodeState(nil), "handler %d changed the state before reporting its run", handler)
	}
}

func TestHandlersReportTheirRunBeforeChangingState(t *testing.T) {
	inst := newPaxos(t, 3)
	p, a := inst.Procs[0], inst.Procs[1]
	step := func(q runtime.Process, self int, event func(ctx runtime.Context)) {
		w := &watcher{recorder: recorder{self: self, n: 3}, t: t, p: q, before: q.EncodeState(nil)}
		event(w)
		if len(w.covered) == 0 || !strings.HasSuffix(w.covered[len(w.covered)-1], "true") {
			require.Equal(t, w.before, q.EncodeState(nil), "no handler ran, yet the state changed")
		}
	}
	step(p, 0, func(ctx runtime.Context) { p.Start(ctx) })
	step(p, 0, func(ctx runtime.Context) { p.Fire(ctx, 0) })
	step(p, 0, func(ctx runtime.Context) { p.Handle(ctx, 1, &paxos.Promise{Ballot: 99}) })
	step(p, 0, func(ctx runtime.Context) {
		p.Handle(ctx, 1, &paxos.Promise{Ballot: 3, AcceptedBallot: 1, AcceptedValue: 7})
	})
	step(p, 0, func(ctx runtime.Context) { p.Handle(ctx, 2, &paxos.Promise{Ballot: 3}) })
	step(p, 0, func(ctx runtime.Context) { p.Handle(ctx, 1, &paxos.Accepted{Ballot: 3, Value: 7}) })
	step(p, 0, func(ctx runtime.Context) { p.Handle(ctx, 2, &paxos.Accepted{Ballot: 3, Value: 7}) })
	step(p, 0, func(ctx runtime.Context) { p.Handle(ctx, 2, &paxos.Accepted{Ballot: 3, Value: 7}) })
	step(a, 1, func(ctx runtime.Context) { a.Handle(ctx, 0, &paxos.Prepare{Ballot: 3}) })
	step(a, 1, func(ctx runtime.Context) { a.Handle(ctx, 0, &paxos.Prepare{Ballot: 2}) })
	step(a, 1, func(ctx runtime.Context) { a.Handle(ctx, 0, &paxos.Accept{Ballot: 3, Value: 7}) })
	require.True(t, p.(*paxos.Proposer).Decided, "the steps above reach a decision")
}
