package channel

import (
	"sync"
	"sync/atomic"

	"github.com/dsac-lang/dsac/runtime"
)

// eventKind tells what an event carries.
type eventKind uint8

const (
	evStart eventKind = iota
	evMessage
	evTimer
	evWake // wakes a waiting process (overflow, end of the run); not counted
)

// event is one entry of a mailbox. It is passed by value so that queueing
// a message allocates nothing beyond the occasional growth of a queue.
type event struct {
	msg  runtime.Message // evMessage
	seq  int64           // evMessage: causal step; evTimer: timer generation
	from int32           // evMessage: sender; evTimer: timer number
	size int32           // evMessage: frame size in bytes
	kind eventKind
}

// mailboxFast is the capacity of a mailbox's channel. Beyond it, events
// wait in the overflow; it only needs to cover the common bursts.
const mailboxFast = 64

// mailbox is an unbounded FIFO queue: a buffered channel, the fast path,
// and a mutex-guarded overflow slice behind it. Unbounded because processes
// may flood each other: with bounded queues two processes sending to each
// other could block forever. The channel makes the common case cheap: a
// push to a waiting process is a direct hand-off that wakes it, and a
// process waits on the channel itself.
//
// Order: while overflowing is set, pushes go to the overflow, and the
// owner takes the overflow only once the channel is empty, so the events
// of one sender are handled in the order sent.
type mailbox struct {
	ch          chan event
	overflowing atomic.Bool // the overflow may be non-empty
	mu          sync.Mutex
	overflow    []event
}

func newMailbox() *mailbox {
	return &mailbox{ch: make(chan event, mailboxFast)}
}

// push queues ev; it never blocks (beyond the overflow's mutex).
//
// The owner waits on the channel after finding it empty and overflowing
// unset; a pusher that read overflowing set before the owner cleared it
// may still append to the overflow after that. So the first push onto an
// empty overflow also leaves a wake-up in the channel: the owner gets it
// (or finds the channel full, so it is not waiting) and then sees
// overflowing set.
func (mb *mailbox) push(ev event) {
	if !mb.overflowing.Load() {
		select {
		case mb.ch <- ev:
			return
		default: // full
		}
	}
	mb.mu.Lock()
	first := len(mb.overflow) == 0
	mb.overflow = append(mb.overflow, ev)
	mb.overflowing.Store(true)
	mb.mu.Unlock()
	if first {
		mb.wake()
	}
}

// receive waits for events and returns them appended to spare (emptied):
// the next one from the channel, or, when the overflow holds events, all
// of both. Only the owner calls it.
//
// The channel is drained before the overflow is taken because a sender's
// events in the channel are older than its events in the overflow: once
// it has overflowed it sees overflowing set until the owner takes the
// overflow. An event reaching the channel after the drain comes from a
// sender that saw overflowing unset, so it has nothing in this overflow.
func (mb *mailbox) receive(spare []event) []event {
	select {
	case ev := <-mb.ch:
		return append(spare, ev)
	default:
	}
	if !mb.overflowing.Load() {
		return append(spare, <-mb.ch)
	}
	for drained := false; !drained; {
		select {
		case ev := <-mb.ch:
			spare = append(spare, ev)
		default:
			drained = true
		}
	}
	mb.mu.Lock()
	defer mb.mu.Unlock()
	mb.overflowing.Store(false)
	if len(spare) == 0 { // swap the slices, so draining allocates nothing
		q := mb.overflow
		mb.overflow = spare
		return q
	}
	spare = append(spare, mb.overflow...)
	clear(mb.overflow)
	mb.overflow = mb.overflow[:0]
	return spare
}

// wake leaves a wake-up in the channel unless it is full, in which case
// the owner is not waiting: it sees what is new before it next waits.
func (mb *mailbox) wake() {
	select {
	case mb.ch <- event{kind: evWake}:
	default:
	}
}
