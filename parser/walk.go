package parser

// Inspect walks the tree rooted at n in source order: it calls f(n) and,
// when f returns true, walks each non-nil child of n. Comments are not
// visited.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNilNode(n) || !f(n) {
		return
	}
	for _, c := range children(n) {
		Inspect(c, f)
	}
}

// isNilNode reports whether n is a typed nil pointer.
func isNilNode(n Node) bool {
	switch n := n.(type) {
	case *File:
		return n == nil
	case *Ident:
		return n == nil
	case *ParamDecl:
		return n == nil
	case *SharedDecl:
		return n == nil
	case *TypeDecl:
		return n == nil
	case *MessageDecl:
		return n == nil
	case *Field:
		return n == nil
	case *TypeExpr:
		return n == nil
	case *ProcessDecl:
		return n == nil
	case *Placement:
		return n == nil
	case *VarDecl:
		return n == nil
	case *Handler:
		return n == nil
	case *Event:
		return n == nil
	case *PropertyDecl:
		return n == nil
	case *Block:
		return n == nil
	case *IfStmt:
		return n == nil
	case *Else:
		return n == nil
	case *ForStmt:
		return n == nil
	case *TuplePattern:
		return n == nil
	case *LetStmt:
		return n == nil
	case *SendStmt:
		return n == nil
	case *ReplyStmt:
		return n == nil
	case *BroadcastStmt:
		return n == nil
	case *OutputStmt:
		return n == nil
	case *HaltStmt:
		return n == nil
	case *ReturnStmt:
		return n == nil
	case *TimerStmt:
		return n == nil
	case *CancelStmt:
		return n == nil
	case *AssignStmt:
		return n == nil
	case *AwaitStmt:
		return n == nil
	case *AwaitHead:
		return n == nil
	case *IntLit:
		return n == nil
	case *StringLit:
		return n == nil
	case *BoolLit:
		return n == nil
	case *ListLit:
		return n == nil
	case *Name:
		return n == nil
	case *Paren:
		return n == nil
	case *Unary:
		return n == nil
	case *Binary:
		return n == nil
	case *Range:
		return n == nil
	case *Selector:
		return n == nil
	case *Index:
		return n == nil
	case *Call:
		return n == nil
	case *Composite:
		return n == nil
	case *FieldInit:
		return n == nil
	case *Quantifier:
		return n == nil
	case *TupleLit:
		return n == nil
	case *EmptyLit:
		return n == nil
	case *Extremum:
		return n == nil
	case *Comment:
		return n == nil
	case *FuncDecl:
		return n == nil
	case *ProcDecl:
		return n == nil
	case *WhileStmt:
		return n == nil
	case *ImportDecl:
		return n == nil
	case *ImportPath:
		return n == nil
	case *ImportArg:
		return n == nil
	case *ComponentEvent:
		return n == nil
	}
	return false
}

func children(n Node) []Node {
	var out []Node
	add := func(c Node) {
		if c != nil && !isNilNode(c) {
			out = append(out, c)
		}
	}
	switch n := n.(type) {
	case *File:
		add(n.Name)
		for _, d := range n.Decls {
			add(d)
		}
	case *ImportDecl:
		add(n.Name)
		add(n.Path)
		for _, a := range n.Args {
			add(a)
		}
		add(n.In)
	case *ImportArg:
		add(n.Name)
		add(n.Value)
	case *ComponentEvent:
		add(n.Event)
		for _, p := range n.Params {
			add(p)
		}
	case *ParamDecl:
		add(n.Name)
		add(n.Type)
		add(n.Default)
	case *SharedDecl:
		add(n.Kind)
		add(n.Name)
		add(n.Init)
	case *TypeDecl:
		add(n.Name)
		for _, f := range n.Fields {
			add(f)
		}
	case *MessageDecl:
		add(n.Name)
		for _, f := range n.Fields {
			add(f)
		}
	case *Field:
		add(n.Name)
		add(n.Type)
	case *TypeExpr:
		add(n.Name)
		for _, a := range n.Args {
			add(a)
		}
	case *ProcessDecl:
		add(n.Name)
		add(n.Placement)
		for _, m := range n.Members {
			add(m)
		}
	case *Placement:
		add(n.Ranks)
	case *VarDecl:
		add(n.Name)
		add(n.Type)
		add(n.Init)
	case *Handler:
		add(n.Event)
		add(n.Guard)
		add(n.Body)
	case *Event:
		add(n.Timer)
		add(n.Message)
		add(n.Component)
		add(n.Binding)
		add(n.From)
	case *PropertyDecl:
		add(n.Name)
		add(n.Expr)
	case *Block:
		for _, s := range n.Stmts {
			add(s)
		}
	case *IfStmt:
		add(n.Cond)
		add(n.Then)
		add(n.Else)
	case *Else:
		add(n.If)
		add(n.Block)
	case *ForStmt:
		add(n.Key)
		add(n.KeyTuple)
		add(n.Value)
		add(n.ValueTuple)
		add(n.Range)
		add(n.Body)
	case *TuplePattern:
		for _, p := range n.Parts {
			add(p)
		}
	case *LetStmt:
		add(n.Name)
		for _, p := range n.Parts {
			add(p)
		}
		add(n.Type)
		add(n.Value)
	case *SendStmt:
		add(n.Msg)
		add(n.To)
	case *ReplyStmt:
		add(n.Msg)
	case *BroadcastStmt:
		add(n.Msg)
		add(n.To)
	case *OutputStmt:
		add(n.Name)
		for _, a := range n.Args {
			add(a)
		}
	case *TimerStmt:
		add(n.Name)
		add(n.Delay)
	case *CancelStmt:
		add(n.Name)
	case *AssignStmt:
		add(n.LHS)
		add(n.RHS)
	case *AwaitStmt:
		awaitChildren(n, add)
	case *ListLit:
		for _, e := range n.Elems {
			add(e)
		}
	case *Paren:
		add(n.X)
	case *Unary:
		add(n.X)
	case *Binary:
		add(n.X)
		add(n.Y)
	case *Range:
		add(n.Lo)
		add(n.Hi)
	case *Selector:
		add(n.X)
		add(n.Name)
	case *Index:
		add(n.X)
		add(n.Index)
	case *Call:
		add(n.Fun)
		for _, a := range n.Args {
			add(a)
		}
	case *Composite:
		add(n.Type)
		for _, f := range n.Fields {
			add(f)
		}
	case *FieldInit:
		add(n.Name)
		add(n.Value)
	case *Quantifier:
		for i, v := range n.Vars {
			add(v)
			add(n.Tuple(i))
		}
		add(n.Range)
		add(n.Body)
	case *TupleLit:
		for _, e := range n.Elems {
			add(e)
		}
	case *Extremum:
		add(n.Var)
		add(n.Range)
		add(n.Key)
	default:
		funcChildren(n, add)
	}
	return out
}
