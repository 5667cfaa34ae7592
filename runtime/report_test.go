package runtime_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

func sampleResult() *runtime.Result {
	return &runtime.Result{
		Algorithm: "paxos",
		Backend:   "channel",
		N:         3,
		Seed:      7,
		Params:    map[string]any{"proposers": int64(1), "name": "x"},
		End:       runtime.EndQuiescent,
		Elapsed:   1234567 * time.Nanosecond,
		Outputs: []runtime.ProcessOutputs{
			{Process: 0, Type: "Proposer", Halted: true, Events: []runtime.Output{
				{Name: "decide", Args: []any{int64(101)}},
				{Name: "note", Args: []any{"hi", true}},
			}},
			{Process: 1, Type: "Acceptor", Events: []runtime.Output{}},
		},
		Properties: []runtime.PropertyResult{
			{Name: "agreement", Kind: runtime.Invariant, Status: runtime.PropertyOK},
			{Name: "termination", Kind: runtime.Eventually, Status: runtime.PropertyViolated, Violation: "p1.decided = false"},
		},
		Metrics: runtime.Metrics{
			Messages: 12, Bytes: 40, Steps: 4,
			ByKind: map[string]*runtime.KindStats{
				"Prepare": {Messages: 2, Bytes: 4},
				"Promise": {Messages: 10, Bytes: 36},
			},
		},
	}
}

func TestWriteSummary(t *testing.T) {
	var b bytes.Buffer
	sampleResult().WriteSummary(&b)
	want := `paxos on channel: n=3 seed=7, quiescent after 1.23ms
params: name="x" proposers=1
outputs:
  p0 Proposer: decide(101) note("hi", true) [halted]
  p1 Acceptor: -
properties:
  ok       invariant agreement
  VIOLATED eventually termination: p1.decided = false
metrics: 12 messages, 40 bytes, 4 steps
  kind     messages  bytes
  Prepare         2      4
  Promise        10     36
`
	if got := b.String(); got != want {
		t.Fatalf("summary:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteSummaryShowsErrorsAndCutsLongOutputs(t *testing.T) {
	r := sampleResult()
	r.End, r.Error = runtime.EndError, "process 1 (Acceptor): handling Prepare from 0: boom"
	for i := range 20 {
		r.Outputs[1].Events = append(r.Outputs[1].Events, runtime.Output{Name: "tick", Args: []any{int64(i)}})
	}
	var b bytes.Buffer
	r.WriteSummary(&b)
	s := b.String()
	for _, want := range []string{"error after 1.23ms", "\nerror: process 1 (Acceptor): handling Prepare from 0: boom\n", "tick(11) … (8 more)\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := sampleResult().WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"algorithm", "backend", "n", "seed", "params", "end", "elapsed_ns", "outputs", "properties", "metrics"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if !strings.Contains(b.String(), "\n  \"algorithm\": \"paxos\"") {
		t.Errorf("JSON is not indented:\n%s", b.String())
	}
	var back runtime.Result
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.Metrics.ByKind["Promise"].Bytes != 36 || back.Elapsed != sampleResult().Elapsed {
		t.Errorf("round trip: %v %+v", err, back)
	}
}
