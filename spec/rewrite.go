package spec

import (
	"reflect"

	"github.com/dsac-lang/dsac/parser"
)

// Helpers over the syntax tree for the expansion of components
// (components.go): a deep copy, and a rewrite of the expressions in place.
// Both go by reflection over the tree's structs, so a node added to the
// parser is covered without a change here.

// exprType is parser.Expr; the syntax tree also declares fields as
// interfaces with the same methods (HeadExpr, StmtExpr), which walkField
// treats alike.
var exprType = reflect.TypeFor[parser.Expr]()

// clone returns a deep copy of a syntax tree: inlining one handler in
// several places must give each place nodes of its own, since the
// checker's Info maps nodes to what they mean there.
func clone[T any](n T) T {
	v := reflect.ValueOf(&n).Elem()
	out := reflect.New(v.Type()).Elem()
	deepCopy(out, v)
	return out.Interface().(T)
}

func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		e := reflect.New(src.Elem().Type()).Elem()
		deepCopy(e, src.Elem())
		dst.Set(e)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			deepCopy(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Struct:
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// mapExprs replaces, in the tree under n, every expression e by f(e),
// innermost first: f sees an expression whose parts are already replaced.
func mapExprs(n any, f func(parser.Expr) parser.Expr) {
	walkValue(reflect.ValueOf(n), f)
}

func walkValue(v reflect.Value, f func(parser.Expr) parser.Expr) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkValue(v.Elem(), f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkField(v.Index(i), f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				walkField(v.Field(i), f)
			}
		}
	}
}

// walkField walks a settable value and, when it holds an expression,
// replaces it.
func walkField(v reflect.Value, f func(parser.Expr) parser.Expr) {
	walkValue(v, f)
	if v.Kind() == reflect.Interface && v.Type().Implements(exprType) && exprType.Implements(v.Type()) && !v.IsNil() {
		if e := f(v.Interface().(parser.Expr)); e != nil {
			v.Set(reflect.ValueOf(e))
		}
	}
}
