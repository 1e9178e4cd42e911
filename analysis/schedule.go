package analysis

import (
	"fmt"
	"math"
)

// The schedule method's statuses (NDRC mid-term evaluation wording).
const (
	Achieved   Status = "achieved"    // 提前实现
	Ahead      Status = "ahead"       // 快于预期
	OnSchedule Status = "on_schedule" // 基本符合
	Lagging    Status = "lagging"     // 滞后
	MovingAway Status = "moving_away" // 背离
	NotMet     Status = "not_met"     // 未完成 (target year passed)
)

// scheduleMethod is Chinese plan practice: the completion share π against
// the time share τ, with a band of ±5 percentage points for 基本符合.
type scheduleMethod struct{}

func (scheduleMethod) Info() MethodInfo { return scheduleInfo }

// scheduleInfo is built once: Info is called for every row judged.
var scheduleInfo = MethodInfo{
	Method: Schedule,
	Name:   Label{"时序进度法（完成进度对比时序进度）", "schedule: completion share vs time share (Chinese plan practice)"},
	Short:  Label{"时序进度法", "schedule method"},
	Statuses: []StatusInfo{
		{Achieved, Label{"提前实现", "achieved"}, ToneAchieved},
		{Ahead, Label{"快于预期", "ahead of schedule"}, ToneAhead},
		{OnSchedule, Label{"基本符合", "on schedule"}, ToneOnTrack},
		{Lagging, Label{"滞后", "lagging"}, ToneBehind},
		{MovingAway, Label{"背离", "moving away"}, ToneAway},
		{NotMet, Label{"未完成", "not met"}, ToneFailed},
	},
	Thresholds: []Threshold{{"band", 5, "half-width of 基本符合 around the time share, in percentage points", true}},
	// A floor broken in any year is not met, whenever it broke: no later
	// year can mend it (issue 13).
	Achieved: Achieved, NotMet: NotMet, FloorHeld: OnSchedule, FloorBroken: NotMet,
}

func (scheduleMethod) Status(r *Row, th []float64) (Status, string) {
	band := th[0]
	if r.Passed {
		// NDRC's end-of-plan wording: a target not met by its year is
		// 未完成, however close it came (π − τ with τ = 1 is still shown).
		return NotMet, ""
	}
	if r.leftBand {
		return MovingAway, "基期在区间内，现已越出区间 the base was inside the band; the latest value is outside it"
	}
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
	note := ""
	if r.PathShare != r.TimeShare && !math.IsNaN(r.PathShare) {
		note = fmt.Sprintf("对照隐含几何路径：路径进度%.1f%% against the implied geometric path: path share %.1f%%", r.PathShare*100, r.PathShare*100)
	}
	switch {
	case r.Completion < 0:
		return MovingAway, "较基期背离目标 moved away from the target since the base year"
	case exceeds(r.ScheduleGap, band):
		return Ahead, note
	case reaches(r.ScheduleGap, -band):
		return OnSchedule, note
	}
	return Lagging, note
}

func (scheduleMethod) Explain(th []float64) Label {
	b := th[0]
	return Label{
		fmt.Sprintf("时序进度法（默认）：π−τ 超过 +%.1f 个百分点为快于预期，在 ±%.1f 以内为基本符合，低于 −%.1f 为滞后，π < 0 为背离；达到目标（按目标运算符精确比较）为提前实现；目标年份已过而未达到、或任一年跌破底线为未完成；年均增长与翻番目标对照隐含几何路径。", b, b, b),
		fmt.Sprintf("Schedule (default): π−τ above +%.1f pp ahead, within ±%.1f on schedule, below −%.1f lagging, π < 0 moving away; the target met (exact, by its operator) achieved; target year passed and not met, or a floor broken in any year: not met; growth and doubling targets are compared with their implied geometric path.", b, b, b),
	}
}
