package generated_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/dsac-lang/dsac/runtime"
)

// checkHandleWire: every process's HandleWire of a payload (the MPI
// backend's path) fails exactly when Descriptor.Decode does, with the same
// words, and otherwise has the effects (a panic among them: a handler may
// fail on an arbitrary message) and leaves the state that Handle of
// the decoded message has, coverage included (recorder is in
// simcontract_test.go).
func checkHandleWire(t *testing.T, d *runtime.Descriptor, kind int, payload []byte) {
	t.Helper()
	inst, err := d.New(runtime.Config{N: 3})
	if err != nil {
		t.Fatal(err)
	}
	m, decErr := d.Decode(kind, payload)
	for r, p := range inst.Procs {
		wire, ok := p.Clone().(interface {
			runtime.Process
			runtime.WireHandler
		})
		if !ok {
			t.Fatalf("%s: %s is not a runtime.WireHandler", d.Name, p.TypeName())
		}
		a := &recorder{self: r, n: 3}
		var wireErr error
		wirePanic := panicOf(func() { wireErr = wire.HandleWire(a, 1, kind, slices.Clone(payload)) })
		if fmt.Sprint(wireErr) != fmt.Sprint(decErr) {
			t.Fatalf("%s: %s: HandleWire(%d, %x): %v, Decode: %v", d.Name, p.TypeName(), kind, payload, wireErr, decErr)
		}
		if decErr != nil {
			if len(a.effects)+len(a.covered) > 0 {
				t.Fatalf("%s: %s: HandleWire of a malformed payload had effects %q", d.Name, p.TypeName(), a.effects)
			}
			continue
		}
		plain := p.Clone()
		b := &recorder{self: r, n: 3}
		plainPanic := panicOf(func() { plain.Handle(b, 1, m) })
		if fmt.Sprint(wirePanic) != fmt.Sprint(plainPanic) {
			t.Fatalf("%s: %s handling %s: HandleWire panicked with %v, Handle with %v", d.Name, p.TypeName(), m.KindName(), wirePanic, plainPanic)
		}
		same := bytes.Equal(wire.EncodeState(nil), plain.EncodeState(nil))
		if !slices.Equal(a.effects, b.effects) || !slices.Equal(a.covered, b.covered) || !same {
			t.Fatalf("%s: %s handling %s: HandleWire did %q covering %q, Handle %q covering %q (same state: %v)", d.Name, p.TypeName(),
				m.KindName(), a.effects, a.covered, b.effects, b.covered, same)
		}
	}
}

// panicOf calls f and returns the value it panicked with, or nil.
func panicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
