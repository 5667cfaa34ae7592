// Package codegen turns a checked algorithm (spec.Algorithm) into one Go
// package, written with jennifer: a struct per process type with its state
// and Start/Handle/Fire methods over runtime.Context, a struct per message
// with its binary encoding, and the exported Descriptor every backend runs.
//
// The output is gofmt-clean, starts with the standard "Code generated ...
// DO NOT EDIT." line and holds no timestamp or version, so regenerating an
// unchanged spec gives identical bytes.
//
// It imports spec, parser and source of the compiler and never the runtime:
// the runtime is only named, by import path, in the code it writes.
package codegen
