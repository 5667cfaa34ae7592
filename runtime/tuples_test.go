package runtime

import (
	"reflect"
	"testing"
)

// pair is a tuple type as the generator writes one.
type pair struct {
	F0 int64  `dsa:"0"`
	F1 string `dsa:"1"`
}

func (a pair) Compare(b pair) int {
	if c := CompareOrdered(a.F0, b.F0); c != 0 {
		return c
	}
	return CompareOrdered(a.F1, b.F1)
}

func TestTupleSetAndKeys(t *testing.T) {
	var s TupleSet[pair]
	for _, p := range []pair{{2, "a"}, {1, "b"}, {1, "a"}} {
		s.Add(p)
	}
	want := []pair{{1, "a"}, {1, "b"}, {2, "a"}}
	if got := s.Sorted(); !reflect.DeepEqual(got, want) {
		t.Errorf("Sorted = %v, want %v", got, want)
	}
	if c := s.Clone(); !c.Equal(s) || !c.Contains(pair{1, "b"}) {
		t.Errorf("Clone = %v, want %v", c, s)
	}
	m := map[pair]int{{2, "a"}: 3, {1, "b"}: 2, {1, "a"}: 1}
	if got := TupleValuesByKey(m); !reflect.DeepEqual(got, []int{1, 2, 3}) {
		t.Errorf("TupleValuesByKey = %v", got)
	}
	if got, want := Show(m), `{(1, "a"): 1, (1, "b"): 2, (2, "a"): 3}`; got != want {
		t.Errorf("Show = %s, want %s", got, want)
	}
	if got, want := Show(s), `{(1, "a"), (1, "b"), (2, "a")}`; got != want {
		t.Errorf("Show = %s, want %s", got, want)
	}
}

func TestListOperations(t *testing.T) {
	if got := RemoveAt([]int64{1, 2, 3}, 1); !reflect.DeepEqual(got, []int64{1, 3}) {
		t.Errorf("RemoveAt = %v", got)
	}
	if got := RemoveFirst([]int64{3, 1, 3}, 3); !reflect.DeepEqual(got, []int64{1, 3}) {
		t.Errorf("RemoveFirst = %v", got)
	}
	if got := RemoveFirst([]int64{1}, 3); !reflect.DeepEqual(got, []int64{1}) {
		t.Errorf("RemoveFirst of an absent element = %v", got)
	}
	if got := SortedTupleCopy([]pair{{2, "a"}, {1, "z"}}); !reflect.DeepEqual(got, []pair{{1, "z"}, {2, "a"}}) {
		t.Errorf("SortedTupleCopy = %v", got)
	}
	l := []int64{3, 1, 2}
	if got := SortedCopy(l); !reflect.DeepEqual(got, []int64{1, 2, 3}) || l[0] != 3 {
		t.Errorf("SortedCopy = %v, and the list became %v", got, l)
	}
	for _, i := range []int64{-1, 2} {
		func() {
			defer func() {
				if r := recover(); r == nil || r.(string) != "remove_at: index out of range ["+map[int64]string{-1: "-1", 2: "2"}[i]+"] with length 2" {
					t.Errorf("RemoveAt(%d) panicked with %v", i, r)
				}
			}()
			RemoveAt([]int64{1, 2}, i)
		}()
	}
}
