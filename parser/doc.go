// Package parser turns the text of a .dsa file into a syntax tree, with a
// position on every node, and prints a tree back in canonical layout (the
// formatter behind `dsac fmt`).
//
// It knows nothing of Go or of the generated code, and imports only package
// source of the compiler.
//
// The API:
//
//   - Parse(filename, src) returns the *File, or a source.ErrorList whose
//     diagnostics carry file:line:col positions and messages such as
//     `unexpected token "}" (expected an expression)` or
//     `unexpected "proces" (did you mean "process"?)`.
//   - Format(f) prints a file in canonical layout, keeping its comments.
//   - ExprString(e) prints one expression as Format does.
//   - Inspect(n, fn) walks a tree in source order.
//   - Suggest(name, candidates) picks a likely intended spelling, for
//     "did you mean" hints.
//   - Keywords and IsKeyword list the reserved words; Lexer is the
//     participle lexer definition.
//
// Declarations and statements are parsed by participle from the struct tags
// in ast.go; expressions by the precedence climber in expr.go. The lexer
// reports reserved words as Keyword tokens, so a rule capturing an Ident
// never takes one; the grammar matches them by their text. Every
// alternative of the grammar is decided by its first token (no
// backtracking), so an error is reported where the input went wrong.
//
// Layout is free: newlines are white space. A statement that starts with
// "-", "(" or "[" therefore continues the expression that ends the previous
// statement unless a ";" separates them; the formatter writes that ";".
package parser
