package analysis

import (
	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// analyseRelative analyses a relative target (全员劳动生产率增长高于GDP
// 增长; 年均增速高于全市平均水平 with the parent region's rate): each year's
// difference between the two rates is judged (Yearly), and the period is
// met when the mean difference meets the target (model). The progress
// measure is the share of the period's years whose own difference met it:
// π = years met/n, τ = k/n, so a target met every year so far is on
// schedule; Eurostat and UN take π/τ, DNS 1 − π/τ. Required: the mean
// difference the remaining years need (RequiredIncrement, 百分点). Met on
// the average so far is the method's floor-held status; the period met on
// its average is achieved.
func analyseRelative(r *Row, a seriesView, other model.Series, v model.Verdict, cfg Config) {
	t := r.Target
	M := t.Value
	r.TargetLevel = &M
	r.targetF = toFloat(M)
	n := t.PeriodYears()
	tol := t.EffectiveTolerance()
	met := 0
	for y := t.PeriodStart(); y <= r.Year; y++ {
		x, ok1 := a.s.At(y)
		o, ok2 := other.At(y)
		if !ok1 || !ok2 {
			continue
		}
		yv := YearVerdict{Year: y, Value: x.Sub(o), Required: M}
		yv.Met = t.Meets(yv.Value)
		if yv.Met {
			met++
		}
		r.Yearly = append(r.Yearly, yv)
	}
	edge := M
	if t.Operator == model.About && t.Indicator.Direction != model.LowerIsBetter {
		edge = M.Sub(tol)
	}
	left := t.TargetYear - r.Year
	if left > 0 {
		r.RequiredIncrement = toFloat(edge.Mul(decimal.NewFromInt(int64(n))).Sub(v.Sum)) / float64(left)
	}
	ratePath(r, func(y int) float64 {
		if o, ok := other.At(y); ok {
			return toFloat(o.Add(edge))
		}
		return nan
	}, nan)
	if !v.Assessable {
		r.Status, r.Note = NotAssessable, joinNote(missingNote(v.MissingYears), "（本指标或对比指标 this or the compared rate）")
		return
	}
	mean := v.Outcome
	r.Outcome = &mean
	g := M.Sub(mean)
	r.Gap = &g
	r.pi = fracInt(met, n)
	r.Completion = r.pi.float()
	r.ScheduleGap = r.pi.sub(r.share).mulInt(100).float()
	paceRatios(r, false)
	r.Met = v.Met
	info := cfg.Judge().Info()
	switch {
	case v.Met && r.final():
		r.Status, r.Note = info.Achieved, "期内平均达到 met on the period's average"
	case v.Met:
		r.Status, r.Note = info.FloorHeld, "迄今期内平均达到 met on the period's average so far"
	default:
		r.Status, r.Note = judge(r, cfg, k(r)+1)
		r.Note = joinNote("迄今期内平均未达到 not met on the period's average so far", r.Note)
	}
}

// k is the number of the period's years up to the latest.
func k(r *Row) int { return r.Year - r.Target.PeriodStart() + 1 }
