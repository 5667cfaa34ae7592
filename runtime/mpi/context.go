package mpi

import (
	"encoding/binary"
	"fmt"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// The methods of runtime.Context. They run inside a handler, on the loop's
// goroutine; effects are recorded and carried out by the loop afterwards.

var (
	_ runtime.Context      = (*node)(nil)
	_ runtime.FrameSender  = (*node)(nil)
	_ runtime.SharedMemory = (*node)(nil)
)

// Self is the process's rank.
func (nd *node) Self() int { return nd.rank }

// N is the number of processes.
func (nd *node) N() int { return nd.n }

// Send queues m for rank to.
func (nd *node) Send(to int, m runtime.Message) {
	runtime.CheckRank(to, nd.n)
	off, _ := nd.encode(m)
	nd.out.add(off, to)
}

// Broadcast queues m for every rank in to; the frame is encoded once.
func (nd *node) Broadcast(to []int, m runtime.Message) {
	if !nd.checkRanks(to) {
		return
	}
	off, size := nd.encode(m)
	nd.out.add(off, to[0])
	nd.sendAgain(off, size, m, m.Kind(), to[1:])
}

// checkRanks fails the handler if a rank of to does not exist and
// reports whether there is any.
func (nd *node) checkRanks(to []int) bool {
	for _, r := range to {
		runtime.CheckRank(r, nd.n)
	}
	return len(to) > 0
}

// sendAgain lists the frame at off, already sent once, for every rank in
// to, counting each sending of it (m is nil for a FrameSender's frame).
func (nd *node) sendAgain(off int, size int64, m runtime.Message, kind int, to []int) {
	for _, r := range to {
		nd.count(m, kind, size)
		nd.out.add(off, r)
	}
}

// BeginFrame starts the frame of a message of the given kind in the
// outbox, as encode lays it out, and returns the buffer for its payload
// (runtime.FrameSender: generated sends encode their message into it,
// with no message value allocated and no interface call to encode it).
func (nd *node) BeginFrame(kind int) []byte {
	o := &nd.out
	nd.frame.off, nd.frame.kind = len(o.buf), kind
	o.buf = binary.AppendUvarint(o.buf, uint64(nd.step+1))
	nd.frame.hdr = len(o.buf) - nd.frame.off
	return binary.AppendUvarint(o.buf, uint64(kind))
}

// SendFrame queues the frame begun by BeginFrame for rank to.
func (nd *node) SendFrame(to int, frame []byte) {
	nd.out.buf = frame[:nd.frame.off] // not sent if the rank is bad
	runtime.CheckRank(to, nd.n)
	off, _ := nd.endFrame(frame)
	nd.out.add(off, to)
}

// BroadcastFrame queues the frame begun by BeginFrame for every rank in to.
func (nd *node) BroadcastFrame(to []int, frame []byte) {
	nd.out.buf = frame[:nd.frame.off]
	if !nd.checkRanks(to) {
		return
	}
	off, size := nd.endFrame(frame)
	nd.out.add(off, to[0])
	nd.sendAgain(off, size, nil, nd.frame.kind, to[1:])
}

// BroadcastOthersFrame queues the frame begun by BeginFrame for every rank
// but this one, in rank order, without building their list.
func (nd *node) BroadcastOthersFrame(frame []byte) {
	nd.out.buf = frame[:nd.frame.off]
	if nd.n < 2 {
		return
	}
	off, size := nd.endFrame(frame)
	first := true
	for r := range nd.n {
		if r == nd.rank {
			continue
		}
		if !first {
			nd.count(nil, nd.frame.kind, size)
		}
		first = false
		nd.out.add(off, r)
	}
}

// endFrame keeps the frame begun by BeginFrame in the outbox, counts one
// sending of it and returns its offset and counted size, as encode.
func (nd *node) endFrame(frame []byte) (off int, size int64) {
	nd.out.buf = frame
	f := &nd.frame
	size = int64(len(frame) - f.off - f.hdr)
	nd.count(nil, f.kind, size)
	return f.off, size
}

// frameStart is where the frame being written by a FrameSender send
// starts in the outbox, the length of its step header and its kind.
type frameStart struct{ off, hdr, kind int }

// encode appends m's frame to the outbox, counts one sending of it and
// returns its offset and counted size. The frame is the step header, then the kind and
// payload exactly as wire.AppendFrame lays them out (written directly to
// avoid a closure per message).
func (nd *node) encode(m runtime.Message) (off int, size int64) {
	o := &nd.out
	off = len(o.buf)
	o.buf = binary.AppendUvarint(o.buf, uint64(nd.step+1))
	hdr := len(o.buf) - off
	kind := m.Kind()
	o.buf = binary.AppendUvarint(o.buf, uint64(kind))
	o.buf = m.Encode(o.buf)
	size = int64(len(o.buf) - off - hdr)
	nd.count(m, kind, size)
	return off, size
}

// SetTimer arms timer.
func (nd *node) SetTimer(timer int, d time.Duration, periodic bool) {
	if timer < 0 {
		panic(fmt.Errorf("timer %d does not exist", timer))
	}
	nd.timers.set(timer, nd.now(), d, periodic)
}

// CancelTimer disarms timer.
func (nd *node) CancelTimer(timer int) { nd.timers.cancel(timer) }

// Output records an event; args are copied, the caller may reuse them.
func (nd *node) Output(name string, args ...any) {
	nd.outputs = append(nd.outputs, runtime.Output{
		Name: name,
		Args: append([]any{}, args...),
		At:   nd.now(),
	})
}

// Halt stops the process once the current handler returns.
func (nd *node) Halt() { nd.haltReq = true }

// Now is the time since the run started on this rank (ranks start
// together, after a barrier).
func (nd *node) Now() time.Duration { return nd.now() }

// Rand is uniform in [lo, hi] from the process's own source, seeded by
// (seed, rank) as on every backend.
func (nd *node) Rand(lo, hi int64) int64 { return runtime.RandRange(nd.rng, lo, hi) }

// stats are one rank's counters, merged by rank 0 after the run.
type stats struct {
	sent, sentBytes         int64
	received, receivedBytes int64
	sharedOps               int64
	kinds                   []kindCount // indexed by message kind
}

type kindCount struct {
	name            string
	messages, bytes int64
}

// count records one sending of m, of the given kind, whose frame (kind
// and payload) is size bytes, at the time of Send as the channel backend
// counts. m is nil for a frame sent through runtime.FrameSender: its
// kind's name then comes from the descriptor.
func (nd *node) count(m runtime.Message, kind int, size int64) {
	s := &nd.stats
	s.sent++
	s.sentBytes += size
	k := max(kind, 0) // a malformed kind still gets counted, under its name
	if k > 1<<16 {
		k = 0
	}
	for k >= len(s.kinds) {
		s.kinds = append(s.kinds, kindCount{})
	}
	kc := &s.kinds[k]
	if kc.messages == 0 {
		if m != nil {
			kc.name = m.KindName()
		} else {
			kc.name = nd.kindName(kind)
		}
	}
	kc.messages++
	kc.bytes += size
}

// kindName is the spec's name of a message kind, from the descriptor.
func (nd *node) kindName(kind int) string {
	if kind >= 1 && kind <= len(nd.d.Messages) {
		return nd.d.Messages[kind-1].Name
	}
	return fmt.Sprintf("kind %d", kind)
}
