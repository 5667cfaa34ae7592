package runtime

// The fast path of messages on a backend that carries them as bytes (MPI).
// A message sent through Context.Send is a heap value behind an interface,
// and one received is decoded into another: an allocation and several
// dynamic calls a message, which on MPI are a good part of a hop's cost.
// Generated code therefore encodes a send straight into the backend's
// frame when the Context is a FrameSender, and decodes a received payload
// into a local value when the process is a WireHandler; every other
// backend sees the ordinary Send, Broadcast and Handle.

// FrameSender is implemented by a Context that sends messages as frames
// of bytes. A send is BeginFrame, the payload appended to the buffer it
// returns, then one of the Send methods with that buffer; nothing else of
// the Context may be called in between.
type FrameSender interface {
	// BeginFrame starts the frame of a message of the given kind and
	// returns the buffer to append its payload (Message.Encode's bytes) to.
	BeginFrame(kind int) []byte
	// SendFrame sends the frame, as Send would the message, to rank to.
	SendFrame(to int, frame []byte)
	// BroadcastFrame sends the frame to every rank in to, as Broadcast.
	BroadcastFrame(to []int, frame []byte)
	// BroadcastOthersFrame sends the frame to every rank but the
	// sender's, as BroadcastOthers.
	BroadcastOthersFrame(frame []byte)
}

// WireHandler is implemented by a Process that can handle a message from
// its encoding: HandleWire decodes payload as a message of the given kind
// and handles it as Handle would the decoded message, without keeping
// payload. A payload that does not decode (or an unknown kind) is an
// error, returned before any handler runs, worded as Descriptor.Decode
// words it; decoding never panics.
type WireHandler interface {
	HandleWire(ctx Context, from int, kind int, payload []byte) error
}
