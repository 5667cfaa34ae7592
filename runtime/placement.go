package runtime

import "fmt"

// Placement decides which process type runs on each of n ranks, as a
// generated program's placeRanks states it: every placement of the spec
// claims its ranks, and at most one process type takes the ranks left over.
// Process types are numbered by their index in names.
type Placement struct {
	names []string
	types []int // per rank, the claiming type, or -1
	rest  int   // the type of the unclaimed ranks, or -1
}

// NewPlacement starts a placement of n ranks, all unclaimed, among the
// process types names.
func NewPlacement(n int64, names []string) *Placement {
	types := make([]int, n)
	for r := range types {
		types[r] = -1
	}
	return &Placement{names: names, types: types, rest: -1}
}

// Claim places type t on rank. A rank outside 0..n-1, or one another
// placement already claimed, is an error: the spec's placements do not fit n.
func (p *Placement) Claim(rank int64, t int) error {
	n := int64(len(p.types))
	if rank < 0 || rank >= n {
		return fmt.Errorf("%s is placed on rank %d, but the ranks are 0..%d (n = %d)", p.names[t], rank, n-1, n)
	}
	if p.types[rank] != -1 {
		return fmt.Errorf("rank %d is claimed by both %s and %s", rank, p.names[p.types[rank]], p.names[t])
	}
	p.types[rank] = t
	return nil
}

// ClaimRange claims the ranks lo..hi for type t in order, stopping at the
// first that cannot be claimed (so a hi past n ends the loop); it claims
// nothing when lo > hi.
func (p *Placement) ClaimRange(lo, hi int64, t int) error {
	for r := lo; r <= hi; r++ {
		if err := p.Claim(r, t); err != nil {
			return err
		}
	}
	return nil
}

// Rest gives type t the ranks no placement claims.
func (p *Placement) Rest(t int) {
	p.rest = t
}

// Types returns the process type of each rank, or an error naming the first
// rank that no placement claims when there is no Rest type.
func (p *Placement) Types() ([]int, error) {
	for r, t := range p.types {
		if t != -1 {
			continue
		}
		if p.rest == -1 {
			return nil, fmt.Errorf("rank %d runs no process type (n = %d)", r, len(p.types))
		}
		p.types[r] = p.rest
	}
	return p.types, nil
}
