package runtime_test

import (
	"math"
	"testing"
	"time"

	"github.com/dsac-lang/dsac/runtime"
)

func TestMillisSaturates(t *testing.T) {
	for _, tc := range []struct {
		ms   int64
		want time.Duration
	}{
		{0, 0},
		{50, 50 * time.Millisecond},
		{-3, -3 * time.Millisecond},
		{int64(runtime.MaxDelay / time.Millisecond), runtime.MaxDelay},
		{math.MaxInt64 / 1_000_000, runtime.MaxDelay}, // just below where ns overflow
		{math.MaxInt64, runtime.MaxDelay},             // wrapped to -1ms before
		{math.MinInt64, -runtime.MaxDelay},
	} {
		if got := runtime.Millis(tc.ms); got != tc.want {
			t.Errorf("Millis(%d) = %v, want %v", tc.ms, got, tc.want)
		}
	}
}
