package spec

import "strings"

// Type is the type of a value in the language.
type Type interface {
	String() string
}

// BasicKind enumerates the basic types.
type BasicKind int

const (
	Invalid BasicKind = iota // the type of an expression that failed to check
	Int
	Bool
	String
	Node
	Void // the "type" of a call that returns nothing
)

// Basic is int, bool, string, node, and the internal invalid and void.
type Basic struct{ Kind BasicKind }

var (
	TInvalid = &Basic{Invalid}
	TInt     = &Basic{Int}
	TBool    = &Basic{Bool}
	TString  = &Basic{String}
	TNode    = &Basic{Node}
	TVoid    = &Basic{Void}
)

func (b *Basic) String() string {
	return [...]string{"invalid", "int", "bool", "string", "node", "void"}[b.Kind]
}

// List is list<T>.
type List struct{ Elem Type }

func (l *List) String() string { return "list<" + l.Elem.String() + ">" }

// Set is set<T>; T is int, bool, string or node.
type Set struct{ Elem Type }

func (s *Set) String() string { return "set<" + s.Elem.String() + ">" }

// Map is map<K,V>; K is int, bool, string or node.
type Map struct{ Key, Value Type }

func (m *Map) String() string { return "map<" + m.Key.String() + ", " + m.Value.String() + ">" }

// Record is a named record type or a message type.
type Record struct {
	Name    string
	Fields  []*FieldInfo
	Message bool // declared with `message`
	Kind    int  // the message kind number (1-based, declaration order); 0 for records

	// HoldsRanks says that some field may hold a rank of a symmetric
	// process type (FieldInfo.HoldsRanks). Set by the symmetry analysis.
	HoldsRanks bool
}

func (r *Record) String() string { return r.Name }

// Field returns the field called name, or nil.
func (r *Record) Field(name string) *FieldInfo {
	for _, f := range r.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// FieldInfo is one field of a record.
type FieldInfo struct {
	Name string
	Type Type

	// Ranks and HoldsRanks say where the field may hold a rank of a
	// symmetric process type, as Var.Ranks and Var.HoldsRanks do for a
	// variable, in every record or message of the type.
	Ranks      RankParts
	HoldsRanks bool
}

// Group is the type of a process type's name used as a value: the set of
// ranks running it. In handlers it behaves as a set<node>; quantifying over
// it in a property binds process states (type *ProcState).
type Group struct{ Process *Process }

func (g *Group) String() string { return "group " + g.Process.Name }

// ProcState is the type of a variable bound to a process's state in a
// property (`forall a in Proposer: a.decided`).
type ProcState struct{ Process *Process }

func (p *ProcState) String() string { return p.Process.Name }

// Identical reports whether a and b are the same type. node and int count
// as identical: a node is a rank, and ranks are integers.
func Identical(a, b Type) bool {
	a, b = underlying(a), underlying(b)
	switch a := a.(type) {
	case *Basic:
		b, ok := b.(*Basic)
		return ok && a.Kind == b.Kind
	case *List:
		b, ok := b.(*List)
		return ok && Identical(a.Elem, b.Elem)
	case *Set:
		b, ok := b.(*Set)
		return ok && Identical(a.Elem, b.Elem)
	case *Map:
		b, ok := b.(*Map)
		return ok && Identical(a.Key, b.Key) && Identical(a.Value, b.Value)
	case *Tuple:
		b, ok := b.(*Tuple)
		return ok && identicalTuples(a, b)
	}
	return a == b
}

func underlying(t Type) Type {
	if t == TNode {
		return TInt
	}
	return t
}

// IsOrdered reports whether t can be a set element or map key: int, node
// or string (values with a total order, so iteration is deterministic, and
// that Go's cmp.Ordered admits, as runtime.Set and runtime.SortedKeys
// require), or a tuple of ordered parts, ordered lexicographically
// (runtime.TupleSet and runtime.SortedTupleKeys).
func IsOrdered(t Type) bool {
	if tt, ok := t.(*Tuple); ok {
		return orderedTuple(tt)
	}
	b, ok := t.(*Basic)
	return ok && (b.Kind == Int || b.Kind == Node || b.Kind == String)
}

// IsCollection reports whether t is a list, set or map: values that are
// copied on assignment.
func IsCollection(t Type) bool {
	switch t.(type) {
	case *List, *Set, *Map:
		return true
	}
	return false
}

// TypeList formats types for messages.
func TypeList(ts []Type) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, ", ")
}
