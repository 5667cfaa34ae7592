package sim

// arena hands out the encodings and sleep sets of the states a worker
// queues, carved from large chunks: one allocation for thousands of
// states instead of one or two each, and fewer objects for the GC. A chunk
// is freed when no queued state refers to it any more; the queue is
// mostly first in, first out, so chunks empty in the order they filled.
type arena struct {
	buf    []byte
	sleeps []sleeper
}

const (
	arenaBytes    = 64 << 10
	arenaSleepers = 4 << 10
)

// bytes returns a copy of b in the arena.
func (a *arena) bytes(b []byte) []byte {
	if cap(a.buf)-len(a.buf) < len(b) {
		a.buf = make([]byte, 0, max(arenaBytes, len(b)))
	}
	n := len(a.buf)
	a.buf = append(a.buf, b...)
	return a.buf[n:len(a.buf):len(a.buf)]
}

// sleepers returns an empty slice with room for n sleepers, to append to
// and then pass to keepSleepers.
func (a *arena) sleepers(n int) []sleeper {
	if cap(a.sleeps)-len(a.sleeps) < n {
		a.sleeps = make([]sleeper, 0, max(arenaSleepers, n))
	}
	return a.sleeps[len(a.sleeps):len(a.sleeps)]
}

// keepSleepers keeps s, filled from sleepers without growing, in the arena.
func (a *arena) keepSleepers(s []sleeper) []sleeper {
	if len(s) == 0 {
		return nil
	}
	a.sleeps = a.sleeps[:len(a.sleeps)+len(s)]
	return s[:len(s):len(s)]
}
