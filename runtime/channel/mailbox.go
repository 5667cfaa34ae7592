package channel

import (
	"sync"

	"github.com/dsac-lang/dsac/runtime"
)

// eventKind tells what an event carries.
type eventKind uint8

const (
	evStart eventKind = iota
	evMessage
	evTimer
)

// event is one entry of a mailbox. It is passed by value so that queueing
// a message allocates nothing beyond the occasional growth of the queue.
type event struct {
	msg   runtime.Message // evMessage
	step  int64           // evMessage: causal step of the message
	gen   uint64          // evTimer: generation the timer was armed with
	from  int32           // evMessage: sender
	size  int32           // evMessage: frame size in bytes
	timer int32           // evTimer
	kind  eventKind
}

// mailbox is an unbounded FIFO queue with a one-token wake-up channel. It
// is unbounded because processes may flood each other: with bounded
// channels two processes sending to each other could block forever.
type mailbox struct {
	mu     sync.Mutex
	q      []event
	closed bool          // the owner halted: pushes are refused
	notify chan struct{} // capacity 1: "the queue may be non-empty"
}

func newMailbox() *mailbox {
	return &mailbox{notify: make(chan struct{}, 1)}
}

// push queues ev and reports whether it was accepted (false once closed).
// Only a push onto an empty queue needs to wake the owner: a non-empty
// queue means a wake-up is pending or the owner has not drained yet.
func (mb *mailbox) push(ev event) bool {
	mb.mu.Lock()
	if mb.closed {
		mb.mu.Unlock()
		return false
	}
	wasEmpty := len(mb.q) == 0
	mb.q = append(mb.q, ev)
	mb.mu.Unlock()
	if wasEmpty {
		mb.wake()
	}
	return true
}

// wake leaves a wake-up token unless one is already pending.
func (mb *mailbox) wake() {
	select {
	case mb.notify <- struct{}{}:
	default:
	}
}

// swap takes the whole queue in one lock, giving back spare (emptied) as
// the new queue, so the two slices alternate and draining allocates nothing.
func (mb *mailbox) swap(spare []event) []event {
	mb.mu.Lock()
	q := mb.q
	mb.q = spare
	mb.mu.Unlock()
	return q
}

// close refuses further pushes and returns what was still queued.
func (mb *mailbox) close() []event {
	mb.mu.Lock()
	q := mb.q
	mb.q = nil
	mb.closed = true
	mb.mu.Unlock()
	return q
}
