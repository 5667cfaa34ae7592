package parser

import "github.com/dsac-lang/dsac/source"

// Position returns the position of the node.
func (n *File) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Comment) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Ident) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ParamDecl) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *TypeDecl) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *MessageDecl) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Field) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *TypeExpr) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ProcessDecl) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Placement) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *VarDecl) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Handler) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Event) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *PropertyDecl) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Block) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *IfStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Else) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ForStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *TuplePattern) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *LetStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *SendStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ReplyStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *BroadcastStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *OutputStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *HaltStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ReturnStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *TimerStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *CancelStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *AssignStmt) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *IntLit) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *StringLit) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *BoolLit) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *ListLit) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Name) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Paren) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Unary) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Binary) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Range) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Selector) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Index) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Call) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Composite) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *FieldInit) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *Quantifier) Position() source.Pos { return ToPos(n.Pos) }

// Position returns the position of the node.
func (n *SharedDecl) Position() source.Pos { return ToPos(n.Pos) }
