// Package wire is the binary encoding of messages and process states that
// generated code uses: append-style encoders and a bounds-checked Decoder
// that reports malformed input as an error, never a panic.
//
// Integers are zigzag varints, booleans one byte, strings and collections a
// uvarint length followed by their contents; sets and maps are written in
// sorted order so that equal values have equal encodings. A frame on the
// wire is the message kind as a uvarint followed by the payload.
package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
)

// AppendInt appends v as a zigzag varint.
func AppendInt(b []byte, v int64) []byte { return binary.AppendVarint(b, v) }

// AppendBool appends v as one byte.
func AppendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// AppendString appends s with its length.
func AppendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// AppendLen appends the length of a collection.
func AppendLen(b []byte, n int) []byte { return binary.AppendUvarint(b, uint64(n)) }

// AppendFrame appends the frame of a message: its kind and its payload.
func AppendFrame(b []byte, kind int, encode func([]byte) []byte) []byte {
	b = binary.AppendUvarint(b, uint64(kind))
	return encode(b)
}

// KindSize is the number of bytes the kind takes in a frame.
func KindSize(kind int) int { return (bits.Len64(uint64(kind)|1) + 6) / 7 }

// ErrTruncated reports input that ends in the middle of a value.
var ErrTruncated = errors.New("truncated input")

// Decoder reads values from a byte slice. The first error sticks: later
// reads return zero values, and Err reports it, so generated decoders check
// once at the end.
type Decoder struct {
	buf []byte
	off int
	err error
	ctx any // where strings may be remembered (a StringsOwner), or nil
}

// NewDecoder returns a decoder reading b.
func NewDecoder(b []byte) *Decoder { return &Decoder{buf: b} }

// Err returns the first error met, if any.
func (d *Decoder) Err() error { return d.err }

// Finish returns the first error met, or an error if bytes are left over.
func (d *Decoder) Finish() error {
	if d.err == nil && d.off != len(d.buf) {
		d.err = fmt.Errorf("%d trailing bytes at offset %d", len(d.buf)-d.off, d.off)
	}
	return d.err
}

func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = fmt.Errorf("offset %d: %w", d.off, err)
	}
}

// Int reads a zigzag varint.
func (d *Decoder) Int() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.buf[d.off:])
	if n <= 0 {
		if n == 0 {
			d.fail(ErrTruncated)
		} else {
			d.fail(errors.New("varint overflows 64 bits"))
		}
		return 0
	}
	d.off += n
	return v
}

// Uint reads an unsigned varint.
func (d *Decoder) Uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf[d.off:])
	if n <= 0 {
		if n == 0 {
			d.fail(ErrTruncated)
		} else {
			d.fail(errors.New("varint overflows 64 bits"))
		}
		return 0
	}
	d.off += n
	return v
}

// Bool reads one byte that must be 0 or 1.
func (d *Decoder) Bool() bool {
	if d.err != nil {
		return false
	}
	if d.off >= len(d.buf) {
		d.fail(ErrTruncated)
		return false
	}
	c := d.buf[d.off]
	if c > 1 {
		d.fail(fmt.Errorf("invalid bool byte %#x", c))
		return false
	}
	d.off++
	return c == 1
}

// String reads a length-prefixed string.
func (d *Decoder) String() string {
	n := d.Len(1)
	if d.err != nil {
		return ""
	}
	b := d.buf[d.off : d.off+n]
	d.off += n
	if n > 1 && d.ctx != nil { // Go allocates no string of one byte
		return remembered(d.ctx, b)
	}
	return string(b)
}

// Len reads a collection length and checks that the remaining input can
// hold that many elements of at least minSize bytes each, so a corrupt
// length cannot make the decoder allocate without bound.
func (d *Decoder) Len(minSize int) int {
	v := d.Uint()
	if d.err != nil {
		return 0
	}
	if minSize < 1 {
		minSize = 1
	}
	if v > uint64(len(d.buf)-d.off)/uint64(minSize) {
		d.fail(fmt.Errorf("length %d exceeds the %d bytes left", v, len(d.buf)-d.off))
		return 0
	}
	return int(v)
}

// Frame splits a frame into its kind and payload.
func Frame(b []byte) (kind int, payload []byte, err error) {
	k, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, nil, errors.New("malformed frame: bad kind")
	}
	if k == 0 || k > 1<<16 {
		return 0, nil, fmt.Errorf("malformed frame: kind %d out of range", k)
	}
	return int(k), b[n:], nil
}
