package model

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Plan is one region's development plan (规划/行动计划).
type Plan struct {
	Code        string // short identifier, e.g. "guanxian-green-2023"
	Region      string // 地区, e.g. "冠县"
	Title       string
	DocNo       string // 文号, e.g. "冠发〔2023〕5号"
	PeriodStart int    // first year of the plan period
	PeriodEnd   int    // last year of the plan period
	BaseYear    int    // 基期: the year the plan measures progress from
	// Parent is the region one level up (县 → 市 → 省 → 全国) whose plan
	// this one follows; empty at the top. Roll-ups (analysis.RollUp) and
	// targets compared with the parent (Target.CompareWithParent) use it.
	Parent string
}

// Direction says which way an indicator should move.
type Direction string

const (
	HigherIsBetter Direction = "higher" // 正指标
	LowerIsBetter  Direction = "lower"  // 逆指标
	BandIsBetter   Direction = "band"   // 区间指标: neither way is better
)

// Indicator is a measured quantity; its unit is the unit actuals are
// stored in.
type Indicator struct {
	Code      string
	NameZh    string
	NameEn    string
	Unit      string
	Direction Direction
	// Natural bounds (for example 0–100 for shares); nil when unbounded.
	Min, Max *decimal.Decimal
	Aliases  []string // other names statistics files use for it
	// GrowthRate marks an indicator measured as a yearly growth rate in %
	// (研发经费投入增长, 居民收入增长): its values are rates, not levels, so
	// its targets are on their average over the period (Average) or
	// relative to another rate (Relative).
	GrowthRate bool
}

// Kind is what a target's number means.
type Kind string

const (
	// Level: the value in the target year compared with the target
	// (达到/突破/以上/左右).
	Level Kind = "level"
	// Growth: average annual growth rate from the base year (年均增长 x%).
	Growth Kind = "growth"
	// Floor: a condition that must hold in every year of the period
	// (稳定在/保持在/每年…以上).
	Floor Kind = "floor"
	// Cumulative: the sum of yearly flows over the period (新建改建, 造林).
	Cumulative Kind = "cumulative"
	// Multiple: a multiple of the base value (翻番 = ×2).
	Multiple Kind = "multiple"
	// Increment: an increase over the base stock (新增 N).
	Increment Kind = "increment"
	// PointsPerYear: a change per year in percentage points (每年增长2个百分点).
	PointsPerYear Kind = "pp_per_year"
	// Milestone: qualitative; done or not done.
	Milestone Kind = "milestone"
	// Relative: one growth rate compared with another each year, judged
	// on the period's average (全员劳动生产率增长高于GDP增长, 居民收入增长与
	// 经济增长基本同步, 年均增速高于全市平均水平); see kind_relative.go.
	Relative Kind = "relative"
	// Reduction: yearly reduction rates compounded over the period
	// (单位GDP能源消耗降低〔13.5〕); see kind_reduction.go.
	Reduction Kind = "reduction"
	// Annual: a target set for each year (各年度视情提出); see
	// kind_annual.go.
	Annual Kind = "annual"
	// Assigned: 完成上级下达任务, an annual target whose yearly values are
	// loaded as data of a second indicator; see kind_annual.go.
	Assigned Kind = "assigned"
	// Average: the average over the period of a growth-rate indicator's
	// yearly values (研发经费投入年均增长7%以上); see kind_average.go.
	Average Kind = "average"
)

// Kinds lists every kind in documentation order.
var Kinds = []Kind{Level, Growth, Floor, Cumulative, Multiple, Increment, PointsPerYear, Milestone,
	Relative, Reduction, Annual, Assigned, Average}

// Operator compares an outcome with the target value.
type Operator string

const (
	AtLeast   Operator = ">=" // 以上, 不低于, 达到
	Above     Operator = ">"  // 突破, 超过
	AtMost    Operator = "<=" // 以下, 不高于, 控制在
	Below     Operator = "<"  // 低于
	About     Operator = "~"  // 左右: within a tolerance
	Between   Operator = "between"
	Done      Operator = "done" // milestones
	operators          = ">= > <= < ~ between done"
)

// ParseOperator accepts the ASCII forms and ≥ ≤ ≈.
func ParseOperator(s string) (Operator, error) {
	switch strings.TrimSpace(s) {
	case ">=", "≥":
		return AtLeast, nil
	case ">":
		return Above, nil
	case "<=", "≤":
		return AtMost, nil
	case "<":
		return Below, nil
	case "~", "≈", "about":
		return About, nil
	case "between", "band":
		return Between, nil
	case "done", "":
		return Done, nil
	}
	return "", fmt.Errorf("unknown operator %q (want one of %s)", s, operators)
}

// ParseKind accepts a kind's name.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == strings.TrimSpace(s) {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q", s)
}

// ParseDirection accepts higher, lower and band.
func ParseDirection(s string) (Direction, error) {
	switch Direction(strings.TrimSpace(s)) {
	case HigherIsBetter, LowerIsBetter, BandIsBetter:
		return Direction(strings.TrimSpace(s)), nil
	}
	return "", fmt.Errorf("unknown direction %q (want higher, lower or band)", s)
}

// Chapters are the seed plan's (Guan County's) task chapters, in its
// order. Chapters belong to each plan: this list orders the seed plan's
// outputs and is not a check on any other plan's chapters.
var Chapters = []string{"科技创新", "产业", "内需", "生态", "城镇", "农业农村", "改革开放", "文化", "民生", "安全"}

// ChapterEnglish translates a chapter name.
var ChapterEnglish = map[string]string{
	"科技创新": "Innovation", "产业": "Industry", "内需": "Domestic demand", "生态": "Ecology",
	"城镇": "Urbanisation", "农业农村": "Agriculture & rural", "改革开放": "Reform & opening",
	"文化": "Culture", "民生": "Well-being", "安全": "Security",
}

// Target is one quantified (or qualitative) commitment of a plan for one
// indicator in one region.
type Target struct {
	ID        string // unique within the plan; headline targets use their 附件1 number
	PlanCode  string
	Region    string
	Indicator Indicator
	Headline  bool // listed in 附件1 责任清单（指标事项）
	// Attribute is 约束性 (Binding) or 预期性 (Indicative); empty when the
	// plan does not say (Unstated).
	Attribute string

	Kind     Kind
	Operator Operator
	// Value is the target number in Unit: a level, a rate in %, a multiple
	// (倍), an increment, a sum, or percentage points per year.
	Value decimal.Decimal
	// ValueHigh is the upper edge for Operator Between.
	ValueHigh *decimal.Decimal
	Unit      string
	// Tolerance is the half-width of a 左右 band in Unit; nil means the
	// default (see DefaultTolerance).
	Tolerance *decimal.Decimal

	BaseYear   int
	BaseValue  *decimal.Decimal // nil until known
	FirstYear  int              // first year a Floor or Cumulative target covers
	TargetYear int

	// Stretch is the 力争 value of a two-tier target (预期 x, 力争 y), in
	// Unit; nil when there is none. It is judged separately
	// (analysis.Row.StretchMet) and never changes the main verdict.
	Stretch *decimal.Decimal
	// RelativeTo is the indicator a Relative target's rate is compared
	// with (GDP growth); empty with CompareWithParent means the same
	// indicator. Value is then the margin in 百分点 (usually 0).
	RelativeTo string
	// CompareWithParent takes the compared series from the plan's parent
	// region (年均增速高于全市平均水平).
	CompareWithParent bool
	// Annual holds an Annual target's yearly targets.
	Annual []AnnualTarget
	// AssignedFrom is the indicator whose yearly values are an Assigned
	// target's assignments; empty means Code + "_assigned" (AssignedCode).
	AssignedFrom string

	// PathMethod overrides the required-path shape: "geometric" or "linear";
	// empty means chosen from the indicator.
	PathMethod string

	LeadDepartments          []string // 牵头部门
	ParticipatingDepartments []string // 参与部门
	Deadline                 string   // 完成时限
	Chapter                  string
	Clause                   string // e.g. "附件1 指标事项 6" or "三(一)14 钢板加工产业"
	SourceText               string // 原文
}

// DefaultTolerance is the 左右 band used when a target sets none. No
// official tolerance exists (methods.md §1), so plangap takes a convention:
// targets stated in % or 百分点 get ±0.5 percentage points; any other
// unit gets ±2% of the target value.
func (t Target) DefaultTolerance() decimal.Decimal {
	if t.Unit == "%" || t.Unit == "百分点" {
		return halfPoint
	}
	return t.Value.Abs().Mul(twoPercent)
}

var halfPoint, twoPercent = decimal.New(5, -1), decimal.New(2, -2)

// EffectiveTolerance is the tolerance in force: the target's own or the
// default.
func (t Target) EffectiveTolerance() decimal.Decimal {
	if t.Tolerance != nil {
		return *t.Tolerance
	}
	return t.DefaultTolerance()
}

// LeadDepartment is the first lead department, or "".
func (t Target) LeadDepartment() string {
	if len(t.LeadDepartments) == 0 {
		return ""
	}
	return t.LeadDepartments[0]
}

// Quantitative reports whether the target has a number to reach.
func (t Target) Quantitative() bool { return t.Kind != Milestone }

// Validate checks a target's internal consistency. Errors name the field.
func (t Target) Validate() error {
	if t.ID == "" {
		return fieldError{"id", "is empty"}
	}
	if t.Indicator.Code == "" {
		return fieldError{"indicator", "is empty"}
	}
	if t.Kind == Milestone {
		return nil
	}
	if _, err := LookupUnit(t.Unit); err != nil {
		return fieldError{"unit", err.Error()}
	}
	if t.Attribute != "" {
		if _, err := ParseAttribute(t.Attribute); err != nil {
			return fieldError{"attribute", err.Error()}
		}
	}
	if done, err := t.validateKind(); done || err != nil {
		return err
	}
	want := t.Indicator.Unit
	if t.Indicator.GrowthRate && (t.Kind == Growth || t.Kind == Multiple || t.Kind == Increment) {
		return fieldError{"kind", fmt.Sprintf("a growth-rate indicator's values are rates: a %s target needs levels (use average or level)", t.Kind)}
	}
	switch t.Kind {
	case Growth:
		if t.Unit != "%" {
			return fieldError{"unit", "a growth target is stated in %"}
		}
	case PointsPerYear:
		if t.Unit != "百分点" {
			return fieldError{"unit", "a pp_per_year target is stated in 百分点"}
		}
		if t.Indicator.Unit != "%" {
			return fieldError{"indicator_unit", "a pp_per_year target needs an indicator in %"}
		}
	case Multiple:
		if t.Unit != "倍" {
			return fieldError{"unit", "a multiple target is stated in 倍"}
		}
	default:
		u, _ := LookupUnit(t.Unit)
		w, err := LookupUnit(want)
		if err != nil {
			return fieldError{"indicator_unit", err.Error()}
		}
		if !u.ConvertsTo(w) {
			return fieldError{"unit", fmt.Sprintf("%s cannot be compared with the indicator's unit %s", t.Unit, want)}
		}
	}
	if t.Operator == Between && (t.ValueHigh == nil || t.ValueHigh.LessThan(t.Value)) {
		return fieldError{"value_high", "a band needs value_high ≥ value"}
	}
	if t.Operator == Done {
		return fieldError{"operator", "only milestones use done"}
	}
	if t.TargetYear < t.BaseYear {
		return fieldError{"target_year", "is before the base year"}
	}
	if (t.Kind == Floor || t.Kind == Cumulative) && (t.FirstYear == 0 || t.FirstYear > t.TargetYear) {
		return fieldError{"first_year", "must be set and not after the target year"}
	}
	if t.Tolerance != nil && t.Tolerance.IsNegative() {
		return fieldError{"tolerance", "is negative"}
	}
	return nil
}

// fieldError names the field a validation failed on, so file readers can
// point at the column.
type fieldError struct{ Field, Reason string }

func (e fieldError) Error() string { return e.Field + " " + e.Reason }

// FieldOf returns the field name of a validation error, or "".
func FieldOf(err error) string {
	if fe, ok := err.(fieldError); ok {
		return fe.Field
	}
	return ""
}
