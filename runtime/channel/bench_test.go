package channel_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest/testalg"
)

// One hop is one message from one process to the other and its handling.
// BenchmarkPingPong runs testalg.PingPong for b.N hops on the backend,
// then the bare-channel ping-pong for as many hops, and reports both and
// their ratio; BenchmarkBareChannelPingPong is the baseline on its own.

func BenchmarkPingPong(b *testing.B) {
	b.ReportAllocs()
	params := map[string]string{"hops": fmt.Sprint(b.N)}
	b.ResetTimer()
	start := time.Now()
	r, err := channel.Run(context.Background(), testalg.PingPong, runtime.RunOptions{N: 2, Seed: 1, Params: params, Timeout: time.Hour})
	backend := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if r.End != runtime.EndQuiescent || r.Metrics.Messages != int64(b.N) {
		b.Fatalf("ended %s after %d messages, want quiescent after %d", r.End, r.Metrics.Messages, b.N)
	}
	bare := bareHops(b.N)
	perHop := float64(backend.Nanoseconds()) / float64(b.N)
	barePerHop := float64(bare.Nanoseconds()) / float64(b.N)
	b.ReportMetric(perHop, "ns/hop")
	b.ReportMetric(barePerHop, "bare-ns/hop")
	b.ReportMetric(perHop/barePerHop, "x-bare")
}

func BenchmarkBareChannelPingPong(b *testing.B) {
	b.ResetTimer()
	d := bareHops(b.N)
	b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "ns/hop")
}

// bareHops passes an int back and forth between two goroutines over
// unbuffered channels for hops hops and returns the time it took.
func bareHops(hops int) time.Duration {
	ping, pong := make(chan int), make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for v := range ping {
			pong <- v + 1
		}
	}()
	start := time.Now()
	for v := 0; v < hops; {
		ping <- v
		v = <-pong + 1 // two hops per round trip
	}
	d := time.Since(start)
	close(ping)
	<-done
	return d
}
