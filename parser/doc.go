// Package parser turns the text of a .dsa file into a syntax tree, with a
// position on every node, and prints a tree back in canonical layout (the
// formatter behind `dsac fmt`).
//
// It knows nothing of Go or of the generated code, and imports only package
// source of the compiler.
package parser
