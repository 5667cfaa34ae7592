package testalg

import (
	"fmt"

	"github.com/dsac-lang/dsac/runtime"
)

// ResolveParams returns the value of every parameter of d: its default, or its
// override, parsed by type — what generated New functions do.
func ResolveParams(d *runtime.Descriptor, overrides map[string]string) (map[string]any, error) {
	if err := d.CheckParams(overrides); err != nil {
		return nil, err
	}
	out := make(map[string]any, len(d.Params))
	for _, p := range d.Params {
		text, ok := overrides[p.Name]
		if !ok {
			text = p.Default
		}
		v, err := runtime.ParseParamValue(p.Type, text)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		out[p.Name] = v
	}
	return out, nil
}

// Verdict builds a property result from whether it holds.
func Verdict(info runtime.PropertyInfo, final, holds bool, violation string) runtime.PropertyResult {
	r := runtime.PropertyResult{Name: info.Name, Kind: info.Kind, Status: runtime.PropertyOK}
	switch {
	case info.Kind == runtime.Eventually && !final:
		r.Status = runtime.PropertyNotChecked
	case !holds:
		r.Status, r.Violation = runtime.PropertyViolated, violation
	}
	return r
}

// others lists every rank but self, in order, as `broadcast … to others`.
func others(self, n int) []int {
	out := make([]int, 0, n-1)
	for r := range n {
		if r != self {
			out = append(out, r)
		}
	}
	return out
}

// decodeErr is what Decode returns for a kind the algorithm does not have.
func decodeErr(alg string, kind int) error {
	return fmt.Errorf("%s: unknown message kind %d", alg, kind)
}
