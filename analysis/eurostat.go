package analysis

import (
	"fmt"
	"math"
)

// Eurostat's statuses with open-sdg's labels.
const (
	TargetAchieved      Status = "target_achieved"
	SubstantialProgress Status = "substantial_progress"
	ModerateProgress    Status = "moderate_progress"
	LimitedProgress     Status = "limited_progress"
	Deterioration       Status = "deterioration"
)

// eurostatMethod is the ratio R of the observed to the required CAGR
// (methods.md §3), with open-sdg's thresholds 0.95, 0.60 and 0.
type eurostatMethod struct{}

func (eurostatMethod) Info() MethodInfo { return eurostatInfo }

// eurostatInfo is built once: Info is called for every row judged.
var eurostatInfo = MethodInfo{
	Method: Eurostat,
	Name:   Label{"欧盟统计局增速比法（open-sdg）", "Eurostat / open-sdg CAGR ratio"},
	Short:  Label{"欧盟统计局增速比法", "Eurostat ratio"},
	Statuses: []StatusInfo{
		{TargetAchieved, Label{"已实现目标", "target achieved"}, ToneAchieved},
		{SubstantialProgress, Label{"显著进展", "substantial progress / on track"}, ToneAhead},
		{ModerateProgress, Label{"中等进展", "fair progress but acceleration needed"}, ToneOnTrack},
		{LimitedProgress, Label{"进展有限", "limited progress"}, ToneBehind},
		{Deterioration, Label{"恶化", "deterioration"}, ToneAway},
	},
	Thresholds: []Threshold{
		{"substantial", 0.95, "R at or above which progress is substantial", false},
		{"moderate", 0.60, "R at or above which progress is moderate", false},
		{"limited", 0, "R at or above which progress is limited; below it, deterioration", false},
	},
	Descending: true,
	Achieved:   TargetAchieved, NotMet: Deterioration, FloorHeld: SubstantialProgress, FloorBroken: LimitedProgress,
}

func (eurostatMethod) Status(r *Row, th []float64) (Status, string) {
	R, note := r.Ratio, ""
	if math.IsNaN(R) {
		// Zero or negative base, or a sign change: fall back to the
		// linear measure π/τ (methods.md §7).
		if math.IsNaN(r.Completion) || r.TimeShare <= 0 {
			return NotAssessable, "增速比无定义 ratio R undefined (zero or negative base, or no distance to cover)"
		}
		R, note = r.Completion/r.TimeShare, "增速无定义，改用 π/τ CAGR undefined: π/τ used"
	}
	switch {
	case reaches(R, th[0]):
		return SubstantialProgress, note
	case reaches(R, th[1]):
		return ModerateProgress, note
	case reaches(R, th[2]):
		return LimitedProgress, note
	}
	return Deterioration, note
}

func (eurostatMethod) Explain(th []float64) Label {
	return Label{
		fmt.Sprintf("欧盟统计局/open-sdg：R = 实际年均增速/所需年均增速（累计目标为已累计的年均量/所需年均量 = π/τ）；R ≥ %.2f 显著进展，≥ %.2f 中等进展，≥ %.2f 进展有限，否则恶化；基期值为零或正负号改变时改用 π/τ；目标年份已过仍按 R 评价。", th[0], th[1], th[2]),
		fmt.Sprintf("Eurostat/open-sdg: R = observed/required CAGR (cumulative targets: average flow so far/average flow needed = π/τ); R ≥ %.2f substantial, ≥ %.2f moderate, ≥ %.2f limited, else deterioration; π/τ when the base is zero or the sign changes; a target whose year passed is still judged by R.", th[0], th[1], th[2]),
	}
}
