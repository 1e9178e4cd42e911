package charts

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// checkTicks fails on duplicate labels, mixed decimals, or fractional
// labels on a count axis.
func checkTicks(t *testing.T, what string, ticks []plot.Tick, integer bool) {
	t.Helper()
	seen := map[string]bool{}
	decimals := -1
	n := 0
	for _, tk := range ticks {
		if tk.Label == "" {
			continue
		}
		n++
		if seen[tk.Label] {
			t.Errorf("%s: tick label %q appears twice in %v", what, tk.Label, labelsOf(ticks))
		}
		seen[tk.Label] = true
		d := 0
		if i := strings.IndexByte(tk.Label, '.'); i >= 0 {
			d = len(tk.Label) - i - 1
		}
		if decimals >= 0 && d != decimals {
			t.Errorf("%s: mixed decimals on one axis: %v", what, labelsOf(ticks))
		}
		decimals = d
		if integer && d > 0 {
			t.Errorf("%s: count axis with fractional label %q", what, tk.Label)
		}
	}
	if n < 2 {
		t.Errorf("%s: %d labelled ticks: %v", what, n, labelsOf(ticks))
	}
}

func labelsOf(ticks []plot.Tick) []string {
	var out []string
	for _, tk := range ticks {
		if tk.Label != "" {
			out = append(out, tk.Label)
		}
	}
	return out
}

// TestValueTicks: the ranges the issue found misleading.
func TestValueTicks(t *testing.T) {
	for _, tc := range []struct {
		min, max float64
		integer  bool
		want     string // the labels, when worked out by hand
	}{
		{1.83, 1.86, false, "1.83 1.84 1.85 1.86"}, // a whole gap of 0.03
		{1.84, 1.97, false, "1.85 1.90 1.95"},      // not 1.9, 1.9, 2
		{1.8, 2.0, false, "1.80 1.85 1.90 1.95 2.00"},
		{21.6, 26.1, false, "22 23 24 25 26"},
		{22.5, 25, false, "22.5 23.0 23.5 24.0 24.5 25.0"},
		{0, 100, true, "0 20 40 60 80 100"},
		{1, 7, true, "2 4 6"},
		{2.8, 5.2, true, "3 4 5"},
		{20800, 28400, false, "22000 24000 26000 28000"},
		{4480, 4830, true, "4500 4600 4700 4800"},
		{0.001, 0.004, false, ""},
		{-3, 12, false, ""},
	} {
		ticks := valueTicks{integer: tc.integer}.Ticks(tc.min, tc.max)
		checkTicks(t, "range", ticks, tc.integer)
		if got := strings.Join(labelsOf(ticks), " "); tc.want != "" && got != tc.want {
			t.Errorf("ticks on [%v, %v]: %s, want %s", tc.min, tc.max, got, tc.want)
		}
	}
}

// ratioFixture is 城乡居民收入比 falling from 1.96 towards ≤ 1.83: its whole
// gap is 0.03 at the mid-term.
func ratioFixture() (analysis.Input, analysis.Row) {
	tg := model.Target{ID: "11b", Region: "冠县", Kind: model.Level, Operator: model.AtMost, Value: decimal.RequireFromString("1.83"), Unit: "比值",
		Indicator: model.Indicator{Code: "income_ratio", NameZh: "城乡居民收入比", Unit: "比值", Direction: model.LowerIsBetter},
		BaseYear:  2022, TargetYear: 2025, Chapter: "民生"}
	in := analysis.Input{Target: tg}
	for i, v := range []string{"1.96", "1.92", "1.89", "1.87", "1.86"} {
		in.Years = append(in.Years, 2020+i)
		in.Values = append(in.Values, decimal.RequireFromString(v))
	}
	return in, analysis.Analyse(in, analysis.DefaultConfig())
}

// TestTrajectoryAxes draws real trajectories and checks their value axis:
// it fails on duplicate tick labels.
func TestTrajectoryAxes(t *testing.T) {
	th, _ := NewTheme("en", "")
	in, r := fixture()
	p := th.trajectoryPlot(in, r, false)
	checkTicks(t, "retail sales", p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max), false)
	in, r = ratioFixture()
	p = th.trajectoryPlot(in, r, false)
	checkTicks(t, "income ratio", p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max), false)
	in, r = countFixture("3", "5")
	p = th.trajectoryPlot(in, r, false)
	checkTicks(t, "single-product champions", p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max), true)
	if p.Y.Min < 0 {
		t.Errorf("count axis starts at %v, below zero", p.Y.Min)
	}
}

// countFixture is 制造业单项冠军企业数量: 1, 2, 2, 3 firms against ≥ target.
func countFixture(latest, target string) (analysis.Input, analysis.Row) {
	tg := model.Target{ID: "T6c", Region: "冠县", Kind: model.Level, Operator: model.AtLeast, Value: decimal.RequireFromString(target), Unit: "家",
		Indicator: model.Indicator{Code: "champions", NameZh: "制造业单项冠军企业数量", Unit: "家", Direction: model.HigherIsBetter},
		BaseYear:  2022, TargetYear: 2025, Chapter: "科技创新"}
	in := analysis.Input{Target: tg}
	for i, v := range []string{"1", "2", "2", latest} {
		in.Years = append(in.Years, 2021+i)
		in.Values = append(in.Values, decimal.RequireFromString(v))
	}
	return in, analysis.Analyse(in, analysis.DefaultConfig())
}

// TestNoRequiredPathOnceAchieved: the 莘县 case — a higher-is-better target
// already met (174.58 against ≥ 140) draws no path back down to it; a
// lagging one does.
func TestNoRequiredPathOnceAchieved(t *testing.T) {
	th, _ := NewTheme("en", "")
	tg := model.Target{ID: "10", Region: "莘县", Kind: model.Level, Operator: model.AtLeast, Value: decimal.NewFromInt(140), Unit: "亿元",
		Indicator: model.Indicator{Code: "agri_output", NameZh: "农林牧渔业总产值", NameEn: "Gross output of agriculture", Unit: "亿元", Direction: model.HigherIsBetter},
		BaseYear:  2022, TargetYear: 2025, Chapter: "农业农村"}
	in := analysis.Input{Target: tg}
	for i, v := range []string{"150.2", "158.9", "166.3", "171.0", "174.58"} {
		in.Years = append(in.Years, 2020+i)
		in.Values = append(in.Values, decimal.RequireFromString(v))
	}
	r := analysis.Analyse(in, analysis.DefaultConfig())
	if analysis.Tones[r.Status] != analysis.ToneAchieved {
		t.Fatalf("status %s, want achieved", r.Status)
	}
	svg := svgOf(t, th, in, r)
	if strings.Contains(svg, "required path") {
		t.Error("an achieved target draws a required path")
	}
	in, r = countFixture("3", "5")
	if svg := svgOf(t, th, in, r); !strings.Contains(svg, "required path") {
		t.Error("a lagging target draws no required path")
	}
}

func svgOf(t *testing.T, th *Theme, in analysis.Input, r analysis.Row) string {
	t.Helper()
	fig, err := th.Trajectory(in, r, vg.Points(460), vg.Points(300))
	if err != nil {
		t.Fatal(err)
	}
	s, err := fig.InlineSVG(th)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTargetLabelPrecision: a level computed from a growth rate is labelled
// to the data's precision (whole 元), not 28131.7979.
func TestTargetLabelPrecision(t *testing.T) {
	th, _ := NewTheme("en", "")
	tg := model.Target{ID: "11a", Region: "冠县", Kind: model.Growth, Operator: model.About, Value: decimal.NewFromInt(6), Unit: "%",
		Indicator: model.Indicator{Code: "income", NameZh: "居民人均可支配收入", NameEn: "Per-capita disposable income", Unit: "元", Direction: model.HigherIsBetter},
		BaseYear:  2022, TargetYear: 2025, Chapter: "民生"}
	in := analysis.Input{Target: tg}
	for i, v := range []string{"20876", "22541", "23620", "25070", "26604"} {
		in.Years = append(in.Years, 2020+i)
		in.Values = append(in.Values, decimal.RequireFromString(v))
	}
	r := analysis.Analyse(in, analysis.DefaultConfig())
	// 23620 × 1.06³ = 28131.79…: labelled 28132.
	svg := svgOf(t, th, in, r)
	if !strings.Contains(svg, "target 28132<") {
		t.Errorf("target not labelled 28132 in %s", firstMatch(svg, "target"))
	}
	if strings.Contains(svg, "28131.") {
		t.Error("target labelled with the arithmetic's decimals")
	}
}

func firstMatch(s, sub string) string {
	i := strings.Index(s, sub)
	if i < 0 {
		return "(none)"
	}
	return s[i:min(len(s), i+60)]
}

// TestProgressAxisAndFloors: the progress chart labels 0, 50 and 100 and
// shows broken floors, with IDs before cut names.
func TestProgressAxisAndFloors(t *testing.T) {
	th, _ := NewTheme("en", "")
	_, lag := countFixture("3", "5")
	floor := model.Target{ID: "T103", Region: "冠县", Kind: model.Floor, Operator: model.AtLeast, Value: decimal.NewFromInt(4500), Unit: "人",
		Indicator: model.Indicator{Code: "jobs", NameZh: "城镇新增就业人数", NameEn: "New urban jobs", Unit: "人", Direction: model.HigherIsBetter},
		BaseYear:  2022, FirstYear: 2023, TargetYear: 2025, Chapter: "民生"}
	fin := analysis.Input{Target: floor}
	for i, v := range []string{"4630", "4580", "4490"} {
		fin.Years = append(fin.Years, 2022+i)
		fin.Values = append(fin.Values, decimal.RequireFromString(v))
	}
	fr := analysis.Analyse(fin, analysis.DefaultConfig())
	if len(fr.FailedYears) == 0 {
		t.Fatalf("floor fixture not broken: %+v", fr.FailedYears)
	}
	fig, err := th.Progress([]analysis.Row{lag, fr})
	if err != nil {
		t.Fatal(err)
	}
	svg, _ := fig.InlineSVG(th)
	for _, want := range []string{">0<", ">50<", ">100<", "T103 New urban jobs (floor broken)", "T6c"} {
		if !strings.Contains(svg, want) {
			t.Errorf("progress chart lacks %q", want)
		}
	}
	checkTicks(t, "progress", percentTicks(), true)
}
