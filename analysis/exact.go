package analysis

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// thresholdTolerance is how close a float measure must come to a
// threshold to count as at it. Measures built from roots (CAGR ratios)
// cannot be exact, and R = 0.95 computed from an exact 5.7% growth comes
// out as 0.9499999999999998; 1e-9 is far below any published precision
// and far above float64 rounding. Shares and the schedule gap are
// computed from exact rationals, so they need the tolerance only for
// thresholds typed as decimals.
const thresholdTolerance = 1e-9

// reaches reports x ≥ th, counting x within thresholdTolerance of th as
// at th.
func reaches(x, th float64) bool { return x >= th-thresholdTolerance }

// exceeds reports x > th, beyond thresholdTolerance.
func exceeds(x, th float64) bool { return x > th+thresholdTolerance }

// rat is an exact decimal as a rational.
func rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// ratInt is an integer as a rational.
func ratInt(n int) *big.Rat { return new(big.Rat).SetInt64(int64(n)) }

// ratFloat rounds a rational to the nearest float64. Rounding is
// monotone, so two measures equal as rationals stay equal as floats and
// a share exactly at a decimal threshold compares as equal to it.
func ratFloat(r *big.Rat) float64 {
	if r == nil {
		return math.NaN()
	}
	f, _ := r.Float64()
	return f
}

// ratQuo is a/b, or nil when b is zero.
func ratQuo(a, b *big.Rat) *big.Rat {
	if a == nil || b == nil || b.Sign() == 0 {
		return nil
	}
	return new(big.Rat).Quo(a, b)
}

func ratSub(a, b *big.Rat) *big.Rat {
	if a == nil || b == nil {
		return nil
	}
	return new(big.Rat).Sub(a, b)
}
