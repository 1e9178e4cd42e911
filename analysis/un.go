package analysis

import (
	"fmt"
	"math"
)

// The UNSD progress chart's statuses.
const (
	Met                  Status = "met"
	OnTrack              Status = "on_track"
	FairProgress         Status = "fair_progress"
	StagnationRegression Status = "stagnation_regression"
)

// unMethod is the UNSD progress chart (2023, methods.md §4): the latest
// value projected at the observed CAGR, as a share of the distance.
type unMethod struct{}

func (unMethod) Info() MethodInfo { return unInfo }

// unInfo is built once: Info is called for every row judged.
var unInfo = MethodInfo{
	Method: UN,
	Name:   Label{"联合国统计司进展图法", "UNSD progress chart (2023)"},
	Short:  Label{"联合国进展图法", "UNSD progress chart"},
	Statuses: []StatusInfo{
		{Met, Label{"已实现", "met or almost met"}, ToneAchieved},
		{OnTrack, Label{"正常推进", "on track"}, ToneAhead},
		{FairProgress, Label{"有进展需加速", "fair progress, acceleration needed"}, ToneBehind},
		{StagnationRegression, Label{"停滞或倒退", "stagnation or regression"}, ToneAway},
	},
	Thresholds: []Threshold{
		{"on-track", 0.95, "projected share of the distance at or above which the target is on track", false},
		{"fair", 0.10, "projected share at or above which progress is fair", false},
	},
	Descending: true,
	Achieved:   Met, NotMet: StagnationRegression, FloorHeld: OnTrack, FloorBroken: FairProgress,
}

func (unMethod) Status(r *Row, th []float64) (Status, string) {
	ratio, note := r.UNRatio, ""
	if math.IsNaN(ratio) {
		if math.IsNaN(r.Projections.MeanChange) || r.BaseValue == nil {
			return NotAssessable, "增速无定义且数据点不足 growth rate undefined, too few points"
		}
		ratio, note = r.shareOf(r.Projections.MeanChange), "增速无定义，改用线性外推 CAGR undefined: linear projection used"
	}
	if math.IsNaN(ratio) {
		// The target equals the base (逐年提升 on a share): no distance
		// to share out, so no ratio — never "regression".
		return NotAssessable, "联合国比率无定义：目标与基期值相同 UN ratio undefined: the target equals the base"
	}
	switch {
	case reaches(ratio, th[0]):
		return OnTrack, note
	case reaches(ratio, th[1]):
		return FairProgress, note
	}
	return StagnationRegression, note
}

func (unMethod) Explain(th []float64) Label {
	return Label{
		fmt.Sprintf("联合国统计司进展图：按实际年均增速外推至目标年份（累计目标按已累计的年均量外推），(预测 − 基期)/(目标 − 基期) ≥ %.2f 正常推进，≥ %.2f 有进展需加速，否则停滞或倒退；目标与基期相同时无法评估。", th[0], th[1]),
		fmt.Sprintf("UNSD progress chart: projection at the observed CAGR (cumulative targets: the running sum at the average flow); (projection − base)/(target − base) ≥ %.2f on track, ≥ %.2f fair progress, else stagnation or regression; not assessable when the target equals the base.", th[0], th[1]),
	}
}
