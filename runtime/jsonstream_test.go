package runtime_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/dsac-lang/dsac/runtime"
)

// richResult has every field of a Result set, with strings that need
// escaping and brackets inside strings.
func richResult() *runtime.Result {
	r := sampleResult()
	r.Error = `a "quoted" ] error <b> é`
	r.Outputs = append(r.Outputs, runtime.ProcessOutputs{Process: 2, Type: "P", Events: []runtime.Output{
		{Name: "v", Args: []any{[]int64{1, 2, 3}, []any{"[", "]{", `\"`}, map[string]any{"k": []int64{}}}},
	}})
	r.Properties = append(r.Properties, runtime.PropertyResult{Name: "e", Kind: runtime.Invariant, Status: runtime.PropertyError, Error: "a.dsa:1:1: boom"})
	r.Metrics.ByProcess = []runtime.ProcessStats{{Process: 0, Sent: 3}, {Process: 1}}
	r.Faults = []runtime.FaultEvent{{Kind: "drop", From: 1, To: 2, Msg: "Ping{1}"}}
	r.Violation = &runtime.Violation{Property: "p", Kind: "invariant", Message: "{x: [1]}"}
	r.Coverage = []runtime.HandlerCoverage{{HandlerInfo: runtime.HandlerInfo{Process: "P", Event: "start"}, Ran: 2}}
	return r
}

// TestWriteJSONHasEncodingJSONContent compacts the streamed report and
// compares it, byte for byte, with what encoding/json makes of the result:
// only the whitespace differs.
func TestWriteJSONHasEncodingJSONContent(t *testing.T) {
	for _, r := range []*runtime.Result{sampleResult(), richResult(), {}} {
		var b, compact bytes.Buffer
		if err := r.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&compact, b.Bytes()); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, b.String())
		}
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if compact.String() != string(want) {
			t.Errorf("content differs:\n got %s\nwant %s", compact.String(), want)
		}
	}
}

// largestWrite records the largest single write it is given.
type largestWrite struct{ total, largest int }

func (w *largestWrite) Write(p []byte) (int, error) {
	w.total += len(p)
	w.largest = max(w.largest, len(p))
	return len(p), nil
}

// TestWriteJSONStreams writes the report of a vector-clock-like run, every
// output carrying a vector of n entries: it reaches the writer in small
// pieces, so the report is never held whole in memory (encoding/json's
// Encoder wrote it in one piece, after indenting all of it in memory).
func TestWriteJSONStreams(t *testing.T) {
	const n = 300
	r := &runtime.Result{N: n}
	for p := range n {
		vec := make([]int64, n)
		for i := range vec {
			vec[i] = int64(i * p)
		}
		r.Outputs = append(r.Outputs, runtime.ProcessOutputs{Process: p, Type: "Node",
			Events: []runtime.Output{{Name: "deliver", Args: []any{vec}}, {Name: "deliver", Args: []any{vec}}}})
	}
	var w largestWrite
	if err := r.WriteJSON(&w); err != nil {
		t.Fatal(err)
	}
	if w.total < 1<<20 || w.largest > 64<<10 {
		t.Fatalf("%d bytes in writes of up to %d bytes, want over 1 MiB in writes of at most 64 KiB", w.total, w.largest)
	}
}
