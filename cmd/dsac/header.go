package main

import (
	"fmt"
	"strings"
)

// specHeader is what the structured lines of a shipped algorithm's header
// comment say. They are the one place each fact is written: the tests run
// every `tolerates:` line in the simulator, and `dsac doc algorithms`
// lists them.
//
//	// tolerates: -n 5 --reorder --drop 0.1      (flags of dsac sim; repeatable)
//	// operation: command (param commands)       (what metrics are divided by)
type specHeader struct {
	// tolerates holds the flags of each `dsac sim` setting under which
	// every property holds.
	tolerates [][]string
	// operation names what one operation is; opParam, when set, is the
	// parameter whose value is the number of operations in a run.
	// Without an `operation:` line an operation is a whole run.
	operation, opParam string
}

// parseHeader reads the structured lines of the comment lines of src
// (anywhere in the file: a `// tolerates:` line is not code).
func parseHeader(src []byte) (specHeader, error) {
	h := specHeader{operation: "run"}
	for i, line := range strings.Split(string(src), "\n") {
		text, ok := strings.CutPrefix(strings.TrimSpace(line), "//")
		if !ok {
			continue
		}
		text = strings.TrimSpace(text)
		if flags, ok := strings.CutPrefix(text, "tolerates:"); ok {
			f := strings.Fields(flags)
			if len(f) == 0 {
				return h, fmt.Errorf("line %d: a tolerates: line without flags", i+1)
			}
			h.tolerates = append(h.tolerates, f)
		} else if op, ok := strings.CutPrefix(text, "operation:"); ok {
			op = strings.TrimSpace(op)
			if name, param, ok := strings.Cut(op, "(param "); ok {
				op, h.opParam = strings.TrimSpace(name), strings.TrimSuffix(param, ")")
			}
			if op == "" || strings.ContainsAny(h.opParam, " ()") {
				return h, fmt.Errorf("line %d: want `operation: NAME` or `operation: NAME (param P)`", i+1)
			}
			h.operation = op
		}
	}
	return h, nil
}
