package analysis

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"
)

// RowJSON is a row as the CLI and the HTTP API print it. Shares, rates and
// probabilities are fractions (0.46, not 46); values keep the indicator's
// unit and are exact strings; undefined measures are null.
type RowJSON struct {
	TargetID          string   `json:"target_id"`
	Region            string   `json:"region"`
	Indicator         string   `json:"indicator"`
	NameZh            string   `json:"name_zh"`
	NameEn            string   `json:"name_en"`
	Unit              string   `json:"unit"`
	Kind              string   `json:"kind"`
	Operator          string   `json:"operator"`
	Chapter           string   `json:"chapter"`
	Attribute         string   `json:"attribute,omitempty"` // binding (约束性) or indicative (预期性)
	LeadDepartment    string   `json:"lead_department"`
	Year              *int     `json:"year"`
	Actual            *string  `json:"actual"`
	BaseYear          *int     `json:"base_year"`
	BaseValue         *string  `json:"base_value"`
	BaseNote          string   `json:"base_note,omitempty"`
	Target            *string  `json:"target"`
	TargetYear        int      `json:"target_year"`
	Outcome           *string  `json:"outcome,omitempty"`
	Gap               *string  `json:"gap"`
	GapRelative       *float64 `json:"gap_relative"`
	CompletionShare   *float64 `json:"completion_share"`
	TimeShare         *float64 `json:"time_share"`
	PathShare         *float64 `json:"path_share"`
	ScheduleGapPP     *float64 `json:"schedule_gap_pp"`
	Path              string   `json:"path"`
	RequiredRate      *float64 `json:"required_rate"`
	RequiredIncrement *float64 `json:"required_increment"`
	ObservedRate      *float64 `json:"observed_rate"`
	Ratio             *float64 `json:"ratio"`
	UNRatio           *float64 `json:"un_ratio"`
	DNSMiss           *float64 `json:"dns_miss"`
	Score             *float64 `json:"score"`
	Projection        *float64 `json:"projection"`
	ProjectionLow     *float64 `json:"projection_low"`
	ProjectionHigh    *float64 `json:"projection_high"`
	ProjectionLow80   *float64 `json:"projection_low80"`
	ProjectionHigh80  *float64 `json:"projection_high80"`
	ProjectionCAGR    *float64 `json:"projection_cagr"`
	ProjectionLinear  *float64 `json:"projection_linear"`
	ProjectionMean    *float64 `json:"projection_mean_change"`
	Probability       *float64 `json:"probability"`
	YearsNeeded       *float64 `json:"years_needed"`
	FailedYears       []int    `json:"failed_years,omitempty"`
	Passed            bool     `json:"passed"`
	DoneLate          bool     `json:"done_late,omitempty"`
	DoneYear          *int     `json:"done_year,omitempty"`
	BandLow           *string  `json:"band_low,omitempty"`
	BandHigh          *string  `json:"band_high,omitempty"`
	Status            string   `json:"status"`
	StatusZh          string   `json:"status_zh"`
	StatusEn          string   `json:"status_en"`
	Method            string   `json:"method"`
	MethodName        string   `json:"method_name"`
	Note              string   `json:"note,omitempty"`
	Illustrative      bool     `json:"illustrative"`
	Vintage           string   `json:"vintage,omitempty"`
	// The 力争 tier of a two-tier target, judged on its own.
	Stretch           *string  `json:"stretch,omitempty"`
	StretchMet        bool     `json:"stretch_met,omitempty"`
	StretchCompletion *float64 `json:"stretch_completion_share,omitempty"`
	// Yearly verdicts of relative, annual and assigned targets.
	Yearly []YearJSON `json:"yearly,omitempty"`
}

func f(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func ds(d *decimal.Decimal) *string {
	if d == nil {
		return nil
	}
	s := d.String()
	return &s
}

func ip(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// JSON renders the row.
func (r Row) JSON() RowJSON {
	t := r.Target
	lead := ""
	for i, d := range t.LeadDepartments {
		if i > 0 {
			lead += "、"
		}
		lead += d
	}
	shape := "linear"
	if r.Geometric {
		shape = "geometric"
	}
	j := RowJSON{
		TargetID: t.ID, Region: r.Region, Indicator: t.Indicator.Code, NameZh: t.Indicator.NameZh, NameEn: t.Indicator.NameEn,
		Unit: t.Indicator.Unit, Kind: string(t.Kind), Operator: string(t.Operator), Chapter: t.Chapter, LeadDepartment: lead,
		Year: ip(r.Year), Actual: ds(r.Actual), BaseYear: ip(r.BaseYear), BaseValue: ds(r.BaseValue), BaseNote: r.BaseNote,
		Target: ds(r.TargetLevel), TargetYear: t.TargetYear, Gap: ds(r.Gap), GapRelative: f(r.GapRelative),
		CompletionShare: f(r.Completion), TimeShare: f(r.TimeShare), PathShare: f(r.PathShare), ScheduleGapPP: f(r.ScheduleGap), Path: shape,
		RequiredRate: f(r.RequiredRate), RequiredIncrement: f(r.RequiredIncrement), ObservedRate: f(r.ObservedRate),
		Ratio: f(r.Ratio), UNRatio: f(r.UNRatio), DNSMiss: f(r.DNSMiss), Score: f(r.Score),
		ProjectionCAGR: f(r.Projections.CAGR), ProjectionLinear: f(r.Projections.Linear), ProjectionMean: f(r.Projections.MeanChange),
		Probability: f(r.Probability), YearsNeeded: f(r.YearsNeeded), FailedYears: r.FailedYears,
		Passed: r.Passed, DoneLate: r.DoneLate, DoneYear: ip(r.DoneYear), BandLow: ds(r.BandLow), BandHigh: ds(r.BandHigh),
		Status: string(r.Status), StatusZh: Labels[r.Status].Zh, StatusEn: Labels[r.Status].En,
		Method: string(r.Method), MethodName: MethodName[r.Method].En, Note: r.Note, Illustrative: r.Illustrative, Vintage: r.Vintage,
		Attribute: t.Attribute, Stretch: ds(t.Stretch), StretchMet: r.StretchMet, StretchCompletion: f(r.StretchCompletion),
	}
	for _, y := range r.Yearly {
		j.Yearly = append(j.Yearly, YearJSON{Year: y.Year, Value: y.Value.String(), Required: y.Required.String(), Met: y.Met})
	}
	if t.Kind == "cumulative" {
		j.Outcome = ds(r.Outcome)
	}
	if r.Projections.FitOK {
		p := r.Projections.Fit
		j.Projection, j.ProjectionLow, j.ProjectionHigh = f(p.Value), f(p.Low95), f(p.High95)
		j.ProjectionLow80, j.ProjectionHigh80 = f(p.Low80), f(p.High80)
	}
	return j
}

// Percent prints a fraction as a percentage with one decimal ("46.0%"),
// or "—" when it is undefined.
func Percent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
}

// Fixed prints a measure with prec decimals, or "—" when it is undefined.
func Fixed(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// YearJSON is one year's verdict of a target judged year by year.
type YearJSON struct {
	Year     int    `json:"year"`
	Value    string `json:"value"`
	Required string `json:"required"`
	Met      bool   `json:"met"`
}
