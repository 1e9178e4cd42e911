package model

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// CompoundedReduction is the period's reduction in % from yearly
// reduction rates in %: 100·(1 − Π(1 − rₜ/100)). It is exact: each factor
// is a finite decimal.
func CompoundedReduction(rates []decimal.Decimal) decimal.Decimal {
	p := one
	for _, r := range rates {
		p = p.Mul(one.Sub(r.Div(hundred)))
	}
	return one.Sub(p).Mul(hundred)
}

// assessReduction judges a Reduction target (单位GDP能源消耗降低〔13.5〕):
// the yearly reduction rates FirstYear..year compound to 1 − Π(1 − rₜ),
// which is compared with Value by the operator (降低 x%: ≥). A rise in a
// year is a negative rate. A year without data leaves the product unknown.
func (t Target) assessReduction(s Series, year int) Verdict {
	var rates []decimal.Decimal
	last, missing := t.periodYears(s, year, func(_ int, v decimal.Decimal) { rates = append(rates, v) })
	if last == 0 {
		return Verdict{Reason: "no data in the plan period", Required: t.Value}
	}
	vd := Verdict{Year: last, Required: t.Value, MissingYears: missing, Count: len(rates)}
	if len(missing) > 0 {
		vd.Reason = fmt.Sprintf("no data for %v", missing)
		return vd
	}
	vd.Assessable = true
	vd.Outcome = CompoundedReduction(rates)
	vd.Met = compare(t.Operator, HigherIsBetter, vd.Outcome, t.Value, t.ValueHigh, t.EffectiveTolerance())
	return vd
}
