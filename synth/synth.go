// Package synth generates deterministic synthetic plans and actuals for
// benchmarks and scale tests: any number of regions, targets and years,
// the same output for the same arguments.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/model"
)

// Plan returns a plan of n targets cycling through every quantitative kind,
// with quantities (亿元, geometric paths) and shares (%, linear paths).
func Plan(region string, n, firstYear, lastYear int) *catalogue.Catalogue {
	c := &catalogue.Catalogue{Plan: model.Plan{Code: "synth", Region: region, Title: "synthetic plan",
		DocNo: "—", PeriodStart: firstYear, PeriodEnd: lastYear, BaseYear: firstYear - 1}}
	zero, hundred := decimal.Zero, decimal.NewFromInt(100)
	for i := 0; i < n; i++ {
		code := fmt.Sprintf("s%03d", i)
		ind := model.Indicator{Code: code, NameZh: "合成指标" + code, NameEn: "synthetic " + code, Unit: "亿元",
			Direction: model.HigherIsBetter, Min: &zero}
		t := model.Target{ID: code, PlanCode: "synth", Region: region, Chapter: model.Chapters[i%len(model.Chapters)],
			Operator: model.AtLeast, BaseYear: firstYear - 1, TargetYear: lastYear,
			LeadDepartments: []string{fmt.Sprintf("部门%d", i%12)},
			// Texts as long as the seed plan's, so that reads cost what
			// real catalogues cost.
			ParticipatingDepartments: []string{"县发展改革局", "县财政局", "县统计局"},
			Deadline:                 "2025年年底",
			Clause:                   fmt.Sprintf("三(一)%d 合成条款", i),
			SourceText:               fmt.Sprintf("到%d年，力争合成指标%s达到规划目标，推动相关产业高质量发展，形成可复制可推广的经验。", lastYear, code)}
		switch i % 8 {
		case 0, 1:
			t.Kind, t.Value, t.Unit = model.Level, decimal.NewFromInt(150), "亿元"
		case 2:
			ind.Unit, ind.Max = "%", &hundred
			t.Kind, t.Value, t.Unit = model.Level, decimal.NewFromInt(60), "%"
		case 3:
			t.Kind, t.Value, t.Unit, t.Operator = model.Growth, decimal.NewFromInt(6), "%", model.About
		case 4:
			t.Kind, t.Value, t.Unit, t.FirstYear = model.Floor, decimal.NewFromInt(80), "亿元", firstYear
		case 5:
			t.Kind, t.Value, t.Unit, t.FirstYear = model.Cumulative, decimal.NewFromInt(500), "亿元", firstYear
		case 6:
			t.Kind, t.Value, t.Unit = model.Multiple, decimal.NewFromInt(2), "倍"
		case 7:
			ind.Unit, ind.Max = "%", &hundred
			t.Kind, t.Value, t.Unit = model.PointsPerYear, decimal.NewFromInt(2), "百分点"
		}
		t.Indicator = ind
		c.Targets = append(c.Targets, t)
	}
	return c
}

// Actuals returns one value per region, indicator of c and year, from a
// random walk seeded by seed: 亿元 series around 100 growing 0–10% a year,
// shares around 50 moving ±2 points.
func Actuals(c *catalogue.Catalogue, regions []string, years []int, seed uint64) *actuals.File {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	f := &actuals.File{Name: "synthetic", SHA256: fmt.Sprintf("synthetic-%d-%d-%d", seed, len(regions), len(years)), Layout: "long"}
	f.Observations = make([]actuals.Observation, 0, len(regions)*len(c.Targets)*len(years))
	seen := map[string]bool{}
	for _, region := range regions {
		for _, t := range c.Targets {
			if seen[region+t.Indicator.Code] {
				continue
			}
			seen[region+t.Indicator.Code] = true
			share := t.Indicator.Unit == "%"
			v := 60 + rng.Float64()*80
			if share {
				v = 30 + rng.Float64()*30
			}
			for _, y := range years {
				if share {
					v = min(100, max(0, v+rng.Float64()*4-1.5))
				} else {
					v *= 1 + rng.Float64()*0.1 - 0.01
				}
				f.Observations = append(f.Observations, actuals.Observation{Indicator: t.Indicator.Code, Region: region,
					Year: y, Value: decimal.NewFromFloat(v).Round(2)})
			}
		}
	}
	return f
}

// Regions names n synthetic regions.
func Regions(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("R%05d", i)
	}
	return out
}
