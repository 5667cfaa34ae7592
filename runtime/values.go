package runtime

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// The helpers below are called by generated code; they are the language's
// operations that need more than one Go expression.

// HasKey reports whether m has the key k.
func HasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// HasRank reports whether rank r is in the rank list of a group.
func HasRank(group []int, r int64) bool { return slices.Contains(group, int(r)) }

// Ranks converts node values to the ranks a broadcast takes.
func Ranks(nodes []int64) []int {
	out := make([]int, len(nodes))
	for i, n := range nodes {
		out[i] = int(n)
	}
	return out
}

// Ptr returns a pointer to a copy of v: generated code sends *Msg values.
func Ptr[T any](v T) *T { return &v }

// Verdict turns the outcome of checking a property into its result.
func Verdict(name string, kind PropertyKind, ok bool, violation string) PropertyResult {
	if ok {
		return PropertyResult{Name: name, Kind: kind, Status: PropertyOK}
	}
	if violation == "" {
		violation = "the property does not hold"
	}
	return PropertyResult{Name: name, Kind: kind, Status: PropertyViolated, Violation: violation}
}

// NotChecked is the result of an eventually-property before the end of a run.
func NotChecked(name string, kind PropertyKind) PropertyResult {
	return PropertyResult{Name: name, Kind: kind, Status: PropertyNotChecked}
}

// Bindings describes the values bound by a property's quantifiers when it
// fails: "a = Proposer 0 {…}, b = Proposer 1 {…}".
func Bindings(namesAndValues ...any) string {
	var b strings.Builder
	for i := 0; i+1 < len(namesAndValues); i += 2 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%v = %s", namesAndValues[i], Show(namesAndValues[i+1]))
	}
	return b.String()
}

// ShowState renders a process state: `Proposer 0 {ballot: 1, decided: true}`.
func ShowState(typ string, self int64, names []string, values []any) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d {", typ, self)
	for i, name := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(Show(values[i]))
	}
	b.WriteString("}")
	return b.String()
}

// Show renders a value in the language's own syntax: lists as [a, b], sets
// as {a, b}, maps as {k: v}, records as {field: v} under the fields' names in
// the spec, strings quoted; collections in a stable order.
func Show(v any) string {
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return show(reflect.ValueOf(v))
}

func show(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Invalid:
		return "nil"
	case reflect.String:
		return fmt.Sprintf("%q", v.String())
	case reflect.Interface:
		if v.IsNil() {
			return "nil"
		}
		return show(v.Elem())
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = show(v.Index(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, compareValues)
		isSet := v.Type().Elem().Kind() == reflect.Struct && v.Type().Elem().NumField() == 0
		parts := make([]string, len(keys))
		for i, k := range keys {
			if isSet {
				parts[i] = show(k)
			} else {
				parts[i] = show(k) + ": " + show(v.MapIndex(k))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case reflect.Struct:
		if isTuple(v.Type()) {
			return showTuple(v)
		}
		parts := make([]string, 0, v.NumField())
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				parts = append(parts, FieldName(f)+": "+show(v.Field(i)))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		if s, ok := v.Interface().(fmt.Stringer); ok {
			return s.String()
		}
		return show(v.Elem())
	}
	return fmt.Sprint(v.Interface())
}

// FieldName is the name in the spec of a field of a generated struct (a
// record, a message, a process state), which its tag `dsa:"name"` holds:
// the Go name may differ, a field kind is Kind_2 in Go. Without the tag,
// the Go name with its first letter lowered.
func FieldName(f reflect.StructField) string {
	if name := f.Tag.Get("dsa"); name != "" {
		return name
	}
	return strings.ToLower(f.Name[:1]) + f.Name[1:]
}

func compareValues(a, b reflect.Value) int {
	switch a.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	case reflect.Bool:
		return cmp.Compare(Bool(a.Bool()), Bool(b.Bool()))
	case reflect.Struct:
		return compareStructs(a, b)
	}
	return 0
}
