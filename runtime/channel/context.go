package channel

import (
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

// The methods of runtime.Context. They run on the process goroutine, inside
// a handler.

var _ runtime.Context = (*proc)(nil)

// Self is the process's rank.
func (p *proc) Self() int { return p.rank }

// N is the number of processes.
func (p *proc) N() int { return p.n }

// Send queues m for rank to.
func (p *proc) Send(to int, m runtime.Message) {
	runtime.CheckRank(to, p.n)
	p.deliver(to, m, p.account(m))
}

// Broadcast queues m for every rank in to. The frame is sized once.
func (p *proc) Broadcast(to []int, m runtime.Message) {
	for _, r := range to {
		runtime.CheckRank(r, p.n)
	}
	if len(to) == 0 {
		return
	}
	size := p.account(m)
	for i, r := range to {
		if i > 0 {
			p.count(m, m.Kind(), size)
		}
		p.deliver(r, m, size)
	}
}

// account sizes m's frame, as it would travel on the wire, and counts one
// sending of it. The encoding goes to a reused scratch buffer.
func (p *proc) account(m runtime.Message) int32 {
	p.scratch = m.Encode(p.scratch[:0])
	kind := m.Kind()
	size := int32(wire.KindSize(kind) + len(p.scratch))
	p.count(m, kind, size)
	return size
}

// deliver queues m for rank to when the handler returns (see flush), with
// the causal step that follows this process's.
func (p *proc) deliver(to int, m runtime.Message, size int32) {
	p.out = append(p.out, outgoing{to: to, ev: event{kind: evMessage, msg: m, from: int32(p.rank), size: size, seq: p.step + 1}})
}

// SetTimer arms timer.
func (p *proc) SetTimer(timer int, d time.Duration, periodic bool) { p.arm(timer, d, periodic) }

// CancelTimer disarms timer.
func (p *proc) CancelTimer(timer int) { p.disarm(timer) }

// Output records an event; args are copied, the caller may reuse them.
func (p *proc) Output(name string, args ...any) {
	p.outputs.add(name, args, time.Since(p.run.start))
}

// Halt stops the process once the current handler returns.
func (p *proc) Halt() { p.haltReq = true }

// Now is the time since the run started.
func (p *proc) Now() time.Duration { return time.Since(p.run.start) }

// Rand is uniform in [lo, hi] from the process's own seeded source.
func (p *proc) Rand(lo, hi int64) int64 { return runtime.RandRange(p.rng, lo, hi) }
