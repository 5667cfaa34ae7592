// Package generated_test runs every shipped algorithm, as generated into
// this directory by dsac, on the channel backend and checks what the
// algorithm must guarantee: the properties stated in its spec, and the
// outputs it must produce, checked independently of the spec here.
package generated_test
