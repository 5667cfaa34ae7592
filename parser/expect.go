package parser

import (
	"strings"
)

// friendlyExpect turns participle's description of what it expected, an
// EBNF fragment such as `("after" | "every") Expr` or `Ident TypeExpr`,
// into the list of what may come next: `"after" or "every"`, `a name`.
func friendlyExpect(ebnf string) string {
	toks := ebnfTokens(ebnf)
	e := &ebnfParser{toks: toks}
	first, _ := e.alternatives()
	if e.i != len(toks) || len(first) == 0 {
		return ebnf
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range first {
		f = friendlyName(f)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	switch len(out) {
	case 1:
		return out[0]
	case 2:
		return out[0] + " or " + out[1]
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}

func friendlyName(s string) string {
	switch s {
	case "Expr", "HeadExpr":
		return "an expression"
	case "Ident", "<ident>":
		return "a name"
	case "Stmt":
		return "a statement"
	case "Decl":
		return "a declaration"
	case "Member":
		return `"var", "durable" or "on"`
	case "TypeExpr":
		return "a type"
	case "Block":
		return `"{"`
	case "Event":
		return "an event"
	case "Placement":
		return `"all", "others" or ranks`
	case "Field":
		return "a field"
	case "IfStmt":
		return `"if"`
	case "Else":
		return `"if" or "{"`
	}
	return s
}

func ebnfTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			i++
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			toks = append(toks, s[i:j])
			i = j
		case strings.IndexByte("()|?*+!", c) >= 0:
			toks = append(toks, string(c))
			i++
		default:
			j := i
			for j < len(s) && strings.IndexByte(" ()|?*+!\"", s[j]) < 0 {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks
}

// ebnfParser computes the set of first terms of an EBNF fragment.
type ebnfParser struct {
	toks []string
	i    int
}

func (e *ebnfParser) peek() string {
	if e.i < len(e.toks) {
		return e.toks[e.i]
	}
	return ""
}

// alternatives parses `seq { "|" seq }` and returns its first terms and
// whether it can match nothing.
func (e *ebnfParser) alternatives() ([]string, bool) {
	first, empty := e.sequence()
	for e.peek() == "|" {
		e.i++
		f, em := e.sequence()
		first = append(first, f...)
		empty = empty || em
	}
	return first, empty
}

func (e *ebnfParser) sequence() ([]string, bool) {
	var first []string
	empty := true
	for {
		switch e.peek() {
		case "", "|", ")":
			return first, empty
		}
		f, em := e.term()
		if empty {
			first = append(first, f...)
			empty = em
		}
	}
}

func (e *ebnfParser) term() ([]string, bool) {
	var first []string
	var empty bool
	t := e.peek()
	e.i++
	switch t {
	case "(":
		first, empty = e.alternatives()
		if e.peek() == ")" {
			e.i++
		}
	case "!":
		e.term()
		return nil, false
	default:
		first = []string{t}
	}
	switch e.peek() {
	case "?", "*":
		e.i++
		empty = true
	case "+":
		e.i++
	}
	return first, empty
}
