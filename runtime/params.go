package runtime

import (
	"fmt"
	"strconv"
	"strings"
)

// CheckParams validates overrides like ParseParams and also checks that
// every value parses as its parameter's type, so a bad --param is refused
// with a clear message before a run starts, whatever the backend.
func (d *Descriptor) CheckParams(overrides map[string]string) error {
	if err := d.ParseParams(overrides); err != nil {
		return err
	}
	for _, p := range d.Params { // declaration order: the first error is stable
		text, ok := overrides[p.Name]
		if !ok {
			continue
		}
		if _, err := ParseParamValue(p.Type, text); err != nil {
			return fmt.Errorf("parameter %s: %w", p.Name, err)
		}
	}
	return nil
}

// ParseParamValue parses the text of a parameter value of type typ (int,
// bool or string) into int64, bool or string. An int may also be written as
// a duration in the language's units, "50ms" or "2s", meaning milliseconds.
func ParseParamValue(typ, text string) (any, error) {
	switch typ {
	case "int":
		if v, err := strconv.ParseInt(text, 10, 64); err == nil {
			return v, nil
		}
		if v, ok := parseDuration(text); ok {
			return v, nil
		}
		return nil, fmt.Errorf("%q is not an int", text)
	case "bool":
		v, err := strconv.ParseBool(text)
		if err != nil {
			return nil, fmt.Errorf("%q is not a bool (true or false)", text)
		}
		return v, nil
	case "string":
		return text, nil
	}
	return nil, fmt.Errorf("unknown parameter type %q", typ)
}

// parseDuration reads "50ms" or "2s" as milliseconds, as the language does.
func parseDuration(text string) (int64, bool) {
	unit := int64(1)
	num, ok := strings.CutSuffix(text, "ms")
	if !ok {
		if num, ok = strings.CutSuffix(text, "s"); !ok {
			return 0, false
		}
		unit = 1000
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v > (1<<63-1)/unit || v < -(1<<63-1)/unit {
		return 0, false
	}
	return v * unit, true
}
