// Package dsac holds the sources of the dsac runtime, embedded, so that an
// installed dsac can build programs from a .dsa file in any directory: the
// generated package and a copy of the runtime make a module of their own;
// and the shipped algorithms, so that it can list and print them.
//
// The compiler itself lives in the parser, spec, codegen and cmd/dsac
// packages; this package only carries files.
package dsac

import "embed"

// Runtime holds the runtime packages' sources (runtime/...).
//
//go:embed runtime
var Runtime embed.FS

// Algorithms holds the shipped algorithms (algorithms/*.dsa), which
// `dsac list` shows and prints from any directory.
//
//go:embed algorithms/*.dsa
var Algorithms embed.FS
