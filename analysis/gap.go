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
type Input = model.TargetSeries

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

	Completion float64 // π, fraction
	TimeShare  float64 // τ, fraction, from the plan's base year (months when Config.Month is set)
	// PathShare is the share of the distance the planned path covers by
	// the latest year, which the schedule method compares π with: τ for
	// most kinds; for growth and multiple targets (年均增长, 翻番) the
	// implied geometric path's share ((T/y0)^(k/n) − 1)/(T/y0 − 1), so a
	// series on that path is on schedule.
	PathShare   float64
	ScheduleGap float64 // (π − PathShare) in percentage points

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
	// Passed is set when the target year's complete actual is known and
	// the target was not met (目标年份已过，未达到): each method then
	// judges its own progress measure, the schedule method says 未完成.
	Passed bool
	// DoneLate is set for a milestone first reported done in DoneYear,
	// after its target year (逾期完成).
	DoneLate bool
	DoneYear int
	// BandLow and BandHigh are a band target's (区间指标) edges as levels
	// in the indicator's unit; nil for other targets. TargetLevel is then
	// the edge nearest the latest actual, and d points towards it.
	BandLow, BandHigh *decimal.Decimal

	// byYear and targetF keep what Path needs, so that the path is built
	// only for the callers that draw or print it; d is +1 when higher is
	// better, −1 when lower is better.
	byYear  model.Series
	targetF float64
	d       float64
	// month is Config.Month when the latest year is the report year (its
	// data are year-to-date), else 0; pi and share keep π and the path
	// share exact when they are ratios of exact values (undefined
	// otherwise); leftBand is set when the base lay inside a band and the
	// latest actual lies outside it.
	month     int
	pi, share frac
	leftBand  bool
	missing   []int // years of a cumulative target's period without data

	Method       Method
	Status       Status
	Note         string
	Illustrative bool
	Vintage      string

	KindDetail // stretch tier and per-year verdicts (kind.go)
}

var nan = math.NaN()

// Analyse computes one row. It never panics on odd data: undefined
// measures are NaN and the status says not assessable, with a note why.
// The steps read as the method: the series up to the report year → the
// base → the verdict at the latest year → the target as a level → gap,
// π and τ → rates → projections → status.
func Analyse(in Input, cfg Config) Row {
	var r Row
	analyseInto(&r, in, cfg)
	return r
}

// analyseInto is Analyse writing into *dst, so that AnalyseAll fills its
// result slice in place instead of allocating a row (over a kilobyte) on
// the heap for each input and copying it.
func analyseInto(dst *Row, in Input, cfg Config) {
	if in.Target.Stretch != nil {
		*dst = analyseStretch(in, cfg)
		return
	}
	*dst = newRow(in, cfg)
	r := dst
	a := r.series(in, cfg.Year)
	if len(a.years) == 0 {
		r.Note = "无数据 no data"
		return
	}
	if r.Target.Kind == model.Milestone {
		*r = analyseMilestone(*r, a.s, cfg)
		return
	}
	if model.PeriodKind(r.Target.Kind) {
		*r = analysePeriod(*r, a, cfg)
		return
	}
	r.chooseBase(a)
	r.judgeLatest(a, cfg)
	T, err := r.targetLevel()
	if err != "" {
		r.Note = err
		return
	}
	r.measures(T)
	r.rates()
	r.project(a, cfg)
	r.Score = OpenSDGScore(r.Ratio)
	r.Status, r.Note = judge(r, cfg, r.points(a))
	if r.BaseNote != "" {
		r.Note = joinNote(r.BaseNote, r.Note)
	}
}

// points is how many points the progress measures rest on: the years
// with data, or for a cumulative target the flows in its period plus the
// zero its running sum starts from.
func (r *Row) points(a seriesView) int {
	t := r.Target
	if t.Kind != model.Cumulative {
		// A base value the plan states is a point too: with one actual
		// after it, π and τ are defined.
		if _, ok := a.s.At(t.BaseYear); t.BaseValue != nil && !ok && r.BaseYear == t.BaseYear {
			return len(a.years) + 1
		}
		return len(a.years)
	}
	n := 1
	for _, y := range a.years {
		if y >= t.FirstYear && y <= t.TargetYear {
			n++
		}
	}
	return n
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
		Completion: nan, TimeShare: nan, PathShare: nan, ScheduleGap: nan, RequiredRate: nan, RequiredIncrement: nan,
		ObservedRate: nan, Ratio: nan, UNRatio: nan, DNSMiss: nan, Score: nan, Probability: nan,
		YearsNeeded: nan, GapRelative: nan, Status: NotAssessable, KindDetail: newKindDetail()}
	r.Projections = Projections{CAGR: nan, Linear: nan, MeanChange: nan}
	r.Geometric = geometricPath(t) && t.Kind != model.Cumulative
	r.d = 1
	if t.Indicator.Direction == model.LowerIsBetter {
		r.d = -1
	}
	return r
}

// series keeps the values up to the report year (0: all). The input's
// years come ascending from the store, and are then used as they are;
// others are put in order first (a year given twice keeps its last
// value).
func (r *Row) series(in Input, year int) seriesView {
	ys, vs := in.Years, in.Values
	for i := 1; i < len(ys); i++ {
		if ys[i] <= ys[i-1] {
			m := make(map[int]decimal.Decimal, len(ys))
			for j, y := range ys {
				m[y] = vs[j]
			}
			s := model.SeriesOf(m)
			ys, vs = s.Years(), make([]decimal.Decimal, s.Len())
			for j, y := range ys {
				vs[j] = m[y]
			}
			break
		}
	}
	n := len(ys)
	for year > 0 && n > 0 && ys[n-1] > year {
		n--
	}
	a := seriesView{s: model.NewSeries(ys[:n], vs[:n]), years: ys[:n:n], vals: make([]float64, n)}
	for i := range n {
		a.vals[i] = toFloat(vs[i])
	}
	r.byYear = a.s
	return a
}

// chooseBase takes the plan's base value, else the base year's actual,
// else the nearest later year with data (said so in BaseNote).
func (r *Row) chooseBase(a seriesView) {
	t := r.Target
	r.BaseYear = t.BaseYear
	if t.Kind == model.Cumulative {
		// A running sum is zero the year before its period; the base
		// year's own flow lies outside the period and counts nowhere.
		z := decimal.Zero
		r.BaseYear, r.BaseValue = t.FirstYear-1, &z
		return
	}
	if t.BaseValue != nil {
		r.BaseValue = t.BaseValue
		return
	}
	if v, ok := a.s.At(t.BaseYear); ok {
		r.BaseValue = &v
		return
	}
	if t.Kind == model.Floor {
		return
	}
	for _, y := range a.years {
		if y > t.BaseYear && y < t.TargetYear {
			v := a.s.Value(y)
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
	yt := a.s.Value(latest)
	r.Year, r.Actual = latest, &yt
	report := cfg.Year
	if report == 0 {
		report = a.years[len(a.years)-1]
	}
	if latest == report && cfg.Month < 12 {
		r.month = cfg.Month
	}
	tb := t
	tb.BaseYear = r.BaseYear
	v := tb.Assess(a.s, r.BaseValue, latest)
	r.Met, r.FailedYears = v.Met && v.Assessable, v.FailedYears
	if t.Kind == model.Cumulative {
		r.missing = v.MissingYears
	}
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
	if t.Band() {
		lo, hi, err := tb.BandAt(base, t.TargetYear)
		if err != nil {
			return decimal.Decimal{}, err.Error()
		}
		r.BandLow, r.BandHigh = &lo, &hi
		T = r.nearestEdge(lo, hi)
	}
	r.TargetLevel = &T
	r.targetF = toFloat(T)
	return T, ""
}

// measures computes the gap (exact), completion share π, time share τ,
// the share the planned path has reached, and the schedule gap. π, τ and
// the gap between them are kept as exact fractions and rounded once, so a
// series exactly at a band edge compares as at it.
func (r *Row) measures(T decimal.Decimal) {
	t := r.Target
	// τ runs from the plan's base year even when a later year had to
	// stand in for the base value: the plan's clock does not move.
	t0, tT := t.BaseYear, t.TargetYear
	if t.Kind == model.Cumulative {
		t0 = t.FirstYear - 1
	}
	tau := timeShareFrac(t0, r.Year, tT, r.month)
	r.TimeShare = tau.float()
	share := tau
	yt := *r.Actual
	if t.Kind == model.Cumulative {
		yt = decimal.Zero
		if r.Outcome != nil {
			yt = *r.Outcome
		}
	}
	g := T.Sub(yt)
	if r.d < 0 {
		g = g.Neg()
	}
	r.Gap = &g
	// A floor is a condition on every year, not a distance to cover:
	// it has no completion share.
	if r.BaseValue != nil && t.Kind != model.Floor {
		if r.BandLow != nil {
			r.pi = r.bandCompletion(*r.BaseValue, yt)
		} else {
			r.pi = fracOf(yt.Sub(*r.BaseValue), T.Sub(*r.BaseValue))
		}
		r.Completion = r.pi.float()
	}
	if !T.IsZero() {
		r.GapRelative = toFloat(*r.Gap) / math.Abs(r.targetF)
	}
	r.share = share
	r.PathShare = r.TimeShare
	if (t.Kind == model.Growth || t.Kind == model.Multiple) && r.Geometric {
		r.geometricPathShare(T)
	}
	switch {
	case r.pi.ok() && r.share.ok():
		r.ScheduleGap = r.pi.sub(r.share).mulInt(100).float()
	case !math.IsNaN(r.Completion):
		r.ScheduleGap = (r.Completion - r.PathShare) * 100
	}
	if r.capsSum() {
		// A cap on a sum (累计不超过) is used up, not completed: using
		// it faster than time passes is behind, so the gap is τ − π.
		r.ScheduleGap = -r.ScheduleGap
	}
}

// geometricPathShare is the share of the distance from y0 to T that the
// implied geometric path y0·(T/y0)^(k/n) covers after k of n years,
// counted from the year the base value belongs to. For a growth target in
// whole years the path level is the exact decimal y0·(1+g)^k.
func (r *Row) geometricPathShare(T decimal.Decimal) {
	t := r.Target
	if r.BaseValue == nil || !r.BaseValue.IsPositive() || !T.IsPositive() || T.Equal(*r.BaseValue) {
		return
	}
	if t.TargetYear <= r.BaseYear {
		return // no years to grow over: τ stands
	}
	y0 := *r.BaseValue
	n := float64(t.TargetYear - r.BaseYear)
	k := float64(r.Year - r.BaseYear)
	if r.month > 0 {
		k += float64(r.month)/12 - 1
	}
	if t.Kind == model.Growth && r.BandLow == nil && r.month == 0 {
		tb := t
		tb.BaseYear = r.BaseYear
		if p, err := tb.LevelAt(&y0, r.Year); err == nil {
			r.share = fracOf(p.Sub(y0), T.Sub(y0))
			r.PathShare = r.share.float()
			return
		}
	}
	q := toFloat(T) / toFloat(y0)
	r.share = frac{}
	r.PathShare = (math.Pow(q, k/n) - 1) / (q - 1)
}

// rates computes the growth now required from the latest actual and the
// growth observed since the base, with Eurostat's R and the UN ratio.
func (r *Row) rates() {
	t := r.Target
	tT, latest := t.TargetYear, r.Year
	ytf, Tf := toFloat(*r.Actual), r.targetF
	left := tT - latest
	switch t.Kind {
	case model.Cumulative:
		if left > 0 {
			r.RequiredIncrement = r.d * toFloat(*r.Gap) / float64(left)
		}
		r.cumulativeRatios()
		return
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
	if r.BandLow == nil || r.sameSide(y0) {
		r.Ratio = EurostatRatio(y0, ytf, Tf, r.BaseYear, latest, tT, r.d)
	}
	if t.Kind == model.Growth && r.BandLow == nil {
		// The target rate is given: R = d·CAGR_o / |g|.
		g := toFloat(t.Value) / 100
		if g != 0 && !math.IsNaN(r.ObservedRate) {
			r.Ratio = r.d * r.ObservedRate / math.Abs(g)
		}
	}
	r.UNRatio = r.shareOf(UNProjection(y0, ytf, r.BaseYear, latest, tT))
}

// cumulativeRatios judges a running sum by its rate of accumulation
// (methods.md §1: π = Σ flows / T), never by the growth of one year's
// flow. Eurostat: R = (S/k)/(T/n), the average flow so far against the
// average the target needs, with k = τ·n years elapsed — that is π/τ.
// UN: the running sum projected at the average flow, Ŝ = S·n/k, as a share
// of the target — also π/τ. For a cap on the sum (lower is better) both
// are the reciprocal, the allowed pace over the observed one.
func (r *Row) cumulativeRatios() {
	tau := r.share
	pace := r.pi.quo(tau)
	if !pace.ok() || tau.sign() <= 0 {
		return
	}
	R := pace.float()
	if r.capsSum() {
		R = math.Inf(1)
		if pace.sign() != 0 {
			R = pace.inv().float()
		}
	}
	r.Ratio, r.UNRatio = R, R
}

// nearestEdge picks the edge of the band [lo, hi] that the latest actual
// (the running sum, for a cumulative target) has to reach, and points d
// towards it: the lower edge from below, the upper from above. Inside
// the band the target is met; the edge on the base's side is kept.
func (r *Row) nearestEdge(lo, hi decimal.Decimal) decimal.Decimal {
	y := *r.Actual
	if r.Target.Kind == model.Cumulative && r.Outcome != nil {
		y = *r.Outcome
	}
	switch {
	case y.LessThan(lo):
		r.d = 1
		return lo
	case y.GreaterThan(hi):
		r.d = -1
		return hi
	case r.BaseValue != nil && r.BaseValue.GreaterThan(hi):
		r.d = -1
		return hi
	}
	r.d = 1
	return lo
}

// bandDist is the distance from v to the band (0 inside it).
func (r *Row) bandDist(v decimal.Decimal) decimal.Decimal {
	switch {
	case v.LessThan(*r.BandLow):
		return r.BandLow.Sub(v)
	case v.GreaterThan(*r.BandHigh):
		return v.Sub(*r.BandHigh)
	}
	return decimal.Zero
}

// bandCompletion is π for a band: the share of the base's distance to the
// band that has been covered, 1 − dist(yt)/dist(y0). Inside the band it is
// 1; a series that overshot to the far side is judged by its distance
// from there. A base inside the band has no distance to cover: π is
// undefined, and leaving the band is noted.
func (r *Row) bandCompletion(y0, yt decimal.Decimal) frac {
	d0, dt := r.bandDist(y0), r.bandDist(yt)
	if d0.IsZero() {
		if dt.IsZero() {
			return fracInt(1, 1)
		}
		r.leftBand = true
		return frac{}
	}
	return fracOf(d0.Sub(dt), d0)
}

// sameSide reports whether y0 lies outside the band on the side the
// latest actual is on, so that rates from y0 to the edge mean progress.
func (r *Row) sameSide(y0 float64) bool {
	return r.d*(r.targetF-y0) > 0
}

// shareOf is the share of the distance from the base to the target that a
// projected value covers (UNSD: (ŷ − y0)/(T − y0)). For a band it is
// (dist(y0) − dist(ŷ))/dist(y0), and a projection that reaches the band
// or passes through it from the latest value's side covers it all: a
// series moving towards the band is never "regression". A series that
// has already overshot is judged from the far side.
func (r *Row) shareOf(proj float64) float64 {
	if r.BaseValue == nil || math.IsNaN(proj) {
		return nan
	}
	y0 := toFloat(*r.BaseValue)
	if r.BandLow == nil {
		return Completion(y0, proj, r.targetF)
	}
	lo, hi := toFloat(*r.BandLow), toFloat(*r.BandHigh)
	dist := func(v float64) float64 { return math.Max(0, math.Max(lo-v, v-hi)) }
	switch d0 := dist(y0); {
	case dist(proj) == 0, r.d*(r.targetF-proj) < 0:
		return 1
	case d0 == 0:
		return nan
	default:
		return (d0 - dist(proj)) / d0
	}
}

// project extends the series to the target year four ways (methods.md
// §4–6) and derives the DNS miss, the probability of meeting the target
// and the years still needed at the current pace. Data after the target
// year play no part: the outcome is judged on the target year.
func (r *Row) project(a seriesView, cfg Config) {
	t := r.Target
	tT, left, d, Tf := t.TargetYear, t.TargetYear-r.Year, r.d, r.targetF
	years, series := a.years, a.vals
	for len(years) > 0 && years[len(years)-1] > tT {
		years, series = years[:len(years)-1], series[:len(series)-1]
	}
	if t.Kind == model.Cumulative {
		years, series = cumulate(years, series, t.FirstYear)
	}
	if len(series) == 0 {
		return
	}
	xs := make([]float64, len(years))
	for i, y := range years {
		xs[i] = float64(y)
	}
	last := series[len(series)-1]
	if r.BaseValue != nil && t.Kind != model.Cumulative {
		r.Projections.CAGR = UNProjection(toFloat(*r.BaseValue), toFloat(*r.Actual), r.BaseYear, r.Year, tT)
	}
	if p, ok := LinearTrend(xs, series, float64(tT)); ok {
		r.Projections.Linear = p
	}
	m, mok := MeanChange(years, series)
	if mok {
		r.Projections.MeanChange = last + m*float64(left)
	}
	switch {
	case left <= 0:
		// At the target year the miss is observed, not projected: it
		// needs no trend, only the base.
		r.DNSMiss = r.passedMiss(last)
	case mok:
		r.DNSMiss = DNSMiss(last, r.Projections.MeanChange, Tf, d)
	}
	if mok && m*d < 0 && !r.Met && !r.capsSum() {
		r.DNSMiss = math.Inf(1)
	}
	if !cfg.NoProjections {
		r.fit(xs, series, cfg)
	}
	// Years still needed at the current pace; a cap on a sum is not
	// something to reach.
	if t.Kind == model.Floor || r.capsSum() {
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

// passedMiss is the DNS miss once the target year is reached: nothing is
// left to project, so the shortfall is measured against the whole
// distance from the base, d·(T − yT)/|T − y0| (for a band, the distance
// to the band now over the distance then). Without it the miss would be
// 100% for any shortfall at all.
func (r *Row) passedMiss(yT float64) float64 {
	if r.BaseValue == nil {
		return nan
	}
	if r.BandLow != nil {
		return fracOf(r.bandDist(*r.Actual), r.bandDist(*r.BaseValue)).float()
	}
	y0 := toFloat(*r.BaseValue)
	dist := math.Abs(r.targetF - y0)
	short := r.d * (r.targetF - yT)
	switch {
	case short <= 0:
		return 0
	case dist == 0:
		return nan
	}
	return short / dist
}

// fit is projection (c): the log-linear fit for geometric paths (linear
// when a value is not positive), linear otherwise, with the probability
// of meeting the target — the predictive mass beyond the target, or
// between the edges of a band. Once the target year's complete actual is
// known the outcome is no longer a probability: NaN.
func (r *Row) fit(xs, series []float64, cfg Config) {
	t := r.Target
	logLinear := r.Geometric && t.Kind != model.Cumulative
	f, ok := fitTrend(xs, series, float64(t.TargetYear), logLinear)
	if !ok && logLinear {
		f, ok = fitTrend(xs, series, float64(t.TargetYear), false)
	}
	if !ok {
		return
	}
	switch {
	case r.BandLow != nil:
		f.p.Probability = f.between(toFloat(*r.BandLow), toFloat(*r.BandHigh))
	default:
		target := r.targetF
		if t.Operator == model.About && (t.Kind == model.Level || t.Kind == model.Floor) {
			target = r.targetF - r.d*toFloat(t.EffectiveTolerance())
		}
		f.p.Probability = f.beyond(target, r.d)
	}
	if r.final() {
		f.p.Probability = nan
	}
	p := f.p.Clip(t.Indicator)
	r.Projections.Fit, r.Projections.FitOK = p, true
	r.Probability = p.Probability
}

// capsSum reports whether the target caps a running sum (累计不超过):
// the sum rises with every flow, so its direction is no measure of
// progress, only its pace against the allowed one.
func (r *Row) capsSum() bool {
	return r.Target.Kind == model.Cumulative && r.d < 0 && r.BandLow == nil
}

// final reports whether the target year's complete actual is known.
func (r *Row) final() bool { return r.Year >= r.Target.TargetYear && r.month == 0 }

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
	// 年均增长 and 翻番 compound by definition.
	if t.Kind == model.Growth || t.Kind == model.Multiple {
		return true
	}
	u, err := model.LookupUnit(t.Indicator.Unit)
	if err != nil {
		return false
	}
	switch u.Dimension {
	case model.Money, model.Area, model.Mass, model.Power, model.People, model.PersonTimes, model.Count, model.Length, model.Concentr:
		// Quantities grow (and pollutant concentrations fall) in
		// proportion; a series that reaches zero or below falls back to
		// the linear measures where it is used.
		return true
	}
	return false
}

// cumulate turns yearly flows into running sums over the period, starting
// from the zero the sum is the year before its first year (flows before
// it lie outside the period).
func cumulate(years []int, vals []float64, first int) ([]int, []float64) {
	ys, out := []int{first - 1}, []float64{0}
	sum := 0.0
	for i, y := range years {
		if y < first {
			continue
		}
		sum += vals[i]
		ys, out = append(ys, y), append(out, sum)
	}
	if len(ys) == 1 {
		return nil, nil
	}
	return ys, out
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
	if r.kindPath != nil {
		return r.kindPath
	}
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
		if v, ok := s.At(y); ok {
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

// passedNote is said of every target whose year has passed unmet.
const passedNote = "目标年份已过，未达到 target year passed: not met"

// analyseMilestone judges a milestone: done by its target year is
// achieved; done later is 逾期完成 (done late), which was not met by the
// target year; not done once the target year has passed is not met. A
// milestone has no progress measure, so the methods that judge one (all
// but the schedule method) find it not assessable then.
func analyseMilestone(r Row, s model.Series, cfg Config) Row {
	t := r.Target
	j := cfg.Judge()
	v := t.Assess(s, nil, 0) // the series holds no year after the report year
	r.Year = v.Year
	if v.Year != 0 {
		x := v.Outcome
		r.Actual = &x
	}
	if last := s.Years(); len(last) > 0 && last[len(last)-1] == cfg.yearOr(last[len(last)-1]) && cfg.Month < 12 {
		r.month = cfg.Month
	}
	r.Met = v.Met
	note := ""
	switch {
	case v.Met:
		r.Status = j.Info().Achieved
		return r
	case v.Late:
		r.DoneLate, r.DoneYear = true, v.DoneYear
		note = fmt.Sprintf("逾期完成：%d年完成，目标年份%d年 done late: done in %d, target year %d", v.DoneYear, t.TargetYear, v.DoneYear, t.TargetYear)
	case v.Assessable && r.final():
		note = "目标年份已过，未完成 target year passed: not done"
	default:
		r.Note = "尚未报告完成 not yet reported done"
		return r
	}
	r.Passed = true
	r.Status, _ = j.Status(&r, cfg.ThresholdsOf(j.Info().Method))
	if r.Status == NotAssessable {
		note = joinNote(note, "此方法无里程碑的进展度量 the method has no progress measure for a milestone")
	}
	r.Note = note
	return r
}

// judge applies the configured method. The checks every method shares
// come first — achieved (with the target's operator, exactly), floors,
// the target year passed, too few points — then the method's own rule.
// A target whose year has passed unmet is flagged Passed and judged by
// the method's own measure (the schedule method says 未完成).
func judge(r *Row, cfg Config, points int) (Status, string) {
	j := cfg.Judge()
	info := j.Info()
	t := r.Target
	finished := r.final()
	if t.Kind == model.Floor {
		switch {
		case len(r.FailedYears) > 0:
			// A broken year cannot be mended, so the status is the same
			// before and after the target year.
			r.Passed = finished
			return info.FloorBroken, "未守住底线年份 below the floor in " + yearsList(r.FailedYears)
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
	if len(r.missing) > 0 {
		// A running sum with a year missing is not known, so neither is
		// any share of it.
		return NotAssessable, "期内有年份缺数据，累计值未知 missing years in the period, the running sum is unknown: " + yearsList(r.missing)
	}
	if finished {
		r.Passed = true
		s, note := j.Status(r, cfg.ThresholdsOf(info.Method))
		return s, joinNote(passedNote, note)
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
	if c, e, ok := smallCoefficient(d); ok && c > -maxExact && c < maxExact {
		// |c| < 2^53 is exact as a float64, and so is 10^k for k ≤ 22:
		// one multiplication or division is correctly rounded.
		switch {
		case e <= 0 && -e < int32(len(pow10)):
			return float64(c) / pow10[-e]
		case e > 0 && e < int32(len(pow10)):
			return float64(c) * pow10[e]
		}
	}
	return d.InexactFloat64()
}
