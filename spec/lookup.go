package spec

// Look-up helpers on the checked model.

// Var returns the state variable called name, or nil.
func (p *Process) Var(name string) *Var {
	for _, v := range p.Vars {
		if v.Name == name && !v.Hidden {
			return v
		}
	}
	return nil
}

// Func returns the function or procedure of p named name, or nil.
func (p *Process) Func(name string) *Function {
	for _, f := range p.Funcs {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Process returns the process type called name, or nil.
func (a *Algorithm) Process(name string) *Process {
	for _, p := range a.Processes {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Message returns the message type called name, or nil.
func (a *Algorithm) Message(name string) *Record {
	for _, m := range a.Messages {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Record returns the record type called name, or nil.
func (a *Algorithm) Record(name string) *Record {
	for _, r := range a.Records {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// Param returns the parameter called name, or nil.
func (a *Algorithm) Param(name string) *Param {
	for _, p := range a.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}
