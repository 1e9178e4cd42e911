package model

import (
	"errors"
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// Series is an indicator's yearly values in the indicator's unit, years
// ascending, each once. The zero Series is empty. It is a pair of slices,
// not a map: an analysis builds one per target, hundreds of thousands at
// a time, and looks up a dozen years at most.
type Series struct {
	years  []int
	values []decimal.Decimal
}

// NewSeries is the series of years (ascending, each once) and their
// values, which it keeps: the caller must not change them afterwards.
func NewSeries(years []int, values []decimal.Decimal) Series {
	return Series{years: years[:len(years):len(years)], values: values[:len(years):len(years)]}
}

// SeriesOf is the series of the values by year.
func SeriesOf(byYear map[int]decimal.Decimal) Series {
	ys := make([]int, 0, len(byYear))
	for y := range byYear {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	vs := make([]decimal.Decimal, len(ys))
	for i, y := range ys {
		vs[i] = byYear[y]
	}
	return Series{years: ys, values: vs}
}

// Len is the number of years with data.
func (s Series) Len() int { return len(s.years) }

// At is the value of year y, and whether there is one.
func (s Series) At(y int) (decimal.Decimal, bool) {
	for i, x := range s.years {
		if x == y {
			return s.values[i], true
		}
		if x > y {
			break
		}
	}
	return decimal.Decimal{}, false
}

// Value is the value of year y, zero when there is none.
func (s Series) Value(y int) decimal.Decimal {
	v, _ := s.At(y)
	return v
}

// Years returns the years with data, ascending (a copy).
func (s Series) Years() []int { return append([]int(nil), s.years...) }

// UpTo is the series without the years after year (0: all of it).
func (s Series) UpTo(year int) Series {
	n := len(s.years)
	for year > 0 && n > 0 && s.years[n-1] > year {
		n--
	}
	return Series{years: s.years[:n:n], values: s.values[:n:n]}
}

// Latest returns the latest year with data not after year (0 = any).
func (s Series) Latest(year int) (int, bool) {
	for i := len(s.years) - 1; i >= 0; i-- {
		if year == 0 || s.years[i] <= year {
			return s.years[i], true
		}
	}
	return 0, false
}

// Verdict answers "is the target met?" at one evaluation year.
type Verdict struct {
	Met        bool
	Assessable bool
	Year       int             // the year judged
	Outcome    decimal.Decimal // the number compared: level, sum, increment …
	Required   decimal.Decimal // what Outcome was compared with
	// FailedYears lists the years a Floor target was missed; MissingYears
	// the years of its period without data.
	FailedYears  []int
	MissingYears []int
	// Late is set for a milestone reported done only after its target
	// year (逾期完成): it was not met by that year, so Met is false.
	// DoneYear is the first year it was reported done.
	Late     bool
	DoneYear int
	// Sum and Count are what a period kind's mean rests on (the sum of
	// the yearly values or differences, and their number); Count is the
	// years judged for Annual and Assigned targets.
	Sum   decimal.Decimal
	Count int
	// UnsetYears lists the years with data but no target: for an Annual
	// target no figure was set; for an Assigned one no assignment loaded.
	UnsetYears []int
	Reason     string
}

// ErrNoBase means the target needs a base value that is not known.
var ErrNoBase = errors.New("base value unknown")

var hundred = decimal.NewFromInt(100)

// compare applies the operator exactly. For 左右 (About) the band is
// [T−tol, T+tol]; an outcome beyond the band on the good side counts as
// met (超额完成), so only band indicators (区间指标) fail on both sides.
func compare(op Operator, dir Direction, v, t decimal.Decimal, high *decimal.Decimal, tol decimal.Decimal) bool {
	switch op {
	case AtLeast:
		return v.GreaterThanOrEqual(t)
	case Above:
		return v.GreaterThan(t)
	case AtMost:
		return v.LessThanOrEqual(t)
	case Below:
		return v.LessThan(t)
	case Between:
		return high != nil && v.GreaterThanOrEqual(t) && v.LessThanOrEqual(*high)
	case About:
		lo, hi := t.Sub(tol), t.Add(tol)
		switch dir {
		case HigherIsBetter:
			return v.GreaterThanOrEqual(lo)
		case LowerIsBetter:
			return v.LessThanOrEqual(hi)
		default:
			return v.GreaterThanOrEqual(lo) && v.LessThanOrEqual(hi)
		}
	}
	return false
}

// Meets reports whether v, in the target's comparison unit, satisfies the
// target's operator against value t (exact decimal comparison).
func (t Target) Meets(v decimal.Decimal) bool {
	return compare(t.Operator, t.Indicator.Direction, v, t.Value, t.ValueHigh, t.EffectiveTolerance())
}

// valueIn converts the target value (and band edge, tolerance) to the
// indicator's unit for kinds whose target is a level, sum or increment.
func (t Target) valueIn() (v decimal.Decimal, high *decimal.Decimal, tol decimal.Decimal, err error) {
	v, err = Convert(t.Value, t.Unit, t.Indicator.Unit)
	if err != nil {
		return
	}
	if t.ValueHigh != nil {
		h, e := Convert(*t.ValueHigh, t.Unit, t.Indicator.Unit)
		if e != nil {
			return v, nil, tol, e
		}
		high = &h
	}
	tol, err = Convert(t.EffectiveTolerance(), t.Unit, t.Indicator.Unit)
	return
}

// growthFactor is (1 + pct/100)^n, exact for whole n.
func growthFactor(pct decimal.Decimal, n int) decimal.Decimal {
	f, _ := decimal.NewFromInt(1).Add(pct.Div(hundred)).PowInt32(int32(n))
	return f
}

// LevelAt is the level in the indicator's unit that the target asks for in
// year, given the base value: the target itself for level-like kinds, the
// compounded base for Growth, base × multiple, base + increment, base + pp ×
// years. For Growth and PointsPerYear the level grows year by year (the
// implied level path); the others ask for their level by the target year.
func (t Target) LevelAt(base *decimal.Decimal, year int) (decimal.Decimal, error) {
	switch t.Kind {
	case Level, Floor, Cumulative:
		v, _, _, err := t.valueIn()
		return v, err
	case Milestone:
		return decimal.NewFromInt(1), nil
	}
	if base == nil {
		return decimal.Decimal{}, ErrNoBase
	}
	n := year - t.BaseYear
	switch t.Kind {
	case Growth:
		return base.Mul(growthFactor(t.Value, n)), nil
	case Multiple:
		return base.Mul(t.Value), nil
	case Increment:
		inc, err := Convert(t.Value, t.Unit, t.Indicator.Unit)
		return base.Add(inc), err
	case PointsPerYear:
		return base.Add(t.Value.Mul(decimal.NewFromInt(int64(n)))), nil
	}
	return decimal.Decimal{}, fmt.Errorf("unknown kind %q", t.Kind)
}

// Assess judges the target against actuals at year (0: the latest year with
// data, capped at the target year). base is the base value in the
// indicator's unit (nil when unknown).
func (t Target) Assess(s Series, base *decimal.Decimal, year int) Verdict {
	if t.Kind == Milestone {
		// Looked at past the target year too: a milestone done later was
		// done late, not met (and not "not yet done").
		return t.assessMilestone(s, year)
	}
	if year == 0 || year > t.TargetYear {
		if _, ok := s.At(t.TargetYear); ok || year > t.TargetYear {
			year = t.TargetYear
		}
	}
	switch t.Kind {
	case Relative, Assigned:
		return Verdict{Reason: "needs the compared series: use AssessWith"}
	case Reduction:
		return t.assessReduction(s, year)
	case Average:
		return t.assessAverage(s, year)
	case Annual:
		return t.assessYearly(s, Series{}, year)
	case Floor:
		return t.assessFloor(s, year)
	case Cumulative:
		return t.assessCumulative(s, year)
	}
	y, ok := s.Latest(year)
	if !ok {
		return Verdict{Reason: "no data"}
	}
	v := s.Value(y)
	switch t.Kind {
	case Level:
		tv, high, tol, err := t.valueIn()
		if err != nil {
			return Verdict{Reason: err.Error()}
		}
		return Verdict{Met: compare(t.Operator, t.Indicator.Direction, v, tv, high, tol), Assessable: true, Year: y, Outcome: v, Required: tv}
	}
	if base == nil {
		return Verdict{Year: y, Reason: ErrNoBase.Error()}
	}
	n := y - t.BaseYear
	switch t.Kind {
	case Growth:
		// Compare levels, not rates: yt ≥ y0·(1+g)^n is exact in decimal,
		// whereas the observed rate needs a float root.
		if n <= 0 {
			return Verdict{Year: y, Reason: "no year after the base year"}
		}
		if !base.IsPositive() {
			return Verdict{Year: y, Reason: "base value is not positive; growth rate undefined"}
		}
		tol := t.EffectiveTolerance()
		lvl := func(pct decimal.Decimal) decimal.Decimal { return base.Mul(growthFactor(pct, n)) }
		req := lvl(t.Value)
		var met bool
		switch t.Operator {
		case About:
			lo, hi := lvl(t.Value.Sub(tol)), lvl(t.Value.Add(tol))
			switch t.Indicator.Direction {
			case HigherIsBetter:
				met = v.GreaterThanOrEqual(lo)
			case LowerIsBetter:
				met = v.LessThanOrEqual(hi)
			default:
				met = v.GreaterThanOrEqual(lo) && v.LessThanOrEqual(hi)
			}
		case Between:
			met = t.ValueHigh != nil && v.GreaterThanOrEqual(req) && v.LessThanOrEqual(lvl(*t.ValueHigh))
		default:
			met = compare(t.Operator, t.Indicator.Direction, v, req, nil, decimal.Zero)
		}
		return Verdict{Met: met, Assessable: true, Year: y, Outcome: v, Required: req}
	case Multiple, Increment, PointsPerYear:
		req, err := t.LevelAt(base, t.TargetYear)
		if err != nil {
			return Verdict{Year: y, Reason: err.Error()}
		}
		tol := t.EffectiveTolerance()
		switch t.Kind {
		case Multiple:
			tol = tol.Mul(*base) // tolerance in 倍 becomes a level band
		case PointsPerYear:
			tol = tol.Mul(decimal.NewFromInt(int64(t.TargetYear - t.BaseYear)))
		}
		var high *decimal.Decimal
		if t.ValueHigh != nil {
			h := t
			h.Value = *t.ValueHigh
			hv, err := h.LevelAt(base, t.TargetYear)
			if err == nil {
				high = &hv
			}
		}
		return Verdict{Met: compare(t.Operator, t.Indicator.Direction, v, req, high, tol), Assessable: true, Year: y, Outcome: v, Required: req}
	}
	return Verdict{Reason: fmt.Sprintf("unknown kind %q", t.Kind)}
}

// AssessWith judges a target that needs a second series: for Relative
// the compared rate (RelativeTo, or the parent region's), for Assigned the
// yearly assignments (AssignedCode). Other kinds ignore other.
func (t Target) AssessWith(s, other Series, base *decimal.Decimal, year int) Verdict {
	switch t.Kind {
	case Relative:
		return t.assessRelative(s, other, year)
	case Assigned:
		return t.assessYearly(s, other, year)
	}
	return t.Assess(s, base, year)
}

// assessMilestone finds the first year (not after year; 0 = any) the
// milestone was reported done (1). Done by the target year is met; done
// after it is Late; not done is unmet, and assessable once a report for
// the target year or later says so.
func (t Target) assessMilestone(s Series, year int) Verdict {
	one := decimal.NewFromInt(1)
	vd := Verdict{Required: one}
	ys := s.Years()
	for _, y := range ys {
		if year != 0 && y > year {
			break
		}
		vd.Year, vd.Outcome = y, s.Value(y)
		if vd.Outcome.Equal(one) {
			vd.DoneYear = y
			vd.Assessable = true
			vd.Met = y <= t.TargetYear
			vd.Late = !vd.Met
			if vd.Late {
				vd.Reason = fmt.Sprintf("done late, in %d", y)
			}
			return vd
		}
	}
	if vd.Year == 0 {
		return Verdict{Reason: "no data", Required: one}
	}
	vd.Assessable = vd.Year >= t.TargetYear
	return vd
}

// Band reports whether the target is a band (区间指标): Operator Between,
// or 左右 on an indicator whose direction is band.
func (t Target) Band() bool {
	return t.Operator == Between || (t.Operator == About && t.Indicator.Direction == BandIsBetter)
}

// BandAt returns a band target's edges as levels in the indicator's unit
// in year (growth bands compound from base to year, like LevelAt): the
// stated edges for Between, the target ± its tolerance for 左右.
func (t Target) BandAt(base *decimal.Decimal, year int) (lo, hi decimal.Decimal, err error) {
	if !t.Band() {
		return lo, hi, fmt.Errorf("target %s is not a band", t.ID)
	}
	low, high := t, t
	switch t.Operator {
	case Between:
		if t.ValueHigh == nil {
			return lo, hi, fmt.Errorf("target %s: a band needs value_high", t.ID)
		}
		high.Value = *t.ValueHigh
	default:
		tol := t.EffectiveTolerance()
		low.Value, high.Value = t.Value.Sub(tol), t.Value.Add(tol)
	}
	if lo, err = low.LevelAt(base, year); err != nil {
		return lo, hi, err
	}
	hi, err = high.LevelAt(base, year)
	return lo, hi, err
}

// assessFloor checks every year from FirstYear to year: a floor holds only
// if each year meets it. Years without data are listed, and make the
// verdict unassessable unless a year already failed.
func (t Target) assessFloor(s Series, year int) Verdict {
	tv, high, tol, err := t.valueIn()
	if err != nil {
		return Verdict{Reason: err.Error()}
	}
	last, ok := s.Latest(year)
	if !ok || last < t.FirstYear {
		return Verdict{Reason: "no data in the plan period", Required: tv}
	}
	vd := Verdict{Year: last, Required: tv, Outcome: s.Value(last)}
	for y := t.FirstYear; y <= last; y++ {
		v, ok := s.At(y)
		if !ok {
			vd.MissingYears = append(vd.MissingYears, y)
			continue
		}
		if !compare(t.Operator, t.Indicator.Direction, v, tv, high, tol) {
			vd.FailedYears = append(vd.FailedYears, y)
		}
	}
	switch {
	case len(vd.FailedYears) > 0:
		vd.Assessable = true
		vd.Reason = fmt.Sprintf("missed in %v", vd.FailedYears)
	case len(vd.MissingYears) > 0:
		vd.Reason = fmt.Sprintf("no data for %v", vd.MissingYears)
	default:
		vd.Assessable, vd.Met = true, true
	}
	return vd
}

// capsSum reports whether the operator bounds a sum from above, so that
// a running sum below it proves nothing before the period ends.
func (t Target) capsSum() bool {
	switch t.Operator {
	case AtMost, Below, Between:
		return true
	case About:
		return t.Indicator.Direction != HigherIsBetter
	}
	return false
}

// assessCumulative sums the yearly flows from FirstYear to year.
func (t Target) assessCumulative(s Series, year int) Verdict {
	tv, high, tol, err := t.valueIn()
	if err != nil {
		return Verdict{Reason: err.Error()}
	}
	last, ok := s.Latest(year)
	if !ok || last < t.FirstYear {
		return Verdict{Reason: "no data in the plan period", Required: tv}
	}
	vd := Verdict{Year: last, Required: tv, Assessable: true}
	sum := decimal.Zero
	for y := t.FirstYear; y <= last; y++ {
		v, ok := s.At(y)
		if !ok {
			vd.MissingYears = append(vd.MissingYears, y)
			continue
		}
		sum = sum.Add(v)
	}
	vd.Outcome = sum
	vd.Met = compare(t.Operator, t.Indicator.Direction, sum, tv, high, tol)
	if vd.Met && last < t.TargetYear && t.capsSum() {
		// A cap on the sum (累计不超过, a band) holds only once the
		// period is over: later flows can still break it.
		vd.Met = false
	}
	if !vd.Met && len(vd.MissingYears) > 0 {
		vd.Assessable = false
		vd.Reason = fmt.Sprintf("no data for %v", vd.MissingYears)
	}
	return vd
}
