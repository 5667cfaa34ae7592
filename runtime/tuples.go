package runtime

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// Helpers of the language's tuples and list operations (docs/LANGUAGE.md):
// generated code represents a tuple type by a struct with one field per
// part, tagged `dsa:"0"`, `dsa:"1"`, …; an ordered one (all its parts
// ordered) has a Compare method, lexicographic.

// Tuple is implemented by the generated struct of every ordered tuple type.
type Tuple[T any] interface {
	comparable
	Compare(T) int
}

// TupleSet is set<T> for a tuple type T: a Set whose elements are ordered
// by their Compare method rather than by Go's <.
type TupleSet[T Tuple[T]] map[T]struct{}

// Add puts x in the set.
func (s *TupleSet[T]) Add(x T) { addTo(s, x) }

// Remove takes x out of the set.
func (s TupleSet[T]) Remove(x T) { delete(s, x) }

// Contains reports whether x is in the set.
func (s TupleSet[T]) Contains(x T) bool {
	_, ok := s[x]
	return ok
}

// Sorted returns the elements in ascending order.
func (s TupleSet[T]) Sorted() []T { return AppendSortedTuples(make([]T, 0, len(s)), s) }

// MarshalJSON encodes the set as a JSON array of its elements in ascending
// order.
func (s TupleSet[T]) MarshalJSON() ([]byte, error) { return json.Marshal(s.Sorted()) }

// Clone returns an independent copy.
func (s TupleSet[T]) Clone() TupleSet[T] { return cloneSet(s) }

// Equal reports whether both sets hold the same elements.
func (s TupleSet[T]) Equal(t TupleSet[T]) bool { return equalSets(s, t) }

// The operations Set and TupleSet share, on any set type.

func addTo[S ~map[T]struct{}, T comparable](s *S, x T) {
	if *s == nil {
		*s = make(S)
	}
	(*s)[x] = struct{}{}
}

func cloneSet[S ~map[T]struct{}, T comparable](s S) S {
	if s == nil {
		return nil
	}
	out := make(S, len(s))
	for x := range s {
		out[x] = struct{}{}
	}
	return out
}

func equalSets[S ~map[T]struct{}, T comparable](s, t S) bool {
	if len(s) != len(t) {
		return false
	}
	for x := range s {
		if _, ok := t[x]; !ok {
			return false
		}
	}
	return true
}

// AppendSortedTuples is AppendSorted for a set of tuples.
func AppendSortedTuples[T Tuple[T]](dst []T, s TupleSet[T]) []T {
	return AppendSortedTupleKeys(dst, s)
}

// AppendSortedTupleKeys is AppendSortedKeys for a map keyed by tuples.
func AppendSortedTupleKeys[K Tuple[K], V any](dst []K, m map[K]V) []K {
	n := len(dst)
	for k := range m {
		dst = append(dst, k)
	}
	slices.SortFunc(dst[n:], K.Compare)
	return dst
}

// SortedTupleKeys is SortedKeys for a map keyed by tuples.
func SortedTupleKeys[K Tuple[K], V any](m map[K]V) []K {
	return AppendSortedTupleKeys(make([]K, 0, len(m)), m)
}

// TupleValuesByKey is ValuesByKey for a map keyed by tuples.
func TupleValuesByKey[K Tuple[K], V any](m map[K]V) []V {
	return valuesAt(m, SortedTupleKeys(m))
}

// CompareOrdered compares two parts of a tuple: generated Compare methods
// call it for int and string parts.
func CompareOrdered[T cmp.Ordered](a, b T) int { return cmp.Compare(a, b) }

// CompareBool orders false before true, for the bool parts of a tuple that
// is compared whole with == only; it keeps the Compare of tuples total.
func CompareBool(a, b bool) int { return cmp.Compare(Bool(a), Bool(b)) }

// TupleJSON encodes the parts of a tuple as a JSON array.
func TupleJSON(parts ...any) ([]byte, error) { return json.Marshal(parts) }

// SortedCopy returns the elements of a list in ascending order, as a new
// list: sorted(l).
func SortedCopy[T cmp.Ordered](l []T) []T {
	out := slices.Clone(l)
	slices.Sort(out)
	return out
}

// SortedTupleCopy is SortedCopy for a list of tuples.
func SortedTupleCopy[T Tuple[T]](l []T) []T {
	out := slices.Clone(l)
	slices.SortFunc(out, T.Compare)
	return out
}

// RemoveAt returns l without its element at index i: l.remove_at(i). An
// index out of range is a fault of the run, as l[i] is.
func RemoveAt[T any](l []T, i int64) []T {
	if i < 0 || i >= int64(len(l)) {
		panic(fmt.Sprintf("remove_at: index out of range [%d] with length %d", i, len(l)))
	}
	return slices.Delete(l, int(i), int(i)+1)
}

// RemoveFirst returns l without the first element equal to x, or l when
// none is: l.remove(x).
func RemoveFirst[T comparable](l []T, x T) []T {
	if i := slices.Index(l, x); i >= 0 {
		return slices.Delete(l, i, i+1)
	}
	return l
}

// RemoveFirstFunc is RemoveFirst for elements that Go's == does not
// compare as the language does: eq tells the first to remove.
func RemoveFirstFunc[T any](l []T, eq func(T) bool) []T {
	if i := slices.IndexFunc(l, eq); i >= 0 {
		return slices.Delete(l, i, i+1)
	}
	return l
}

// EmptyExtremum is the fault of min_by or max_by over an empty collection.
func EmptyExtremum(what string) {
	panic(what + " of an empty collection")
}

// isTuple reports whether t is the struct of a tuple type: its first field
// is the part "0", a name no field of a record can have.
func isTuple(t reflect.Type) bool {
	return t.NumField() > 0 && t.Field(0).Tag.Get("dsa") == "0"
}

// showTuple renders a tuple as the spec writes it: (1, "a").
func showTuple(v reflect.Value) string {
	parts := make([]string, v.NumField())
	for i := range parts {
		parts[i] = show(v.Field(i))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// compareStructs orders structs (tuples, as map keys) field by field.
func compareStructs(a, b reflect.Value) int {
	for i := 0; i < a.NumField(); i++ {
		if c := compareValues(a.Field(i), b.Field(i)); c != 0 {
			return c
		}
	}
	return 0
}
