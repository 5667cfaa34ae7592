package testalg

import (
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// Ticker: every process outputs tick(i) every `period` ms, forever; a run
// only ends at its deadline, without messages.
//
//	param period int = 5
//	process Node on all { var ticks int; on start { timer tick every period } … }
//	eventually ticked: forall p in Node: p.ticks > 0
var Ticker = &runtime.Descriptor{
	Name:       "ticker",
	Source:     "testalg/ticker.dsa",
	Params:     []runtime.ParamInfo{{Name: "period", Type: "int", Default: "5"}},
	Processes:  []runtime.ProcessInfo{{Name: "Node", Placement: "all", Timers: []string{"tick"}}},
	Properties: []runtime.PropertyInfo{{Name: "ticked", Kind: runtime.Eventually, Text: "forall p in Node: p.ticks > 0"}},
	Decode:     func(kind int, _ []byte) (runtime.Message, error) { return nil, decodeErr("ticker", kind) },
}

func init() {
	Ticker.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := ResolveParams(Ticker, cfg.Params)
		if err != nil {
			return nil, err
		}
		period := time.Duration(ps["period"].(int64)) * time.Millisecond
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &TimerNode{period: period}
		}
		check := func(procs []runtime.Process, final bool) []runtime.PropertyResult {
			ok := true
			for _, p := range procs {
				ok = ok && p.(*TimerNode).Ticks > 0
			}
			return []runtime.PropertyResult{Verdict(Ticker.Properties[0], final, ok, "a process never ticked")}
		}
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// Timers exercises cancelling and re-arming: a run ends quiescent and each
// process outputs once(), rearmed(), tick(1), tick(2), tick(3) and again()
// exactly once (in an order set by the clock) and never never() or late().
// Its start handler sleeps so that the firings of `late` and `again` are
// queued before it cancels or re-arms them: those firings are stale. With
// halt=true a process halts at its third tick instead, leaving `never`
// armed for an hour: the run still ends at once, halted.
//
//	param halt bool = false
//	process Node on all { timers never, once, rearmed, periodic, late, again }
var Timers = &runtime.Descriptor{
	Name:   "timers",
	Source: "testalg/timers.dsa",
	Params: []runtime.ParamInfo{{Name: "halt", Type: "bool", Default: "false"}},
	Processes: []runtime.ProcessInfo{{Name: "Node", Placement: "all",
		Timers: []string{"never", "once", "rearmed", "periodic", "late", "again"}}},
	Decode: func(kind int, _ []byte) (runtime.Message, error) { return nil, decodeErr("timers", kind) },
}

// The timer numbers of Timers, as generated code names them.
const (
	timerNever = iota
	timerOnce
	timerRearmed
	timerPeriodic
	timerLate
	timerAgain
)

func init() {
	Timers.New = func(cfg runtime.Config) (*runtime.Instance, error) {
		ps, err := ResolveParams(Timers, cfg.Params)
		if err != nil {
			return nil, err
		}
		procs := make([]runtime.Process, cfg.N)
		for r := range procs {
			procs[r] = &TimerNode{exercise: true, halt: ps["halt"].(bool)}
		}
		check := func([]runtime.Process, bool) []runtime.PropertyResult { return nil }
		return &runtime.Instance{Params: ps, Procs: procs, Check: check}, nil
	}
}

// TimerNode is the process of Ticker (period set) and Timers (exercise set).
type TimerNode struct {
	period   time.Duration
	exercise bool
	halt     bool
	Ticks    int64
}

func (*TimerNode) TypeName() string { return "Node" }

func (p *TimerNode) Start(ctx runtime.Context) {
	if !p.exercise {
		ctx.SetTimer(0, p.period, true)
		return
	}
	ms := time.Millisecond
	ctx.SetTimer(timerNever, time.Hour, false)
	if !p.halt {
		ctx.CancelTimer(timerNever)
	}
	ctx.SetTimer(timerRearmed, time.Hour, false)
	ctx.SetTimer(timerRearmed, 2*ms, false)
	ctx.SetTimer(timerPeriodic, ms, true)
	ctx.SetTimer(timerOnce, 3*ms, false)
	ctx.SetTimer(timerLate, ms, false)
	ctx.SetTimer(timerAgain, ms, false)
	time.Sleep(10 * ms) // let late and again fire while this handler runs
	ctx.CancelTimer(timerLate)
	ctx.SetTimer(timerAgain, 2*ms, false)
	ctx.CancelTimer(99) // cancelling a timer never armed does nothing
}

func (p *TimerNode) Handle(ctx runtime.Context, from int, m runtime.Message) {}

func (p *TimerNode) Fire(ctx runtime.Context, timer int) {
	if !p.exercise {
		p.Ticks++
		ctx.Output("tick", p.Ticks)
		return
	}
	switch timer {
	case timerNever:
		ctx.Output("never")
	case timerOnce:
		ctx.Output("once")
	case timerRearmed:
		ctx.Output("rearmed")
	case timerLate:
		ctx.Output("late")
	case timerAgain:
		ctx.Output("again")
	case timerPeriodic:
		p.Ticks++
		ctx.Output("tick", p.Ticks)
		if p.Ticks == 3 {
			if p.halt {
				ctx.Halt()
			} else {
				ctx.CancelTimer(timerPeriodic)
			}
		}
	}
}

func (p *TimerNode) EncodeState(b []byte) []byte { return wire.AppendInt(b, p.Ticks) }

func (p *TimerNode) DecodeState(b []byte) error {
	d := wire.NewDecoder(b)
	p.Ticks = d.Int()
	return d.Finish()
}

func (p *TimerNode) Clone() runtime.Process { c := *p; return &c }
