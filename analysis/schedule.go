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
	Achieved:   Achieved, NotMet: NotMet, FloorHeld: OnSchedule, FloorBroken: Lagging,
}

func (scheduleMethod) Status(r *Row, th []float64) (Status, string) {
	band := th[0]
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
	case r.ScheduleGap > band:
		return Ahead, ""
	case r.ScheduleGap >= -band:
		return OnSchedule, ""
	}
	return Lagging, ""
}

func (scheduleMethod) Explain(th []float64) Label {
	b := th[0]
	return Label{
		fmt.Sprintf("时序进度法（默认）：π−τ 超过 +%.1f 个百分点为快于预期，在 ±%.1f 以内为基本符合，低于 −%.1f 为滞后，π < 0 为背离；达到目标（按目标运算符精确比较）为提前实现；目标年份已过而未达到为未完成。", b, b, b),
		fmt.Sprintf("Schedule (default): π−τ above +%.1f pp ahead, within ±%.1f on schedule, below −%.1f lagging, π < 0 moving away; the target met (exact, by its operator) achieved; target year passed and not met: not met.", b, b, b),
	}
}
