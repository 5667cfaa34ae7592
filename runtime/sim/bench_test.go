package sim_test

import (
	"context"
	"testing"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime/sim"
)

// BenchmarkExplorePaxos explores Paxos with two proposers at n = 3 (the
// issue's figure: distinct states per second) and reports states/s and the
// memory kept per state.
func BenchmarkExplorePaxos(b *testing.B) {
	for _, n := range []int{3, 4} {
		b.Run(map[int]string{3: "n3", 4: "n4"}[n], func(b *testing.B) {
			var states int64
			var bytes float64
			for i := 0; i < b.N; i++ {
				rep, err := sim.Explore(context.Background(), paxos.Descriptor, sim.ExploreConfig{N: n, MaxTimerFires: map[int]int{3: 5, 4: 2}[n], NoLiveness: true})
				if err != nil || rep.Violation != nil {
					b.Fatal(err, rep.Violation)
				}
				states += rep.DistinctStates
				bytes = rep.BytesPerState
			}
			b.ReportMetric(float64(states)/b.Elapsed().Seconds(), "states/s")
			b.ReportMetric(bytes, "bytes/state")
		})
	}
}

// BenchmarkLivenessPaxos is the search for fair cycles alone (after the
// search of the states), at n = 4.
func BenchmarkLivenessPaxos(b *testing.B) {
	for i := 0; i < b.N; i++ {
		rep, err := sim.Explore(context.Background(), paxos.Descriptor, sim.ExploreConfig{N: 4})
		if err != nil || rep.Violation != nil {
			b.Fatal(err, rep.Violation)
		}
		b.ReportMetric(rep.LivenessElapsed.Seconds(), "liveness-s")
	}
}

// BenchmarkSimulatePaxos runs random walks of Paxos at n = 5: steps/s.
func BenchmarkSimulatePaxos(b *testing.B) {
	var steps int64
	for i := 0; i < b.N; i++ {
		rep, err := sim.Simulate(context.Background(), paxos.Descriptor, sim.SimConfig{N: 5, Runs: 1000, Seed: int64(i) * 1000})
		if err != nil || rep.Violation != nil {
			b.Fatal(err)
		}
		steps += rep.Steps
	}
	b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "steps/s")
}
