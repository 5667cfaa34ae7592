package mpi

import (
	"context"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
)

// Generated code's fast path on this backend: sends encoded straight into
// the outbox (runtime.FrameSender) and payloads decoded into locals
// (runtime.WireHandler).

// TestGeneratedFastPathMatchesChannel: Paxos through the fast path sends
// and handles the same messages, byte for byte counted under the same
// kind names, and decides as on the channel backend.
func TestGeneratedFastPathMatchesChannel(t *testing.T) {
	ps := map[string]string{"proposers": "1"}
	got := loopback(t, paxos.Descriptor, 5, ps, Options{})
	want, err := channel.Run(context.Background(), paxos.Descriptor, runtime.RunOptions{N: 5, Seed: 1, Params: ps})
	if err != nil {
		t.Fatal(err)
	}
	if got.End != want.End || got.Error != "" {
		t.Fatalf("end %s %q, want %s", got.End, got.Error, want.End)
	}
	if !reflect.DeepEqual(got.Properties, want.Properties) {
		t.Errorf("properties %+v, want %+v", got.Properties, want.Properties)
	}
	if !reflect.DeepEqual(got.Outputs[0].Events[0].Args, want.Outputs[0].Events[0].Args) {
		t.Errorf("decision %v, want %v", got.Outputs[0].Events[0].Args, want.Outputs[0].Events[0].Args)
	}
	g, w := got.Metrics, want.Metrics
	if g.Messages != w.Messages || g.Bytes != w.Bytes || g.Steps != w.Steps || !reflect.DeepEqual(g.ByKind, w.ByKind) {
		t.Errorf("metrics %d messages, %d bytes, %d steps, by kind %v; want %d, %d, %d, %v",
			g.Messages, g.Bytes, g.Steps, g.ByKind, w.Messages, w.Bytes, w.Steps, w.ByKind)
	}
}

// acceptorNode is rank 1 of a Paxos run of 3 with one proposer (an
// acceptor, which the fast path drives), and a frame of m from rank 0.
func acceptorNode(t testing.TB, m runtime.Message) (*node, []byte) {
	inst, err := paxos.Descriptor.New(runtime.Config{N: 3, Params: map[string]string{"proposers": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := inst.Procs[1].(runtime.WireHandler); !ok {
		t.Fatalf("%T is not a runtime.WireHandler", inst.Procs[1])
	}
	sender := newNode(paxos.Descriptor, inst.Procs[0], 0, 3, 1, nil)
	sender.Send(1, m)
	return newNode(paxos.Descriptor, inst.Procs[1], 1, 3, 1, nil), append([]byte(nil), sender.out.buf...)
}

// TestWireHopAllocatesNothing: taking a frame, decoding it, running the
// handler and encoding its reply allocate nothing.
func TestWireHopAllocatesNothing(t *testing.T) {
	nd, frame := acceptorNode(t, &paxos.Accept{Ballot: 4, Value: 101})
	nd.deliver(0, frame)
	if nd.failure != "" || nd.out.pending() != 1 || nd.out.meta[2] != 0 {
		t.Fatalf("failure %q, %d sends (meta %v), want the Accepted to rank 0", nd.failure, nd.out.pending(), nd.out.meta)
	}
	_, hdr := binary.Uvarint(nd.out.buf)
	m, err := paxos.Descriptor.Decode(4, nd.out.buf[hdr+1:])
	if err != nil || *m.(*paxos.Accepted) != (paxos.Accepted{Ballot: 4, Value: 101}) {
		t.Fatalf("reply %v (%v), want Accepted{4, 101}", m, err)
	}
	if nd.stats.kinds[4].name != "Accepted" || nd.stats.received != 1 || nd.step != 1 {
		t.Errorf("counted %+v, received %d, step %d", nd.stats.kinds, nd.stats.received, nd.step)
	}
	nd.out.posted(1)
	allocs := testing.AllocsPerRun(1000, func() {
		nd.deliver(0, frame)
		nd.out.posted(nd.out.pending())
	})
	if allocs != 0 {
		t.Errorf("%v allocations a hop, want 0", allocs)
	}
}

// TestWireMalformed: a payload the generated decoder rejects fails the
// rank as Descriptor.Decode's error would, and counts nothing as handled.
func TestWireMalformed(t *testing.T) {
	for name, c := range map[string]struct {
		edit func([]byte) []byte
		want string
	}{
		"truncated": {func(f []byte) []byte { return f[:len(f)-1] }, "process 1 (Acceptor): malformed message from rank 0 (2 bytes): decoding Accept: "},
		"trailing":  {func(f []byte) []byte { return append(f, 0) }, "process 1 (Acceptor): malformed message from rank 0 (4 bytes): decoding Accept: 1 trailing bytes"},
		"unknown":   {func(f []byte) []byte { f[1] = 99; return f }, "process 1 (Acceptor): malformed message from rank 0 (3 bytes): unknown message kind 99"},
	} {
		nd, frame := acceptorNode(t, &paxos.Accept{Ballot: 4, Value: 1})
		nd.deliver(0, c.edit(frame))
		if !strings.HasPrefix(nd.failure, c.want) {
			t.Errorf("%s: failure %q, want %q…", name, nd.failure, c.want)
		}
		if nd.stats.received != 0 || nd.stats.receivedBytes != 0 || nd.step != 0 || nd.events != 0 || nd.out.pending() != 0 {
			t.Errorf("%s: received %d (%d bytes), step %d, %d events, %d sends; want none", name,
				nd.stats.received, nd.stats.receivedBytes, nd.step, nd.events, nd.out.pending())
		}
	}
}

// wirePanicky is panicky handling its messages from their encoding.
type wirePanicky struct{ panicky }

func (p wirePanicky) HandleWire(ctx runtime.Context, from, kind int, payload []byte) error {
	m, err := badAlg.Decode(kind, payload)
	if err != nil {
		return err
	}
	p.Handle(ctx, from, m)
	return nil
}

// TestWireHandlerPanicNamesKind: a handler run by HandleWire that panics
// is reported with the message's kind name, which the rank has only from
// the descriptor.
func TestWireHandlerPanicNamesKind(t *testing.T) {
	sender := newNode(badAlg, &badNode{n: 3}, 2, 3, 1, nil)
	sender.Send(0, Bad{K: 1, X: 7})
	proc := &badNode{n: 3}
	nd := newNode(badAlg, wirePanicky{panicky{proc}}, 0, 3, 1, nil)
	nd.deliver(2, sender.out.buf)
	if want := "process 0 (Node): handling Bad from 2: boom7"; !strings.HasPrefix(nd.failure, want) {
		t.Errorf("failure %q, want %q", nd.failure, want)
	}
}

// TestFrameSends: the FrameSender methods list one frame for every
// destination and count each sending, as Send and Broadcast do; a bad
// rank or no destination leaves no frame behind.
func TestFrameSends(t *testing.T) {
	send := func(n int, f func(nd *node, frame []byte)) (*node, any) {
		nd := newNode(badAlg, &badNode{n: n}, 2, n, 1, nil)
		var v any
		func() {
			defer func() { v = recover() }()
			f(nd, append(nd.BeginFrame(1), 0x0e)) // Bad{X: 7}
		}()
		return nd, v
	}
	dests := func(nd *node) (d []int32) {
		for i := 2; i < len(nd.out.meta); i += 3 {
			d = append(d, nd.out.meta[i])
		}
		return d
	}
	for _, c := range []struct {
		name  string
		n     int
		f     func(nd *node, frame []byte)
		want  []int32
		panic bool
	}{
		{"send", 4, func(nd *node, f []byte) { nd.SendFrame(3, f) }, []int32{3}, false},
		{"send to a bad rank", 4, func(nd *node, f []byte) { nd.SendFrame(4, f) }, nil, true},
		{"broadcast", 4, func(nd *node, f []byte) { nd.BroadcastFrame([]int{0, 2, 1}, f) }, []int32{0, 2, 1}, false},
		{"broadcast to nobody", 4, func(nd *node, f []byte) { nd.BroadcastFrame(nil, f) }, nil, false},
		{"broadcast to a bad rank", 4, func(nd *node, f []byte) { nd.BroadcastFrame([]int{0, -1}, f) }, nil, true},
		{"others", 4, func(nd *node, f []byte) { nd.BroadcastOthersFrame(f) }, []int32{0, 1, 3}, false},
		{"others of one", 3, func(nd *node, f []byte) { nd.rank, nd.n = 0, 1; nd.BroadcastOthersFrame(f) }, nil, false},
	} {
		nd, v := send(c.n, c.f)
		if (v != nil) != c.panic || !reflect.DeepEqual(dests(nd), c.want) {
			t.Errorf("%s: sent to %v (panic %v), want %v", c.name, dests(nd), v, c.want)
		}
		if len(c.want) == 0 {
			if len(nd.out.buf) != 0 || nd.stats.sent != 0 {
				t.Errorf("%s: %d bytes left in the outbox, %d counted", c.name, len(nd.out.buf), nd.stats.sent)
			}
			continue
		}
		if want := []byte{1, 1, 0x0e}; !reflect.DeepEqual(nd.out.buf, want) {
			t.Errorf("%s: outbox %x, want %x", c.name, nd.out.buf, want)
		}
		if k := nd.stats.kinds[1]; nd.stats.sent != int64(len(c.want)) || nd.stats.sentBytes != 2*int64(len(c.want)) || k.name != "Bad" || k.messages != int64(len(c.want)) {
			t.Errorf("%s: counted %d sent (%d bytes), kind %+v", c.name, nd.stats.sent, nd.stats.sentBytes, k)
		}
	}
}
