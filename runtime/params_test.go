package runtime_test

import (
	"strings"
	"testing"

	"github.com/dsac-lang/dsac/runtime"
)

func TestCheckParams(t *testing.T) {
	d := &runtime.Descriptor{Name: "alg", Params: []runtime.ParamInfo{
		{Name: "rounds", Type: "int", Default: "3"},
		{Name: "fast", Type: "bool", Default: "false"},
		{Name: "label", Type: "string", Default: ""},
	}}
	for _, tc := range []struct {
		params map[string]string
		want   string // "" for no error
	}{
		{nil, ""},
		{map[string]string{"rounds": "-4", "fast": "true", "label": "anything"}, ""},
		{map[string]string{"rounds": "50ms"}, ""},
		{map[string]string{"rounds": "2s"}, ""},
		{map[string]string{"round": "1"}, `unknown parameter "round"`},
		{map[string]string{"rounds": "three"}, `parameter rounds: "three" is not an int`},
		{map[string]string{"rounds": "1.5"}, `parameter rounds: "1.5" is not an int`},
		{map[string]string{"fast": "yes"}, `parameter fast: "yes" is not a bool`},
	} {
		err := d.CheckParams(tc.params)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("CheckParams(%v) = %v, want %q", tc.params, err, tc.want)
		}
	}
}

func TestParseParamValue(t *testing.T) {
	for _, tc := range []struct {
		typ, text string
		want      any
	}{
		{"int", "42", int64(42)},
		{"int", "50ms", int64(50)},
		{"int", "2s", int64(2000)},
		{"bool", "true", true},
		{"string", "a b", "a b"},
	} {
		got, err := runtime.ParseParamValue(tc.typ, tc.text)
		if err != nil || got != tc.want {
			t.Errorf("ParseParamValue(%s, %q) = %v, %v; want %v", tc.typ, tc.text, got, err, tc.want)
		}
	}
	if _, err := runtime.ParseParamValue("float", "1"); err == nil {
		t.Error("unknown type accepted")
	}
	if _, err := runtime.ParseParamValue("int", "99999999999999999s"); err == nil {
		t.Error("overflowing duration accepted")
	}
}

func TestRandRange(t *testing.T) {
	r := runtime.NewRand(1, 0)
	seen := map[int64]bool{}
	for range 1000 {
		v := runtime.RandRange(r, -2, 2)
		if v < -2 || v > 2 {
			t.Fatalf("RandRange(-2, 2) = %d", v)
		}
		seen[v] = true
	}
	if len(seen) != 5 {
		t.Fatalf("RandRange(-2, 2) drew only %v", seen)
	}
	if v := runtime.RandRange(r, 5, 5); v != 5 {
		t.Fatalf("RandRange(5, 5) = %d", v)
	}
	if v := runtime.RandRange(r, 7, 3); v != 7 {
		t.Fatalf("RandRange(7, 3) = %d", v)
	}
	runtime.RandRange(r, -1<<63, 1<<63-1) // the whole range must not panic
	a, b := runtime.NewRand(9, 2), runtime.NewRand(9, 2)
	for range 10 {
		if a.Int64() != b.Int64() {
			t.Fatal("NewRand is not deterministic")
		}
	}
}
