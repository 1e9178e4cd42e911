package analysis

import (
	"fmt"
	"math"
	"strings"

	"github.com/plangap/plangap/model"
)

// Method names a published way of turning progress into a status.
type Method string

// The methods plangap ships, in documentation order.
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

// A Judge is one published status method. Each is one value, in a file of
// its own, listed in Judges; nothing else in plangap names a method's
// statuses or thresholds, so adding a method is adding one file.
type Judge interface {
	// Info describes the method: names, statuses and thresholds.
	Info() MethodInfo
	// Status applies the method's rule to a row that the checks shared by
	// every method (achieved, floors, too few points) left undecided. th
	// holds the thresholds in the order of Info().Thresholds.
	Status(r *Row, th []float64) (Status, string)
	// Explain states the rule with thresholds th, for reports.
	Explain(th []float64) Label
}

// Judges lists the methods in documentation order.
var Judges = []Judge{scheduleMethod{}, eurostatMethod{}, unMethod{}, dnsMethod{}}

// Tone is what a status means whatever the method: charts colour and
// shape statuses by tone, so a new method needs no new colours.
type Tone int

// Tones from best to worst.
const (
	ToneAchieved Tone = iota // the target is met
	ToneAhead                // better than needed
	ToneOnTrack              // as needed
	ToneBehind               // progress, but too slow
	ToneAway                 // moving the wrong way
	ToneFailed               // the target year passed unmet, or a floor broke
	ToneUnknown              // not assessable
)

// StatusInfo is one status of a method with its wording and tone.
type StatusInfo struct {
	Status Status
	Label  Label
	Tone   Tone
}

// Threshold is one configurable threshold of a method.
type Threshold struct {
	Name    string // flag-style name, e.g. "substantial"
	Default float64
	Doc     string
	// NonNegative refuses values below zero (a band, a miss).
	NonNegative bool
}

// MethodInfo describes a method.
type MethodInfo struct {
	Method Method
	Name   Label // printed beside every status
	Short  Label // for chart titles
	// Statuses from best to worst; NotAssessable is shared and not listed.
	Statuses []StatusInfo
	// Thresholds in the order Status receives them. They must be
	// descending when Descending is set (R ≥ 0.95 ≥ 0.60 ≥ 0), ascending
	// otherwise (a miss < 5% < 20%).
	Thresholds []Threshold
	Descending bool
	// The statuses the shared checks give: target met; a floor held so
	// far; a floor broken in some year (before the target year or not).
	// NotMet is the method's wording for "not met by the target year"; the
	// shared checks no longer give it: a target whose year passed unmet is
	// judged by the method's own measure (Row.Passed says it passed).
	Achieved, NotMet, FloorHeld, FloorBroken Status
}

// Status is a method's verdict on one target.
type Status string

// NotAssessable is shared by every method.
const NotAssessable Status = "not_assessable"

// Label is a Chinese and English wording.
type Label struct{ Zh, En string }

// JudgeOf returns the method's judge, or nil.
func JudgeOf(m Method) Judge {
	for _, j := range Judges {
		if j.Info().Method == m {
			return j
		}
	}
	return nil
}

// ParseMethod accepts a method name.
func ParseMethod(s string) (Method, error) {
	m := Method(strings.ToLower(strings.TrimSpace(s)))
	if JudgeOf(m) != nil {
		return m, nil
	}
	names := make([]string, len(Judges))
	for i, j := range Judges {
		names[i] = string(j.Info().Method)
	}
	return "", fmt.Errorf("未知的评价方法 unknown method %q (want %s)", s, strings.Join(names, ", "))
}

// The tables below are derived from Judges once, for the packages that
// print statuses.
var (
	// Methods lists the methods in documentation order.
	Methods []Method
	// Labels holds the wording printed beside every status.
	Labels = map[Status]Label{NotAssessable: {"无法评估", "not assessable"}}
	// Tones holds each status's tone.
	Tones = map[Status]Tone{NotAssessable: ToneUnknown}
	// MethodStatuses lists each method's statuses from best to worst,
	// NotAssessable last.
	MethodStatuses = map[Method][]Status{}
	// MethodName is the method's full name, printed beside its statuses.
	MethodName = map[Method]Label{}
	// MethodShort is the method's short name, for chart titles.
	MethodShort = map[Method]Label{}
)

func init() {
	for _, j := range Judges {
		in := j.Info()
		Methods = append(Methods, in.Method)
		MethodName[in.Method], MethodShort[in.Method] = in.Name, in.Short
		for _, s := range in.Statuses {
			Labels[s.Status], Tones[s.Status] = s.Label, s.Tone
			MethodStatuses[in.Method] = append(MethodStatuses[in.Method], s.Status)
		}
		MethodStatuses[in.Method] = append(MethodStatuses[in.Method], NotAssessable)
		for _, t := range in.Thresholds {
			defaultThresholds[in.Method] = append(defaultThresholds[in.Method], t.Default)
		}
	}
}

// Config holds the method, every method's thresholds and the report year.
// The zero value uses the schedule method, the published thresholds and
// all the data.
type Config struct {
	Method Method
	// Thresholds overrides a method's thresholds; a method missing here
	// uses its defaults.
	Thresholds map[Method][]float64
	// Year is the report year: data after it are ignored (0 = use all).
	Year int
	// Month is how far into the report year a report is made (1–12; 0
	// means the whole year): 1–4月 is 4. τ then counts the report year
	// as Month/12 of a year (TimeShareMonths), and a target year still
	// in progress has not passed.
	Month int
	// NoProjections skips the fitted projections (and the probability),
	// for callers that need only statuses, such as a heatmap over years.
	NoProjections bool
}

// DefaultConfig is the published thresholds with the schedule method.
func DefaultConfig() Config { return Config{Method: Schedule} }

// Judge returns the configured method's judge (schedule by default).
func (c Config) Judge() Judge {
	if j := JudgeOf(c.Method); j != nil {
		return j
	}
	return scheduleMethod{}
}

// ThresholdsOf returns the thresholds in force for method m.
func (c Config) ThresholdsOf(m Method) []float64 {
	if th, ok := c.Thresholds[m]; ok {
		return th
	}
	return defaultThresholds[m]
}

// defaultThresholds holds each method's published thresholds.
var defaultThresholds = map[Method][]float64{}

// SetThresholds overrides method m's thresholds.
func (c *Config) SetThresholds(m Method, th []float64) {
	if c.Thresholds == nil {
		c.Thresholds = map[Method][]float64{}
	}
	c.Thresholds[m] = append([]float64(nil), th...)
}

// Validate checks the configuration the way every caller needs it
// checked: a known method, finite thresholds of the right number and
// order, a plausible report year.
func (c Config) Validate() error {
	if c.Method != "" && JudgeOf(c.Method) == nil {
		_, err := ParseMethod(string(c.Method))
		return Errorf("%s", err)
	}
	if c.Year != 0 && (c.Year < 1949 || c.Year > 2100) {
		return Errorf("报告年份%d不在1949–2100之间 report year %d is outside 1949–2100", c.Year, c.Year)
	}
	if c.Month < 0 || c.Month > 12 {
		return fmt.Errorf("月份%d不合理 month %d out of range (want 1–12, or 0 for the whole year)", c.Month, c.Month)
	}
	for m, th := range c.Thresholds {
		j := JudgeOf(m)
		if j == nil {
			_, err := ParseMethod(string(m))
			return Errorf("%s", err)
		}
		in := j.Info()
		if len(th) != len(in.Thresholds) {
			return Errorf("%s方法需要%d个阈值 the %s method takes %d thresholds, got %d", m, len(in.Thresholds), m, len(in.Thresholds), len(th))
		}
		for i, v := range th {
			t := in.Thresholds[i]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return Errorf("%s方法阈值%s不是有限数 %s threshold %s %v is not a finite number", m, t.Name, m, t.Name, v)
			}
			if t.NonNegative && v < 0 {
				return Errorf("%s方法阈值%s不能为负 %s threshold %s %v must be ≥ 0", m, t.Name, m, t.Name, v)
			}
			if i > 0 && ((in.Descending && v >= th[i-1]) || (!in.Descending && v <= th[i-1])) {
				zh, en := "从小到大", "ascending"
				if in.Descending {
					zh, en = "从大到小", "descending"
				}
				return Errorf("%s方法阈值须严格%s排列 %s thresholds %v must be strictly %s", m, zh, m, th, en)
			}
		}
	}
	return nil
}

// Errorf makes the error a caller must show the user: invalid options.
func Errorf(format string, args ...any) error {
	return model.Errorf(model.Invalid, format, args...)
}

func (m Method) String() string { return string(m) }
