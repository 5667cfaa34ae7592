package sim

import (
	"fmt"
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// actKind is what one step of a run does.
type actKind uint8

const (
	actStart   actKind = iota // a process handles its start event
	actDeliver                // a message is delivered and handled
	actFire                   // a timer fires and is handled
	actCrash                  // a process crashes
	actRecover                // a crashed process comes back
	actDrop                   // the network loses a message in flight
	actDup                    // the network duplicates a message in flight
)

var actNames = [...]string{"start", "deliver", "fire", "crash", "recover", "drop", "dup"}

func (k actKind) String() string { return actNames[k] }

// action is one step to take in the current world.
type action struct {
	kind  actKind
	rank  int // start, fire, crash, recover: the process; deliver, drop, dup: the receiver
	from  int // deliver, drop, dup: the sender
	env   int // deliver, drop, dup: index of the message in world.net
	timer int // fire
	why   string
}

// randMode says where random() values come from in a step.
type randMode uint8

const (
	randSeeded randMode = iota // the rank's seeded stream
	randScript                 // the values recorded in a schedule (replay)
	randChoice                 // enumerated by the explorer
)

// stepCtx is the runtime.Context of the handler running in a step, and the
// record of what the step did.
type stepCtx struct {
	w       *world
	rank    int
	haltReq bool
	mode    randMode
	script  []int64 // randScript: values to return, in order
	rands   []int64 // values random() returned in this step
	choices *odometer
	sent    []*envelope // messages sent by this step
	scratch []byte
	frame   int // the kind of the message begun by BeginFrame
	// detach, when not nil, is called as a handler is about to run: before
	// it changes anything (runtime.Coverage), with the acting rank.
	detach func(rank, handler int)
	quiet  bool // outputs are not kept (the explorer reads none)
}

var (
	_ runtime.Context      = (*stepCtx)(nil)
	_ runtime.SharedMemory = (*stepCtx)(nil)
	_ runtime.Coverage     = (*stepCtx)(nil)
	_ runtime.DelayRand    = (*stepCtx)(nil)
	_ runtime.FrameSender  = (*stepCtx)(nil)
)

func (c *stepCtx) Self() int { return c.rank }
func (c *stepCtx) N() int    { return c.w.n }

// Send and Broadcast encode m as a frame: one path for messages and frames.

func (c *stepCtx) Send(to int, m runtime.Message) {
	c.SendFrame(to, m.Encode(c.BeginFrame(m.Kind())))
}

func (c *stepCtx) Broadcast(to []int, m runtime.Message) {
	c.BroadcastFrame(to, m.Encode(c.BeginFrame(m.Kind())))
}

// The frame methods serve generated code that encodes a message straight
// into its payload (runtime.FrameSender): no message is allocated and none
// is encoded through an interface. Payloads are copied out of the scratch
// frame (net0.payload), and shared by the copies of a broadcast: they are
// never written after sending.

func (c *stepCtx) BeginFrame(kind int) []byte {
	c.frame = kind
	return c.scratch[:0]
}

func (c *stepCtx) SendFrame(to int, frame []byte) {
	runtime.CheckRank(to, c.w.n)
	c.scratch = frame
	c.sendKind(to, c.frame, c.w.net0.payload(frame))
}

func (c *stepCtx) BroadcastFrame(to []int, frame []byte) {
	for _, r := range to {
		runtime.CheckRank(r, c.w.n)
	}
	c.scratch = frame
	if len(to) == 0 {
		return
	}
	payload := c.w.net0.payload(frame)
	for _, r := range to {
		c.sendKind(r, c.frame, payload)
	}
}

func (c *stepCtx) BroadcastOthersFrame(frame []byte) {
	c.scratch = frame
	if c.w.n < 2 {
		return
	}
	payload := c.w.net0.payload(frame)
	for r := range c.w.n {
		if r != c.rank {
			c.sendKind(r, c.frame, payload)
		}
	}
}

func (c *stepCtx) sendKind(to, kind int, payload []byte) {
	w := c.w
	size := int32(wire.KindSize(kind) + len(payload))
	st := &w.ranks[c.rank].stats
	st.Sent++
	st.SentBytes += int64(size)
	if kind > 0 && kind < len(w.byKind) {
		w.byKind[kind].Messages++
		w.byKind[kind].Bytes += int64(size)
	}
	e := w.net0.envelope()
	*e = envelope{id: w.nextID, from: c.rank, to: to, kind: kind, payload: payload, size: size,
		step: w.ranks[c.rank].step + 1, due: w.now}
	w.nextID++
	w.net = append(w.net, e)
	c.sent = append(c.sent, e)
}

func (c *stepCtx) SetTimer(timer int, d time.Duration, periodic bool) {
	ts := c.w.ranks[c.rank].timers
	if timer < 0 || timer >= len(ts) {
		panic(fmt.Sprintf("timer %d does not exist", timer))
	}
	if d < 0 {
		d = 0
	}
	c.w.seq++
	t := &ts[timer]
	t.armed, t.periodic, t.period, t.due, t.seq = true, periodic, d, c.w.now+d, c.w.seq
}

func (c *stepCtx) CancelTimer(timer int) {
	ts := c.w.ranks[c.rank].timers
	if timer >= 0 && timer < len(ts) {
		ts[timer].armed = false
	}
}

func (c *stepCtx) Output(name string, args ...any) {
	if c.quiet {
		return
	}
	r := &c.w.ranks[c.rank]
	r.outputs = append(r.outputs, runtime.Output{Name: name, Args: append([]any{}, args...), At: c.w.now})
}

func (c *stepCtx) Halt() { c.haltReq = true }

func (c *stepCtx) Now() time.Duration { return c.w.now }

func (c *stepCtx) Rand(lo, hi int64) int64 {
	var v int64
	switch c.mode {
	case randScript:
		v = lo
		if len(c.script) > 0 {
			v, c.script = c.script[0], c.script[1:]
			v = min(max(v, lo), max(lo, hi))
		}
	case randChoice:
		v = c.choices.next(lo, hi)
	default:
		v = runtime.RandRange(c.w.ranks[c.rank].rng, lo, hi)
	}
	c.rands = append(c.rands, v)
	return v
}

// RandDelay is random() in a timer's delay: the explorer does not branch
// on it (a timer may fire at any moment whatever its delay).
func (c *stepCtx) RandDelay(lo, hi int64) int64 {
	if c.mode == randChoice {
		return lo
	}
	return c.Rand(lo, hi)
}

func (c *stepCtx) FetchAdd(counter int, delta int64) int64 {
	c.w.sharedOps++
	old := c.w.shared[counter]
	c.w.shared[counter] = old + delta
	return old
}

func (c *stepCtx) ReadShared(counter int) int64 {
	c.w.sharedOps++
	return c.w.shared[counter]
}

func (c *stepCtx) CompareAndSwap(counter int, old, new int64) bool {
	c.w.sharedOps++
	if c.w.shared[counter] != old {
		return false
	}
	c.w.shared[counter] = new
	return true
}

func (c *stepCtx) Covered(handler int, ran bool) {
	if ran && c.detach != nil {
		c.detach(c.rank, handler)
	}
	w := c.w
	if handler < 0 || handler >= len(w.coverRan) {
		return
	}
	if ran {
		w.coverRan[handler]++
	} else {
		w.coverNo[handler]++
	}
}

// reset prepares the context for a step of rank.
func (c *stepCtx) reset(rank int) {
	c.rank, c.haltReq = rank, false
	c.rands = c.rands[:0]
	c.sent = c.sent[:0]
}

// handlerFault is a handler that panicked: the run ends with it as error.
type handlerFault struct{ msg string }

func (f *handlerFault) Error() string { return f.msg }

// apply takes one step. It returns a *handlerFault when the handler
// panicked (the world is then unusable), or an error when the action
// does not apply to this world (a stale replay step).
func (w *world) apply(a action, c *stepCtx) (err error) {
	if err := w.applicable(a); err != nil {
		return err
	}
	switch a.kind {
	case actDrop, actDup:
		e := w.net[a.env]
		if a.kind == actDrop {
			w.removeEnvelope(a.env)
			kind := "drop"
			if a.why != "" {
				kind = a.why
			}
			w.recordFault(runtime.FaultEvent{Kind: kind, From: e.from, To: e.to, Msg: w.kindName(e.kind)})
		} else {
			d := *e
			d.id = w.nextID
			w.nextID++
			w.net = append(w.net, &d)
			c.sent = append(c.sent[:0], &d)
			w.recordFault(runtime.FaultEvent{Kind: "dup", From: e.from, To: e.to, Msg: w.kindName(e.kind)})
		}
		return nil
	case actCrash:
		r := &w.ranks[a.rank]
		r.crashed = true
		for i := range r.timers {
			r.timers[i].armed = false
		}
		// Messages in flight to a crashed process are lost.
		kept := w.net[:0]
		for _, e := range w.net {
			if e.to != a.rank {
				kept = append(kept, e)
			}
		}
		clear(w.net[len(kept):])
		w.net = kept
		w.recordFault(runtime.FaultEvent{Kind: "crash", From: a.rank, To: -1})
		return nil
	}

	r := &w.ranks[a.rank]
	var env *envelope
	if a.kind == actDeliver {
		env = w.removeEnvelope(a.env)
	}

	c.reset(a.rank)
	p := w.procs[a.rank]
	defer func() {
		if v := recover(); v != nil {
			msg := fmt.Sprintf("process %d (%s): %s: %v", a.rank, p.TypeName(), w.describe(a, env), v)
			if site := runtime.FaultSite(p); site != "" {
				msg += " (at " + site + ")"
			}
			err = &handlerFault{msg}
		}
	}()
	switch a.kind {
	case actStart:
		r.started = true
		p.Start(c)
	case actRecover:
		r.crashed, r.halted = false, false
		rec := p.(runtime.Recoverable)
		rec.Restart()
		w.recordFault(runtime.FaultEvent{Kind: "recover", From: a.rank, To: -1})
		rec.Recover(c)
	case actDeliver:
		r.stats.Received++
		r.stats.ReceivedBytes += int64(env.size)
		r.step = max(r.step, env.step)
		if wh, ok := p.(runtime.WireHandler); ok {
			// Decoded into a local value: no message allocated.
			if derr := wh.HandleWire(c, env.from, env.kind, env.payload); derr != nil {
				panic(fmt.Sprintf("malformed message: %v", derr))
			}
			break
		}
		m, derr := w.d.Decode(env.kind, env.payload)
		if derr != nil {
			panic(fmt.Sprintf("malformed message: %v", derr))
		}
		p.Handle(c, env.from, m)
	case actFire:
		t := &r.timers[a.timer]
		t.fires++
		if t.periodic {
			c.w.seq++
			t.due, t.seq = w.now+t.period, c.w.seq
		} else {
			t.armed = false
		}
		p.Fire(c, a.timer)
	}
	if c.haltReq {
		r.halted = true
		for i := range r.timers {
			r.timers[i].armed = false
		}
	}
	return nil
}

// describe names the event of a step for fault messages.
func (w *world) describe(a action, env *envelope) string {
	switch a.kind {
	case actDeliver:
		if env != nil {
			return fmt.Sprintf("handling %s from %d", w.kindName(env.kind), env.from)
		}
	case actFire:
		return "handling timer " + w.timerName(a.rank, a.timer)
	case actRecover:
		return "recovering"
	}
	return "handling start"
}

// injected reports whether a is a fault the explorer counts against
// --max-faults (a loss to a partition is the partition's, not one more).
func (a action) injected() bool {
	return a.kind == actCrash || a.kind == actRecover || a.kind == actDup || a.kind == actDrop && a.why == ""
}

// take is apply for the explorer: it also counts the faults on the path.
func (w *world) take(a action, c *stepCtx) error {
	err := w.apply(a, c)
	if a.injected() {
		w.faultsUsed++
	}
	return err
}

// takeRecorded is take that also writes the step down, with the values
// random() returned in it.
func (w *world) takeRecorded(a action, c *stepCtx) (Step, error) {
	st := w.stepOf(a)
	err := w.take(a, c)
	st.Rands = append([]int64(nil), c.rands...)
	return st, err
}
