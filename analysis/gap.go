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

	// series and targetF keep what Path needs, so that the path is built
	// only for the callers that draw or print it.
	series  model.Series
	targetF float64

	Method       Method
	Status       Status
	Note         string
	Illustrative bool
	Vintage      string
}

var nan = math.NaN()

// Analyse computes one row. It never panics on odd data: undefined
// measures are NaN and the status says not assessable, with a note why.
func Analyse(in Input, cfg Config) Row {
	t := in.Target
	r := Row{Target: t, Region: t.Region, Method: cfg.Method, Illustrative: in.Illustrative, Vintage: in.Vintage,
		Completion: nan, TimeShare: nan, ScheduleGap: nan, RequiredRate: nan, RequiredIncrement: nan,
		ObservedRate: nan, Ratio: nan, UNRatio: nan, DNSMiss: nan, Score: nan, Probability: nan,
		YearsNeeded: nan, GapRelative: nan, Status: NotAssessable}
	r.Projections = Projections{CAGR: nan, Linear: nan, MeanChange: nan}
	r.Geometric = geometricPath(t) && t.Kind != model.Cumulative

	// The series up to the report year.
	s := model.Series{}
	var years []int
	var vals []float64
	for i, y := range in.Years {
		if cfg.Year > 0 && y > cfg.Year {
			continue
		}
		s[y] = in.Values[i]
		years = append(years, y)
		vals = append(vals, toFloat(in.Values[i]))
	}
	d := 1.0
	if t.Indicator.Direction == model.LowerIsBetter {
		d = -1
	}
	if len(years) == 0 {
		r.Note = "无数据 no data"
		return r
	}
	if t.Kind == model.Milestone {
		return analyseMilestone(r, s, cfg)
	}

	// Base: the plan's base year, or the nearest later year with data.
	r.BaseYear = t.BaseYear
	if t.BaseValue != nil {
		r.BaseValue = t.BaseValue
	} else if v, ok := s[t.BaseYear]; ok {
		r.BaseValue = &v
	} else if t.Kind != model.Cumulative && t.Kind != model.Floor {
		for _, y := range years {
			if y > t.BaseYear && y < t.TargetYear {
				v := s[y]
				r.BaseYear, r.BaseValue = y, &v
				r.BaseNote = fmt.Sprintf("基期%d年无数据，改用%d年 no data for base year %d; used %d", t.BaseYear, y, t.BaseYear, y)
				break
			}
		}
	}
	tb := t
	tb.BaseYear = r.BaseYear

	// The latest year judged: not after the report year, nor after the
	// target year (a target is judged on its target year's actual).
	latest, ok := s.Latest(min(cfg.yearOr(t.TargetYear), t.TargetYear))
	if !ok {
		latest = years[0]
	}
	yt := s[latest]
	r.Year, r.Actual = latest, &yt
	ytf := toFloat(yt)

	v := tb.Assess(s, r.BaseValue, latest)
	r.Met, r.FailedYears = v.Met && v.Assessable, v.FailedYears
	if v.Assessable || t.Kind == model.Cumulative {
		out := v.Outcome
		r.Outcome = &out
	}

	// The target as a level (or a sum) in the indicator's unit.
	var T decimal.Decimal
	switch t.Kind {
	case model.Level, model.Floor, model.Cumulative:
		lvl, err := tb.LevelAt(nil, t.TargetYear)
		if err != nil {
			r.Note = err.Error()
			return r
		}
		T = lvl
	default:
		if r.BaseValue == nil {
			r.Note = "基期值未知：基期及其后均无数据 base value unknown: no data for the base year or after it"
			return r
		}
		lvl, err := tb.LevelAt(r.BaseValue, t.TargetYear)
		if err != nil {
			r.Note = err.Error()
			return r
		}
		T = lvl
	}
	r.TargetLevel = &T
	Tf := toFloat(T)

	// Gap, completion and time share.
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
			r.Completion = toFloat(sum) / Tf
		}
	default:
		g := T.Sub(yt)
		if d < 0 {
			g = g.Neg()
		}
		r.Gap = &g
		// A floor is a condition on every year, not a distance to cover:
		// it has no completion share.
		if r.BaseValue != nil && t.Kind != model.Floor {
			r.Completion = Completion(toFloat(*r.BaseValue), ytf, Tf)
		}
	}
	if !T.IsZero() {
		r.GapRelative = toFloat(*r.Gap) / math.Abs(Tf)
	}
	r.TimeShare = TimeShare(t0, latest, tT)
	if !math.IsNaN(r.Completion) {
		r.ScheduleGap = (r.Completion - r.TimeShare) * 100
	}

	// Required growth from the latest actual, observed growth since base.
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
	if r.BaseValue != nil && latest > r.BaseYear {
		y0 := toFloat(*r.BaseValue)
		r.ObservedRate = CAGR(y0, ytf, latest-r.BaseYear)
		r.Ratio = EurostatRatio(y0, ytf, Tf, r.BaseYear, latest, tT, d)
		if t.Kind == model.Growth {
			// The target rate is given: R = d·CAGR_o / |g|.
			g := toFloat(t.Value) / 100
			if g != 0 && !math.IsNaN(r.ObservedRate) {
				r.Ratio = d * r.ObservedRate / math.Abs(g)
			}
		}
		r.UNRatio = UNRatio(y0, ytf, Tf, r.BaseYear, latest, tT)
	}

	// Projections to the target year.
	xs := make([]float64, len(years))
	for i, y := range years {
		xs[i] = float64(y)
	}
	series := vals
	if t.Kind == model.Cumulative {
		series = cumulate(years, vals, t.FirstYear)
		xs = xs[len(xs)-len(series):]
	}
	if len(series) > 0 {
		last := series[len(series)-1]
		if r.BaseValue != nil && t.Kind != model.Cumulative {
			r.Projections.CAGR = UNProjection(toFloat(*r.BaseValue), ytf, r.BaseYear, latest, tT)
		}
		if p, ok := LinearTrend(xs, series, float64(tT)); ok {
			r.Projections.Linear = p
		}
		ys := years[len(years)-len(series):]
		if m, ok := MeanChange(ys, series); ok {
			r.Projections.MeanChange = last + m*float64(left)
			r.DNSMiss = DNSMiss(last, r.Projections.MeanChange, Tf, d)
			if m*d < 0 && !r.Met {
				r.DNSMiss = math.Inf(1)
			}
		}
		target := Tf
		if t.Operator == model.About {
			target = Tf - d*toFloat(t.EffectiveTolerance())
			if t.Kind != model.Level && t.Kind != model.Floor {
				target = Tf
			}
		}
		if p, ok := FitProjection(xs, series, float64(tT), r.Geometric && t.Kind != model.Cumulative, target, d); ok {
			p = p.Clip(t.Indicator)
			r.Projections.Fit, r.Projections.FitOK = p, true
			r.Probability = p.Probability
		}
		// Years still needed at the current pace.
		if t.Kind != model.Floor {
			if r.Geometric && !math.IsNaN(r.ObservedRate) && t.Kind != model.Cumulative {
				r.YearsNeeded = YearsNeeded(ytf, Tf, r.ObservedRate, true)
			} else if m, ok := MeanChange(ys, series); ok {
				r.YearsNeeded = YearsNeeded(last, Tf, m, false)
			}
			if r.Met {
				r.YearsNeeded = 0
			}
		}
	}
	r.Score = OpenSDGScore(r.Ratio)

	r.series, r.targetF = s, Tf
	r.Status, r.Note = status(r, cfg, d, len(years))
	if r.BaseNote != "" {
		r.Note = joinNote(r.BaseNote, r.Note)
	}
	return r
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
	s, T := r.series, r.targetF
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
	v := t.Assess(s, nil, cfg.Year)
	r.Year = v.Year
	if v.Assessable {
		x := v.Outcome
		r.Actual = &x
	}
	r.Met = v.Met
	switch {
	case v.Met:
		r.Status = achievedStatus(cfg.Method)
	case v.Assessable && v.Year >= t.TargetYear:
		r.Status, r.Note = notMetStatus(cfg.Method), "目标年份未完成 not done by the target year"
	default:
		r.Note = "尚未报告完成 not yet reported done"
	}
	return r
}

func achievedStatus(m Method) Status {
	return map[Method]Status{Schedule: Achieved, Eurostat: TargetAchieved, UN: Met, DNS: Sun}[m]
}

func notMetStatus(m Method) Status {
	return map[Method]Status{Schedule: NotMet, Eurostat: Deterioration, UN: StagnationRegression, DNS: Thunderstorm}[m]
}

// status applies the chosen method. Order of checks: achieved first (with
// the target's operator, exactly), then the cases where a method cannot
// judge, then the method's thresholds.
func status(r Row, cfg Config, d float64, points int) (Status, string) {
	t := r.Target
	finished := r.Year >= t.TargetYear
	if t.Kind == model.Floor {
		switch {
		case len(r.FailedYears) > 0:
			note := "未守住底线年份 below the floor in " + yearsList(r.FailedYears)
			if finished {
				return notMetStatus(cfg.Method), note
			}
			return map[Method]Status{Schedule: Lagging, Eurostat: LimitedProgress, UN: FairProgress, DNS: Cloud}[cfg.Method], note
		case r.Met && finished:
			return achievedStatus(cfg.Method), "各年均守住 held every year"
		case r.Met:
			return map[Method]Status{Schedule: OnSchedule, Eurostat: SubstantialProgress, UN: OnTrack, DNS: Sun}[cfg.Method], "迄今各年均守住 held every year so far"
		}
		return NotAssessable, "期内有年份缺数据 missing years in the period"
	}
	// A rate per year (年均增长, 每年…个百分点) is achieved only over the
	// whole period; on the way, being on the implied path is judged by the
	// method like any other progress.
	perYear := t.Kind == model.Growth || t.Kind == model.PointsPerYear
	if r.Met && (!perYear || finished) {
		return achievedStatus(cfg.Method), ""
	}
	if finished {
		return notMetStatus(cfg.Method), "目标年份已过，未达到 target year passed: not met"
	}
	if points < 2 {
		return NotAssessable, "数据不足：少于两个数据点 insufficient data: fewer than two points"
	}
	switch cfg.Method {
	case Schedule:
		if math.IsNaN(r.Completion) {
			// The target equals the base value (逐年提升: any rise will do):
			// there is no distance to share out, only a condition.
			if r.BaseValue != nil && r.TargetLevel != nil && r.BaseValue.Equal(*r.TargetLevel) {
				if r.Met {
					return OnSchedule, "目标即超过基期值，迄今达到 target is to exceed the base; met so far"
				}
				return Lagging, "目标即超过基期值，迄今未达到 target is to exceed the base; not met so far"
			}
			return NotAssessable, "完成进度无法计算 completion share undefined"
		}
		switch {
		case r.Completion < 0:
			return MovingAway, "较基期背离目标 moved away from the target since the base year"
		case r.ScheduleGap > cfg.ScheduleBand:
			return Ahead, ""
		case r.ScheduleGap >= -cfg.ScheduleBand:
			return OnSchedule, ""
		}
		return Lagging, ""
	case Eurostat:
		R, note := r.Ratio, ""
		if math.IsNaN(R) {
			// Zero or negative base, or a sign change: fall back to the
			// linear measure π/τ (methods.md §7).
			if math.IsNaN(r.Completion) || r.TimeShare <= 0 {
				return NotAssessable, "基期值为零或负，增速无定义 growth rate undefined (zero or negative base)"
			}
			R, note = r.Completion/r.TimeShare, "增速无定义，改用 π/τ CAGR undefined: π/τ used"
		}
		switch {
		case R >= cfg.EurostatSubstantial:
			return SubstantialProgress, note
		case R >= cfg.EurostatModerate:
			return ModerateProgress, note
		case R >= cfg.EurostatLimited:
			return LimitedProgress, note
		}
		return Deterioration, note
	case UN:
		ratio, note := r.UNRatio, ""
		if math.IsNaN(ratio) {
			if math.IsNaN(r.Projections.MeanChange) || r.BaseValue == nil {
				return NotAssessable, "增速无定义且数据点不足 growth rate undefined, too few points"
			}
			ratio, note = Completion(toFloat(*r.BaseValue), r.Projections.MeanChange, toFloat(*r.TargetLevel)), "增速无定义，改用线性外推 CAGR undefined: linear projection used"
		}
		switch {
		case ratio >= cfg.UNOnTrack:
			return OnTrack, note
		case ratio >= cfg.UNFair:
			return FairProgress, note
		}
		return StagnationRegression, note
	case DNS:
		if math.IsNaN(r.DNSMiss) {
			return NotAssessable, "少于四个数据点 fewer than four data points"
		}
		switch {
		case math.IsInf(r.DNSMiss, 1):
			return Thunderstorm, "方向错误 moving the wrong way"
		case r.DNSMiss < cfg.DNSSun:
			return Sun, ""
		case r.DNSMiss <= cfg.DNSSunCloud:
			return SunCloud, ""
		}
		return Cloud, ""
	}
	return NotAssessable, "unknown method"
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
