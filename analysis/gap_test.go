package analysis

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

func dec(s string) decimal.Decimal   { return decimal.RequireFromString(s) }
func decp(s string) *decimal.Decimal { d := dec(s); return &d }

func input(t model.Target, pairs ...any) Input {
	in := Input{Target: t}
	for i := 0; i < len(pairs); i += 2 {
		in.Years = append(in.Years, pairs[i].(int))
		in.Values = append(in.Values, dec(pairs[i+1].(string)))
	}
	return in
}

func money(op model.Operator, value string, base, target int) model.Target {
	return model.Target{ID: "x", Kind: model.Level, Operator: op, Value: dec(value), Unit: "亿元",
		Indicator: model.Indicator{Code: "x", NameZh: "x", Unit: "亿元", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  base, TargetYear: target}
}

func analyse(in Input, m Method) Row {
	cfg := DefaultConfig()
	cfg.Method = m
	return Analyse(in, cfg)
}

// The methods.md §2 worked example as a plan target: base 3.5 in 2020,
// ≥ 5.0 in 2025, 4.1 in 2023. Hand results: gap 0.9, π 0.40, τ 0.60,
// schedule gap −20 pp, required 10.43%, observed 5.416%, R 0.7324.
func TestWorkedExampleRow(t *testing.T) {
	in := input(money(model.AtLeast, "5.0", 2020, 2025), 2020, "3.5", 2021, "3.7", 2022, "3.9", 2023, "4.1")
	r := analyse(in, Schedule)
	if !r.Gap.Equal(dec("0.9")) || r.Year != 2023 {
		t.Errorf("gap %s year %d", r.Gap, r.Year)
	}
	near(t, "π", r.Completion, 0.40)
	near(t, "τ", r.TimeShare, 0.60)
	near(t, "schedule gap", r.ScheduleGap, -20)
	near(t, "required", r.RequiredRate, 0.1043)
	near(t, "observed", r.ObservedRate, 0.05416)
	near(t, "R", r.Ratio, 0.7324)
	near(t, "relative gap", r.GapRelative, 0.18)
	if r.Status != Lagging {
		t.Errorf("schedule status %s, want lagging (−20 pp beyond the ±5 band)", r.Status)
	}
	if s := analyse(in, Eurostat).Status; s != ModerateProgress {
		t.Errorf("eurostat %s, want moderate (0.60 ≤ R < 0.95)", s)
	}
	if r := analyse(in, UN); r.Status != FairProgress {
		t.Errorf("un %s (ratio %.4f), want fair (0.7041)", r.Status, r.UNRatio)
	}
	// DNS: mean change (4.1 − 3.5)/3 = 0.2, projection 4.5, miss 0.5/0.9 = 55.6% → cloud.
	if r := analyse(in, DNS); r.Status != Cloud {
		t.Errorf("dns %s (miss %.4f), want cloud", r.Status, r.DNSMiss)
	} else {
		near(t, "dns miss", r.DNSMiss, 0.5555)
		near(t, "mean-change projection", r.Projections.MeanChange, 4.5)
	}
	// The planned geometric path from the base.
	for i, want := range []float64{3.5, 3.7588, 4.0367, 4.3352, 4.6557, 5.0} {
		near(t, "planned path", r.Path()[i].Planned, want)
	}
	// Required from 4.1 in 2023: 4.1·1.1043 = 4.5277 in 2024, 5.0 in 2025.
	near(t, "required 2024", r.Path()[4].Required, 4.5277)
}

func TestScheduleStatuses(t *testing.T) {
	tg := money(model.AtLeast, "200", 2022, 2025)
	cases := []struct {
		v2024 string
		want  Status
	}{
		// τ in 2024 = 2/3. π = (v − 100)/100.
		{"200", Achieved},
		{"175", Ahead},      // π 0.75, gap +8.3 pp
		{"170", OnSchedule}, // π 0.70, gap +3.3 pp
		{"162", OnSchedule}, // π 0.62, gap −4.7 pp
		{"160", Lagging},    // π 0.60, gap −6.7 pp
		{"95", MovingAway},  // π < 0
	}
	for _, c := range cases {
		r := analyse(input(tg, 2022, "100", 2023, "120", 2024, c.v2024), Schedule)
		if r.Status != c.want {
			t.Errorf("2024 = %s: %s (gap %.2f pp), want %s", c.v2024, r.Status, r.ScheduleGap, c.want)
		}
	}
}

func TestEurostatThresholds(t *testing.T) {
	// Base 100 (2022) → 200 (2032) needs CAGR_r = 7.177%. Two years on:
	// R = CAGR_o / 0.07177. 114.9 → 7.191% → R ≈ 1.002 substantial;
	// 109 → 4.403% → 0.6135 moderate; 103 → 1.489% → 0.2075 limited;
	// 98 → −1.005% → deterioration.
	tg := money(model.AtLeast, "200", 2022, 2032)
	for v, want := range map[string]Status{"114.9": SubstantialProgress, "109": ModerateProgress, "103": LimitedProgress, "98": Deterioration} {
		r := analyse(input(tg, 2022, "100", 2024, v), Eurostat)
		if r.Status != want {
			t.Errorf("%s: %s (R %.4f), want %s", v, r.Status, r.Ratio, want)
		}
	}
}

func TestDNSThunderstorm(t *testing.T) {
	tg := money(model.AtLeast, "60", 2020, 2025)
	r := analyse(input(tg, 2020, "50", 2021, "49", 2022, "48", 2023, "47"), DNS)
	if r.Status != Thunderstorm {
		t.Errorf("%s, want thunderstorm", r.Status)
	}
	// Within 5%: mean change 2.5, projection 47.5+5 = 52.5 vs target 52.6,
	// miss 0.1/5.1 = 2% → sun.
	tg = money(model.AtLeast, "52.6", 2020, 2025)
	r = analyse(input(tg, 2020, "40", 2021, "42.5", 2022, "45", 2023, "47.5"), DNS)
	if r.Status != Sun {
		t.Errorf("%s (miss %.3f), want sun", r.Status, r.DNSMiss)
	}
}

func TestLowerIsBetter(t *testing.T) {
	// PM2.5 50 (2022) → ≤ 43 (2025); 46 in 2024: π = 4/7 = 0.5714,
	// τ = 2/3, gap 3 µg/m³ still to go, required 43/46 − 1 = −6.522% in
	// the one year left, schedule gap −9.52 pp → lagging.
	tg := model.Target{ID: "pm", Kind: model.Level, Operator: model.AtMost, Value: dec("43"), Unit: "微克/立方米",
		Indicator: model.Indicator{Code: "pm25", NameZh: "PM2.5", Unit: "微克/立方米", Direction: model.LowerIsBetter, Min: decp("0")},
		BaseYear:  2022, TargetYear: 2025}
	r := analyse(input(tg, 2022, "50", 2023, "48", 2024, "46"), Schedule)
	if !r.Gap.Equal(dec("3")) {
		t.Errorf("gap %s, want 3", r.Gap)
	}
	near(t, "π", r.Completion, 0.5714)
	near(t, "required", r.RequiredRate, -0.06522)
	if r.Status != Lagging {
		t.Errorf("%s, want lagging", r.Status)
	}
	if !r.Geometric {
		t.Error("a pollutant concentration takes a geometric path (methods.md §2: PM2.5 50 → 43 needs −2.971% a year)")
	}
	// Eurostat: CAGR_o = (46/50)^(1/2) − 1 = −4.083%, CAGR_r = (43/50)^(1/3) − 1
	// = −4.905%, R = −1·−0.04083/0.04905 = 0.8324 → moderate.
	near(t, "R", analyse(input(tg, 2022, "50", 2023, "48", 2024, "46"), Eurostat).Ratio, 0.8324)
	// Exactly at 43: achieved.
	if s := analyse(input(tg, 2022, "50", 2024, "43"), Schedule).Status; s != Achieved {
		t.Errorf("43 meets ≤ 43: %s", s)
	}
}

// methods.md §7 edge cases.
func TestEdgeCases(t *testing.T) {
	tg := money(model.AtLeast, "10", 2022, 2025)
	// Zero base: CAGR undefined; schedule still works on levels; eurostat
	// falls back to π/τ.
	r := analyse(input(tg, 2022, "0", 2023, "4"), Eurostat)
	if !math.IsNaN(r.ObservedRate) || r.Status == NotAssessable || r.Note == "" {
		t.Errorf("zero base: %+v", r.Status)
	}
	// Negative base and a sign change (a share that can be negative).
	neg := tg
	neg.Indicator.Min = nil
	r = analyse(input(neg, 2022, "-2", 2023, "3"), Eurostat)
	if !math.IsNaN(r.ObservedRate) {
		t.Error("CAGR across a sign change must be undefined")
	}
	// Money is geometric whether or not Min is set; a base ≤ 0 has no
	// geometric path, so the planned path is linear: −2 + (10 + 2)/3 = 2 in 2023.
	if p := r.Path(); len(p) < 2 || p[1].Planned != 2 {
		t.Errorf("path from a negative base must be linear: %+v", p)
	}
	// Already past the target: achieved, checked first.
	if s := analyse(input(tg, 2022, "8", 2023, "10"), Schedule).Status; s != Achieved {
		t.Errorf("at target: %s", s)
	}
	// Missing base year: the nearest later year, said so.
	r = analyse(input(tg, 2023, "6", 2024, "8"), Schedule)
	if r.BaseYear != 2023 || r.BaseNote == "" {
		t.Errorf("base %d note %q", r.BaseYear, r.BaseNote)
	}
	// Target year passed: judged on the target year's actual.
	r = analyse(input(tg, 2022, "6", 2025, "9.9", 2026, "12"), Schedule)
	if r.Status != NotMet || r.Year != 2025 {
		t.Errorf("target year passed: %s in %d", r.Status, r.Year)
	}
	// Fewer than two points.
	if s := analyse(input(tg, 2022, "6"), Schedule).Status; s != NotAssessable {
		t.Errorf("one point: %s", s)
	}
	// No data at all.
	if s := analyse(input(tg), Schedule).Status; s != NotAssessable {
		t.Errorf("no data: %s", s)
	}
	// Bounded percentages: projections are clipped at 100.
	share := model.Target{ID: "s", Kind: model.Level, Operator: model.AtLeast, Value: dec("99"), Unit: "%",
		Indicator: model.Indicator{Code: "s", NameZh: "s", Unit: "%", Direction: model.HigherIsBetter, Min: decp("0"), Max: decp("100")},
		BaseYear:  2020, TargetYear: 2030}
	r = analyse(input(share, 2020, "80", 2021, "88", 2022, "95", 2023, "98"), Schedule)
	if r.Projections.Fit.High95 > 100 || r.Projections.Fit.Value > 100 {
		t.Errorf("share projection above 100: %+v", r.Projections.Fit)
	}
}

func TestKindsKeepTheirMeaning(t *testing.T) {
	ind := model.Indicator{Code: "x", NameZh: "x", Unit: "元", Direction: model.HigherIsBetter, Min: decp("0")}
	// Growth 6% a year from 20000 (2022): implied 2025 level 23820.32;
	// 2024 = 22472: observed (22472/20000)^(1/2) − 1 = 6.0%, on schedule.
	g := model.Target{ID: "g", Kind: model.Growth, Operator: model.About, Value: dec("6"), Unit: "%", Indicator: ind, BaseYear: 2022, TargetYear: 2025}
	r := analyse(input(g, 2022, "20000", 2023, "21200", 2024, "22472"), Schedule)
	if !r.TargetLevel.Equal(dec("23820.32")) {
		t.Errorf("implied level %s, want 23820.32", r.TargetLevel)
	}
	near(t, "observed", r.ObservedRate, 0.06)
	near(t, "R for growth", analyse(input(g, 2022, "20000", 2024, "22472"), Eurostat).Ratio, 1.0)
	// Floor every year: 2024 fails.
	f := model.Target{ID: "f", Kind: model.Floor, Operator: model.AtLeast, Value: dec("4500"), Unit: "人",
		Indicator: model.Indicator{Code: "j", NameZh: "j", Unit: "人", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2022, FirstYear: 2023, TargetYear: 2025}
	// A floor broken in 2024 is not met, before the target year too (issue 13).
	r = analyse(input(f, 2022, "4600", 2023, "4580", 2024, "4490"), Schedule)
	if r.Status != NotMet || len(r.FailedYears) != 1 || r.FailedYears[0] != 2024 {
		t.Errorf("floor: %s %v", r.Status, r.FailedYears)
	}
	r = analyse(input(f, 2023, "4580", 2024, "4600", 2025, "4500"), Schedule)
	if r.Status != Achieved {
		t.Errorf("floor held through 2025: %s", r.Status)
	}
	// Cumulative: 150 km over 2023–2025; 52.3 + 49.8 = 102.1 by 2024:
	// π = 0.6807, τ = 2/3, required 47.9 km in 2025.
	c := model.Target{ID: "c", Kind: model.Cumulative, Operator: model.AtLeast, Value: dec("150"), Unit: "公里",
		Indicator: model.Indicator{Code: "r", NameZh: "r", Unit: "公里", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2022, FirstYear: 2023, TargetYear: 2025}
	r = analyse(input(c, 2021, "55.5", 2022, "48", 2023, "52.3", 2024, "49.8"), Schedule)
	near(t, "π cumulative", r.Completion, 0.6807)
	near(t, "τ cumulative", r.TimeShare, 0.6667)
	near(t, "required flow", r.RequiredIncrement, 47.9)
	if r.Status != OnSchedule {
		t.Errorf("cumulative: %s", r.Status)
	}
	// Multiple: 翻番 from 1.52 → 3.04.
	m := model.Target{ID: "m", Kind: model.Multiple, Operator: model.AtLeast, Value: dec("2"), Unit: "倍",
		Indicator: model.Indicator{Code: "p", NameZh: "p", Unit: "件/万人", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2022, TargetYear: 2025}
	r = analyse(input(m, 2022, "1.52", 2024, "2.4"), Schedule)
	if !r.TargetLevel.Equal(dec("3.04")) {
		t.Errorf("doubling level %s", r.TargetLevel)
	}
	near(t, "π multiple", r.Completion, 0.5789)
	// Milestones.
	ms := model.Target{ID: "ms", Kind: model.Milestone, Operator: model.Done, Indicator: model.Indicator{Code: "m"}, BaseYear: 2022, TargetYear: 2025}
	if s := analyse(input(ms, 2024, "1"), Schedule).Status; s != Achieved {
		t.Errorf("milestone done: %s", s)
	}
	if s := analyse(input(ms, 2024, "0"), Schedule).Status; s != NotAssessable {
		t.Errorf("milestone not done yet: %s", s)
	}
}

// 逐年提升 (rising every year) is a pp_per_year target of "> 0": its level is
// the base itself, so completion is undefined and the schedule method
// judges the condition.
func TestRiseOverBase(t *testing.T) {
	tg := model.Target{ID: "r", Kind: model.PointsPerYear, Operator: model.Above, Value: dec("0"), Unit: "百分点",
		Indicator: model.Indicator{Code: "s", NameZh: "s", Unit: "%", Direction: model.HigherIsBetter, Min: decp("0"), Max: decp("100")},
		BaseYear:  2022, TargetYear: 2025}
	if s := analyse(input(tg, 2022, "12.5", 2023, "13.9", 2024, "15"), Schedule).Status; s != OnSchedule {
		t.Errorf("rising: %s, want on schedule", s)
	}
	if s := analyse(input(tg, 2022, "12.5", 2023, "12.5", 2024, "12.5"), Schedule).Status; s != Lagging {
		t.Errorf("flat: %s, want lagging (> 0 pp is not met by 0)", s)
	}
}
