//go:build mpi

package mpi

import (
	"fmt"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// BenchmarkNodeHop measures the Go side of one ping-pong hop without MPI:
// rank 1 takes a Ball frame off the wire, decodes it, runs the handler,
// which sends the Ball back, and the loop's bookkeeping of a busy turn.
// It is what the MPI ping-pong pays per one-way hop on top of raw MPI
// (besides the cgo call): `go test -tags mpi -run '^$' -bench NodeHop ./runtime/mpi`.
func BenchmarkNodeHop(b *testing.B) {
	for _, size := range []int64{8, 64} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) { benchHop(b, size) })
	}
}

func benchHop(b *testing.B, size int64) {
	inst, err := pingAlg.New(runtime.Config{N: 2, Params: map[string]string{"iters": "1000000000", "size": fmt.Sprint(size)}})
	if err != nil {
		b.Fatal(err)
	}
	sender := newNode(pingAlg, inst.Procs[0], 0, 2, 1, nil)
	sender.Send(1, Ball{Seq: 5, Pad: padding(size)})
	frame := append([]byte(nil), sender.out.buf...)

	nd := newNode(pingAlg, inst.Procs[1], 1, 2, 1, nil)
	nd.start = time.Now()
	b.ReportAllocs()
	for b.Loop() {
		nd.deliver(0, frame)
		nd.out.posted(nd.out.pending())
		nd.timers.next()
	}
}
