package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// partialData is the default plan with the given values for target 11a
// (a growth target, whose level needs a base value) and none elsewhere.
func partialData(t *testing.T, cfg analysis.Config, years []int, values ...string) *Data {
	t.Helper()
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	th, err := charts.NewTheme("en", "")
	if err != nil {
		t.Fatal(err)
	}
	var ins []analysis.Input
	for _, tg := range c.Targets {
		in := analysis.Input{Target: tg}
		if tg.ID == "11a" {
			in.Years = years
			for _, v := range values {
				in.Values = append(in.Values, decimal.RequireFromString(v))
			}
		}
		ins = append(ins, in)
	}
	return &Data{Plan: c.Plan, Inputs: ins, Rows: analysis.AnalyseAll(ins, cfg), Config: cfg, Theme: th,
		Batches: []model.Batch{{ID: 1, File: "x.csv", SHA256: "abc", LoadedAt: time.Unix(0, 0)}},
		Now:     time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
}

// TestReportsOnPartialData: the HTML report used to panic on a growth
// target with no base value (nil target level) and on a short checksum.
func TestReportsOnPartialData(t *testing.T) {
	before := analysis.DefaultConfig()
	before.Year = 2019
	for _, tc := range []struct {
		name   string
		d      *Data
		noYear bool
	}{
		{"no actuals", partialData(t, analysis.DefaultConfig(), nil), true},
		{"one actual", partialData(t, analysis.DefaultConfig(), []int{2023}, "305.2"), false},
		{"year before the base year", partialData(t, before, []int{2022, 2023}, "290", "305.2"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h bytes.Buffer
			if err := HTML(&h, tc.d); err != nil {
				t.Fatal(err)
			}
			page := h.String()
			if !strings.Contains(page, "</html>") {
				t.Fatalf("HTML incomplete: %d bytes", h.Len())
			}
			if got := strings.Contains(page, "report year — (no actuals yet)"); got != tc.noYear {
				t.Errorf("report year shown as none: %v, want %v", got, tc.noYear)
			}
			if strings.Contains(page, "report year 0") {
				t.Error("report year printed as 0")
			}
			var x bytes.Buffer
			if err := XLSX(&x, tc.d); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&x)
			if err != nil {
				t.Fatalf("workbook does not open: %v", err)
			}
			f.Close()
		})
	}
}

// TestReportsOnEveryTargetPartial gives every target of the default plan
// the same partial series and writes both reports: no panic, no error.
func TestReportsOnEveryTargetPartial(t *testing.T) {
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	th, _ := charts.NewTheme("en", "")
	value := func(tg model.Target) string {
		if !tg.Quantitative() {
			return "1"
		}
		return tg.Value.String()
	}
	for _, p := range []struct {
		name  string
		years func(tg model.Target) []int
	}{
		{"base year only", func(tg model.Target) []int { return []int{tg.BaseYear} }},
		{"one year after base", func(tg model.Target) []int { return []int{tg.BaseYear + 1} }},
		{"before base only", func(tg model.Target) []int { return []int{2019} }},
		{"after target only", func(tg model.Target) []int { return []int{tg.TargetYear + 2} }},
	} {
		t.Run(p.name, func(t *testing.T) {
			var ins []analysis.Input
			for _, tg := range c.Targets {
				in := analysis.Input{Target: tg, Years: p.years(tg)}
				for range in.Years {
					in.Values = append(in.Values, decimal.RequireFromString(value(tg)))
				}
				ins = append(ins, in)
			}
			cfg := analysis.DefaultConfig()
			d := &Data{Plan: c.Plan, Inputs: ins, Rows: analysis.AnalyseAll(ins, cfg), Config: cfg, Theme: th, Now: time.Unix(0, 0).UTC()}
			var b bytes.Buffer
			if err := HTML(&b, d); err != nil {
				t.Fatal(err)
			}
			if err := XLSX(&b, d); err != nil {
				t.Fatal(err)
			}
		})
	}
}
