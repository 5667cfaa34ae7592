package spec

// checkProperties checks invariants and eventually-properties: bool
// expressions over params, n, process groups and, through processes bound
// by quantifiers over a group, process states.
func (c *checker) checkProperties() {
	for _, p := range c.alg.Properties {
		c.ctx = context{mode: modeProperty, where: "a property", scope: c.global}
		c.wantBool(p.Expr, "property")
		c.ctx = context{}
	}
}
