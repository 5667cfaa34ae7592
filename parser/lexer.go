package parser

import (
	"bytes"
	"io"

	"github.com/alecthomas/participle/v2/lexer"
)

// Keywords are the reserved words of the language (docs/LANGUAGE.md). The
// lexer reports them as tokens of type Keyword rather than Ident, so a
// grammar rule that captures an Ident never swallows one; the grammar
// matches them by their literal text.
var Keywords = []string{
	"algorithm", "param", "type", "message", "process", "on", "durable", "var", "when",
	"from", "start", "recover", "timer", "after", "every", "cancel", "if", "else", "for",
	"in", "let", "send", "reply", "broadcast", "to", "all", "others", "output",
	"halt", "return", "shared", "invariant", "eventually", "forall", "exists", "not",
	"and", "or", "implies", "true", "false", "import",
	"def", "proc", "while", "await", "min_by", "max_by",
}

var keywordSet = func() map[string]bool {
	m := make(map[string]bool, len(Keywords))
	for _, k := range Keywords {
		m[k] = true
	}
	return m
}()

// IsKeyword reports whether name is a reserved word.
func IsKeyword(name string) bool { return keywordSet[name] }

// simpleLexer splits the input; Keyword tokens are carved out of its Ident
// tokens by dsaLexer.
var simpleLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Comment", Pattern: `//[^\n]*|/\*(?s:.*?)\*/`},
	{Name: "Whitespace", Pattern: `\s+`},
	{Name: "Duration", Pattern: `\d+(?:ms|s)\b`},
	{Name: "Int", Pattern: `\d+`},
	{Name: "String", Pattern: `"(?:\\.|[^"\\\n])*"`},
	{Name: "Ident", Pattern: `[\p{L}_][\p{L}\p{Nd}_]*`},
	{Name: "Punct", Pattern: `\.\.|==|!=|<=|>=|\+=|-=|[{}()\[\]<>,;:.=+\-*/%]`},
})

// Token types of the lexer.
var (
	tokComment    = simpleLexer.Symbols()["Comment"]
	tokWhitespace = simpleLexer.Symbols()["Whitespace"]
	tokDuration   = simpleLexer.Symbols()["Duration"]
	tokInt        = simpleLexer.Symbols()["Int"]
	tokString     = simpleLexer.Symbols()["String"]
	tokIdent      = simpleLexer.Symbols()["Ident"]
	tokPunct      = simpleLexer.Symbols()["Punct"]
	tokKeyword    = func() lexer.TokenType {
		min := lexer.TokenType(0)
		for _, t := range simpleLexer.Symbols() {
			if t < min {
				min = t
			}
		}
		return min - 1
	}()
)

// Lexer is the lexer definition of the language: tokens Comment,
// Whitespace, Duration, Int, String, Keyword, Ident and Punct.
var Lexer lexer.Definition = dsaLexer{}

type dsaLexer struct{}

func (dsaLexer) Symbols() map[string]lexer.TokenType {
	syms := make(map[string]lexer.TokenType)
	for k, v := range simpleLexer.Symbols() {
		syms[k] = v
	}
	syms["Keyword"] = tokKeyword
	return syms
}

func (d dsaLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return nil, err
	}
	return d.LexBytes(filename, buf.Bytes())
}

func (d dsaLexer) LexBytes(filename string, src []byte) (lexer.Lexer, error) {
	return d.LexString(filename, string(src))
}

func (dsaLexer) LexString(filename string, src string) (lexer.Lexer, error) {
	l, err := simpleLexer.LexString(filename, src)
	if err != nil {
		return nil, err
	}
	return keywordLexer{l}, nil
}

type keywordLexer struct{ lexer.Lexer }

func (k keywordLexer) Next() (lexer.Token, error) {
	t, err := k.Lexer.Next()
	if err == nil && t.Type == tokIdent && keywordSet[t.Value] {
		t.Type = tokKeyword
	}
	return t, err
}

// sliceLexer replays tokens already lexed.
type sliceLexer struct {
	toks []lexer.Token
	i    int
}

func (s *sliceLexer) Next() (lexer.Token, error) {
	t := s.toks[s.i]
	if s.i < len(s.toks)-1 {
		s.i++
	}
	return t, nil
}
