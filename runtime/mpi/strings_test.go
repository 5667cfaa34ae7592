//go:build mpi

package mpi

import (
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// TestStringHopAllocatesNothing: a message with a string (the 64-byte
// ping-pong's padding) that a rank receives again and again is decoded
// into the string it got before, not a new one each time.
func TestStringHopAllocatesNothing(t *testing.T) {
	inst, err := pingAlg.New(runtime.Config{N: 2, Params: map[string]string{"iters": "1000000000", "size": "64"}})
	if err != nil {
		t.Fatal(err)
	}
	sender := newNode(pingAlg, inst.Procs[0], 0, 2, 1, nil)
	sender.Send(1, Ball{Seq: 5, Pad: padding(64)})
	frame := append([]byte(nil), sender.out.buf...)
	nd := newNode(pingAlg, inst.Procs[1], 1, 2, 1, nil)
	nd.start = time.Now()
	allocs := testing.AllocsPerRun(1000, func() {
		nd.deliver(0, frame)
		nd.out.posted(nd.out.pending())
	})
	if nd.failure != "" || allocs != 0 {
		t.Errorf("failure %q, %v allocations a hop, want 0", nd.failure, allocs)
	}
}
