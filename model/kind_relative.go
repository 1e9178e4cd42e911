package model

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// assessRelative judges a Relative target: each year the difference
// d = r − o between this indicator's rate r and the compared rate o (in
// percentage points); the period is judged on the mean difference, which
// must satisfy the operator against Value (the margin, usually 0): > for
// 高于, ≥ for 不低于, ~ for 基本同步 (within the tolerance, default ±0.5
// pp; on a higher-is-better indicator only falling short counts, so "not
// lower by more than 0.5 pp"). The comparison is on sums, exactly.
// FailedYears lists the years whose own difference fails; MissingYears
// the years where either rate is missing (the mean is then unknown).
func (t Target) assessRelative(s, other Series, year int) Verdict {
	sum, k := decimal.Zero, 0
	vd := Verdict{Required: t.Value}
	tol := t.EffectiveTolerance()
	last, missing := t.periodYears(s, year, func(y int, v decimal.Decimal) {
		o, ok := other.At(y)
		if !ok {
			vd.MissingYears = append(vd.MissingYears, y)
			return
		}
		d := v.Sub(o)
		if !compare(t.Operator, t.Indicator.Direction, d, t.Value, t.ValueHigh, tol) {
			vd.FailedYears = append(vd.FailedYears, y)
		}
		sum = sum.Add(d)
		k++
	})
	if last == 0 {
		return Verdict{Reason: "no data in the plan period", Required: t.Value}
	}
	vd.Year, vd.Sum, vd.Count = last, sum, k
	vd.MissingYears = sortedUnion(vd.MissingYears, missing)
	if len(vd.MissingYears) > 0 {
		vd.Reason = fmt.Sprintf("no data (this or the compared rate) for %v", vd.MissingYears)
		return vd
	}
	vd.Assessable = true
	vd.Outcome = sum.DivRound(decimal.NewFromInt(int64(k)), meanDigits)
	vd.Met = t.meetsTimes(sum, k, t.Value, t.ValueHigh, tol)
	return vd
}

func sortedUnion(a, b []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, y := range append(append([]int(nil), a...), b...) {
		if !seen[y] {
			seen[y] = true
			out = append(out, y)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
