package spec

import (
	"strings"

	"github.com/dsac-lang/dsac/parser"
)

// Algorithm is a checked .dsa file.
type Algorithm struct {
	Name       string
	File       string // the path it was read from, as given
	Syntax     *parser.File
	Params     []*Param
	Records    []*Record // record types in declaration order
	Messages   []*Record // message types in declaration order; Messages[k-1].Kind == k
	Shared     []*Shared // shared primitives in declaration order; Shared[i].Index == i
	Processes  []*Process
	Properties []*Property
	Funcs      []*Function // top-level functions in declaration order (funcs.go)
	Info       *Info

	// Permutable says that a model checker may permute the ranks of the
	// symmetric process types: at least one process type is Symmetric,
	// and the analysis knows every place that may hold one of their ranks
	// (Var.Ranks, FieldInfo.Ranks, Shared.HoldsRanks), so generated code
	// can rename them. When it is false, PermutationBlocker says why.
	Permutable         bool
	PermutationBlocker string
}

// Param is a declared parameter.
type Param struct {
	Name    string
	Type    Type        // int, bool or string
	Default parser.Expr // nil: the zero value
	Decl    *parser.ParamDecl
}

// PlacementKind says how a process type is placed on ranks.
type PlacementKind int

const (
	PlaceAll    PlacementKind = iota // every rank
	PlaceOthers                      // every rank no other process type claims
	PlaceRank                        // one rank: Lo
	PlaceRange                       // ranks Lo .. Hi inclusive
)

// Process is a process type.
type Process struct {
	Name      string
	Index     int // position among the process types
	Placement PlacementKind
	Lo, Hi    parser.Expr // rank expressions for PlaceRank and PlaceRange
	Vars      []*Var
	Timers    []string // timer names; timer id i is Timers[i]
	Handlers  []*Handler
	Funcs     []*Function // its functions and procedures in declaration order (funcs.go)
	Decl      *parser.ProcessDecl

	// Awaits lists the quorum waits of the type's handlers in source
	// order; Awaits[i].Index is i+1.
	Awaits []*Await

	// Symmetric says that the ranks of the type are interchangeable:
	// nothing in the spec tells one from another (symmetry.go). When they
	// are not, SymmetryBlocker says why, as file:line:col: reason, at the
	// first place in the spec that tells them apart.
	Symmetric       bool
	SymmetryBlocker string
}

// Var is a state variable of a process.
type Var struct {
	Name    string
	Type    Type
	Init    parser.Expr     // nil: the zero value
	Durable bool            // declared durable: kept across a crash
	Decl    *parser.VarDecl // nil for a variable the checker adds (Hidden)

	// Hidden marks the state the checker adds for quorum waits: no name
	// in the spec refers to it.
	Hidden bool

	// Ranks lists the parts of the variable's value that may hold a rank
	// of a symmetric process type (see RankParts); HoldsRanks says that
	// it holds one somewhere: in Ranks, or in a field of a record it holds
	// (Record.HoldsRanks). Set by the symmetry analysis.
	Ranks      RankParts
	HoldsRanks bool
}

// RankParts names the parts of a value that may hold a rank, each by its
// path: "" is the value itself (an int or a node); each further step goes
// into a collection: "e" the elements of a list or set, "k" the keys of a
// map, "v" its values. So "e" of a set<node> is its elements, "ve" of a
// map<int, set<node>> the elements of the sets it maps to, "k" of a
// map<node, int> its keys. A path stops at a record: what a record holds
// is said by its fields (FieldInfo.Ranks), wherever the record is. The
// paths are sorted.
type RankParts []string

// Has reports whether the part at path may hold a rank.
func (r RankParts) Has(path string) bool {
	for _, p := range r {
		if p == path {
			return true
		}
	}
	return false
}

// Under reports whether a part at path or below it may hold a rank.
func (r RankParts) Under(path string) bool {
	for _, p := range r {
		if strings.HasPrefix(p, path) {
			return true
		}
	}
	return false
}

// EventKind says what a handler reacts to.
type EventKind int

const (
	OnStart EventKind = iota
	OnMessage
	OnTimer
	OnRecover // the process comes back after a crash
)

// Handler is one `on` handler, in source order within its process.
type Handler struct {
	Kind    EventKind
	Message *Record     // OnMessage
	Timer   int         // OnTimer: index into Process.Timers
	Binding *Symbol     // the message variable (`m`), or nil
	From    *Symbol     // the sender variable (`p`), or nil
	Guard   parser.Expr // nil: always
	Body    *parser.Block
	Decl    *parser.Handler

	// Await is set on the handlers the checker adds for a quorum wait
	// (await.go): they collect its messages, or expire it at its timeout.
	Await *Await
}

// Property is an invariant or an eventually-property.
type Property struct {
	Name       string
	Eventually bool
	Expr       parser.Expr
	Text       string // the expression's source text
	Decl       *parser.PropertyDecl
}

// SymbolKind says what a name refers to.
type SymbolKind int

const (
	SymParam    SymbolKind = iota // a parameter
	SymStateVar                   // a state variable of the enclosing process
	SymLocal                      // a let-bound local
	SymLoopVar                    // a for-loop variable
	SymQuantVar                   // a variable bound by forall/exists
	SymMessage                    // the message variable of a handler
	SymSender                     // the sender variable of a handler
	SymGroup                      // a process type used as the set of its ranks
	SymSelf                       // self
	SymN                          // n
	SymShared                     // a shared primitive
	SymFunc                       // a function or procedure (Symbol.Func)
	SymArg                        // a parameter of a function or procedure
)

// Symbol is what a name refers to. Each declaration has one Symbol; every
// use of it maps to the same pointer, so codegen can name locals uniquely.
type Symbol struct {
	Kind    SymbolKind
	Name    string
	Type    Type
	Param   *Param    // SymParam
	Var     *Var      // SymStateVar
	Process *Process  // SymGroup
	Shared  *Shared   // SymShared
	Func    *Function // SymFunc
	ID      int       // unique among the symbols of one Algorithm
}

// Builtin names a built-in function or a collection method.
type Builtin string

// Built-in functions.
const (
	BuiltinMajority Builtin = "majority"
	BuiltinNow      Builtin = "now"
	BuiltinRandom   Builtin = "random"
	BuiltinMin      Builtin = "min"
	BuiltinMax      Builtin = "max"
	BuiltinAbs      Builtin = "abs"
	// BuiltinCrashed and BuiltinCorrect ask, in a property only, whether a
	// process is down (crashed and not recovered) where the property is
	// evaluated; correct is the negation.
	BuiltinCrashed Builtin = "crashed"
	BuiltinCorrect Builtin = "correct"
)

// Collection methods: which apply to which collection is in methods.go.
const (
	MethodSize     Builtin = "size"
	MethodContains Builtin = "contains"
	MethodAdd      Builtin = "add"
	MethodRemove   Builtin = "remove"
	MethodAppend   Builtin = "append"
	MethodMax      Builtin = "max"
	MethodMin      Builtin = "min"
	MethodKeys     Builtin = "keys"
	MethodValues   Builtin = "values"
	MethodSum      Builtin = "sum"
)

// Operations of a shared counter.
const (
	MethodRead           Builtin = "read"
	MethodFetchAdd       Builtin = "fetch_add"
	MethodCompareAndSwap Builtin = "compare_and_swap"
)

// CallInfo says what a call expression calls.
type CallInfo struct {
	Builtin Builtin
	// Recv is the receiver's type for a method call (Fun is a *Selector
	// whose X is the receiver); nil for a built-in function.
	Recv Type
	// Func is the function or procedure of the spec that the call calls;
	// nil for a built-in or a method.
	Func *Function
}

// Info records what the checker learned about the syntax tree.
type Info struct {
	// Types maps every expression to its type. The callee of a call (a
	// built-in's name, a method selector) has type *Func; a range lo .. hi
	// (in a for or quantifier head, or a placement) has type int, the type
	// of its elements; add, append and remove calls have type TVoid.
	Types map[parser.Expr]Type
	// Uses maps every *parser.Name to its symbol. Names of fields, message
	// types and methods are not in Uses, nor are the names of built-in
	// functions (the callee of majority(G) has type *Func).
	Uses map[*parser.Name]*Symbol
	// Defs maps identifiers that declare locals, loop, quantifier, message
	// and sender variables to their symbols; also the names of params,
	// state variables and process types (SymGroup). A `_` declares a
	// symbol that no name can refer to.
	Defs map[*parser.Ident]*Symbol
	// Calls maps every call expression to what it calls.
	Calls map[*parser.Call]*CallInfo
	// Records maps every composite literal to the record it builds, with
	// the field values in declaration order in Fields (positional or named).
	Composites map[*parser.Composite]*CompositeInfo
	// Awaits maps every await statement to its quorum wait.
	Awaits map[*parser.AwaitStmt]*Await
}

// CompositeInfo is a checked composite literal.
type CompositeInfo struct {
	Record *Record
	// Values holds one expression per field of Record, in field order; a
	// field left out of a named literal is nil (its zero value).
	Values []parser.Expr
}

// TypeOf returns the type of e, or TInvalid.
func (info *Info) TypeOf(e parser.Expr) Type {
	if t, ok := info.Types[e]; ok {
		return t
	}
	return TInvalid
}
