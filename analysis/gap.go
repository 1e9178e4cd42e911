package analysis

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// Input is one target with its indicator's actuals for one region.
type Input struct {
	Target model.Target
	// Years ascending, Values in the indicator's unit.
	Years        []int
	Values       []decimal.Decimal
	Illustrative bool   // some value shown came from an illustrative batch
	Vintage      string // e.g. "batch 3, 2026-03-01"
}

// PathPoint is one year of a required path.
type PathPoint struct {
	Year     int
	Planned  float64 // on the path from the base value to the target
	Required float64 // on the path from the latest actual to the target (years ≥ latest)
	Actual   *decimal.Decimal
}

// Projections holds the four projections to the target year.
type Projections struct {
	CAGR       float64 // (a) latest value at the observed CAGR
	Linear     float64 // (b) OLS straight line
	Fit        Projection
	FitOK      bool    // (c) log-linear OLS (linear for shares) with intervals
	MeanChange float64 // (d) latest + mean of the last five changes × years left
}

// Row is the analysis of one (region, target) at the report year.
type Row struct {
	// Input is what the row was computed from: the target and its whole
	// series, so that charts and reports need nothing beside the row.
	Input  Input
	Target model.Target
	Region string

	Year      int // latest year with data used
	Actual    *decimal.Decimal
	BaseYear  int // base year used
	BaseValue *decimal.Decimal
	BaseNote  string // set when the base year had no data
	// TargetLevel is the target expressed as a level (or sum, for
	// cumulative targets) in the indicator's unit; for growth, multiple,
	// increment and pp_per_year targets it is computed from the base.
	TargetLevel *decimal.Decimal
	Outcome     *decimal.Decimal // what is compared: latest value, or sum of flows
	Gap         *decimal.Decimal // still to go, in the indicator's unit (> 0: not there yet)
	GapRelative float64

	Completion  float64 // π, fraction
	TimeShare   float64 // τ, fraction
	ScheduleGap float64 // (π − τ) in percentage points

	Geometric         bool    // path shape
	RequiredRate      float64 // growth a year needed from the latest actual, fraction
	RequiredIncrement float64 // change a year needed, indicator unit
	ObservedRate      float64 // CAGR since the base, fraction
	Ratio             float64 // Eurostat R
	UNRatio           float64
	DNSMiss           float64
	Score             float64 // open-sdg −5…5 (eurostat)
	Projections       Projections
	Probability       float64 // of meeting the target, from the fitted projection
	YearsNeeded       float64 // at the current pace; +Inf if never

	Met         bool
	FailedYears []int

	// byYear and targetF keep what Path needs, so that the path is built
	// only for the callers that draw or print it; d is +1 when higher is
	// better, −1 when lower is better.
	byYear  model.Series
	targetF float64
	d       float64

	Method       Method
	Status       Status
	Note         string
	Illustrative bool
	Vintage      string
}

var nan = math.NaN()

// Analyse computes one row. It never panics on odd data: undefined
// measures are NaN and the status says not assessable, with a note why.
// The steps read as the method: the series up to the report year → the
// base → the verdict at the latest year → the target as a level → gap,
// π and τ → rates → projections → status.
func Analyse(in Input, cfg Config) Row {
	r := newRow(in, cfg)
	a := r.series(in, cfg.Year)
	if len(a.years) == 0 {
		r.Note = "无数据 no data"
		return r
	}
	if r.Target.Kind == model.Milestone {
		return analyseMilestone(r, a.s, cfg)
	}
	r.chooseBase(a)
	r.judgeLatest(a, cfg)
	T, err := r.targetLevel()
	if err != "" {
		r.Note = err
		return r
	}
	r.measures(T)
	r.rates(a)
	r.project(a, cfg)
	r.Score = OpenSDGScore(r.Ratio)
	r.Status, r.Note = judge(&r, cfg, len(a.years))
	if r.BaseNote != "" {
		r.Note = joinNote(r.BaseNote, r.Note)
	}
	return r
}

// seriesView is a row's series up to the report year, exact and as floats.
type seriesView struct {
	s     model.Series
	years []int
	vals  []float64
}

func newRow(in Input, cfg Config) Row {
	t := in.Target
	r := Row{Input: in, Target: t, Region: t.Region, Method: cfg.Judge().Info().Method, Illustrative: in.Illustrative, Vintage: in.Vintage,
		Completion: nan, TimeShare: nan, ScheduleGap: nan, RequiredRate: nan, RequiredIncrement: nan,
		ObservedRate: nan, Ratio: nan, UNRatio: nan, DNSMiss: nan, Score: nan, Probability: nan,
		YearsNeeded: nan, GapRelative: nan, Status: NotAssessable}
	r.Projections = Projections{CAGR: nan, Linear: nan, MeanChange: nan}
	r.Geometric = geometricPath(t) && t.Kind != model.Cumulative
	r.d = 1
	if t.Indicator.Direction == model.LowerIsBetter {
		r.d = -1
	}
	return r
}

// series keeps the values up to the report year (0: all).
func (r *Row) series(in Input, year int) seriesView {
	a := seriesView{s: make(model.Series, len(in.Years))}
	for i, y := range in.Years {
		if year > 0 && y > year {
			continue
		}
		a.s[y] = in.Values[i]
		a.years = append(a.years, y)
		a.vals = append(a.vals, toFloat(in.Values[i]))
	}
	r.byYear = a.s
	return a
}

// chooseBase takes the plan's base value, else the base year's actual,
// else the nearest later year with data (said so in BaseNote).
func (r *Row) chooseBase(a seriesView) {
	t := r.Target
	r.BaseYear = t.BaseYear
	if t.BaseValue != nil {
		r.BaseValue = t.BaseValue
		return
	}
	if v, ok := a.s[t.BaseYear]; ok {
		r.BaseValue = &v
		return
	}
	if t.Kind == model.Cumulative || t.Kind == model.Floor {
		return
	}
	for _, y := range a.years {
		if y > t.BaseYear && y < t.TargetYear {
			v := a.s[y]
			r.BaseYear, r.BaseValue = y, &v
			r.BaseNote = fmt.Sprintf("基期%d年无数据，改用%d年 no data for base year %d; used %d", t.BaseYear, y, t.BaseYear, y)
			return
		}
	}
}

// judgeLatest picks the latest year judged — not after the report year,
// nor after the target year (a target is judged on its target year's
// actual) — and asks the model whether the target is met there.
func (r *Row) judgeLatest(a seriesView, cfg Config) {
	t := r.Target
	latest, ok := a.s.Latest(min(cfg.yearOr(t.TargetYear), t.TargetYear))
	if !ok {
		latest = a.years[0]
	}
	yt := a.s[latest]
	r.Year, r.Actual = latest, &yt
	tb := t
	tb.BaseYear = r.BaseYear
	v := tb.Assess(a.s, r.BaseValue, latest)
	r.Met, r.FailedYears = v.Met && v.Assessable, v.FailedYears
	if v.Assessable || t.Kind == model.Cumulative {
		out := v.Outcome
		r.Outcome = &out
	}
}

// targetLevel expresses the target as a level (or a sum) in the
// indicator's unit; kinds stated relative to the base need the base.
func (r *Row) targetLevel() (decimal.Decimal, string) {
	t := r.Target
	tb := t
	tb.BaseYear = r.BaseYear
	var base *decimal.Decimal
	switch t.Kind {
	case model.Level, model.Floor, model.Cumulative:
	default:
		if r.BaseValue == nil {
			return decimal.Decimal{}, "基期值未知：基期及其后均无数据 base value unknown: no data for the base year or after it"
		}
		base = r.BaseValue
	}
	T, err := tb.LevelAt(base, t.TargetYear)
	if err != nil {
		return decimal.Decimal{}, err.Error()
	}
	r.TargetLevel = &T
	r.targetF = toFloat(T)
	return T, ""
}

// measures computes the gap (exact), completion share π, time share τ and
// the schedule gap π − τ.
func (r *Row) measures(T decimal.Decimal) {
	t := r.Target
	t0, tT := r.BaseYear, t.TargetYear
	switch t.Kind {
	case model.Cumulative:
		sum := decimal.Zero
		if r.Outcome != nil {
			sum = *r.Outcome
		}
		g := T.Sub(sum)
		r.Gap = &g
		t0 = t.FirstYear - 1
		if !T.IsZero() {
			r.Completion = toFloat(sum) / r.targetF
		}
	default:
		g := T.Sub(*r.Actual)
		if r.d < 0 {
			g = g.Neg()
		}
		r.Gap = &g
		// A floor is a condition on every year, not a distance to cover:
		// it has no completion share.
		if r.BaseValue != nil && t.Kind != model.Floor {
			r.Completion = Completion(toFloat(*r.BaseValue), toFloat(*r.Actual), r.targetF)
		}
	}
	if !T.IsZero() {
		r.GapRelative = toFloat(*r.Gap) / math.Abs(r.targetF)
	}
	r.TimeShare = TimeShare(t0, r.Year, tT)
	if !math.IsNaN(r.Completion) {
		r.ScheduleGap = (r.Completion - r.TimeShare) * 100
	}
}

// rates computes the growth now required from the latest actual and the
// growth observed since the base, with Eurostat's R and the UN ratio.
func (r *Row) rates(a seriesView) {
	t := r.Target
	tT, latest := t.TargetYear, r.Year
	ytf, Tf := toFloat(*r.Actual), r.targetF
	left := tT - latest
	switch t.Kind {
	case model.Cumulative:
		if left > 0 {
			r.RequiredIncrement = toFloat(*r.Gap) / float64(left)
		}
	case model.Floor:
		// A floor needs no growth, only to hold.
	default:
		if left > 0 {
			r.RequiredRate = RequiredRate(ytf, Tf, left)
			r.RequiredIncrement = RequiredIncrement(ytf, Tf, left)
		}
	}
	if r.BaseValue == nil || latest <= r.BaseYear {
		return
	}
	y0 := toFloat(*r.BaseValue)
	r.ObservedRate = CAGR(y0, ytf, latest-r.BaseYear)
	r.Ratio = EurostatRatio(y0, ytf, Tf, r.BaseYear, latest, tT, r.d)
	if t.Kind == model.Growth {
		// The target rate is given: R = d·CAGR_o / |g|.
		g := toFloat(t.Value) / 100
		if g != 0 && !math.IsNaN(r.ObservedRate) {
			r.Ratio = r.d * r.ObservedRate / math.Abs(g)
		}
	}
	r.UNRatio = UNRatio(y0, ytf, Tf, r.BaseYear, latest, tT)
}

// project extends the series to the target year four ways (methods.md
// §4–6) and derives the DNS miss, the probability of meeting the target
// and the years still needed at the current pace.
func (r *Row) project(a seriesView, cfg Config) {
	t := r.Target
	tT, left, d, Tf := t.TargetYear, t.TargetYear-r.Year, r.d, r.targetF
	xs := make([]float64, len(a.years))
	for i, y := range a.years {
		xs[i] = float64(y)
	}
	series := a.vals
	if t.Kind == model.Cumulative {
		series = cumulate(a.years, a.vals, t.FirstYear)
		xs = xs[len(xs)-len(series):]
	}
	if len(series) == 0 {
		return
	}
	last := series[len(series)-1]
	if r.BaseValue != nil && t.Kind != model.Cumulative {
		r.Projections.CAGR = UNProjection(toFloat(*r.BaseValue), toFloat(*r.Actual), r.BaseYear, r.Year, tT)
	}
	if p, ok := LinearTrend(xs, series, float64(tT)); ok {
		r.Projections.Linear = p
	}
	ys := a.years[len(a.years)-len(series):]
	m, mok := MeanChange(ys, series)
	if mok {
		r.Projections.MeanChange = last + m*float64(left)
		r.DNSMiss = DNSMiss(last, r.Projections.MeanChange, Tf, d)
		if m*d < 0 && !r.Met {
			r.DNSMiss = math.Inf(1)
		}
	}
	if !cfg.NoProjections {
		target := Tf
		if t.Operator == model.About && (t.Kind == model.Level || t.Kind == model.Floor) {
			target = Tf - d*toFloat(t.EffectiveTolerance())
		}
		if p, ok := FitProjection(xs, series, float64(tT), r.Geometric && t.Kind != model.Cumulative, target, d); ok {
			p = p.Clip(t.Indicator)
			r.Projections.Fit, r.Projections.FitOK = p, true
			r.Probability = p.Probability
		}
	}
	// Years still needed at the current pace.
	if t.Kind == model.Floor {
		return
	}
	if r.Geometric && !math.IsNaN(r.ObservedRate) && t.Kind != model.Cumulative {
		r.YearsNeeded = YearsNeeded(toFloat(*r.Actual), Tf, r.ObservedRate, true)
	} else if mok {
		r.YearsNeeded = YearsNeeded(last, Tf, m, false)
	}
	if r.Met {
		r.YearsNeeded = 0
	}
}

func (c Config) yearOr(def int) int {
	if c.Year > 0 {
		return c.Year
	}
	return def
}

func joinNote(a, b string) string {
	if b == "" {
		return a
	}
	return a + "; " + b
}

// geometricPath decides the path shape: geometric for quantities, linear
// for shares, points, ratios and anything that can be zero or negative,
// unless the target overrides it.
func geometricPath(t model.Target) bool {
	switch t.PathMethod {
	case "geometric":
		return true
	case "linear":
		return false
	}
	u, err := model.LookupUnit(t.Indicator.Unit)
	if err != nil {
		return false
	}
	switch u.Dimension {
	case model.Share, model.Points, model.Ratio, model.Age, model.PerCapita, model.Concentr:
		return false
	}
	return t.Indicator.Min != nil && !t.Indicator.Min.IsNegative()
}

// cumulate turns yearly flows into running sums from the first year.
func cumulate(years []int, vals []float64, first int) []float64 {
	var out []float64
	sum := 0.0
	for i, y := range years {
		if y < first {
			continue
		}
		sum += vals[i]
		out = append(out, sum)
	}
	return out
}

// Clip keeps a projection inside the indicator's natural bounds (a share
// cannot pass 100, a count cannot fall below 0).
func (p Projection) Clip(ind model.Indicator) Projection {
	lo, hi := math.Inf(-1), math.Inf(1)
	if ind.Min != nil {
		lo = toFloat(*ind.Min)
	}
	if ind.Max != nil {
		hi = toFloat(*ind.Max)
	}
	c := func(v float64) float64 { return math.Max(lo, math.Min(hi, v)) }
	p.Value, p.Low80, p.High80, p.Low95, p.High95 = c(p.Value), c(p.Low80), c(p.High80), c(p.Low95), c(p.High95)
	return p
}

// Path returns, year by year from the base year to the target year, the
// planned path from the base value, the required path from the latest
// actual, and the actuals (running sums for cumulative targets).
func (r Row) Path() []PathPoint {
	s, T := r.byYear, r.targetF
	t := r.Target
	if r.Actual == nil {
		return nil
	}
	start := r.BaseYear
	if t.Kind == model.Cumulative {
		start = t.FirstYear - 1
	}
	if start > r.Year {
		start = r.Year
	}
	var out []PathPoint
	var planned []float64
	from := nan
	switch {
	case t.Kind == model.Cumulative:
		from = 0
	case r.BaseValue != nil:
		from = toFloat(*r.BaseValue)
	}
	n := t.TargetYear - start
	if !math.IsNaN(from) {
		if t.Kind == model.Floor {
			planned = make([]float64, n+1)
			for i := range planned {
				planned[i] = T
			}
		} else if r.Geometric && from > 0 && T > 0 {
			planned = GeometricPath(from, T, n)
		} else {
			planned = LinearPath(from, T, n)
		}
	}
	latest := toFloat(*r.Actual)
	if t.Kind == model.Cumulative && r.Outcome != nil {
		latest = toFloat(*r.Outcome)
	}
	var required []float64
	if m := t.TargetYear - r.Year; m > 0 {
		if t.Kind == model.Floor {
			required = make([]float64, m+1)
			for i := range required {
				required[i] = T
			}
			required[0] = latest
		} else if r.Geometric && latest > 0 && T > 0 && t.Kind != model.Cumulative {
			required = GeometricPath(latest, T, m)
		} else {
			required = LinearPath(latest, T, m)
		}
	}
	running := 0.0
	for y := start; y <= max(t.TargetYear, r.Year); y++ {
		p := PathPoint{Year: y, Planned: nan, Required: nan}
		if i := y - start; planned != nil && i < len(planned) {
			p.Planned = planned[i]
		}
		if i := y - r.Year; required != nil && i >= 0 && i < len(required) {
			p.Required = required[i]
		}
		if v, ok := s[y]; ok {
			if t.Kind == model.Cumulative {
				if y >= t.FirstYear {
					running += toFloat(v)
				}
				c := decimal.NewFromFloat(running)
				if y >= t.FirstYear {
					p.Actual = &c
				}
			} else {
				x := v
				p.Actual = &x
			}
		}
		out = append(out, p)
	}
	return out
}

func analyseMilestone(r Row, s model.Series, cfg Config) Row {
	t := r.Target
	info := cfg.Judge().Info()
	v := t.Assess(s, nil, cfg.Year)
	r.Year = v.Year
	if v.Assessable {
		x := v.Outcome
		r.Actual = &x
	}
	r.Met = v.Met
	switch {
	case v.Met:
		r.Status = info.Achieved
	case v.Assessable && v.Year >= t.TargetYear:
		r.Status, r.Note = info.NotMet, "目标年份未完成 not done by the target year"
	default:
		r.Note = "尚未报告完成 not yet reported done"
	}
	return r
}

// judge applies the configured method. The checks every method shares
// come first — achieved (with the target's operator, exactly), floors,
// the target year passed, too few points — then the method's own rule.
func judge(r *Row, cfg Config, points int) (Status, string) {
	j := cfg.Judge()
	info := j.Info()
	t := r.Target
	finished := r.Year >= t.TargetYear
	if t.Kind == model.Floor {
		switch {
		case len(r.FailedYears) > 0:
			note := "未守住底线年份 below the floor in " + yearsList(r.FailedYears)
			if finished {
				return info.NotMet, note
			}
			return info.FloorBroken, note
		case r.Met && finished:
			return info.Achieved, "各年均守住 held every year"
		case r.Met:
			return info.FloorHeld, "迄今各年均守住 held every year so far"
		}
		return NotAssessable, "期内有年份缺数据 missing years in the period"
	}
	// A rate per year (年均增长, 每年…个百分点) is achieved only over the
	// whole period; on the way, being on its implied path is judged by the
	// method like any other progress.
	perYear := t.Kind == model.Growth || t.Kind == model.PointsPerYear
	if r.Met && (!perYear || finished) {
		return info.Achieved, ""
	}
	if finished {
		return info.NotMet, "目标年份已过，未达到 target year passed: not met"
	}
	if points < 2 {
		return NotAssessable, "数据不足：少于两个数据点 insufficient data: fewer than two points"
	}
	return j.Status(r, cfg.ThresholdsOf(info.Method))
}

func yearsList(ys []int) string {
	sort.Ints(ys)
	out := ""
	for i, y := range ys {
		if i > 0 {
			out += ", "
		}
		out += strconv.Itoa(y)
	}
	return out
}

// pow10 holds the exact powers of ten a float64 can represent.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// toFloat converts a decimal for the float measures (rates, regressions).
// When the coefficient fits in 53 bits and the exponent is small, one
// division (or multiplication) by an exact power of ten gives the
// correctly rounded result without the big.Rat that decimal's own
// conversion builds.
func toFloat(d decimal.Decimal) float64 {
	e := d.Exponent()
	if d.NumDigits() <= 15 { // |coefficient| < 10^15 < 2^53: exact as a float64
		if n := d.CoefficientInt64(); n > -1<<53 && n < 1<<53 {
			switch {
			case e <= 0 && -e < int32(len(pow10)):
				return float64(n) / pow10[-e]
			case e > 0 && e < int32(len(pow10)):
				return float64(n) * pow10[e]
			}
		}
	}
	return d.InexactFloat64()
}
