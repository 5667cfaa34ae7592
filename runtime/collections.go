package runtime

import (
	"cmp"
	"encoding/json"
	"slices"
)

// Set is the language's set<T>: a set of ordered values whose iteration
// order (Sorted) is ascending, so runs are reproducible. The zero value is
// an empty set ready to use; Add initialises it.
type Set[T cmp.Ordered] map[T]struct{}

// Add puts x in the set.
func (s *Set[T]) Add(x T) { addTo(s, x) }

// Remove takes x out of the set.
func (s Set[T]) Remove(x T) { delete(s, x) }

// Contains reports whether x is in the set.
func (s Set[T]) Contains(x T) bool {
	_, ok := s[x]
	return ok
}

// Sorted returns the elements in ascending order.
func (s Set[T]) Sorted() []T { return AppendSorted(make([]T, 0, len(s)), s) }

// MarshalJSON encodes the set as a JSON array of its elements in ascending
// order.
func (s Set[T]) MarshalJSON() ([]byte, error) { return json.Marshal(s.Sorted()) }

// AppendSorted appends the elements in ascending order to dst and returns
// the result: given a buffer on the caller's stack, sorting a small set
// allocates nothing (generated encoders do so).
func AppendSorted[T cmp.Ordered](dst []T, s Set[T]) []T { return AppendSortedKeys(dst, s) }

// Clone returns an independent copy.
func (s Set[T]) Clone() Set[T] { return cloneSet(s) }

// Equal reports whether both sets hold the same elements.
func (s Set[T]) Equal(t Set[T]) bool { return equalSets(s, t) }

// SetOf builds a set from its elements.
func SetOf[T cmp.Ordered](xs ...T) Set[T] {
	s := make(Set[T], len(xs))
	for _, x := range xs {
		s[x] = struct{}{}
	}
	return s
}

// SortedKeys returns the keys of m in ascending order.
func SortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	return AppendSortedKeys(make([]K, 0, len(m)), m)
}

// AppendSortedKeys appends the keys of m in ascending order to dst and
// returns the result, as AppendSorted.
func AppendSortedKeys[K cmp.Ordered, V any](dst []K, m map[K]V) []K {
	if len(m) == 0 {
		return dst // not even the start of an iteration (a random number)
	}
	n := len(dst)
	for k := range m {
		dst = append(dst, k)
	}
	s := dst[n:]
	if len(s) > smallSort {
		slices.Sort(s)
		return dst
	}
	// The states of a model are mostly small collections: an insertion
	// sort without the general sort's set-up.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && cmp.Less(s[j], s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return dst
}

// smallSort is the most elements AppendSortedKeys sorts by insertion.
const smallSort = 12

// ValuesByKey returns the values of m in ascending order of their keys.
func ValuesByKey[K cmp.Ordered, V any](m map[K]V) []V { return valuesAt(m, SortedKeys(m)) }

// valuesAt returns the values of m at keys, in their order.
func valuesAt[K comparable, V any](m map[K]V, keys []K) []V {
	out := make([]V, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// MaxOf returns the largest element, or the zero value of an empty slice.
func MaxOf[T cmp.Ordered](xs []T) T {
	var m T
	for i, x := range xs {
		if i == 0 || x > m {
			m = x
		}
	}
	return m
}

// MinOf returns the smallest element, or the zero value of an empty slice.
func MinOf[T cmp.Ordered](xs []T) T {
	var m T
	for i, x := range xs {
		if i == 0 || x < m {
			m = x
		}
	}
	return m
}

// Sum adds the elements.
func Sum(xs []int64) int64 {
	var s int64
	for _, x := range xs {
		s += x
	}
	return s
}

// Majority is the smallest number of members that is more than half of size.
func Majority(size int) int64 { return int64(size/2 + 1) }

// Abs returns |x|.
func Abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// Bool converts a boolean to 1 or 0; generated hashing and ordering use it.
func Bool(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
