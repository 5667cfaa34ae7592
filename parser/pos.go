package parser

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/dsac-lang/dsac/source"
)

// ToPos converts a participle position to a source position.
func ToPos(p lexer.Position) source.Pos {
	return source.Pos{File: p.Filename, Offset: p.Offset, Line: p.Line, Col: p.Column}
}
