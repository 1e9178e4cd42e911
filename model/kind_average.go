package model

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// meanDigits is how many decimal places a displayed mean keeps; the
// verdict itself compares sums and never rounds.
const meanDigits = 10

// assessAverage judges an Average target: the arithmetic mean of the
// yearly rates FirstYear..year satisfies the operator against Value. The
// comparison is made on sums, Σr op k·T (tolerance k·tol), so it is exact
// in decimals. Before the target year Met means "on the average so far";
// a year of the period without data makes the mean unknown.
func (t Target) assessAverage(s Series, year int) Verdict {
	sum, k := decimal.Zero, 0
	last, missing := t.periodYears(s, year, func(_ int, v decimal.Decimal) {
		sum = sum.Add(v)
		k++
	})
	if last == 0 {
		return Verdict{Reason: "no data in the plan period", Required: t.Value}
	}
	vd := Verdict{Year: last, Required: t.Value, MissingYears: missing, Sum: sum, Count: k}
	if len(missing) > 0 {
		vd.Reason = fmt.Sprintf("no data for %v", missing)
		return vd
	}
	vd.Assessable = true
	vd.Outcome = sum.DivRound(decimal.NewFromInt(int64(k)), meanDigits)
	vd.Met = t.meetsTimes(sum, k, t.Value, t.ValueHigh, t.EffectiveTolerance())
	return vd
}

// meetsTimes reports whether a sum of k values meets the operator against
// v (band edge high, tolerance tol) on average: sum op k·v, exactly.
func (t Target) meetsTimes(sum decimal.Decimal, k int, v decimal.Decimal, high *decimal.Decimal, tol decimal.Decimal) bool {
	n := decimal.NewFromInt(int64(k))
	var h *decimal.Decimal
	if high != nil {
		x := high.Mul(n)
		h = &x
	}
	return compare(t.Operator, t.Indicator.Direction, sum, v.Mul(n), h, tol.Mul(n))
}
