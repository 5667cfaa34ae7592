package runtime

import "sync"

// othersBufs holds rank lists for BroadcastOthers. Context.Broadcast does
// not keep the list it is given, so one list serves every broadcast in turn.
var othersBufs = sync.Pool{New: func() any { return new([]int) }}

// BroadcastOthers is the language's `broadcast m to others`: m goes to every
// rank but the sender's, in rank order. The list of the others is built for
// the call rather than kept by every process: n processes each keeping n-1
// ranks would hold 8·n² bytes before the first message.
func BroadcastOthers(ctx Context, m Message) {
	buf := othersBufs.Get().(*[]int)
	to := (*buf)[:0]
	self, n := ctx.Self(), ctx.N()
	for r := range n {
		if r != self {
			to = append(to, r)
		}
	}
	ctx.Broadcast(to, m)
	*buf = to
	othersBufs.Put(buf)
}
