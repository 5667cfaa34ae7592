package channel

import (
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Chunk sizes of an outputLog: small first, so that the many processes of a
// large run that output little take little memory, then growing to a bound.
const (
	firstOutputChunk = 4
	maxOutputChunk   = 1024
	argsSlab         = 4096 // arguments kept per shared backing array
)

// outputLog records the outputs of one process. A process may output
// hundreds of thousands of events (Raft applying every command): in one
// slice that doubles as it grows, each growth would copy every event before
// it, and each event's arguments would be an allocation of their own. The
// log keeps the events in chunks that are never copied, and their
// arguments side by side in slabs; events joins the chunks once, at the end.
type outputLog struct {
	full [][]runtime.Output
	cur  []runtime.Output
	args []any // the current slab; events' Args are capped sub-slices of it
}

// add records an event at time at; args are copied.
func (l *outputLog) add(name string, args []any, at time.Duration) {
	if len(l.cur) == cap(l.cur) {
		size := firstOutputChunk
		if l.cur != nil {
			l.full = append(l.full, l.cur)
			size = min(2*cap(l.cur), maxOutputChunk)
		}
		l.cur = make([]runtime.Output, 0, size)
	}
	var kept []any
	if len(args) > 0 {
		if len(l.args)+len(args) > cap(l.args) {
			l.args = make([]any, 0, max(argsSlab, len(args)))
		}
		start := len(l.args)
		l.args = append(l.args, args...)
		kept = l.args[start:len(l.args):len(l.args)]
	} else {
		kept = []any{}
	}
	l.cur = append(l.cur, runtime.Output{Name: name, Args: kept, At: at})
}

// events returns every event recorded, in order.
func (l *outputLog) events() []runtime.Output {
	if len(l.full) == 0 {
		if l.cur == nil {
			return []runtime.Output{}
		}
		return l.cur
	}
	n := len(l.cur)
	for _, c := range l.full {
		n += len(c)
	}
	out := make([]runtime.Output, 0, n)
	for _, c := range l.full {
		out = append(out, c...)
	}
	return append(out, l.cur...)
}
