//go:build mpi

package mpi

// The MPI backend against the channel backend on the shared test
// algorithms: rank 0 runs each algorithm a second time on the channel
// backend, in process, with the same n and seed, and the two Results must
// agree on everything but timing.

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/dsac-lang/dsac/runtime"
	"github.com/dsac-lang/dsac/runtime/channel"
	"github.com/dsac-lang/dsac/runtime/runtimetest/testalg"
)

func TestSameAsChannel(t *testing.T) {
	n := world()
	cases := []struct {
		d        *runtime.Descriptor
		params   map[string]string
		seed     int64
		minN     int
		anyOrder bool // outputs of a process may come in another order
		anySteps bool // the causal steps depend on the order of deliveries
	}{
		{d: testalg.Ring, params: map[string]string{"rounds": "4", "label": "mpi"}},
		{d: testalg.Echo, anySteps: true},
		{d: testalg.Echo, params: map[string]string{"lazy": "true"}, anySteps: true},
		{d: testalg.Flood, params: map[string]string{"count": "50"}},
		{d: testalg.Flood, params: map[string]string{"count": "20", "sink": "true"}},
		{d: testalg.PingPong, params: map[string]string{"hops": "25"}, minN: 2},
		{d: testalg.Random, seed: 1},
		{d: testalg.Random, seed: 42, params: map[string]string{"draws": "9"}},
		// Not Timers with halt=true: whether `again` (due 2ms after the
		// start handler) fires before the third tick halts the process is
		// a race on either backend.
		{d: testalg.Timers, anyOrder: true},
		{d: testalg.Faults, params: map[string]string{"mode": "panic"}, minN: 2},
		{d: testalg.Faults, params: map[string]string{"mode": "rank"}, minN: 2},
		{d: testalg.Faults, params: map[string]string{"mode": "start"}, minN: 2},
		{d: testalg.Faults, params: map[string]string{"mode": "timer"}, minN: 2},
		{d: testalg.Faults, params: map[string]string{"mode": "none"}, minN: 2},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s%v/seed=%d", c.d.Name, c.params, c.seed)
		if n < c.minN {
			continue // every rank skips alike
		}
		opts := runtime.RunOptions{N: n, Seed: c.seed, Params: c.params}
		got := runAll(t, c.d, opts, Options{})
		if !IsRoot() {
			continue
		}
		want, err := channel.Run(context.Background(), c.d, opts)
		if err != nil {
			t.Errorf("%s: channel backend: %v", name, err)
			continue
		}
		if c.anySteps {
			got.Metrics.Steps = want.Metrics.Steps
		}
		compareResults(t, name, got, want, c.anyOrder)
	}
}

// compareResults reports every difference between an MPI result and a
// channel result that is not about time.
func compareResults(t *testing.T, name string, got, want *runtime.Result, anyOrder bool) {
	t.Helper()
	if got.End != want.End || got.Error != want.Error {
		t.Errorf("%s: end %s %q, channel %s %q", name, got.End, got.Error, want.End, want.Error)
	}
	if got.Algorithm != want.Algorithm || got.N != want.N || got.Seed != want.Seed || !reflect.DeepEqual(got.Params, want.Params) {
		t.Errorf("%s: header %s n=%d seed=%d %v, channel %s n=%d seed=%d %v", name,
			got.Algorithm, got.N, got.Seed, got.Params, want.Algorithm, want.N, want.Seed, want.Params)
	}
	if !reflect.DeepEqual(got.Properties, want.Properties) {
		t.Errorf("%s: properties %+v, channel %+v", name, got.Properties, want.Properties)
	}
	gm, wm := got.Metrics, want.Metrics
	if gm.Messages != wm.Messages || gm.Bytes != wm.Bytes || gm.Steps != wm.Steps ||
		!reflect.DeepEqual(gm.ByKind, wm.ByKind) || !reflect.DeepEqual(gm.ByProcess, wm.ByProcess) {
		t.Errorf("%s: metrics %+v, channel %+v", name, gm, wm)
	}
	if len(got.Outputs) != len(want.Outputs) {
		t.Errorf("%s: outputs of %d processes, channel %d", name, len(got.Outputs), len(want.Outputs))
		return
	}
	for r := range got.Outputs {
		g, w := got.Outputs[r], want.Outputs[r]
		if g.Process != w.Process || g.Type != w.Type || g.Halted != w.Halted {
			t.Errorf("%s: process %d: %d %s halted=%v, channel %d %s halted=%v", name, r, g.Process, g.Type, g.Halted, w.Process, w.Type, w.Halted)
		}
		ge, we := events(g.Events), events(w.Events)
		if anyOrder {
			slices.Sort(ge)
			slices.Sort(we)
		}
		if !slices.Equal(ge, we) {
			t.Errorf("%s: process %d outputs %v, channel %v", name, r, ge, we)
		}
	}
}

// events renders outputs without their times, arguments with their types.
func events(os []runtime.Output) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = fmt.Sprintf("%s%#v", o.Name, o.Args)
	}
	return out
}
