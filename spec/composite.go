package spec

import (
	"github.com/dsac-lang/dsac/parser"
)

// composite checks a record or message literal: every field by position,
// or some fields by name (the others are zero).
func (c *checker) composite(x *parser.Composite) Type {
	if x.Type == nil {
		c.fieldValues(x.Fields)
		return TInvalid
	}
	name := x.Type.Name
	lit := name + "{…}"
	r, ok := c.types[name]
	if !ok {
		switch {
		case c.procs[name] != nil:
			c.errorf(c.pos(x.Type), "%s is a process, not a record or message type", name)
		default:
			c.errorf(c.pos(x.Type), "undefined type: %s%s", name, suggestion(name, sortedKeys(c.types)))
		}
		c.fieldValues(x.Fields)
		return TInvalid
	}
	info := &CompositeInfo{Record: r, Values: make([]parser.Expr, len(r.Fields))}
	c.info.Composites[x] = info

	named, positional := 0, 0
	for _, f := range x.Fields {
		if f == nil {
			continue
		}
		if f.Name != nil {
			named++
		} else {
			positional++
		}
	}
	switch {
	case named > 0 && positional > 0:
		c.errorf(c.pos(x), "mixture of field: value and value elements in %s", lit)
		c.fieldValues(x.Fields)
		return r
	case positional > 0:
		if positional != len(r.Fields) {
			c.errorf(c.pos(x), "wrong number of fields in %s: got %d, want %d", lit, positional, len(r.Fields))
			c.fieldValues(x.Fields)
			return r
		}
		i := 0
		for _, f := range x.Fields {
			if f == nil {
				continue
			}
			fi := r.Fields[i]
			t := c.value(f.Value, fi.Type)
			c.assignable(f.Value, t, fi.Type, "field "+fi.Name+" of "+lit)
			info.Values[i] = f.Value
			i++
		}
	default:
		seen := map[string]bool{}
		var names []string
		for _, fi := range r.Fields {
			names = append(names, fi.Name)
		}
		for _, f := range x.Fields {
			if f == nil {
				continue
			}
			fname := f.Name.Name
			i := fieldIndex(r, fname)
			switch {
			case i < 0:
				c.errorf(c.pos(f.Name), "unknown field %s in %s%s", fname, lit, suggestion(fname, names))
				c.value(f.Value, nil)
				continue
			case seen[fname]:
				c.errorf(c.pos(f.Name), "duplicate field %s in %s", fname, lit)
				c.value(f.Value, nil)
				continue
			}
			seen[fname] = true
			fi := r.Fields[i]
			t := c.value(f.Value, fi.Type)
			c.assignable(f.Value, t, fi.Type, "field "+fi.Name+" of "+lit)
			info.Values[i] = f.Value
		}
	}
	return r
}

// fieldValues checks the values of a literal in error, so that every
// expression still gets a type.
func (c *checker) fieldValues(fields []*parser.FieldInit) {
	for _, f := range fields {
		if f != nil {
			c.value(f.Value, nil)
		}
	}
}

func fieldIndex(r *Record, name string) int {
	for i, f := range r.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}
