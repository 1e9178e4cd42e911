package analysis

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// KindDetail is what the newer target kinds add to a row (docs/kinds.md).
type KindDetail struct {
	// StretchMet, StretchCompletion and StretchLevel judge a two-tier
	// target's 力争 value (model.Target.Stretch) by the same rules as the
	// target itself: achieved under the configured method, π against the
	// stretch, and the stretch as a level. StretchCompletion is NaN and
	// StretchLevel nil when there is no stretch value.
	StretchMet        bool
	StretchCompletion float64
	StretchLevel      *decimal.Decimal
	// Yearly holds the verdict of each year of the period for the kinds
	// judged year by year (relative, annual, assigned).
	Yearly []YearVerdict

	// kindPath replaces the level path for the period kinds.
	kindPath []PathPoint
}

// YearVerdict is one year of a target judged year by year: the value
// compared (for a relative target the difference in 百分点), what it was
// compared with, and whether it met it.
type YearVerdict struct {
	Year     int
	Value    decimal.Decimal
	Required decimal.Decimal
	Met      bool
}

func newKindDetail() KindDetail { return KindDetail{StretchCompletion: nan} }

// analyseStretch analyses the target, then its 力争 value as a target of
// its own, and keeps the stretch's verdict beside the main row.
func analyseStretch(in Input, cfg Config) Row {
	main := in
	main.Target.Stretch = nil
	r := Analyse(main, cfg)
	st := main
	st.Target.Value = *in.Target.Stretch
	scfg := cfg
	scfg.NoProjections = true
	s := Analyse(st, scfg)
	r.StretchMet = s.Status == cfg.Judge().Info().Achieved
	r.StretchCompletion = s.Completion
	r.StretchLevel = s.TargetLevel
	r.Input, r.Target = in, in.Target
	return r
}

// analysePeriod analyses the kinds judged on the yearly values of the
// period (model.PeriodKind). The period runs from t.PeriodStart(); τ
// counts from the year before it, so after k of its n years τ = k/n.
func analysePeriod(r Row, a seriesView, cfg Config) Row {
	t := r.Target
	p0 := t.PeriodStart()
	r.BaseYear, r.Geometric = p0-1, false
	// The level path means nothing for these kinds: each draws its own,
	// and a row that cannot be judged has none.
	r.kindPath = []PathPoint{}
	latest, ok := a.s.Latest(min(cfg.yearOr(t.TargetYear), t.TargetYear))
	if !ok || latest < p0 {
		r.Note = "规划期内无数据 no data in the plan period"
		return r
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
	other := r.Input.Other.UpTo(cfg.Year)
	if model.NeedsOther(t.Kind) && other.Len() == 0 {
		r.Note = otherMissing(t)
		return r
	}
	v := t.AssessWith(a.s, other, nil, latest)
	r.share = timeShareFrac(p0-1, latest, t.TargetYear, r.month)
	r.TimeShare = r.share.float()
	r.PathShare = r.TimeShare
	switch t.Kind {
	case model.Reduction:
		analyseReduction(&r, a, v, cfg)
	case model.Average:
		analyseAverage(&r, a, v, cfg)
	case model.Relative:
		analyseRelative(&r, a, other, v, cfg)
	case model.Annual, model.Assigned:
		analyseYearly(&r, a, other, v, cfg)
	}
	return r
}

// otherMissing says which second series a target lacks.
func otherMissing(t model.Target) string {
	if t.Kind == model.Assigned {
		return fmt.Sprintf("尚未载入上级下达任务（指标%s） no assignment loaded (indicator %s)", t.AssignedCode(), t.AssignedCode())
	}
	what := t.RelativeTo
	if t.CompareWithParent {
		what = "上级地区 the parent region's " + what
	}
	return fmt.Sprintf("缺少对比指标数据（%s） no data for the compared rate (%s)", what, what)
}

// missingNote names the period's years without data.
func missingNote(ys []int) string {
	return "期内有年份缺数据 missing years in the period: " + yearsList(append([]int(nil), ys...))
}

// meanOfLast is the mean of the last (up to) five yearly values of the
// period up to the latest year, as DNS takes its mean change.
func meanOfLast(a seriesView, from, to int) (float64, bool) {
	sum, n := 0.0, 0
	for y := to; y >= from && n < 5; y-- {
		if v, ok := a.s.At(y); ok {
			sum += toFloat(v)
			n++
		}
	}
	if n == 0 {
		return nan, false
	}
	return sum / float64(n), true
}

// ratePath is the path of a rate kind: the yearly values as actuals, the
// planned figure of each year, and the figure needed in each year after
// the latest.
func ratePath(r *Row, planned func(y int) float64, required float64) {
	t := r.Target
	for y := t.PeriodStart(); y <= t.TargetYear; y++ {
		p := PathPoint{Year: y, Planned: planned(y), Required: nan}
		if y > r.Year {
			p.Required = required
		}
		if v, ok := r.byYear.At(y); ok && y <= r.Year {
			x := v
			p.Actual = &x
		}
		r.kindPath = append(r.kindPath, p)
	}
}

// conditionStatus judges the kinds met year by year like a floor (annual,
// assigned targets): a missed year cannot be mended; met every year so far
// is the method's floor-held status; met every year of the period is
// achieved.
func conditionStatus(r *Row, cfg Config, v model.Verdict, unknown string) {
	info := cfg.Judge().Info()
	switch {
	case len(r.FailedYears) > 0:
		r.Passed = r.final()
		r.Status, r.Note = info.FloorBroken, "未达到当年目标的年份 missed the year's target in "+yearsList(r.FailedYears)
	case !v.Assessable:
		r.Status, r.Note = NotAssessable, unknown
	case r.Met && r.final():
		r.Status, r.Note = info.Achieved, "各年均达到 met every year"
	case r.Met:
		r.Status, r.Note = info.FloorHeld, "迄今各年均达到 met every year so far"
	}
}

// paceRatios sets the Eurostat and UN ratios and the DNS miss from the
// pace π/τ, for the kinds whose progress is a share of the period's
// years or of a sum.
func paceRatios(r *Row, caps bool) {
	pace := r.pi.quo(r.share)
	if !pace.ok() || r.share.sign() <= 0 {
		return
	}
	R := pace.float()
	if caps {
		R = math.Inf(1)
		if pace.sign() != 0 {
			R = pace.inv().float()
		}
	}
	r.Ratio, r.UNRatio = R, R
	r.DNSMiss = math.Max(0, 1-R)
}

// noMeasure judges a period target that has no progress measure, only a
// verdict on the period so far: met at the end is achieved, met so far is
// the method's floor-held status; not met once the period is over has
// passed (schedule: 未完成); otherwise not assessable, since no method
// has a measure to judge it by.
func noMeasure(r *Row, cfg Config, met bool, why string) {
	j := cfg.Judge()
	info := j.Info()
	r.Met = met && r.final()
	switch {
	case met && r.final():
		r.Status, r.Note = info.Achieved, "期内平均达到 met on the period's average"
	case met:
		r.Status, r.Note = info.FloorHeld, "迄今期内平均达到 met on the period's average so far"
	case r.final():
		r.Passed = true
		r.Status, _ = j.Status(r, cfg.ThresholdsOf(info.Method))
		r.Note = passedNote
		if r.Status == NotAssessable {
			r.Note = joinNote(passedNote, why)
		}
	default:
		r.Status, r.Note = NotAssessable, "迄今期内平均未达到 not met on the period's average so far; "+why
	}
}
