package parser

import (
	"strconv"
	"strings"
)

// The expression printer of Format and of diagnostics.

// ExprString prints an expression as Format does, on one line.
func ExprString(e Expr) string { return exprString(e) }

// ShortExprString prints an expression for a diagnostic: as ExprString,
// except that a composite literal's fields are elided (Name{…}), a missing
// part of a broken tree prints as ?, and a long or deeply nested
// expression is cut short with ….
func ShortExprString(e Expr) string {
	w := exprWriter{short: true}
	w.expr(e)
	return w.b.String()
}

func exprString(e Expr) string {
	w := exprWriter{}
	w.expr(e)
	return w.b.String()
}

// exprWriter prints expressions, in full for the formatter or short for
// diagnostics. With a printer p it keeps the line breaks of the source at
// the places gap is called: the finished lines are in lines, the one being
// written in b.
type exprWriter struct {
	b     strings.Builder
	short bool
	depth int
	p     *printer
	lines []string
	// lineComment is set when b ends in a // comment.
	lineComment bool
}

// newline ends the line being written, if it has anything.
func (w *exprWriter) newline() {
	if w.b.Len() > 0 {
		w.lines = append(w.lines, w.b.String())
		w.b.Reset()
	}
	w.lineComment = false
}

func (w *exprWriter) list(es []Expr) {
	for i, e := range es {
		if i > 0 {
			w.b.WriteString(",")
			w.gap(e)
		}
		w.expr(e)
	}
}

func (w *exprWriter) ident(id *Ident) {
	if id == nil && w.short {
		w.b.WriteString("?")
		return
	}
	w.b.WriteString(identName(id))
}

func (w *exprWriter) expr(e Expr) {
	b := &w.b
	if w.short {
		if e == nil || isNilNode(e) {
			b.WriteString("?")
			return
		}
		if w.depth > 50 || b.Len() > 200 {
			b.WriteString("…")
			return
		}
	}
	w.depth++
	defer func() { w.depth-- }()
	switch e := e.(type) {
	case nil:
	case *IntLit:
		switch {
		case e.Text != "":
			b.WriteString(e.Text)
		case e.Unit == "s" && e.Value%1000 == 0:
			b.WriteString(strconv.FormatInt(e.Value/1000, 10) + "s")
		case e.Unit != "":
			b.WriteString(strconv.FormatInt(e.Value, 10) + "ms")
		default:
			b.WriteString(strconv.FormatInt(e.Value, 10))
		}
	case *StringLit:
		if e.Text != "" && !w.short {
			b.WriteString(e.Text)
		} else {
			b.WriteString(strconv.Quote(e.Value))
		}
	case *BoolLit:
		b.WriteString(strconv.FormatBool(e.Value))
	case *ListLit:
		b.WriteByte('[')
		w.list(e.Elems)
		b.WriteByte(']')
	case *Name:
		b.WriteString(e.Name)
	case *Paren:
		b.WriteByte('(')
		w.expr(e.X)
		b.WriteByte(')')
	case *Unary:
		b.WriteString(e.Op)
		if u, ok := e.X.(*Unary); e.Op == "not" || ok && u != nil && u.Op == "-" && !w.short {
			b.WriteByte(' ')
		}
		w.expr(e.X)
	case *Binary:
		w.expr(e.X)
		b.WriteString(" " + e.Op)
		w.gap(e.Y)
		w.expr(e.Y)
	case *Range:
		w.expr(e.Lo)
		b.WriteString(" ..")
		w.gap(e.Hi)
		w.expr(e.Hi)
	case *Selector:
		w.expr(e.X)
		b.WriteByte('.')
		w.ident(e.Name)
	case *Index:
		w.expr(e.X)
		b.WriteByte('[')
		w.expr(e.Index)
		b.WriteByte(']')
	case *Call:
		w.expr(e.Fun)
		b.WriteByte('(')
		w.list(e.Args)
		b.WriteByte(')')
	case *Composite:
		w.ident(e.Type)
		if w.short {
			b.WriteString("{…}")
			return
		}
		b.WriteByte('{')
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString(",")
				w.gapAt(fieldStart(f))
			}
			if f == nil {
				continue
			}
			if f.Name != nil {
				b.WriteString(f.Name.Name + ": ")
			}
			w.expr(f.Value)
		}
		b.WriteByte('}')
	case *Quantifier:
		b.WriteString(e.Kind + " ")
		for i, v := range e.Vars {
			if i > 0 {
				b.WriteString(", ")
			}
			if t := e.Tuple(i); t != nil {
				b.WriteString(partsString(t.Parts))
			} else {
				w.ident(v)
			}
		}
		b.WriteString(" in ")
		w.expr(e.Range)
		b.WriteString(":")
		w.gap(e.Body)
		w.expr(e.Body)
	case *TupleLit:
		b.WriteByte('(')
		w.list(e.Elems)
		b.WriteByte(')')
	case *EmptyLit:
		b.WriteString("{}")
	case *Extremum:
		b.WriteString(e.Kind + "(")
		w.ident(e.Var)
		b.WriteString(" in ")
		w.expr(e.Range)
		b.WriteString(":")
		w.gap(e.Key)
		w.expr(e.Key)
		b.WriteByte(')')
	default:
		if w.short {
			b.WriteString("?")
		}
	}
}

// gap writes what separates an operator, ":" or "," from the expression e
// after it: a space, or, when the author broke the line there, the
// comments before e and a line break.
func (w *exprWriter) gap(e Expr) { w.gapAt(startOf(e)) }

// gapAt is gap before the expression whose first token is at offset off.
func (w *exprWriter) gapAt(off int) {
	if w.p == nil || off < 0 || !w.p.lay.brokenBefore(off) {
		w.b.WriteByte(' ')
		return
	}
	w.p.flushInto(w, off)
	w.newline()
}

// startOf returns the offset of the first token of e, or -1 when e has
// no position (a tree built by hand).
func startOf(e Expr) int {
	e = Leftmost(e)
	if e == nil || isNilNode(e) || e.Position().Line == 0 {
		return -1
	}
	return e.Position().Offset
}

// fieldStart is startOf for a field of a composite literal.
func fieldStart(f *FieldInit) int {
	if f == nil {
		return -1
	}
	if f.Name != nil {
		return f.Name.Pos.Offset
	}
	return startOf(f.Value)
}

// gapped is a part of a line (see render): an expression after a space,
// or at the start of the next line when the author broke the line before
// it, after the ":" of a property or the "=" of a let, var or assignment.
type gapped struct{ e Expr }

// exprs is a part of a line: expressions separated by commas.
type exprs []Expr

// render prints parts, each a string, an Expr, a gapped or an exprs, as
// the lines of one statement or declaration. With a printer p the line
// breaks of the source that Format keeps make more than one line, and
// comments before a break end the line before it; with p nil there is
// one line.
func render(p *printer, parts ...any) []string {
	w := exprWriter{p: p}
	for _, part := range parts {
		switch x := part.(type) {
		case string:
			w.b.WriteString(x)
		case gapped:
			w.gap(x.e)
			w.expr(x.e)
		case exprs:
			w.list(x)
		case Expr:
			w.expr(x)
		}
	}
	return append(w.lines, w.b.String())
}

// plain prints parts on one line.
func plain(parts ...any) string { return render(nil, parts...)[0] }
