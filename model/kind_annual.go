package model

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// AnnualTarget is one year's target of an Annual target (GDP增长 6%以上
// in 2021, 5.5%左右 in 2022), in the target's Unit.
type AnnualTarget struct {
	Year      int
	Operator  Operator
	Value     decimal.Decimal
	ValueHigh *decimal.Decimal // upper edge for Between
	Tolerance *decimal.Decimal // 左右 half-width; nil: the default
}

// YearTarget returns the target in force in year: an Annual target's own
// figure, or for an Assigned target the assignment loaded for that year
// (assigned), with the target's operator and tolerance.
func (t Target) YearTarget(year int, assigned Series) (Target, bool) {
	u := t
	switch t.Kind {
	case Annual:
		for _, a := range t.Annual {
			if a.Year == year {
				u.Operator, u.Value, u.ValueHigh, u.Tolerance = a.Operator, a.Value, a.ValueHigh, a.Tolerance
				return u, true
			}
		}
	case Assigned:
		if v, ok := assigned.At(year); ok {
			u.Value, u.ValueHigh = v, nil
			return u, true
		}
	}
	return u, false
}

// assessYearly judges an Annual or Assigned target year by year: each
// year of the period with a target is compared with its own figure, like
// a floor with a figure per year. The period is met when every year with
// a target is met. Years with data but no target are listed in
// UnsetYears: for an Annual target they are not judged (no figure was
// set); for an Assigned target the assignment has not been loaded, so the
// verdict is unassessable until it is. Outcome is the number of years
// met, Required the number judged.
func (t Target) assessYearly(s, assigned Series, year int) Verdict {
	vd := Verdict{}
	met, judged := 0, 0
	last, missing := t.periodYears(s, year, func(y int, v decimal.Decimal) {
		u, ok := t.YearTarget(y, assigned)
		if !ok {
			vd.UnsetYears = append(vd.UnsetYears, y)
			return
		}
		judged++
		if u.Meets(v) {
			met++
		} else {
			vd.FailedYears = append(vd.FailedYears, y)
		}
	})
	if last == 0 {
		return Verdict{Reason: "no data in the plan period"}
	}
	vd.Year, vd.Count = last, judged
	vd.Outcome, vd.Required = decimal.NewFromInt(int64(met)), decimal.NewFromInt(int64(judged))
	// A year without data matters only if it had a target to meet.
	for _, y := range missing {
		if _, ok := t.YearTarget(y, assigned); ok || t.Kind == Assigned {
			vd.MissingYears = append(vd.MissingYears, y)
		}
	}
	unassigned := t.Kind == Assigned && len(vd.UnsetYears) > 0
	switch {
	case len(vd.FailedYears) > 0:
		vd.Assessable = true
		vd.Reason = fmt.Sprintf("missed in %v", vd.FailedYears)
	case len(vd.MissingYears) > 0:
		vd.Reason = fmt.Sprintf("no data for %v", vd.MissingYears)
	case unassigned:
		vd.Reason = fmt.Sprintf("no assignment loaded (%s) for %v", t.AssignedCode(), vd.UnsetYears)
	case judged == 0:
		vd.Reason = "no year with a target yet"
	default:
		vd.Assessable, vd.Met = true, true
	}
	return vd
}
