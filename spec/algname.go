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
	why := ""
	switch {
	case !asciiName(name):
		why = "use ASCII letters, digits and _, starting with a letter"
	case token.IsKeyword(name):
		why = "it is a Go keyword"
	case name == "main" || name == "init":
		why = "a Go package called " + name + " cannot be imported"
	default:
		return
	}
	c.errorf(c.pos(c.file.Name), "algorithm name %s cannot name the generated Go package: %s", name, why)
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
