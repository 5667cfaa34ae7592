package generated_test

import (
	"bytes"
	"testing"

	"github.com/dsac-lang/dsac/generated/failure_detector"
	"github.com/dsac-lang/dsac/generated/lamport"
	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/generated/raft"
	"github.com/dsac-lang/dsac/generated/vector"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/wire"
)

var descriptors = []*runtime.Descriptor{paxos.Descriptor, lamport.Descriptor, vector.Descriptor, failure_detector.Descriptor, raft.Descriptor}

// FuzzDecode feeds arbitrary frames to every algorithm's decoder: it must
// return an error or a message, never panic, and a message it accepts must
// encode back to a frame that decodes to the same encoding. HandleWire
// must agree with it (checkHandleWire).
func FuzzDecode(f *testing.F) {
	f.Add([]byte{1, 2})
	f.Add([]byte{2, 4, 1, 3})
	f.Add([]byte{1, 3, 0, 1, 2})
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Add(wire.AppendFrame(nil, 1, (&vector.Stamp{V: []int64{1, 2, 3}}).Encode))
	f.Add(wire.AppendFrame(nil, 2, (&paxos.Promise{Ballot: 7, AcceptedBallot: -1, AcceptedValue: 101}).Encode))
	f.Add(wire.AppendFrame(nil, 1, (&paxos.Prepare{Ballot: 7}).Encode))
	f.Add(wire.AppendFrame(nil, 3, (&paxos.Accept{Ballot: 7, Value: 101}).Encode))
	f.Add(wire.AppendFrame(nil, 4, (&paxos.Accepted{Ballot: 7, Value: 101}).Encode))
	f.Add(wire.AppendFrame(nil, 1, (&lamport.Tick{Clock: 4}).Encode))
	f.Add(wire.AppendFrame(nil, 3, (&raft.AppendEntries{Term: 2, PrevIndex: 1, PrevTerm: 1, Entries: []raft.Entry{{Term: 2, Cmd: 0}, {Term: 2, Cmd: 1}}, Commit: 1}).Encode))
	f.Fuzz(func(t *testing.T, frame []byte) {
		for _, d := range descriptors {
			kind, payload, err := wire.Frame(frame)
			if err != nil {
				continue
			}
			checkHandleWire(t, d, kind, payload)
			m, err := d.Decode(kind, payload)
			if err != nil {
				continue
			}
			again := wire.AppendFrame(nil, m.Kind(), m.Encode)
			k2, p2, err := wire.Frame(again)
			if err != nil || k2 != kind {
				t.Fatalf("%s: re-encoded frame %x does not split: %v", d.Name, again, err)
			}
			m2, err := d.Decode(k2, p2)
			if err != nil {
				t.Fatalf("%s: re-encoded %s does not decode: %v", d.Name, m.KindName(), err)
			}
			if !bytes.Equal(m2.Encode(nil), m.Encode(nil)) {
				t.Fatalf("%s: %s does not round-trip", d.Name, m.KindName())
			}
		}
	})
}

// TestDecodeRejectsMalformed checks the decoders' errors on bytes a
// backend could receive: truncated, trailing, unknown kind, huge lengths.
func TestDecodeRejectsMalformed(t *testing.T) {
	cases := []struct {
		d       *runtime.Descriptor
		kind    int
		payload []byte
	}{
		{paxos.Descriptor, 2, []byte{4, 1}},                    // Promise missing its last field
		{paxos.Descriptor, 1, []byte{4, 0}},                    // trailing byte
		{paxos.Descriptor, 9, []byte{}},                        // unknown kind
		{vector.Descriptor, 1, []byte{0xff, 0xff, 0xff, 0x7f}}, // list length beyond the input
		{lamport.Descriptor, 1, []byte{0x80}},                  // truncated varint
	}
	for _, c := range cases {
		if m, err := c.d.Decode(c.kind, c.payload); err == nil {
			t.Errorf("%s kind %d %x: decoded %v, want an error", c.d.Name, c.kind, c.payload, m)
		}
	}
}
