package analysis

import (
	"fmt"
	"math"
	"strings"
)

// Method names a published way of turning progress into a status.
type Method string

const (
	// Schedule is Chinese plan practice: completion share against time
	// share (完成进度 vs 时序进度), as NDRC mid-term evaluations report it.
	Schedule Method = "schedule"
	// Eurostat is the ratio of observed to required CAGR, with open-sdg's
	// labels and −5…5 score.
	Eurostat Method = "eurostat"
	// UN is the UNSD progress chart (2023): the observed CAGR projected to
	// the target year.
	UN Method = "un"
	// DNS is the German sustainability strategy's weather symbols: the mean
	// of the last five changes extrapolated linearly.
	DNS Method = "dns"
)

// Methods lists the methods in documentation order.
var Methods = []Method{Schedule, Eurostat, UN, DNS}

// ParseMethod accepts a method name.
func ParseMethod(s string) (Method, error) {
	for _, m := range Methods {
		if string(m) == strings.ToLower(strings.TrimSpace(s)) {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown method %q (want schedule, eurostat, un or dns)", s)
}

// Status is a method's verdict on one target.
type Status string

// Statuses of every method. NotAssessable is shared.
const (
	NotAssessable Status = "not_assessable"

	Achieved   Status = "achieved"    // 提前实现
	Ahead      Status = "ahead"       // 快于预期
	OnSchedule Status = "on_schedule" // 基本符合
	Lagging    Status = "lagging"     // 滞后
	MovingAway Status = "moving_away" // 背离
	NotMet     Status = "not_met"     // 未完成 (target year passed)

	TargetAchieved      Status = "target_achieved"
	SubstantialProgress Status = "substantial_progress"
	ModerateProgress    Status = "moderate_progress"
	LimitedProgress     Status = "limited_progress"
	Deterioration       Status = "deterioration"

	Met                  Status = "met"
	OnTrack              Status = "on_track"
	FairProgress         Status = "fair_progress"
	StagnationRegression Status = "stagnation_regression"

	Sun          Status = "sun"
	SunCloud     Status = "sun_cloud"
	Cloud        Status = "cloud"
	Thunderstorm Status = "thunderstorm"
)

// Label is a status's Chinese and English wording.
type Label struct{ Zh, En string }

// Labels holds the wording printed beside every status. Eurostat labels
// follow open-sdg; UN labels the UNSD progress chart; DNS the German
// indicator report's weather symbols.
var Labels = map[Status]Label{
	NotAssessable: {"无法评估", "not assessable"},

	Achieved:   {"提前实现", "achieved"},
	Ahead:      {"快于预期", "ahead of schedule"},
	OnSchedule: {"基本符合", "on schedule"},
	Lagging:    {"滞后", "lagging"},
	MovingAway: {"背离", "moving away"},
	NotMet:     {"未完成", "not met"},

	TargetAchieved:      {"已实现目标", "target achieved"},
	SubstantialProgress: {"显著进展", "substantial progress / on track"},
	ModerateProgress:    {"中等进展", "fair progress but acceleration needed"},
	LimitedProgress:     {"进展有限", "limited progress"},
	Deterioration:       {"恶化", "deterioration"},

	Met:                  {"已实现", "met or almost met"},
	OnTrack:              {"正常推进", "on track"},
	FairProgress:         {"有进展需加速", "fair progress, acceleration needed"},
	StagnationRegression: {"停滞或倒退", "stagnation or regression"},

	Sun:          {"晴", "sun: target reached or within 5%"},
	SunCloud:     {"晴间多云", "sun-cloud: miss 5–20%"},
	Cloud:        {"多云", "cloud: miss over 20%, right direction"},
	Thunderstorm: {"雷雨", "thunderstorm: wrong direction"},
}

// MethodStatuses lists each method's statuses from best to worst.
var MethodStatuses = map[Method][]Status{
	Schedule: {Achieved, Ahead, OnSchedule, Lagging, MovingAway, NotMet, NotAssessable},
	Eurostat: {TargetAchieved, SubstantialProgress, ModerateProgress, LimitedProgress, Deterioration, NotAssessable},
	UN:       {Met, OnTrack, FairProgress, StagnationRegression, NotAssessable},
	DNS:      {Sun, SunCloud, Cloud, Thunderstorm, NotAssessable},
}

// MethodName is the method's full name, printed beside its statuses.
var MethodName = map[Method]Label{
	Schedule: {"时序进度法（完成进度对比时序进度）", "schedule: completion share vs time share (Chinese plan practice)"},
	Eurostat: {"欧盟统计局增速比法（open-sdg）", "Eurostat / open-sdg CAGR ratio"},
	UN:       {"联合国统计司进展图法", "UNSD progress chart (2023)"},
	DNS:      {"德国可持续发展指标天气符号法", "German sustainability indicators (weather symbols)"},
}

// MethodShort is the method's short name, for chart titles.
var MethodShort = map[Method]Label{
	Schedule: {"时序进度法", "schedule method"},
	Eurostat: {"欧盟统计局增速比法", "Eurostat ratio"},
	UN:       {"联合国进展图法", "UNSD progress chart"},
	DNS:      {"德国天气符号法", "German weather symbols"},
}

// Config holds the method and its thresholds. The zero value is not
// usable; start from DefaultConfig.
type Config struct {
	Method Method
	// ScheduleBand is the half-width in percentage points of 基本符合
	// around the time share (default 5).
	ScheduleBand float64
	// Eurostat thresholds on R: substantial, moderate, limited (0.95, 0.60, 0).
	EurostatSubstantial, EurostatModerate, EurostatLimited float64
	// UN thresholds on the projected ratio: on track, fair (0.95, 0.10).
	UNOnTrack, UNFair float64
	// DNS thresholds on the miss: sun, sun-cloud (0.05, 0.20).
	DNSSun, DNSSunCloud float64
	// Year is the report year: data after it are ignored (0 = use all).
	Year int
}

// Years a report year may take (0 means the latest year with data).
const (
	MinYear = 1949
	MaxYear = 2100
)

// Validate refuses a configuration no status could be computed from
// honestly: a method not known, a number that is not finite (NaN, ±Inf), a
// negative band, thresholds out of order, or a report year outside
// 1949–2100. The CLI and the server call it on what the user gave.
func (c Config) Validate() error {
	if _, err := ParseMethod(string(c.Method)); err != nil {
		return fmt.Errorf("评估方法无效 %w", err)
	}
	for _, x := range []struct {
		zh, en string
		v      float64
	}{
		{"基本符合区间", "schedule band", c.ScheduleBand},
		{"Eurostat阈值", "eurostat threshold", c.EurostatSubstantial},
		{"Eurostat阈值", "eurostat threshold", c.EurostatModerate},
		{"Eurostat阈值", "eurostat threshold", c.EurostatLimited},
		{"UN阈值", "un threshold", c.UNOnTrack},
		{"UN阈值", "un threshold", c.UNFair},
		{"DNS阈值", "dns threshold", c.DNSSun},
		{"DNS阈值", "dns threshold", c.DNSSunCloud},
	} {
		if math.IsNaN(x.v) || math.IsInf(x.v, 0) {
			return fmt.Errorf("%s不是有限数 %s %v is not a finite number", x.zh, x.en, x.v)
		}
	}
	if c.ScheduleBand < 0 {
		return fmt.Errorf("基本符合区间不能为负 schedule band %v must be ≥ 0 (percentage points)", c.ScheduleBand)
	}
	if !(c.EurostatSubstantial > c.EurostatModerate && c.EurostatModerate > c.EurostatLimited) {
		return fmt.Errorf("Eurostat阈值须从大到小排列 eurostat thresholds %v, %v, %v must be in descending order (substantial > moderate > limited)",
			c.EurostatSubstantial, c.EurostatModerate, c.EurostatLimited)
	}
	if !(c.UNOnTrack > c.UNFair) {
		return fmt.Errorf("UN阈值须从大到小排列 un thresholds %v, %v must be in descending order (on track > fair)", c.UNOnTrack, c.UNFair)
	}
	// DNS thresholds bound a miss, where smaller is better: the sun's is
	// the stricter, so they ascend.
	if !(0 <= c.DNSSun && c.DNSSun < c.DNSSunCloud) {
		return fmt.Errorf("DNS阈值须满足 0 ≤ 晴 < 晴间多云 dns thresholds %v, %v: want 0 ≤ sun < sun-cloud (misses, as fractions)", c.DNSSun, c.DNSSunCloud)
	}
	if c.Year != 0 && (c.Year < MinYear || c.Year > MaxYear) {
		return fmt.Errorf("报告年份%d不在%d–%d之间 report year %d is outside %d–%d", c.Year, MinYear, MaxYear, c.Year, MinYear, MaxYear)
	}
	return nil
}

// DefaultConfig is the published thresholds with the schedule method.
func DefaultConfig() Config {
	return Config{
		Method: Schedule, ScheduleBand: 5,
		EurostatSubstantial: 0.95, EurostatModerate: 0.60, EurostatLimited: 0,
		UNOnTrack: 0.95, UNFair: 0.10,
		DNSSun: 0.05, DNSSunCloud: 0.20,
	}
}
