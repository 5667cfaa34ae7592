package sim_test

import (
	"context"
	"os"
	"testing"

	"github.com/dsac-lang/dsac/generated/paxos"
	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/sim"
)

func TestSmoke(t *testing.T) {
	res, err := sim.RunWith(context.Background(), paxos.Descriptor, runtime.RunOptions{N: 5, Seed: 3}, sim.RunConfig{})
	if err != nil {
		t.Fatal(err)
	}
	res.WriteSummary(os.Stdout)
}

func TestSmokeExplore(t *testing.T) {
	for _, n := range []int{3, 4} {
		rep, err := sim.Explore(context.Background(), paxos.Descriptor, sim.ExploreConfig{N: n, Progress: os.Stderr})
		if err != nil {
			t.Fatal(err)
		}
		rep.WriteSummary(os.Stdout)
	}
}

func TestSmokeSim(t *testing.T) {
	rep, err := sim.Simulate(context.Background(), paxos.Descriptor, sim.SimConfig{N: 5, Runs: 2000})
	if err != nil {
		t.Fatal(err)
	}
	rep.WriteSummary(os.Stdout)
}
