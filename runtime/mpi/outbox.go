package mpi

// outbox holds the frames handlers have sent and the loop has not yet
// handed to MPI. Frames are appended to one buffer; meta lists, per send,
// the frame's offset and length in buf and its destination, the layout the
// C side reads, so a whole batch crosses into C in one call. A broadcast
// encodes its frame once and lists it once per destination.
type outbox struct {
	buf  []byte
	meta []int32 // offset, length, destination per send
	head int     // sends before head have been posted
}

// add lists one send of the frame at buf[off:].
func (o *outbox) add(off, dest int) {
	o.meta = append(o.meta, int32(off), int32(len(o.buf)-off), int32(dest))
}

// pending is the number of sends not yet posted.
func (o *outbox) pending() int { return len(o.meta)/3 - o.head }

// unposted returns the meta entries of the sends not yet posted.
func (o *outbox) unposted() []int32 { return o.meta[3*o.head:] }

// posted records that the first k pending sends are now MPI's: their
// frames were copied to C buffers.
func (o *outbox) posted(k int) {
	o.head += k
	switch {
	case o.pending() == 0:
		o.discard()
	case o.head >= 1024 && 2*o.head >= len(o.meta)/3:
		o.compact()
	}
}

// compact drops the posted part of a long backlog, so a rank that sends
// faster than MPI drains keeps only what is still to be posted.
func (o *outbox) compact() {
	base := o.meta[3*o.head]
	o.buf = o.buf[:copy(o.buf, o.buf[base:])]
	o.meta = o.meta[:copy(o.meta, o.meta[3*o.head:])]
	for i := 0; i < len(o.meta); i += 3 {
		o.meta[i] -= base
	}
	o.head = 0
}

// discard forgets every pending send.
func (o *outbox) discard() {
	o.buf, o.meta, o.head = o.buf[:0], o.meta[:0], 0
}
