// Package runtimetest helps test algorithms, generated or hand-written, on
// any backend: run them under a watchdog over several sizes and seeds and
// assert that they ended well, with small helpers to look at outputs.
package runtimetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

// Watchdog is how much longer than its own timeout a run may take before
// the test fails instead of hanging.
const Watchdog = 10 * time.Second

// Run runs d once and fails t if the run cannot start or does not return
// within its timeout plus Watchdog. It asserts nothing about the result.
func Run(t testing.TB, run runtime.RunFunc, d *runtime.Descriptor, opts runtime.RunOptions) *runtime.Result {
	t.Helper()
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = runtime.DefaultTimeout
	}
	type outcome struct {
		res *runtime.Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := run(context.Background(), d, opts)
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatalf("%s n=%d seed=%d: run did not start: %v", d.Name, opts.N, opts.Seed, o.err)
		}
		return o.res
	case <-time.After(timeout + Watchdog):
		t.Fatalf("%s n=%d seed=%d: run still going %v after its timeout %v", d.Name, opts.N, opts.Seed, Watchdog, timeout)
		return nil
	}
}

// RunMany runs d for every n in ns and every seed in seeds with the given
// parameter overrides, and asserts that each run ended well (RequireOK).
// It returns the results in order, seeds varying fastest.
func RunMany(t testing.TB, run runtime.RunFunc, d *runtime.Descriptor, ns []int, seeds []int64, params map[string]string) []*runtime.Result {
	t.Helper()
	var out []*runtime.Result
	for _, n := range ns {
		for _, seed := range seeds {
			r := Run(t, run, d, runtime.RunOptions{N: n, Seed: seed, Params: params})
			RequireOK(t, r)
			out = append(out, r)
		}
	}
	return out
}

// RequireOK fails t unless r ended without error and violated no property.
func RequireOK(t testing.TB, r *runtime.Result) {
	t.Helper()
	if r.End == runtime.EndError {
		t.Fatalf("%s: run failed: %s", label(r), r.Error)
	}
	for _, p := range r.Properties {
		if p.Status == runtime.PropertyViolated {
			t.Fatalf("%s: %s %s violated: %s", label(r), p.Kind, p.Name, p.Violation)
		}
	}
}

// RequireEnd fails t unless r ended for the given reason.
func RequireEnd(t testing.TB, r *runtime.Result, want runtime.EndReason) {
	t.Helper()
	if r.End != want {
		t.Fatalf("%s: ended %s, want %s (error: %q)", label(r), r.End, want, r.Error)
	}
}

// RequireProperty fails t unless property name has the given status.
func RequireProperty(t testing.TB, r *runtime.Result, name string, want runtime.PropertyStatus) {
	t.Helper()
	for _, p := range r.Properties {
		if p.Name == name {
			if p.Status != want {
				t.Fatalf("%s: property %s is %s, want %s (%s)", label(r), name, p.Status, want, p.Violation)
			}
			return
		}
	}
	t.Fatalf("%s: no property %s in %v", label(r), name, r.Properties)
}

// Outputs returns the events named name of every process, in rank order
// and, within a process, in the order recorded.
func Outputs(r *runtime.Result, name string) []runtime.Output {
	var out []runtime.Output
	for _, po := range r.Outputs {
		for _, e := range po.Events {
			if e.Name == name {
				out = append(out, e)
			}
		}
	}
	return out
}

// Trace renders the outputs of one process as "name(args) name(args)", for
// comparing with an expected string.
func Trace(r *runtime.Result, rank int) string {
	s := ""
	for i, e := range r.Outputs[rank].Events {
		if i > 0 {
			s += " "
		}
		s += e.Name + "("
		for j, a := range e.Args {
			if j > 0 {
				s += ", "
			}
			s += fmt.Sprint(a)
		}
		s += ")"
	}
	return s
}

func label(r *runtime.Result) string {
	return fmt.Sprintf("%s on %s, n=%d seed=%d", r.Algorithm, r.Backend, r.N, r.Seed)
}
