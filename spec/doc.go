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
//
// # Composition
//
// A file's imports are expanded before it is checked (components.go): each
// imported file is parsed and checked on its own, then merged into the
// importing file with its names prefixed (fd.x) and its outputs turned into
// calls of the importer's handlers. The checker, and codegen after it, see
// one flat algorithm; LoadWith takes the function that reads imports.
//
// # Checking
//
// Check (and Load, which parses first) works in passes: it collects the
// top-level declarations (so they may come in any order), resolves the
// fields of records and messages, checks params, placements, each process
// (state variables, then handlers in source order, then timers),
// properties, and finally that every handled message is sent somewhere.
// On a spec without errors it then decides which process types are
// symmetric (symmetry.go).
//
// Scopes nest as in Go: universe (self, n) → params and process groups →
// state variables of the process → the handler's message and sender
// variables together with the top of its body → blocks, loops and
// quantifiers. A name may shadow one of an enclosing scope but not be
// declared twice in one scope. self, n and the built-in function names are
// reserved; `_` declares nothing.
//
// What may appear depends on where an expression is:
//   - param defaults and placements: literals, n, params (in a default,
//     only earlier ones), arithmetic, comparisons, logic, min, max, abs;
//   - state variable initialisers: anything but state variables, now()
//     and random();
//   - handlers: everything; reply only in message handlers;
//   - properties: params, n, process groups, quantifiers (over a group
//     they bind process states, whose state variables and self are
//     selected as p.x), but no bare state variable, self, now() or random().
//
// Groups (process type names) are not values: they are the domains of
// in, for, forall/exists, majority, size and contains, and broadcast
// targets. A range lo .. hi appears only as the head of a for or
// quantifier, unparenthesised, or as a placement.
package spec
