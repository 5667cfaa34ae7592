package runtime_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dsac-lang/dsac/runtime"
)

// item is a record as codegen generates it: the Go names differ from the
// spec's (a field kind is Kind_2 in Go, Kind being a method of messages)
// and the tags hold the spec's names.
type item struct {
	A      int64               `dsa:"a" json:"a"`
	Tags   runtime.Set[string] `dsa:"tags" json:"tags"`
	L      []int64             `dsa:"l" json:"l"`
	Kind_2 int64               `dsa:"kind" json:"kind"`
	ByRank map[int64]int64     `dsa:"by_rank" json:"by_rank"`
}

func sampleItem() item {
	it := item{A: 5, L: []int64{3}, Kind_2: 7, ByRank: map[int64]int64{2: 9}}
	it.Tags.Add("y")
	it.Tags.Add("x")
	return it
}

// TestShowUsesTheLanguagesSyntax checks that values read as the spec
// writes them, under the spec's field names, never as Go's %v.
func TestShowUsesTheLanguagesSyntax(t *testing.T) {
	want := `{a: 5, tags: {"x", "y"}, l: [3], kind: 7, by_rank: {2: 9}}`
	if got := runtime.Show(sampleItem()); got != want {
		t.Fatalf("Show = %s\nwant   %s", got, want)
	}
	if got, want := runtime.Show([]any{"s", int64(1), sampleItem().Tags}), `["s", 1, {"x", "y"}]`; got != want {
		t.Fatalf("Show = %s, want %s", got, want)
	}
}

// TestOutputsOfRecordsAndSets checks the summary and the JSON of outputs
// that hold records and sets.
func TestOutputsOfRecordsAndSets(t *testing.T) {
	r := sampleResult()
	r.Outputs = []runtime.ProcessOutputs{{Process: 0, Type: "P", Events: []runtime.Output{
		{Name: "item", Args: []any{sampleItem(), sampleItem().Tags}},
	}}}
	var sum bytes.Buffer
	r.WriteSummary(&sum)
	if want := `p0 P: item({a: 5, tags: {"x", "y"}, l: [3], kind: 7, by_rank: {2: 9}}, {"x", "y"})`; !strings.Contains(sum.String(), want) {
		t.Fatalf("summary:\n%s\nlacks %s", sum.String(), want)
	}
	var js bytes.Buffer
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Outputs []struct {
			Events []struct{ Args []json.RawMessage }
		}
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	args := back.Outputs[0].Events[0].Args
	var compact bytes.Buffer
	for _, a := range args {
		json.Compact(&compact, a)
		compact.WriteByte(' ')
	}
	if got, want := compact.String(), `{"a":5,"tags":["x","y"],"l":[3],"kind":7,"by_rank":{"2":9}} ["x","y"] `; got != want {
		t.Fatalf("JSON args = %s\nwant        %s", got, want)
	}
}
