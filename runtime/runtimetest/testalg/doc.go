// Package testalg holds small algorithms written by hand in the shape of
// dsac's generated code (a Descriptor with New and Decode, message structs
// with a wire encoding, processes implementing runtime.Process), so that
// backends, the command line and the report can be tested without the
// compiler, and every backend against the same algorithms.
//
// Each exported Descriptor documents the spec it stands for and what a
// run of it must produce: end reason, outputs and exact message counts.
package testalg
