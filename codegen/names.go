package codegen

import (
	"go/token"
	"strings"
	"unicode"
)

// Import paths of the runtime packages the generated code uses.
const (
	rtPath   = "github.com/dsac-lang/dsac/runtime"
	wirePath = "github.com/dsac-lang/dsac/runtime/wire"
)

// goReserved are the names a local of the spec must not take in Go: Go's
// keywords and predeclared identifiers, the imported package names, and the
// names the generated code itself uses for its receivers and parameters.
var goReserved = map[string]bool{
	"bool": true, "byte": true, "int": true, "int64": true, "string": true, "error": true,
	"len": true, "cap": true, "append": true, "make": true, "new": true, "delete": true,
	"copy": true, "panic": true, "recover": true, "print": true, "println": true,
	"min": true, "max": true, "clear": true, "close": true, "nil": true, "true": true,
	"false": true, "iota": true, "any": true, "comparable": true, "complex": true,
	"real": true, "imag": true, "uint": true, "float64": true, "rune": true,
	"runtime": true, "wire": true, "time": true, "fmt": true, "slices": true,
	"strconv": true, "ctx": true, "st": true, "msg": true, "w": true, "d": true, "b": true,
	"env": true, "params": true, "cfg": true, "procs": true, "err": true, "expl": true,
}

// localName returns the Go name of a local of the spec.
func localName(name string) string {
	if token.IsKeyword(name) || goReserved[name] {
		return name + "_"
	}
	return name
}

// exported turns snake_case or camelCase into an exported CamelCase name.
func exported(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if r == '_' {
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

// nameSet hands out distinct Go names within one scope (the fields of a
// struct, the top-level names of a package).
type nameSet map[string]bool

func newNameSet(reserved ...string) nameSet {
	s := nameSet{}
	for _, r := range reserved {
		s[r] = true
	}
	return s
}

// take returns want, or want with a numeric suffix if it is taken.
func (s nameSet) take(want string) string {
	name := want
	for i := 2; s[name]; i++ {
		name = want + "_" + itoa(i)
	}
	s[name] = true
	return name
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
