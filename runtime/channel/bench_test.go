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
//
// BenchmarkPingPong runs testalg.PingPong for b.N hops in all, on the
// backend, in rounds alternating with as many hops of the bare-channel
// ping-pong, and reports the fastest round of each (ns/hop, bare-ns/hop)
// and their ratio (x-bare): the minimum over alternating rounds is what
// stays stable on a shared, noisy machine. BenchmarkBareChannelPingPong
// is the baseline on its own.

const pingPongRounds = 5

func BenchmarkPingPong(b *testing.B) {
	b.ReportAllocs()
	hops := max(b.N/pingPongRounds, 1)
	best, bestBare := time.Duration(1<<62), time.Duration(1<<62)
	for range pingPongRounds {
		best = min(best, backendHops(b, hops))
		b.StopTimer()
		bestBare = min(bestBare, bareHops(hops))
		b.StartTimer()
	}
	perHop := float64(best.Nanoseconds()) / float64(hops)
	barePerHop := float64(bestBare.Nanoseconds()) / float64(hops)
	b.ReportMetric(perHop, "ns/hop")
	b.ReportMetric(barePerHop, "bare-ns/hop")
	b.ReportMetric(perHop/barePerHop, "x-bare")
}

func BenchmarkBareChannelPingPong(b *testing.B) {
	d := bareHops(b.N)
	b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "ns/hop")
}

// backendHops runs PingPong for hops hops and returns the time it took.
func backendHops(b *testing.B, hops int) time.Duration {
	params := map[string]string{"hops": fmt.Sprint(hops)}
	start := time.Now()
	r, err := channel.Run(context.Background(), testalg.PingPong, runtime.RunOptions{N: 2, Seed: 1, Params: params, Timeout: time.Hour})
	d := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if r.End != runtime.EndQuiescent || r.Metrics.Messages != int64(hops) {
		b.Fatalf("ended %s after %d messages, want quiescent after %d", r.End, r.Metrics.Messages, hops)
	}
	return d
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

// BenchmarkSelfSend has one process send b.N messages to itself, one per
// handler: the backend's own cost per message, with no goroutine switch.
func BenchmarkSelfSend(b *testing.B) {
	d := &runtime.Descriptor{Name: "self", New: func(cfg runtime.Config) (*runtime.Instance, error) {
		return instance(cfg, func(int) runtime.Process { return &selfSender{left: b.N} }), nil
	}}
	b.ReportAllocs()
	b.ResetTimer()
	r, err := channel.Run(context.Background(), d, runtime.RunOptions{N: 1, Seed: 1, Timeout: time.Hour})
	if err != nil || r.Metrics.Messages != int64(b.N) {
		b.Fatal(err, r.End, r.Metrics.Messages)
	}
}

type selfSender struct {
	stateless
	left int
}

func (*selfSender) TypeName() string { return "Self" }

func (p *selfSender) Start(ctx runtime.Context) { p.Handle(ctx, 0, nil) }

func (p *selfSender) Handle(ctx runtime.Context, from int, m runtime.Message) {
	if p.left > 0 {
		p.left--
		ctx.Send(ctx.Self(), testalg.Ball{})
	}
}
