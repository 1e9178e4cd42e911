package charts

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// TestChartsOnPartialData draws every chart of the default plan with the
// partial data a bureau really has at some point: nothing, one value, a
// value before the base year only, values after the target year only, a
// zero base. No chart may panic; a plan-level chart may only refuse with
// ErrNoData.
func TestChartsOnPartialData(t *testing.T) {
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	th, _ := NewTheme("en", "")
	patterns := []struct {
		name   string
		values func(tg model.Target) ([]int, []string)
	}{
		{"nothing", func(model.Target) ([]int, []string) { return nil, nil }},
		{"base year only", func(tg model.Target) ([]int, []string) { return []int{tg.BaseYear}, []string{level(tg)} }},
		{"one year after base", func(tg model.Target) ([]int, []string) { return []int{tg.BaseYear + 1}, []string{level(tg)} }},
		{"before base only", func(tg model.Target) ([]int, []string) { return []int{2019}, []string{level(tg)} }},
		{"after target only", func(tg model.Target) ([]int, []string) {
			return []int{tg.TargetYear + 2, tg.TargetYear + 3}, []string{level(tg), level(tg)}
		}},
		{"zero base", func(tg model.Target) ([]int, []string) {
			return []int{tg.BaseYear, tg.BaseYear + 1}, []string{"0", level(tg)}
		}},
	}
	for _, p := range patterns {
		for _, year := range []int{0, 2019} {
			t.Run(fmt.Sprintf("%s/year=%d", p.name, year), func(t *testing.T) {
				cfg := analysis.DefaultConfig()
				cfg.Year = year
				var ins []analysis.Input
				for _, tg := range c.Targets {
					in := analysis.Input{Target: tg}
					ys, vs := p.values(tg)
					in.Years = ys
					for _, v := range vs {
						in.Values = append(in.Values, decimal.RequireFromString(v))
					}
					ins = append(ins, in)
				}
				rows := analysis.AnalyseAll(ins, cfg)
				draw := func(name string, fig Figure, err error) {
					t.Helper()
					if errors.Is(err, ErrNoData) {
						return
					}
					if err != nil {
						t.Errorf("%s: %v", name, err)
						return
					}
					if _, err := fig.Bytes("svg", th); err != nil {
						t.Errorf("%s: render: %v", name, err)
					}
				}
				for i, r := range rows {
					if r.Target.Kind == model.Milestone {
						continue
					}
					fig, err := th.Trajectory(ins[i], r, vg.Points(460), vg.Points(300))
					draw("trajectory "+r.Target.ID, fig, err)
				}
				fig, err := th.Progress(rows)
				draw("progress", fig, err)
				fig, err = th.Departments(rows)
				draw("departments", fig, err)
				fig, err = th.Heatmap(ins, cfg)
				draw("heatmap", fig, err)
				fig, err = th.HeatmapGap(ins, cfg)
				draw("heatmap-gap", fig, err)
				fig, err = th.Dashboard(ins[:12], rows[:12])
				draw("dashboard", fig, err)
			})
		}
	}
}

// level is a plausible value for a target's indicator: its target value,
// or 1 for a milestone.
func level(tg model.Target) string {
	if !tg.Quantitative() {
		return "1"
	}
	return tg.Value.String()
}
