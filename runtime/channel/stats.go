package channel

import "github.com/dsac-lang/dsac/runtime"

// procStats are one process's counters; only its goroutine writes them and
// they are merged into the run's metrics after the end.
type procStats struct {
	sent, sentBytes         int64
	received, receivedBytes int64
	kinds                   []kindCount // indexed by message kind
	sharedOps               int64
}

type kindCount struct {
	name            string
	messages, bytes int64
}

// count records one sending of m, of the given kind and size in bytes.
func (p *proc) count(m runtime.Message, k int, size int32) {
	s := &p.stats
	s.sent++
	s.sentBytes += int64(size)
	if k < 0 {
		k = 0 // a malformed kind still gets counted, under its name
	}
	for k >= len(s.kinds) {
		s.kinds = append(s.kinds, kindCount{})
	}
	kc := &s.kinds[k]
	if kc.messages == 0 {
		kc.name = m.KindName() // looked up once per kind, not per message
	}
	kc.messages++
	kc.bytes += int64(size)
}

// metrics merges the counters of every process.
func (r *run) metrics() runtime.Metrics {
	m := runtime.Metrics{
		ByKind:    map[string]*runtime.KindStats{},
		ByProcess: make([]runtime.ProcessStats, len(r.procs)),
	}
	for i, p := range r.procs {
		s := &p.stats
		m.Messages += s.sent
		m.Bytes += s.sentBytes
		m.Steps = max(m.Steps, p.step)
		m.SharedOps += s.sharedOps
		m.ByProcess[i] = runtime.ProcessStats{
			Process:       i,
			Sent:          s.sent,
			SentBytes:     s.sentBytes,
			Received:      s.received,
			ReceivedBytes: s.receivedBytes,
		}
		for _, kc := range s.kinds {
			runtime.AddKind(m.ByKind, kc.name, kc.messages, kc.bytes)
		}
	}
	return m
}
