package parser

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

var (
	buildOnce  sync.Once
	fileParser *participle.Parser[File]
	buildErr   error
)

func getParser() (*participle.Parser[File], error) {
	buildOnce.Do(func() {
		fileParser, buildErr = participle.Build[File](
			participle.Lexer(Lexer),
			participle.Elide("Comment", "Whitespace"),
			participle.Union[Decl](&ImportDecl{}, &ParamDecl{}, &SharedDecl{}, &TypeDecl{}, &MessageDecl{}, &ProcessDecl{}, &PropertyDecl{}, &FuncDecl{}),
			participle.Union[Member](&VarDecl{}, &Handler{}, &FuncDecl{}, &ProcDecl{}),
			participle.Union[Stmt](
				&IfStmt{}, &ForStmt{}, &LetStmt{}, &SendStmt{}, &ReplyStmt{},
				&BroadcastStmt{}, &OutputStmt{}, &HaltStmt{}, &ReturnStmt{},
				&TimerStmt{}, &CancelStmt{}, &WhileStmt{}, &AwaitStmt{}, &AssignStmt{},
			),
			participle.ParseTypeWith(parseExpr),
			participle.ParseTypeWith(parseHeadExpr),
			participle.ParseTypeWith(parseStmtExpr),
			// Every alternative of the grammar is decided by its first
			// token, so an alternative that consumed a token and then failed
			// is an error: no backtracking, and the error is reported where
			// the input went wrong.
			participle.UseLookahead(0),
		)
	})
	return fileParser, buildErr
}

// MaxSourceSize bounds the size of a .dsa file, in bytes: the time and
// memory of every stage grow with it, and specs are a few kilobytes.
const MaxSourceSize = 1 << 20

// Parse parses the text of a .dsa file. filename is recorded in every
// position. On failure the error is a source.ErrorList.
func Parse(filename string, src []byte) (f *File, err error) {
	if len(src) > MaxSourceSize {
		var errs source.ErrorList
		errs.Add(source.Pos{File: filename}, "file too large: %d bytes (at most %d)", len(src), MaxSourceSize)
		return nil, errs
	}
	defer func() {
		if r := recover(); r != nil {
			var errs source.ErrorList
			errs.Add(source.Pos{File: filename, Line: 1, Col: 1}, "internal error: parser panicked: %v", r)
			f, err = nil, errs
		}
	}()
	internal := func(err error) error {
		var errs source.ErrorList
		errs.Add(source.Pos{File: filename, Line: 1, Col: 1}, "internal error: %v", err)
		return errs
	}
	p, err := getParser()
	if err != nil {
		return nil, internal(fmt.Errorf("building the grammar: %w", err))
	}
	toks, lexErr := lexAll(filename, src)
	if lexErr != nil {
		return nil, lexErr
	}
	peeker, err := lexer.Upgrade(&sliceLexer{toks: toks}, tokComment, tokWhitespace)
	if err != nil {
		return nil, internal(err)
	}
	f, err = p.ParseFromLexer(peeker)
	if err != nil {
		return nil, translateError(filename, err, toks)
	}
	for _, t := range toks {
		if t.Type == tokComment {
			f.Comments = append(f.Comments, &Comment{Pos: t.Pos, Text: t.Value})
		}
	}
	fixup(f, toks)
	recordLayout(f, toks)
	return f, nil
}

// maxBlockDepth bounds the nesting of braces: the parser's time grows with
// the square of the nesting depth.
const maxBlockDepth = 256

// lexAll splits src into tokens, ending with EOF.
func lexAll(filename string, src []byte) ([]lexer.Token, error) {
	l, err := Lexer.(dsaLexer).LexBytes(filename, src)
	if err != nil {
		return nil, err
	}
	var toks []lexer.Token
	depth := 0
	for {
		t, err := l.Next()
		if err != nil {
			var errs source.ErrorList
			var le *lexer.Error
			if errors.As(err, &le) {
				errs.Add(ToPos(le.Pos), "%s", lexMessage(src, le.Pos))
			} else {
				errs.Add(source.Pos{File: filename}, "%v", err)
			}
			return nil, errs
		}
		if t.Type == tokPunct && t.Value == "/" && t.Pos.Offset+1 < len(src) && src[t.Pos.Offset+1] == '*' {
			var errs source.ErrorList
			errs.Add(ToPos(t.Pos), "comment not terminated (missing \"*/\")")
			return nil, errs
		}
		if (t.Type == tokIdent || t.Type == tokKeyword) && len(toks) > 0 {
			if prev := toks[len(toks)-1]; prev.Type == tokInt && prev.Pos.Offset+len(prev.Value) == t.Pos.Offset {
				var errs source.ErrorList
				errs.Add(ToPos(prev.Pos), "unknown unit %q in %s%s (durations are written in ms or s: 50ms, 2s)", t.Value, prev.Value, t.Value)
				return nil, errs
			}
		}
		if t.Type == tokPunct {
			switch t.Value {
			case "{":
				depth++
				if depth > maxBlockDepth {
					var errs source.ErrorList
					errs.Add(ToPos(t.Pos), "blocks nested too deeply (more than %d levels)", maxBlockDepth)
					return nil, errs
				}
			case "}":
				depth--
			}
		}
		toks = append(toks, t)
		if t.EOF() {
			return toks, nil
		}
	}
}

// lexMessage explains why the lexer stopped at pos.
func lexMessage(src []byte, pos lexer.Position) string {
	rest := string(src[min(pos.Offset, len(src)):])
	switch {
	case strings.HasPrefix(rest, "/*"):
		return "comment not terminated (missing \"*/\")"
	case strings.HasPrefix(rest, `"`):
		return "string literal not terminated"
	case rest == "":
		return "unexpected end of file"
	}
	r := []rune(rest)[0]
	return fmt.Sprintf("invalid character %q", r)
}

var expectRE = regexp.MustCompile(`^unexpected token "((?:[^"\\]|\\.)*)"(?: \(expected (.*)\))?$`)

// translateError turns a participle error into a source.ErrorList with a
// friendlier message, and adds a "did you mean" when a misspelt keyword is
// the likely cause.
func translateError(filename string, err error, toks []lexer.Token) error {
	var errs source.ErrorList
	var perr participle.Error
	if !errors.As(err, &perr) {
		errs.Add(source.Pos{File: filename, Line: 1, Col: 1}, "%v", err)
		return errs
	}
	pos := perr.Position()
	msg := perr.Message()
	if m := expectRE.FindStringSubmatch(msg); m != nil {
		got := m[1]
		if got == "<EOF>" {
			got = "end of file"
		} else {
			got = fmt.Sprintf("token %q", got)
		}
		msg = "unexpected " + got
		switch {
		case m[2] != "":
			msg += " (expected " + friendlyExpect(m[2]) + ")"
		case firstToken(toks) == nil || pos.Offset <= firstToken(toks).Pos.Offset:
			msg += ` (expected "algorithm")`
		default:
			// Only the top level stops without saying what it expected.
			msg += " (expected a declaration)"
		}
	}
	if pos.Line == 0 {
		pos.Filename, pos.Line, pos.Column = filename, 1, 1
	}
	if compositeInHead(toks, pos) {
		msg += "; a composite literal in the head of if, for, when or a placement must be parenthesised"
	}
	if afterDurable(toks, pos) {
		msg += "; only a state variable (var) can be durable"
	}
	if word := reservedAsName(toks, pos); word != "" {
		msg = fmt.Sprintf("%q is a reserved word and cannot be used as a name", word)
	}
	errs.Add(ToPos(pos), "%s", msg)
	if typo := findTypo(toks, pos); typo != nil {
		if typo.pos.Line == pos.Line {
			errs = errs[:0]
		}
		errs.Add(ToPos(typo.pos), "unexpected %q (did you mean %q?)", typo.word, typo.keyword)
	}
	return errs.Sorted()
}

// compositeInHead reports whether the error at pos is a "{" that follows
// `if/for/when/on ... Name{...}` on the same line: most likely a composite
// literal that was taken for the block.
func compositeInHead(toks []lexer.Token, pos lexer.Position) bool {
	at := -1
	for i := range toks {
		if toks[i].Pos.Offset == pos.Offset && toks[i].Type == tokPunct && toks[i].Value == "{" {
			at = i
			break
		}
	}
	if at < 0 {
		return false
	}
	sawComposite := false
	for i := at - 1; i >= 0 && toks[i].Pos.Line == pos.Line; i-- {
		t := &toks[i]
		switch {
		case t.Type == tokPunct && t.Value == "{":
			if j := prevSignificant(toks, i); j >= 0 && toks[j].Type == tokIdent && isUpper(toks[j].Value) {
				sawComposite = true
			}
		case t.Type == tokKeyword:
			switch t.Value {
			case "if", "for", "when", "on":
				return sawComposite
			}
		}
	}
	return false
}

// afterDurable reports whether the error at pos is at the token that
// follows the keyword durable: durable put before something other than var.
func afterDurable(toks []lexer.Token, pos lexer.Position) bool {
	for i := range toks {
		if toks[i].Pos.Offset == pos.Offset && toks[i].Type != tokComment && toks[i].Type != tokWhitespace {
			j := prevSignificant(toks, i)
			return j >= 0 && toks[j].Type == tokKeyword && toks[j].Value == "durable"
		}
	}
	return false
}

func prevSignificant(toks []lexer.Token, i int) int {
	for j := i - 1; j >= 0; j-- {
		if toks[j].Type != tokComment && toks[j].Type != tokWhitespace {
			return j
		}
	}
	return -1
}

// starters are the keywords that begin a declaration, member or statement.
var starters = []string{
	"algorithm", "import", "param", "shared", "type", "message", "process", "invariant", "eventually",
	"durable", "var", "on",
	"if", "for", "let", "send", "reply", "broadcast", "output", "halt",
	"return", "timer", "cancel",
	"def", "proc", "while",
}

type typo struct {
	pos     lexer.Position
	word    string
	keyword string
}

// findTypo looks for a misspelt keyword at the start of a declaration,
// member or statement, at or before the error position: a name that starts
// a line (or follows "{", "}" or ";"), is followed by something that cannot
// continue an expression statement, and is close to a keyword. It returns
// the last one found. The fields of a record or message are skipped: there
// a name followed by a type is what belongs, `val int` is no misspelt var.
func findTypo(toks []lexer.Token, errPos lexer.Position) *typo {
	var found *typo
	prev := -1 // index of the previous significant token
	inFields := false
	for i := range toks {
		t := &toks[i]
		if t.Type == tokComment || t.Type == tokWhitespace {
			continue
		}
		if t.EOF() || t.Pos.Offset > errPos.Offset {
			break
		}
		if t.Type == tokPunct {
			switch t.Value {
			case "{":
				inFields = opensFields(toks, prev)
			case "}":
				inFields = false
			}
		}
		if t.Type == tokIdent && !inFields && atItemStart(toks, prev, t) {
			if nx := nextSignificant(toks, i); nx != nil && !continuesExpr(nx) {
				if kw := Suggest(t.Value, starters); kw != "" {
					found = &typo{pos: t.Pos, word: t.Value, keyword: kw}
				}
			}
		}
		prev = i
	}
	return found
}

// reservedAsName returns the reserved word at pos when it stands where a
// name belongs and what follows shows it was meant as one: after a keyword
// that declares a name (var from int), or among the fields of a record or
// message ({ val int; from int }). A name left out (process on all) is not
// such a case.
func reservedAsName(toks []lexer.Token, pos lexer.Position) string {
	at := -1
	for i := range toks {
		if toks[i].Pos.Offset == pos.Offset && toks[i].Type != tokComment && toks[i].Type != tokWhitespace {
			at = i
			break
		}
	}
	if at < 0 || toks[at].Type != tokKeyword {
		return ""
	}
	next := nextSignificant(toks, at)
	if next == nil || !(next.Type == tokIdent || next.Type == tokPunct && strings.Contains("={,", next.Value)) {
		return ""
	}
	prev := prevSignificant(toks, at)
	if prev >= 0 && toks[prev].Type == tokKeyword {
		switch toks[prev].Value {
		case "for", "forall", "exists":
			if toks[at].Value == "in" {
				return ""
			}
			return toks[at].Value
		case "import", "param", "shared", "type", "message", "process", "var", "let", "timer", "cancel", "def", "proc":
			return toks[at].Value
		}
	}
	inFields := false
	for i, p := 0, -1; i < at; i++ {
		if toks[i].Type == tokComment || toks[i].Type == tokWhitespace {
			continue
		}
		if toks[i].Type == tokPunct && (toks[i].Value == "{" || toks[i].Value == "}") {
			inFields = toks[i].Value == "{" && opensFields(toks, p)
		}
		p = i
	}
	if inFields {
		return toks[at].Value
	}
	return ""
}

// opensFields reports whether a "{" after the token at prev opens the
// fields of `type Name` or `message Name`.
func opensFields(toks []lexer.Token, prev int) bool {
	if prev < 0 || toks[prev].Type != tokIdent {
		return false
	}
	kw := prevSignificant(toks, prev)
	return kw >= 0 && toks[kw].Type == tokKeyword && (toks[kw].Value == "type" || toks[kw].Value == "message")
}

func atItemStart(toks []lexer.Token, prev int, t *lexer.Token) bool {
	if prev < 0 {
		return true
	}
	p := &toks[prev]
	if p.Type == tokPunct && (p.Value == "{" || p.Value == "}" || p.Value == ";") {
		return true
	}
	if p.Pos.Line == t.Pos.Line {
		return false
	}
	// On a new line: the previous token must be able to end an item.
	switch p.Type {
	case tokIdent, tokInt, tokDuration, tokString:
		return true
	case tokKeyword:
		switch p.Value {
		case "true", "false", "halt", "return", "start", "recover", "all", "others":
			return true
		}
	case tokPunct:
		return p.Value == ")" || p.Value == "]" || p.Value == ">"
	}
	return false
}

func firstToken(toks []lexer.Token) *lexer.Token {
	for i := range toks {
		if toks[i].Type != tokComment && toks[i].Type != tokWhitespace {
			return &toks[i]
		}
	}
	return nil
}

func nextSignificant(toks []lexer.Token, i int) *lexer.Token {
	for j := i + 1; j < len(toks); j++ {
		if toks[j].Type != tokComment && toks[j].Type != tokWhitespace {
			return &toks[j]
		}
	}
	return nil
}

// continuesExpr reports whether t, following a name, can continue an
// expression statement that starts with that name.
func continuesExpr(t *lexer.Token) bool {
	if t.EOF() {
		return true
	}
	if t.Type == tokKeyword {
		switch t.Value {
		case "and", "or", "implies", "in":
			return true
		}
		return false
	}
	if t.Type != tokPunct {
		return false
	}
	switch t.Value {
	case "{":
		return false
	case "}", ";":
		return true
	}
	return true
}

// fixup fills in what participle does not: the position of the closing
// brace of every block.
func fixup(f *File, toks []lexer.Token) {
	closing := map[int]lexer.Position{}
	var stack []int
	for _, t := range toks {
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case "{":
			stack = append(stack, t.Pos.Offset)
		case "}":
			if n := len(stack); n > 0 {
				closing[stack[n-1]] = t.Pos
				stack = stack[:n-1]
			}
		}
	}
	Inspect(f, func(n Node) bool {
		if b, ok := n.(*Block); ok && b.End.Line == 0 {
			if end, ok := closing[b.Pos.Offset]; ok {
				b.End = end
			}
		}
		return true
	})
}
