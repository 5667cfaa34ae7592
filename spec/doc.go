// Package spec is the checked model of an algorithm: it resolves every name
// of a parsed .dsa file, type-checks every expression, statement and message
// construction, checks placements and handlers, and reports problems as
// positioned diagnostics (source.ErrorList), all of them, sorted.
//
// The result, an *Algorithm, is what codegen consumes: the declarations in
// order with kind numbers assigned, and Info, the type of every expression
// and the symbol every name refers to (in the manner of go/types.Info).
//
// It imports parser and source of the compiler, nothing of Go codegen.
package spec
