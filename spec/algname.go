package spec

import "go/token"

// checkAlgorithmName rejects an algorithm name that cannot be the name of
// the Go package generated for it (and of the directory and import path
// that hold it): the name must be ASCII letters, digits and underscores,
// start with a letter, and be neither a Go keyword nor main or init, which
// no importable package may be called.
func (c *checker) checkAlgorithmName() {
	if c.file.Name == nil {
		return
	}
	name := c.file.Name.Name
	if why := AlgorithmNameProblem(name); why != "" {
		c.errorf(c.pos(c.file.Name), "algorithm name %s cannot name the generated Go package: %s", name, why)
	}
}

// AlgorithmNameProblem says why name cannot be an algorithm's name, or
// returns "" when it can: the rules of checkAlgorithmName, for tools that
// make a spec from a name (dsac new).
func AlgorithmNameProblem(name string) string {
	switch {
	case !asciiName(name):
		return "use ASCII letters, digits and _, starting with a letter"
	case token.IsKeyword(name):
		return "it is a Go keyword"
	case name == "main" || name == "init":
		return "a Go package called " + name + " cannot be imported"
	}
	return ""
}

func asciiName(name string) bool {
	for i, r := range name {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		if !letter && (i == 0 || r != '_' && !('0' <= r && r <= '9')) {
			return false
		}
	}
	return name != ""
}
