package codegen

import (
	"go/token"
	"go/types"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dsac-lang/dsac/parser"
	"github.com/dsac-lang/dsac/spec"
)

// Import paths of the runtime packages the generated code uses.
const (
	rtPath   = "github.com/dsac-lang/dsac/runtime"
	wirePath = "github.com/dsac-lang/dsac/runtime/wire"
)

// Every Go identifier the generated code declares comes from one of three
// sources, and the three cannot meet:
//
//   - the generator's own names (topNames, scopeNames, otherNames, tmpN,
//     propertyN and explainN): fixed, and avoided by the others where
//     they are in scope;
//   - names allocated from a nameSet, one per Go scope: the package (types
//     of records, messages and processes, helper functions), each struct
//     and its methods (fields, handler and guard methods), the Params
//     struct, the env struct. A nameSet never hands out a name twice and
//     never hands out a reserved one: on a clash it adds a numeric suffix
//     (onM2 beside onM2 becomes onM2_2);
//   - locals of the spec, escaped by localName, which is injective and
//     avoids reserved names and the package's names.

// The names the generated code itself uses. TestGeneratorNamesReserved
// keeps the lists in step with the generator's source.
var (
	// topNames are its top-level declarations and imported packages.
	topNames = names("Descriptor Params env world newWorld newInstance decodeMessage check holds " +
		"invariantsHold regroup explain parseParams placeRanks init main runtime wire fmt slices time strconv")
	// scopeNames are its receivers, parameters and locals in the functions
	// that hold code compiled from the spec (handlers, guards, init,
	// functions, properties and their explanations), where a local of the spec could
	// hide them.
	scopeNames = names("st ctx stop from w why expl msg d b params cfg procs err at_ found_ i_ q_ msg_")
	// otherNames are its parameters and locals elsewhere; only the
	// package's names must avoid them.
	otherNames = names("a all buf c down dst e each final fs handler i inst k keep kind n ok old others out p payload place " +
		"m perm property r rank scratch self shared t text timer to types v x y")
)

func names(list string) map[string]bool {
	set := map[string]bool{}
	for _, name := range strings.Fields(list) {
		set[name] = true
	}
	return set
}

// numbered matches the generator's numbered names: temporaries and the
// functions of properties and explanations.
var numbered = regexp.MustCompile(`^(tmp|property|explain)[0-9]+$`)

// goName reports whether name is one of Go's keywords or predeclared
// identifiers.
func goName(name string) bool {
	return token.IsKeyword(name) || types.Universe.Lookup(name) != nil
}

// reserved reports whether the package's names must avoid name.
func reserved(name string) bool {
	return name == "_" || goName(name) || topNames[name] || scopeNames[name] || otherNames[name] || numbered.MatchString(name)
}

// localName returns the Go name of a local of the spec (a let, a loop or
// quantified variable, a handler's sender or message). It is the name
// itself, or the name with "_" appended when the name is Go's, the
// generator's in scope (topNames, scopeNames, numbered), one of the
// package's names (globals), or itself ends in "_". The mapping is
// injective: a name it changes ends in "_", and a name ending in "_" is
// always changed; so two locals never get one Go name, and a local never
// hides a name the generated code refers to.
func localName(name string, globals nameSet) string {
	if name == "_" {
		return name // declares nothing, in the spec as in Go
	}
	// A component's locals are named alias.name (spec/components.go). In
	// Go alias_name may equal a local of the importing file, but only one
	// that the component's code never sees: the importer's code inlined
	// into a component's handler sits in a block of its own.
	name = strings.ReplaceAll(name, ".", "_")
	if goName(name) || topNames[name] || scopeNames[name] || numbered.MatchString(name) ||
		globals.taken[name] || strings.HasSuffix(name, "_") {
		return name + "_"
	}
	return name
}

// exported turns snake_case or camelCase into an exported CamelCase name.
// It is not injective (a_b and aB both give AB): its results are only
// wishes for a nameSet.
func exported(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if r == '_' || r == '.' {
			upper = true
			continue
		}
		if upper {
			b.WriteRune(unicode.ToUpper(r))
			upper = false
		} else {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "X"
	}
	return b.String()
}

// typeName is the Go name wished for a record, message or process type:
// its name, or for a component's type (fd.Heartbeat) the name with "_" for
// "." and an upper-case first letter (Fd_Heartbeat), so that it stays
// apart from the generator's lower-case names.
func typeName(name string) string {
	if !strings.Contains(name, ".") {
		return name
	}
	name = strings.ReplaceAll(name, ".", "_")
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// nameSet hands out distinct Go names within one scope (the fields and
// methods of a struct, the top-level names of a package).
type nameSet struct {
	taken map[string]bool
	// avoidReserved keeps the reserved names out of the set's scope; a
	// struct's fields and methods are always selected (st.x), so they need
	// not avoid them.
	avoidReserved bool
}

func newNameSet(taken ...string) nameSet {
	s := nameSet{taken: map[string]bool{}}
	for _, name := range taken {
		s.taken[name] = true
	}
	return s
}

// newScope returns a nameSet for a scope where every reserved name is in
// use: the package.
func newScope() nameSet {
	s := newNameSet()
	s.avoidReserved = true
	return s
}

func (s nameSet) free(name string) bool {
	return !s.taken[name] && !(s.avoidReserved && reserved(name))
}

// take returns want, or want with the first numeric suffix that makes it
// free, and marks the result taken.
func (s nameSet) take(want string) string {
	return s.takeAll(want, "")[0]
}

// takeAll returns the names prefix+stem for each prefix, with the first
// stem (want, want_2, want_3, ...) for which all are free, and marks them
// taken: the helper functions of one type (encListInt, decListInt, ...)
// share their stem.
func (s nameSet) takeAll(want string, prefixes ...string) []string {
	names := make([]string, len(prefixes))
	for i := 1; ; i++ {
		stem := want
		if i > 1 {
			stem = want + "_" + itoa(i)
		}
		ok := true
		for k, p := range prefixes {
			names[k] = p + stem
			ok = ok && s.free(names[k])
		}
		if ok {
			for _, n := range names {
				s.taken[n] = true
			}
			return names
		}
	}
}

// clone returns a copy of s that later takes in s do not change.
func (s nameSet) clone() nameSet {
	c := newNameSet()
	c.avoidReserved = s.avoidReserved
	for name := range s.taken {
		c.taken[name] = true
	}
	return c
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

// countWrites counts the uses of each symbol that only assign to it
// (x = v, x += v, and x.clear(), which is x = nil): Go does not count them
// as uses, so a local that is only assigned must be read explicitly
// (onlyAssigned).
func (g *generator) countWrites() {
	var bodies []*parser.Block // of handlers, procedures and functions
	for _, f := range g.alg.Funcs {
		bodies = append(bodies, f.Block)
	}
	for _, p := range g.alg.Processes {
		for _, h := range p.Handlers {
			bodies = append(bodies, h.Body)
		}
		for _, f := range p.Funcs {
			bodies = append(bodies, f.Block)
		}
	}
	for _, body := range bodies {
		parser.Inspect(body, func(n parser.Node) bool {
			a, ok := n.(*parser.AssignStmt)
			if !ok {
				return true
			}
			target := parser.Expr(nil)
			if a.Op != "" {
				target = a.LHS
			} else if call, ok := a.LHS.(*parser.Call); ok {
				if sel, ok := call.Fun.(*parser.Selector); ok {
					if ci := g.info.Calls[call]; ci != nil && ci.Builtin == spec.MethodClear {
						target = sel.X
					}
				}
			}
			if name, ok := target.(*parser.Name); ok {
				if sym := g.info.Uses[name]; sym != nil {
					g.writes[sym]++
				}
			}
			return true
		})
	}
}

// onlyAssigned reports whether the code assigns to the local sym (a let:
// the checker forbids assigning to other locals) but never reads it, which Go rejects ("declared and not used") unless the
// generated code reads it once: _ = x.
func (g *generator) onlyAssigned(sym *spec.Symbol) bool {
	return sym != nil && g.uses[sym] > 0 && g.uses[sym] == g.writes[sym]
}
