package analysis

import (
	"testing"

	"github.com/plangap/plangap/model"
)

// BenchmarkAnalyse analyses a level, a growth, a cumulative and a band
// target with six years of data each, as the 240k-pair scale test does.
func BenchmarkAnalyse(b *testing.B) {
	ins := benchInputs()
	cfg := DefaultConfig()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Analyse(ins[i%len(ins)], cfg)
	}
}

// benchInputs are a level, a growth, a cumulative and a band target.
func benchInputs() []Input {
	g := model.Target{ID: "g", Kind: model.Growth, Operator: model.AtLeast, Value: dec("6"), Unit: "%",
		Indicator: model.Indicator{Code: "x", NameZh: "x", Unit: "亿元", Direction: model.HigherIsBetter}, BaseYear: 2020, TargetYear: 2026}
	c := model.Target{ID: "c", Kind: model.Cumulative, Operator: model.AtLeast, Value: dec("250"), Unit: "公里",
		Indicator: model.Indicator{Code: "r", NameZh: "r", Unit: "公里", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2020, FirstYear: 2021, TargetYear: 2026}
	band := model.Target{ID: "s", Kind: model.Level, Operator: model.Between, Value: dec("3"), ValueHigh: decp("5"), Unit: "%",
		Indicator: model.Indicator{Code: "s", NameZh: "s", Unit: "%", Direction: model.BandIsBetter}, BaseYear: 2020, TargetYear: 2026}
	return []Input{
		input(money(model.AtLeast, "200", 2020, 2026), 2020, "100", 2021, "112", 2022, "125", 2023, "139", 2024, "156", 2025, "172"),
		input(g, 2020, "100", 2021, "106.5", 2022, "112.1", 2023, "119", 2024, "126.2", 2025, "133"),
		input(c, 2020, "70", 2021, "40", 2022, "45", 2023, "50", 2024, "41", 2025, "52"),
		input(band, 2020, "8", 2021, "7.4", 2022, "6.9", 2023, "6.2", 2024, "5.9", 2025, "5.5"),
	}
}
