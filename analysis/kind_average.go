package analysis

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// analyseAverage analyses a target on the average of a growth-rate
// indicator's yearly values over the period (研发经费投入年均增长7%以上).
// With S the sum of the k yearly values so far, n the period's years and
// T the target: the mean S/k is the outcome; π = S/(n·T), the share of
// the period's sum of rates already reached, τ = k/n, so π/τ is the mean
// so far over the target (Eurostat R and the UN ratio, as for a
// cumulative target); required: the average (n·T − S)/(n − k) in the
// remaining years (RequiredRate, fraction); DNS: the mean of the last
// five values continued, miss = shortfall of the projected mean over |T|.
// A cap (≤, <, or 左右 on a lower-is-better indicator) is judged like a
// cap on a sum: the allowed pace over the observed one. The target is
// achieved only when the period is over.
func analyseAverage(r *Row, a seriesView, v model.Verdict, cfg Config) {
	t := r.Target
	z := decimal.Zero
	r.BaseValue = &z
	T := t.Value
	r.TargetLevel = &T
	r.targetF = toFloat(T)
	n := t.PeriodYears()
	k := r.Year - t.PeriodStart() + 1
	caps := t.Operator == model.AtMost || t.Operator == model.Below ||
		(t.Operator == model.About && t.Indicator.Direction == model.LowerIsBetter)
	if caps {
		r.d = -1
	}
	if !v.Assessable {
		ratePath(r, func(int) float64 { return r.targetF }, nan)
		r.Status, r.Note = NotAssessable, missingNote(v.MissingYears)
		return
	}
	mean := v.Outcome
	r.Outcome = &mean
	g := T.Sub(mean)
	if caps {
		g = g.Neg()
	}
	r.Gap = &g
	nT := T.Mul(decimal.NewFromInt(int64(n)))
	left := t.TargetYear - r.Year
	if left > 0 {
		r.RequiredRate = toFloat(nT.Sub(v.Sum)) / float64(left) / 100
	}
	req := r.RequiredRate * 100
	ratePath(r, func(int) float64 { return r.targetF }, req)
	if !T.IsPositive() || t.Operator == model.Between {
		// No distance to measure π by (保持正增长, a band): judged as a
		// condition on the mean.
		r.BaseValue = nil
		noMeasure(r, cfg, v.Met, "目标不为正或为区间，无完成进度 the target is not positive or is a band: no completion share")
		return
	}
	r.GapRelative = toFloat(g) / math.Abs(r.targetF)
	r.pi = fracOf(v.Sum, nT)
	r.Completion = r.pi.float()
	r.ScheduleGap = r.pi.sub(r.share).mulInt(100).float()
	if caps {
		r.ScheduleGap = -r.ScheduleGap
	}
	paceRatios(r, caps)
	if m, ok := meanOfLast(a, t.PeriodStart(), r.Year); ok {
		proj := (toFloat(v.Sum) + m*float64(left)) / float64(n)
		if r.final() {
			proj = toFloat(mean)
		}
		r.DNSMiss = math.Max(0, r.d*(r.targetF-proj)) / math.Abs(r.targetF)
	}
	r.Met = v.Met && r.final()
	r.Status, r.Note = judge(r, cfg, k+1)
	if v.Met && !r.final() {
		r.Note = joinNote("迄今期内平均达到 met on the period's average so far", r.Note)
	}
}
