package runtime

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// writeJSONStream writes v, a struct or a pointer to one, as indented JSON
// with the content encoding/json gives it, but without ever holding all of
// it: each field, and each element of a field that is a slice (the outputs
// of every process, say), is encoded and written in turn. Arrays of
// scalars (a vector clock) stay on one line, which keeps the report of a
// large run a few times smaller than one number per line would.
func writeJSONStream(w io.Writer, v any) error {
	val := reflect.Indirect(reflect.ValueOf(v))
	bw := bufio.NewWriter(w)
	bw.WriteByte('{')
	first := true
	for i := range val.NumField() {
		f := val.Type().Field(i)
		name, omitEmpty, ok := jsonField(f)
		if !ok || (omitEmpty && isEmptyJSON(val.Field(i))) {
			continue
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		fmt.Fprintf(bw, "\n  %q: ", name)
		fv := val.Field(i)
		if fv.Kind() == reflect.Slice && fv.Len() > 0 {
			bw.WriteByte('[')
			for j := range fv.Len() {
				if j > 0 {
					bw.WriteByte(',')
				}
				bw.WriteString("\n    ")
				if err := writeIndented(bw, fv.Index(j).Interface(), 2); err != nil {
					return err
				}
			}
			bw.WriteString("\n  ]")
			continue
		}
		if err := writeIndented(bw, fv.Interface(), 1); err != nil {
			return err
		}
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// jsonField reads the name and omitempty of a field's json tag; ok is
// false for fields encoding/json leaves out.
func jsonField(f reflect.StructField) (name string, omitEmpty, ok bool) {
	if !f.IsExported() {
		return "", false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, strings.Contains(","+opts+",", ",omitempty,"), true
}

// isEmptyJSON is encoding/json's test for omitempty.
func isEmptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return v.IsZero()
}

// writeIndented encodes v and writes it indented as at depth.
func writeIndented(w *bufio.Writer, v any, depth int) error {
	src, err := json.Marshal(v)
	if err != nil {
		return err
	}
	ind := indenter{w: w, src: src}
	ind.value(depth)
	return nil
}

// indenter re-indents compact JSON, two spaces a level, keeping arrays
// without arrays or objects in them on one line.
type indenter struct {
	w   *bufio.Writer
	src []byte
	i   int
}

func (d *indenter) value(depth int) {
	switch d.src[d.i] {
	case '{':
		d.container(depth, '}', true)
	case '[':
		if end, flat := d.flatArray(); flat {
			d.w.Write(d.src[d.i : end+1])
			d.i = end + 1
			return
		}
		d.container(depth, ']', false)
	default:
		d.scalar()
	}
}

// container writes an object or array, one member a line.
func (d *indenter) container(depth int, closer byte, object bool) {
	d.w.WriteByte(d.src[d.i])
	d.i++
	if d.src[d.i] == closer {
		d.w.WriteByte(closer)
		d.i++
		return
	}
	for {
		d.newline(depth + 1)
		if object {
			d.scalar() // the key
			d.i++      // ':'
			d.w.WriteString(": ")
		}
		d.value(depth + 1)
		if d.src[d.i] != ',' {
			break
		}
		d.w.WriteByte(',')
		d.i++
	}
	d.i++ // the closer
	d.newline(depth)
	d.w.WriteByte(closer)
}

func (d *indenter) newline(depth int) {
	d.w.WriteByte('\n')
	for range depth {
		d.w.WriteString("  ")
	}
}

// scalar writes a string, number, true, false or null.
func (d *indenter) scalar() {
	start := d.i
	if d.src[d.i] == '"' {
		d.i = skipString(d.src, d.i)
	} else {
		for d.i < len(d.src) && !strings.ContainsRune(",:]}", rune(d.src[d.i])) {
			d.i++
		}
	}
	d.w.Write(d.src[start:d.i])
}

// flatArray reports whether the array at d.i holds no array or object,
// and where it ends.
func (d *indenter) flatArray() (end int, flat bool) {
	for j := d.i + 1; j < len(d.src); j++ {
		switch d.src[j] {
		case '"':
			j = skipString(d.src, j) - 1
		case '[', '{':
			return 0, false
		case ']':
			return j, true
		}
	}
	return 0, false
}

// skipString returns the index just past the string starting at src[i].
func skipString(src []byte, i int) int {
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return i
}
