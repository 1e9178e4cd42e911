package analysis

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// thresholdTolerance is how close a float measure must come to a
// threshold to count as at it. Measures built from roots (CAGR ratios)
// cannot be exact, and R = 0.95 computed from an exact 5.7% growth comes
// out as 0.9499999999999991; 1e-9 is far below any published precision
// and far above float64 rounding. Shares and the schedule gap are
// computed as exact fractions, so they need the tolerance only for
// thresholds typed as decimals.
const thresholdTolerance = 1e-9

// reaches reports x ≥ th, counting x within thresholdTolerance of th as
// at th.
func reaches(x, th float64) bool { return x >= th-thresholdTolerance }

// exceeds reports x > th, beyond thresholdTolerance.
func exceeds(x, th float64) bool { return x > th+thresholdTolerance }

// frac is an exact fraction of decimals: π, τ and π − τ are ratios of
// exact values and whole years, and stay exact until rounded once by
// float. It is not reduced (no GCD) — decimals add and multiply exactly.
// The zero frac (den 0) is undefined.
type frac struct{ num, den decimal.Decimal }

func fracOf(num, den decimal.Decimal) frac { return frac{num, den} }

func fracInt(num, den int) frac {
	return frac{decimal.NewFromInt(int64(num)), decimal.NewFromInt(int64(den))}
}

// ok reports whether the fraction is defined.
func (f frac) ok() bool { return !f.den.IsZero() }

func (f frac) sub(g frac) frac {
	if !f.ok() || !g.ok() {
		return frac{}
	}
	if f.den.Equal(g.den) {
		return frac{f.num.Sub(g.num), f.den}
	}
	return frac{f.num.Mul(g.den).Sub(g.num.Mul(f.den)), f.den.Mul(g.den)}
}

func (f frac) quo(g frac) frac {
	if !f.ok() || !g.ok() {
		return frac{}
	}
	return frac{f.num.Mul(g.den), f.den.Mul(g.num)}
}

func (f frac) inv() frac { return frac{f.den, f.num} }

func (f frac) mulInt(k int64) frac { return frac{f.num.Mul(decimal.NewFromInt(k)), f.den} }

// sign is −1, 0 or +1; 0 also for an undefined fraction.
func (f frac) sign() int { return f.num.Sign() * f.den.Sign() }

// float rounds the fraction to the nearest float64 (NaN when undefined).
// Rounding is monotone, so two measures equal as fractions stay equal as
// floats, and a share exactly at a decimal threshold compares as at it.
// When both sides are integers below 2^53 after aligning their
// exponents, one float division is already correctly rounded.
func (f frac) float() float64 {
	if !f.ok() {
		return math.NaN()
	}
	if f.num.IsZero() {
		return 0
	}
	if a, ea, ok := smallCoefficient(f.num); ok {
		if b, eb, ok := smallCoefficient(f.den); ok {
			if q, ok := quoSmall(a, b, int(ea)-int(eb)); ok {
				return q
			}
		}
	}
	e := int(f.num.Exponent()) - int(f.den.Exponent())
	// Otherwise divide the aligned integer coefficients as exact big
	// floats; Quo at 53 bits rounds correctly, without the GCD a
	// big.Rat would spend on normalising.
	a, b := f.num.Coefficient(), f.den.Coefficient()
	if e > 0 {
		a.Mul(a, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	} else if e < 0 {
		b.Mul(b, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil))
	}
	fa := new(big.Float).SetInt(a)
	fb := new(big.Float).SetInt(b)
	v, _ := new(big.Float).SetPrec(53).Quo(fa, fb).Float64()
	return v
}

// maxExact is 2^53: integers below it are exact as float64.
const maxExact = 1 << 53

// smallCoefficient returns d as c·10^e with the trailing zeros of its
// coefficient removed, when the coefficient fits in an int64. Stored
// values carry ten decimals (DECIMAL(38,10)), so 123456.7 arrives as
// 1234567000000000·10^−10; without its zeros it is small enough for the
// float fast paths, which then give the correctly rounded result at no
// cost in big arithmetic.
func smallCoefficient(d decimal.Decimal) (int64, int32, bool) {
	if d.NumDigits() > 18 { // < 10^18 < 2^63
		return 0, 0, false
	}
	c, e := d.CoefficientInt64(), d.Exponent()
	for c != 0 && c%10 == 0 {
		c /= 10
		e++
	}
	return c, e, true
}

// quoSmall is (a / b)·10^e correctly rounded, when a and b, aligned by
// e, are integers below 2^53: one float64 division of exact operands is
// correctly rounded.
func quoSmall(a, b int64, e int) (float64, bool) {
	if b == 0 {
		return 0, false
	}
	for ; e > 0; e-- {
		if a >= maxExact/10 || a <= -maxExact/10 {
			return 0, false
		}
		a *= 10
	}
	for ; e < 0; e++ {
		if b >= maxExact/10 || b <= -maxExact/10 {
			return 0, false
		}
		b *= 10
	}
	if a >= maxExact || a <= -maxExact || b >= maxExact || b <= -maxExact {
		return 0, false
	}
	return float64(a) / float64(b), true
}
