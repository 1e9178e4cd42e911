package analysis

import (
	"fmt"

	"github.com/plangap/plangap/model"
)

// analyseYearly analyses an annual target (各年度视情提出) or an assigned
// one (完成上级下达任务, the yearly figures loaded as the indicator
// AssignedCode): each year is judged against its own figure (Yearly), a
// missed year cannot be mended (the method's floor-broken status), and
// the period is met when every year with a target is. π = the share of
// the period's years with a target met so far, τ as usual. An assigned
// year without its assignment is not assessable until it is loaded.
func analyseYearly(r *Row, a seriesView, other model.Series, v model.Verdict, cfg Config) {
	t := r.Target
	targetYears := 0
	for y := t.PeriodStart(); y <= t.TargetYear; y++ {
		if _, ok := t.YearTarget(y, other); ok || t.Kind == model.Assigned {
			targetYears++
		}
	}
	for y := t.PeriodStart(); y <= r.Year; y++ {
		x, ok := a.s.At(y)
		u, set := t.YearTarget(y, other)
		if !ok || !set {
			continue
		}
		r.Yearly = append(r.Yearly, YearVerdict{Year: y, Value: x, Required: u.Value, Met: u.Meets(x)})
	}
	if u, ok := t.YearTarget(r.Year, other); ok {
		T := u.Value
		r.TargetLevel = &T
		r.targetF = toFloat(T)
		g := T.Sub(*r.Actual)
		if r.d < 0 {
			g = g.Neg()
		}
		r.Gap = &g
	}
	met := int(v.Outcome.IntPart())
	out := v.Outcome
	r.Outcome = &out
	if targetYears > 0 {
		r.pi = fracInt(met, targetYears)
		r.Completion = r.pi.float()
		r.ScheduleGap = r.pi.sub(r.share).mulInt(100).float()
	}
	ratePath(r, func(y int) float64 {
		if u, ok := t.YearTarget(y, other); ok {
			return toFloat(u.Value)
		}
		return nan
	}, nan)
	r.FailedYears = v.FailedYears
	r.Met = v.Met && v.Assessable
	unknown := "尚无设定目标的年份 no year with a target yet"
	switch {
	case len(v.MissingYears) > 0:
		unknown = missingNote(v.MissingYears)
	case t.Kind == model.Assigned && len(v.UnsetYears) > 0:
		unknown = fmt.Sprintf("尚未载入%s年上级下达任务（指标%s） no assignment loaded for %s (indicator %s)",
			yearsList(v.UnsetYears), t.AssignedCode(), yearsList(v.UnsetYears), t.AssignedCode())
	}
	conditionStatus(r, cfg, v, unknown)
	if r.Met && r.final() && r.Status == cfg.Judge().Info().Achieved && len(v.UnsetYears) > 0 {
		r.Note = joinNote(r.Note, fmt.Sprintf("未设定目标的年份不评价 years without a target are not judged: %s", yearsList(v.UnsetYears)))
	}
}
