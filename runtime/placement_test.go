package runtime

import (
	"reflect"
	"testing"
)

func TestPlacementRestTakesUnclaimedRanks(t *testing.T) {
	p := NewPlacement(4, []string{"Leader", "Follower"})
	if err := p.Claim(2, 0); err != nil {
		t.Fatal(err)
	}
	p.Rest(1)
	got, err := p.Types()
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 1, 0, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Types = %v, want %v", got, want)
	}
}

func TestPlacementClaimRange(t *testing.T) {
	p := NewPlacement(3, []string{"A", "B"})
	if err := p.ClaimRange(0, 1, 0); err != nil {
		t.Fatal(err)
	}
	if err := p.ClaimRange(2, 1, 1); err != nil { // empty range
		t.Fatal(err)
	}
	if err := p.ClaimRange(2, 2, 1); err != nil {
		t.Fatal(err)
	}
	got, err := p.Types()
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 0, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Types = %v, want %v", got, want)
	}
}

func TestPlacementErrors(t *testing.T) {
	names := []string{"Proposer", "Acceptor"}
	tests := []struct {
		name  string
		claim func(p *Placement) error
		want  string
	}{
		{"below range", func(p *Placement) error { return p.Claim(-1, 1) },
			"Acceptor is placed on rank -1, but the ranks are 0..2 (n = 3)"},
		{"past n", func(p *Placement) error { return p.ClaimRange(1, 1<<63-1, 0) },
			"Proposer is placed on rank 3, but the ranks are 0..2 (n = 3)"},
		{"claimed twice", func(p *Placement) error {
			if err := p.ClaimRange(0, 1, 0); err != nil {
				return err
			}
			return p.Claim(1, 1)
		}, "rank 1 is claimed by both Proposer and Acceptor"},
		{"unclaimed", func(p *Placement) error {
			if err := p.Claim(0, 0); err != nil {
				return err
			}
			_, err := p.Types()
			return err
		}, "rank 1 runs no process type (n = 3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.claim(NewPlacement(3, names))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}
