package model

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// PeriodKind reports whether the kind is judged on the yearly values of
// the period FirstYear..TargetYear (rates, yearly targets) rather than on
// a level: Relative, Reduction, Annual, Assigned and Average.
func PeriodKind(k Kind) bool {
	switch k {
	case Relative, Reduction, Annual, Assigned, Average:
		return true
	}
	return false
}

// NeedsOther reports whether the kind is judged against a second series
// (TargetSeries.Other): the compared rate of a Relative target, the
// assignments of an Assigned one.
func NeedsOther(k Kind) bool { return k == Relative || k == Assigned }

// PeriodStart is the first year a period kind covers: FirstYear when set,
// else the year after the base year.
func (t Target) PeriodStart() int {
	if t.FirstYear != 0 {
		return t.FirstYear
	}
	return t.BaseYear + 1
}

// PeriodYears is the number of years FirstYear..TargetYear.
func (t Target) PeriodYears() int { return t.TargetYear - t.PeriodStart() + 1 }

// AssignedCode is the indicator whose values are an Assigned target's
// yearly assignments: AssignedFrom, or the indicator's code + "_assigned",
// so that the bureau loads 上级下达 figures with plangap load like any data.
func (t Target) AssignedCode() string {
	if t.AssignedFrom != "" {
		return t.AssignedFrom
	}
	return t.Indicator.Code + "_assigned"
}

// validateKind checks what the period kinds need. done is set when the
// kind's checks are complete (the generic ones do not apply).
func (t Target) validateKind() (done bool, err error) {
	if !PeriodKind(t.Kind) {
		return false, nil
	}
	if t.TargetYear < t.BaseYear {
		return true, fieldError{"target_year", "is before the base year"}
	}
	if t.FirstYear != 0 && (t.FirstYear > t.TargetYear || t.FirstYear <= t.BaseYear-1) {
		return true, fieldError{"first_year", "must lie in the period, after the base year"}
	}
	if t.Tolerance != nil && t.Tolerance.IsNegative() {
		return true, fieldError{"tolerance", "is negative"}
	}
	if t.Stretch != nil && t.Kind != Reduction && t.Kind != Average {
		return true, fieldError{"stretch", fmt.Sprintf("a %s target has no stretch value", t.Kind)}
	}
	rateOnly := func(units ...string) error {
		for _, u := range units {
			if t.Unit == u {
				return nil
			}
		}
		return fieldError{"unit", fmt.Sprintf("a %s target is stated in %v", t.Kind, units)}
	}
	switch t.Kind {
	case Relative:
		if t.RelativeTo == "" && !t.CompareWithParent {
			return true, fieldError{"relative_to", "names the compared indicator (or compare with the parent region)"}
		}
		if t.Indicator.Unit != "%" {
			return true, fieldError{"indicator_unit", "a relative target compares rates in %"}
		}
		return true, t.checkOperator(rateOnly("百分点", "%"))
	case Reduction, Average:
		if t.Indicator.Unit != "%" {
			return true, fieldError{"indicator_unit", fmt.Sprintf("a %s target needs yearly rates in %%", t.Kind)}
		}
		if t.Kind == Reduction && !t.Value.IsPositive() {
			return true, fieldError{"value", "a reduction target is a positive %"}
		}
		return true, t.checkOperator(rateOnly("%"))
	case Annual:
		if len(t.Annual) == 0 {
			return true, fieldError{"annual", "an annual target needs a target for at least one year"}
		}
		seen := map[int]bool{}
		for _, a := range t.Annual {
			if a.Year < t.PeriodStart() || a.Year > t.TargetYear || seen[a.Year] {
				return true, fieldError{"annual", fmt.Sprintf("year %d is outside the period %d–%d or given twice", a.Year, t.PeriodStart(), t.TargetYear)}
			}
			seen[a.Year] = true
			u := t
			u.Operator, u.Value, u.ValueHigh, u.Tolerance = a.Operator, a.Value, a.ValueHigh, a.Tolerance
			if err := u.checkOperator(u.checkUnit()); err != nil {
				return true, fieldError{"annual", fmt.Sprintf("%d: %v", a.Year, err)}
			}
		}
		return true, nil
	case Assigned:
		return true, t.checkOperator(t.checkUnit())
	}
	return false, nil
}

// checkUnit checks that the target's unit converts to the indicator's.
func (t Target) checkUnit() error {
	u, err := LookupUnit(t.Unit)
	if err != nil {
		return fieldError{"unit", err.Error()}
	}
	w, err := LookupUnit(t.Indicator.Unit)
	if err != nil {
		return fieldError{"indicator_unit", err.Error()}
	}
	if !u.ConvertsTo(w) {
		return fieldError{"unit", fmt.Sprintf("%s cannot be compared with the indicator's unit %s", t.Unit, t.Indicator.Unit)}
	}
	return nil
}

// checkOperator passes an earlier error on, then checks the operator.
func (t Target) checkOperator(prev error) error {
	if prev != nil {
		return prev
	}
	switch t.Operator {
	case Done, "":
		return fieldError{"operator", "only milestones use done"}
	case Between:
		if t.ValueHigh == nil || t.ValueHigh.LessThan(t.Value) {
			return fieldError{"value_high", "a band needs value_high ≥ value"}
		}
	}
	return nil
}

// periodYears walks the period's years up to year, calling each
// for each year with data; it lists the years without data. It returns
// the last year with data in the period (0 if none).
func (t Target) periodYears(s Series, year int, each func(y int, v decimal.Decimal)) (last int, missing []int) {
	if year == 0 || year > t.TargetYear {
		year = t.TargetYear
	}
	l, ok := s.Latest(year)
	if !ok || l < t.PeriodStart() {
		return 0, nil
	}
	for y := t.PeriodStart(); y <= l; y++ {
		v, ok := s.At(y)
		if !ok {
			missing = append(missing, y)
			continue
		}
		each(y, v)
	}
	return l, missing
}
