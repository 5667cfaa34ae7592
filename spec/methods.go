package spec

// Collection methods: which method applies to which receiver, and its
// signature. The table is the one in docs/LANGUAGE.md:
//
//	method               list  set  map  group  result
//	size()                ✓     ✓    ✓    ✓     int
//	contains(x)           ✓     ✓   key   ✓     bool
//	add(x)                      ✓                statement
//	append(x)             ✓                      statement
//	remove(x)            first  ✓   key          statement
//	remove_at(i)          ✓                      statement (a fault out of range)
//	sort()                ✓                      statement (ordered elements)
//	clear()               ✓     ✓    ✓           statement
//	max(), min()          ✓     ✓                element (elements int, node or string)
//	sum()                 ✓     ✓                int (elements int or node)
//	keys(), values()                 ✓           list, in key order
//
// The data methods (remove of a list, remove_at, sort, clear) are in
// dataMethod (tuples.go).

// Signature is the signature of a collection method on one receiver type.
type Signature struct {
	Builtin Builtin
	Params  []Type
	Result  Type // TVoid for add, append and remove
	Mutates bool // the method changes its receiver (add, append, remove)
}

// Func is the type recorded in Info.Types for the callee of a call: the
// name of a built-in function (`majority` in `majority(G)`) or a method
// selector (`s.add` in `s.add(x)`). Nothing else has this type; it is not
// a value.
type Func struct {
	Builtin Builtin
	Recv    Type      // the receiver's type for a method; nil for a built-in function
	Def     *Function // a function or procedure of the spec; then Builtin is ""
}

func (f *Func) String() string {
	if f.Def != nil {
		return f.Def.What() + " " + f.Def.Name
	}
	if f.Recv != nil {
		return "method " + string(f.Builtin) + " of " + f.Recv.String()
	}
	return "built-in " + string(f.Builtin)
}

// methodNames lists every method, in the order of the table above.
var methodNames = []Builtin{
	MethodSize, MethodContains, MethodAdd, MethodAppend, MethodRemove,
	MethodMax, MethodMin, MethodSum, MethodKeys, MethodValues,
	MethodRead, MethodFetchAdd, MethodCompareAndSwap,
	MethodRemoveAt, MethodSort, MethodClear,
}

// LookupMethod returns the signature of method name on a receiver of type
// recv, or nil if recv has no such method. max and min need elements of
// type int, node or string, sum elements of type int or node.
func LookupMethod(recv Type, name string) *Signature {
	m := Builtin(name)
	if sig := dataMethod(recv, m); sig != nil {
		return sig
	}
	var elem Type
	switch r := recv.(type) {
	case *List:
		elem = r.Elem
		switch m {
		case MethodAppend:
			return &Signature{Builtin: m, Params: []Type{elem}, Result: TVoid, Mutates: true}
		}
	case *Set:
		elem = r.Elem
		switch m {
		case MethodAdd, MethodRemove:
			return &Signature{Builtin: m, Params: []Type{elem}, Result: TVoid, Mutates: true}
		}
	case *Map:
		switch m {
		case MethodSize:
			return &Signature{Builtin: m, Result: TInt}
		case MethodContains:
			return &Signature{Builtin: m, Params: []Type{r.Key}, Result: TBool}
		case MethodRemove:
			return &Signature{Builtin: m, Params: []Type{r.Key}, Result: TVoid, Mutates: true}
		case MethodKeys:
			return &Signature{Builtin: m, Result: &List{Elem: r.Key}}
		case MethodValues:
			return &Signature{Builtin: m, Result: &List{Elem: r.Value}}
		}
		return nil
	case *Counter:
		switch m {
		case MethodRead:
			return &Signature{Builtin: m, Result: TInt}
		case MethodFetchAdd:
			return &Signature{Builtin: m, Params: []Type{TInt}, Result: TInt}
		case MethodCompareAndSwap:
			return &Signature{Builtin: m, Params: []Type{TInt, TInt}, Result: TBool}
		}
		return nil
	case *Group:
		switch m {
		case MethodSize:
			return &Signature{Builtin: m, Result: TInt}
		case MethodContains:
			return &Signature{Builtin: m, Params: []Type{TNode}, Result: TBool}
		}
		return nil
	default:
		return nil
	}
	// Methods common to lists and sets.
	switch m {
	case MethodSize:
		return &Signature{Builtin: m, Result: TInt}
	case MethodContains:
		return &Signature{Builtin: m, Params: []Type{elem}, Result: TBool}
	case MethodMax, MethodMin:
		if Identical(elem, TInt) || Identical(elem, TString) {
			return &Signature{Builtin: m, Result: elem}
		}
	case MethodSum:
		if Identical(elem, TInt) {
			return &Signature{Builtin: m, Result: TInt}
		}
	}
	return nil
}

// Methods lists the names of the methods a receiver of type recv has.
func Methods(recv Type) []string {
	var out []string
	for _, m := range methodNames {
		if LookupMethod(recv, string(m)) != nil {
			out = append(out, string(m))
		}
	}
	return out
}

// builtinFuncs are the built-in functions, called by name.
var builtinFuncs = map[string]Builtin{
	"majority": BuiltinMajority, "now": BuiltinNow, "random": BuiltinRandom,
	"min": BuiltinMin, "max": BuiltinMax, "abs": BuiltinAbs,
	"sorted": BuiltinSorted, "crashed": BuiltinCrashed, "correct": BuiltinCorrect,
}

func isBuiltinFunc(name string) bool {
	_, ok := builtinFuncs[name]
	return ok
}
