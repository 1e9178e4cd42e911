package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"
)

// Each test here is one principle of issue 12 §3 (docs/semantics.md),
// built from its own case with the expected values worked out by hand.

func analyseAt(in Input, m Method, year, month int) Row {
	cfg := DefaultConfig()
	cfg.Method, cfg.Year, cfg.Month = m, year, month
	return Analyse(in, cfg)
}

func share(value string, base, target int) model.Target {
	return model.Target{ID: "s", Kind: model.Level, Operator: model.AtLeast, Value: dec(value), Unit: "%",
		Indicator: model.Indicator{Code: "s", NameZh: "s", Unit: "%", Direction: model.HigherIsBetter, Min: decp("0"), Max: decp("100")},
		BaseYear:  base, TargetYear: target}
}

// §3.1: a target year passed unmet is judged by each method's measure,
// flagged Passed, and only the schedule method says 未完成.
func TestPassedUnmetJudgedByMeasure(t *testing.T) {
	// ≥ 200 by 2025 from 100 in 2020; 190 in 2025.
	// π = 90/100 = 0.9, τ = 1, π − τ = −10 pp.
	// Eurostat: CAGR_o = 1.9^(1/5) − 1 = 0.136974, CAGR_r = 2^(1/5) − 1 =
	// 0.148698, R = 0.92116 → moderate (0.60 ≤ R < 0.95).
	// UN: nothing left to project, ŷ = 190, ratio = 0.9 → fair.
	// DNS: mean change (190 − 100)/5 = 18 > 0; miss = (200 − 190)/(200 − 100)
	// = 0.10 → sun-cloud.
	in := input(money(model.AtLeast, "200", 2020, 2025), 2020, "100", 2021, "120", 2022, "140", 2023, "160", 2024, "175", 2025, "190")
	want := map[Method]Status{Schedule: NotMet, Eurostat: ModerateProgress, UN: FairProgress, DNS: SunCloud}
	for m, s := range want {
		r := analyse(in, m)
		if r.Status != s || !r.Passed || !strings.Contains(r.Note, "target year passed: not met") {
			t.Errorf("%s: %s passed=%v note %q, want %s, passed", m, r.Status, r.Passed, r.Note, s)
		}
		if !math.IsNaN(r.Probability) {
			t.Errorf("%s: P(meet) %v once the outcome is known, want NaN", m, r.Probability)
		}
	}
	r := analyse(in, Eurostat)
	near(t, "π", r.Completion, 0.9)
	near(t, "τ", r.TimeShare, 1)
	near(t, "π−τ", r.ScheduleGap, -10)
	near(t, "R", r.Ratio, 0.92116)
	near(t, "UN ratio", r.UNRatio, 0.9)
	near(t, "DNS miss", analyse(in, DNS).DNSMiss, 0.10)
	// Met in the target year: achieved, not passed.
	met := input(money(model.AtLeast, "200", 2020, 2025), 2020, "100", 2025, "200")
	if r := analyse(met, Eurostat); r.Status != TargetAchieved || r.Passed {
		t.Errorf("met in 2025: %s passed=%v", r.Status, r.Passed)
	}
}

// §3.2: a cumulative target is judged on the running sum over
// first_year..target_year; the base-year flow lies outside it.
func TestCumulativeRunningSum(t *testing.T) {
	// 250 km over 2021–2025 (base year 2020, whose flow of 70 is outside).
	// Flows 40, 45, 50 → S = 135 by 2023; k = 3 of n = 5 years, τ = 0.6.
	// π = 135/250 = 0.54, π − τ = −6 pp → lagging.
	// Eurostat: R = (135/3)/(250/5) = 45/50 = 0.9 → moderate.
	// UN: Ŝ = 135 + 45·2 = 225, 225/250 = 0.9 → fair.
	// DNS: running sums 0, 40, 85, 135 (2020–2023): mean change 45,
	// projection 225, miss (250 − 225)/(250 − 135) = 25/115 = 0.21739 → cloud.
	// The CAGR of single flows (70 → 50) would have said deterioration.
	c := model.Target{ID: "c", Kind: model.Cumulative, Operator: model.AtLeast, Value: dec("250"), Unit: "公里",
		Indicator: model.Indicator{Code: "r", NameZh: "r", Unit: "公里", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2020, FirstYear: 2021, TargetYear: 2025}
	in := input(c, 2020, "70", 2021, "40", 2022, "45", 2023, "50")
	r := analyse(in, Schedule)
	if !r.Outcome.Equal(dec("135")) || !r.Gap.Equal(dec("115")) {
		t.Errorf("sum %s gap %s, want 135 and 115", r.Outcome, r.Gap)
	}
	if r.BaseYear != 2020 || !r.BaseValue.IsZero() {
		t.Errorf("base %d = %s, want the zero running sum of 2020", r.BaseYear, r.BaseValue)
	}
	near(t, "π", r.Completion, 0.54)
	near(t, "τ", r.TimeShare, 0.6)
	near(t, "π−τ", r.ScheduleGap, -6)
	near(t, "required flow", r.RequiredIncrement, 57.5)
	if !math.IsNaN(r.ObservedRate) {
		t.Errorf("observed rate %v: a single year's flow has no CAGR toward a sum", r.ObservedRate)
	}
	if r.Status != Lagging {
		t.Errorf("schedule %s, want lagging", r.Status)
	}
	e := analyse(in, Eurostat)
	near(t, "R", e.Ratio, 0.9)
	if e.Status != ModerateProgress {
		t.Errorf("eurostat %s, want moderate", e.Status)
	}
	u := analyse(in, UN)
	near(t, "UN ratio", u.UNRatio, 0.9)
	if u.Status != FairProgress {
		t.Errorf("un %s, want fair", u.Status)
	}
	d := analyse(in, DNS)
	near(t, "DNS projection", d.Projections.MeanChange, 225)
	near(t, "DNS miss", d.DNSMiss, 0.217391)
	if d.Status != Cloud {
		t.Errorf("dns %s, want cloud", d.Status)
	}

	// A cap on a sum (累计不超过100) is not met early: 30 + 30 = 60 by 2022
	// is below 100 but later flows can break it. π = 0.6 used against
	// τ = 0.4: the pace is 1.5 times the allowed one, R = 1/1.5 = 0.6667
	// → moderate; the schedule gap counts against the cap: (τ − π) = −20 pp.
	capT := c
	capT.Operator, capT.Value, capT.Indicator.Direction = model.AtMost, dec("100"), model.LowerIsBetter
	in = input(capT, 2021, "30", 2022, "30")
	r = analyse(in, Eurostat)
	if r.Met || r.Status == TargetAchieved {
		t.Errorf("cap met before the period ended: %s", r.Status)
	}
	near(t, "cap R", r.Ratio, 0.6667)
	if r.Status != ModerateProgress {
		t.Errorf("cap: %s, want moderate", r.Status)
	}
	// DNS on the cap: sums 0, 30, 60, 90 (2020–2023), mean flow 30,
	// projection 150, miss (150 − 100)/(100 − 90) = 5 → cloud; a sum rises
	// with every flow, so rising is not "the wrong way".
	if r := analyse(input(capT, 2021, "30", 2022, "30", 2023, "30"), DNS); r.Status != Cloud {
		t.Errorf("cap DNS: %s (miss %v), want cloud", r.Status, r.DNSMiss)
	} else {
		near(t, "cap DNS miss", r.DNSMiss, 5)
	}
	if r := analyse(in, Schedule); r.Status != Lagging {
		t.Errorf("cap schedule: %s (gap %.2f), want lagging", r.Status, r.ScheduleGap)
	} else {
		near(t, "cap schedule gap", r.ScheduleGap, -20)
	}
}

// §3.3: an undefined UN ratio is not assessable, never regression.
func TestUndefinedUNRatioNotAssessable(t *testing.T) {
	// 逐年提升: pp_per_year > 0 from 12.5 in 2020; the level to pass is the
	// base itself, T − y0 = 0, so (ŷ − y0)/(T − y0) is undefined.
	rise := model.Target{ID: "r", Kind: model.PointsPerYear, Operator: model.Above, Value: dec("0"), Unit: "百分点",
		Indicator: model.Indicator{Code: "s", NameZh: "s", Unit: "%", Direction: model.HigherIsBetter, Min: decp("0"), Max: decp("100")},
		BaseYear:  2020, TargetYear: 2025}
	r := analyse(input(rise, 2020, "12.5", 2021, "13", 2022, "13.4", 2023, "14"), UN)
	if r.Status != NotAssessable {
		t.Errorf("rise every year: %s (%q), want not assessable", r.Status, r.Note)
	}
	// A level target equal to the base, falling: UN and Eurostat have no
	// ratio; DNS still sees the wrong direction (its distance is |T − yt| = 3).
	flat := money(model.AtLeast, "50", 2020, 2025)
	in := input(flat, 2020, "50", 2021, "49", 2022, "48", 2023, "47")
	for m, want := range map[Method]Status{UN: NotAssessable, Eurostat: NotAssessable, DNS: Thunderstorm} {
		if s := analyse(in, m).Status; s != want {
			t.Errorf("target = base, %s: %s, want %s", m, s, want)
		}
	}
}

// §3.4: a milestone done after its target year was not met by it: done late.
func TestMilestoneDoneLate(t *testing.T) {
	ms := model.Target{ID: "ms", Kind: model.Milestone, Operator: model.Done, Indicator: model.Indicator{Code: "m"}, BaseYear: 2022, TargetYear: 2025}
	for _, in := range []Input{input(ms, 2024, "0", 2025, "0", 2026, "1"), input(ms, 2026, "1")} {
		r := analyse(in, Schedule)
		if r.Status != NotMet || !r.DoneLate || r.DoneYear != 2026 || !r.Passed || r.Met || !strings.Contains(r.Note, "done late") || !strings.Contains(r.Note, "2026") {
			t.Errorf("done in 2026 for 2025: %s late=%v year=%d passed=%v note %q", r.Status, r.DoneLate, r.DoneYear, r.Passed, r.Note)
		}
		if r := analyse(in, Eurostat); r.Status != NotAssessable || !r.DoneLate {
			t.Errorf("eurostat has no measure for a milestone: %s", r.Status)
		}
	}
	// As the data stood in 2025: not done by the target year.
	r := analyseAt(input(ms, 2024, "0", 2025, "0", 2026, "1"), Schedule, 2025, 0)
	if r.Status != NotMet || r.DoneLate || !r.Passed {
		t.Errorf("2025 view: %s late=%v", r.Status, r.DoneLate)
	}
	// Done in 2024: achieved, even when reported again later.
	if r := analyse(input(ms, 2024, "1", 2025, "1"), Schedule); r.Status != Achieved || r.DoneLate {
		t.Errorf("done on time: %s late=%v", r.Status, r.DoneLate)
	}
}

// §3.5: a measure exactly at a threshold is at it.
func TestThresholdEdgesExact(t *testing.T) {
	// 3.5 (2020) → 5.0 (2024); 3.8 in 2021: π = 0.3/1.5 = 0.2, τ = 1/4,
	// π − τ = −5 pp exactly: inside the ±5 band. In float64,
	// (3.8 − 3.5)/(5 − 3.5) − 0.25 gives −5.000000000000012 pp.
	r := analyse(input(money(model.AtLeast, "5.0", 2020, 2024), 2020, "3.5", 2021, "3.8"), Schedule)
	if r.ScheduleGap != -5 || r.Status != OnSchedule {
		t.Errorf("gap %.17g pp: %s, want exactly −5 and on schedule", r.ScheduleGap, r.Status)
	}
	// 年均增长6%: 105.7 after one year is 5.7% = 0.95 × 6%; in float64
	// (105.7/100 − 1)/0.06 = 0.9499999999999991. R = 0.95 → substantial.
	g := model.Target{ID: "g", Kind: model.Growth, Operator: model.AtLeast, Value: dec("6"), Unit: "%",
		Indicator: model.Indicator{Code: "x", NameZh: "x", Unit: "亿元", Direction: model.HigherIsBetter}, BaseYear: 2020, TargetYear: 2025}
	if r := analyse(input(g, 2020, "100", 2021, "105.7"), Eurostat); r.Status != SubstantialProgress {
		t.Errorf("R = %.17g: %s, want substantial (R at 0.95)", r.Ratio, r.Status)
	}
	// UN at exactly 0.95: 195 in the target year from 100 toward 200.
	if r := analyse(input(money(model.AtLeast, "200", 2020, 2025), 2020, "100", 2025, "195"), UN); r.Status != OnTrack {
		t.Errorf("UN ratio %.17g: %s, want on track", r.UNRatio, r.Status)
	}
}

// §3.6: a band target's distance is to its nearest edge, moving towards
// the band is progress, and P(meet) is the mass inside the band.
func TestBandTowardsNearestEdge(t *testing.T) {
	// 3%–5% band; 8 (2020), 7.4, 6.9, 6.2 (2023), target year 2025: above
	// the band, so the nearest edge is 5 and lower is the way.
	// Gap 6.2 − 5 = 1.2. π = (3 − 1.2)/3 = 0.6, τ = 0.6 → on schedule.
	// Eurostat: CAGR_o = (6.2/8)^(1/3) − 1 = −0.081455, CAGR_r = (5/8)^(1/5)
	// − 1 = −0.089718, R = −1·−0.081455/0.089718 = 0.90790 → moderate.
	// UN: ŷ = 6.2·0.918545² = 5.2311, share (3 − 0.2311)/3 = 0.92297 → fair.
	// DNS: mean change −0.6, towards the band; projection 5.0 → sun.
	// P(inside): linear OLS ŷ(2025) = 5.06, se = 0.113798, t(2):
	// F((5 − 5.06)/se) − F((3 − 5.06)/se) = 0.32381, F(t) = ½ + t/(2√(2+t²)).
	b := share("3", 2020, 2025)
	b.Operator, b.ValueHigh, b.Indicator.Direction = model.Between, decp("5"), model.BandIsBetter
	in := input(b, 2020, "8", 2021, "7.4", 2022, "6.9", 2023, "6.2")
	r := analyse(in, Schedule)
	if !r.TargetLevel.Equal(dec("5")) || !r.Gap.Equal(dec("1.2")) || !r.BandLow.Equal(dec("3")) || !r.BandHigh.Equal(dec("5")) {
		t.Errorf("edge %s gap %s band %s–%s", r.TargetLevel, r.Gap, r.BandLow, r.BandHigh)
	}
	near(t, "π", r.Completion, 0.6)
	if r.Status != OnSchedule {
		t.Errorf("schedule %s, want on schedule", r.Status)
	}
	near(t, "P(inside the band)", r.Probability, 0.32381)
	want := map[Method]Status{Eurostat: ModerateProgress, UN: FairProgress, DNS: Sun}
	for m, s := range want {
		if got := analyse(in, m); got.Status != s {
			t.Errorf("%s: %s (R %.4f, UN %.4f, miss %.4f), want %s", m, got.Status, got.Ratio, got.UNRatio, got.DNSMiss, s)
		}
	}
	near(t, "R", analyse(in, Eurostat).Ratio, 0.90790)
	near(t, "UN", analyse(in, UN).UNRatio, 0.92297)
	// Below the band and rising towards it: no method says wrong way.
	in = input(b, 2020, "1", 2021, "1.5", 2022, "2", 2023, "2.5")
	for _, m := range Methods {
		if s := analyse(in, m).Status; Tones[s] == ToneAway {
			t.Errorf("%s calls a move towards the band %s", m, s)
		}
	}
	// Overshot: 1 → 7 over a 3–5 band and still rising: now above the
	// band and moving away from it. π = (2 − 2)/2 = 0 (lagging). UN:
	// CAGR_o = 7^(1/3) − 1 = 0.9129, ŷ(2025) = 7·1.9129² = 25.61, distance
	// 20.61 against 2 at the base: share (2 − 20.61)/2 = −9.3 → regression.
	// DNS: mean change +2, the band is down → thunderstorm.
	over := input(b, 2020, "1", 2021, "3", 2022, "5", 2023, "7")
	if r := analyse(over, UN); r.Status != StagnationRegression {
		t.Errorf("overshot and rising, UN: %s (%.3f)", r.Status, r.UNRatio)
	}
	if r := analyse(over, DNS); r.Status != Thunderstorm {
		t.Errorf("overshot and rising, DNS: %s", r.Status)
	}
	// A base inside the band and a latest value outside it: moving away.
	if r := analyse(input(b, 2020, "4", 2021, "5", 2022, "6"), Schedule); r.Status != MovingAway {
		t.Errorf("left the band: %s", r.Status)
	}
	// 25%左右 on a band indicator is the band [24.5, 25.5].
	about := share("25", 2020, 2025)
	about.Operator, about.Indicator.Direction = model.About, model.BandIsBetter
	r = analyse(input(about, 2020, "28", 2021, "27.5"), Schedule)
	if !r.TargetLevel.Equal(dec("25.5")) || r.Status == MovingAway {
		t.Errorf("25%%左右 from above: edge %s status %s", r.TargetLevel, r.Status)
	}
}

// §3.7: growth and doubling targets are judged against their implied
// geometric path; quantities take geometric paths whether or not Min is
// set, PM2.5 included.
func TestGrowthOnImpliedGeometricPath(t *testing.T) {
	// 年均增长10% from 100 (2020) to 2025: T = 161.051. On the path in 2023:
	// 133.1. π = 33.1/61.051 = 0.54217 against τ = 0.6 would be −5.8 pp
	// (lagging); the path share is the same 33.1/61.051, so π − path = 0.
	g := model.Target{ID: "g", Kind: model.Growth, Operator: model.AtLeast, Value: dec("10"), Unit: "%",
		Indicator: model.Indicator{Code: "x", NameZh: "x", Unit: "亿元", Direction: model.HigherIsBetter}, BaseYear: 2020, TargetYear: 2025}
	r := analyse(input(g, 2020, "100", 2021, "110", 2022, "121", 2023, "133.1"), Schedule)
	near(t, "π", r.Completion, 0.54217)
	near(t, "τ", r.TimeShare, 0.6)
	if r.ScheduleGap != 0 || r.Status != OnSchedule {
		t.Errorf("on the 10%% path: gap %v pp, %s, want 0 and on schedule", r.ScheduleGap, r.Status)
	}
	// 翻番 in five years: the path is 100·2^(k/5); 2023 on it: 151.57166.
	// Path share 2^0.6 − 1 = 0.515717, π the same → on schedule.
	m := model.Target{ID: "m", Kind: model.Multiple, Operator: model.AtLeast, Value: dec("2"), Unit: "倍",
		Indicator: model.Indicator{Code: "p", NameZh: "p", Unit: "件/万人", Direction: model.HigherIsBetter}, BaseYear: 2020, TargetYear: 2025}
	r = analyse(input(m, 2020, "100", 2023, "151.5716566510398"), Schedule)
	near(t, "path share", r.PathShare, 0.515717)
	if r.Status != OnSchedule || math.Abs(r.ScheduleGap) > 1e-9 {
		t.Errorf("on the doubling path: gap %v pp, %s", r.ScheduleGap, r.Status)
	}
	// PM2.5 ≤ 43 from 50 (2020) by 2025, Min not set: geometric, −2.971% a
	// year; the planned 2021 level is 50·0.86^(1/5) = 48.514.
	pm := model.Target{ID: "pm", Kind: model.Level, Operator: model.AtMost, Value: dec("43"), Unit: "微克/立方米",
		Indicator: model.Indicator{Code: "pm25", NameZh: "PM2.5", Unit: "微克/立方米", Direction: model.LowerIsBetter}, BaseYear: 2020, TargetYear: 2025}
	r = analyse(input(pm, 2020, "50", 2021, "49"), Schedule)
	if !r.Geometric {
		t.Error("PM2.5 takes a geometric path")
	}
	near(t, "PM2.5 planned 2021", r.Path()[1].Planned, 48.5143)
	near(t, "PM2.5 required a year", RequiredRate(50, 43, 5), -0.02971)
	// Money without Min is geometric too.
	if r := analyse(input(money(model.AtLeast, "200", 2020, 2025), 2020, "100", 2021, "110"), Schedule); !r.Geometric {
		t.Error("money without Min takes a geometric path")
	}
}

// §3.8: fits, projections and P(meet) use data up to the target year;
// once the target year's actual is known there is no P(meet).
func TestNoDataAfterTargetYear(t *testing.T) {
	tg := money(model.AtLeast, "200", 2020, 2025)
	upTo := input(tg, 2020, "100", 2021, "112", 2022, "125", 2023, "139", 2024, "156", 2025, "172")
	after := input(tg, 2020, "100", 2021, "112", 2022, "125", 2023, "139", 2024, "156", 2025, "172", 2026, "400", 2027, "900")
	a, b := analyse(upTo, Schedule), analyse(after, Schedule)
	if a.Projections.Fit != b.Projections.Fit && !(math.IsNaN(a.Projections.Fit.Probability) && a.Projections.Fit.Value == b.Projections.Fit.Value) {
		t.Errorf("fit moved with data after the target year: %+v vs %+v", a.Projections.Fit, b.Projections.Fit)
	}
	if a.Projections.Linear != b.Projections.Linear || a.Projections.MeanChange != b.Projections.MeanChange {
		t.Error("projections moved with data after the target year")
	}
	if !math.IsNaN(b.Probability) || b.Year != 2025 {
		t.Errorf("2025 known: P(meet) %v year %d, want NaN, 2025", b.Probability, b.Year)
	}
	// In 2024 the outcome is still open.
	if r := analyseAt(after, Schedule, 2024, 0); math.IsNaN(r.Probability) {
		t.Error("2024 view: P(meet) missing")
	}
}

// §3.9: open-sdg's sign rule for an all-negative series; a zero base or a
// sign change leaves CAGR undefined and Eurostat falls back to π/τ.
func TestNegativeBaseSignRule(t *testing.T) {
	// −10 (2020) → −8 (2022), target −5 (2025), higher is better.
	// Magnitudes: CAGR_o = 0.8^(1/2) − 1 = −0.105573, CAGR_r = 0.5^(1/5) − 1
	// = −0.129449; R = sign·d·CAGR_o/|CAGR_r| = −1·1·−0.105573/0.129449 =
	// 0.81555 → moderate.
	tg := money(model.AtLeast, "-5", 2020, 2025)
	tg.Indicator.Min = nil
	r := analyse(input(tg, 2020, "-10", 2021, "-9", 2022, "-8"), Eurostat)
	near(t, "R", r.Ratio, 0.81555)
	if r.Status != ModerateProgress {
		t.Errorf("negative base: %s, want moderate", r.Status)
	}
	near(t, "EurostatRatio", EurostatRatio(-10, -8, -5, 2020, 2022, 2025, 1), 0.81555)
	// Sign change −2 → 3 toward 10: R undefined; π/τ = (5/12)/(2/5) = 1.0417
	// → substantial, with the fallback said.
	tg.Value = dec("10")
	r = analyse(input(tg, 2020, "-2", 2022, "3"), Eurostat)
	if !math.IsNaN(r.Ratio) || r.Status != SubstantialProgress || !strings.Contains(r.Note, "π/τ") {
		t.Errorf("sign change: R %v %s %q", r.Ratio, r.Status, r.Note)
	}
	// Zero base: 0 → 4 toward 10 by 2025 in 2022: π/τ = 0.4/0.4 = 1 → substantial.
	r = analyse(input(tg, 2020, "0", 2022, "4"), Eurostat)
	if !math.IsNaN(r.Ratio) || r.Status != SubstantialProgress {
		t.Errorf("zero base: R %v %s", r.Ratio, r.Status)
	}
}

// §3.10: a later year standing in for the base value does not move the
// plan's clock: τ counts from the plan's base year.
func TestSubstitutedBaseKeepsPlanClock(t *testing.T) {
	// Base year 2020 has no data; 2021 = 100 stands in. Target ≥ 150 in
	// 2025; 2022 = 110: π = 10/50 = 0.2, τ = (2022 − 2020)/5 = 0.4 (not
	// (2022 − 2021)/4 = 0.25), π − τ = −20 pp → lagging.
	r := analyse(input(money(model.AtLeast, "150", 2020, 2025), 2021, "100", 2022, "110"), Schedule)
	if r.BaseYear != 2021 || !strings.Contains(r.BaseNote, "2021") || !strings.Contains(r.Note, "2021") {
		t.Errorf("base %d note %q", r.BaseYear, r.BaseNote)
	}
	near(t, "τ", r.TimeShare, 0.4)
	near(t, "π−τ", r.ScheduleGap, -20)
	if r.Status != Lagging {
		t.Errorf("%s, want lagging", r.Status)
	}
}

// §3.11: in-year 时序进度 from Config.Month, with methods.md §1's
// published examples.
func TestMonthsInTimeShare(t *testing.T) {
	annual := func(plan string) model.Target {
		return model.Target{ID: "a", Kind: model.Cumulative, Operator: model.AtLeast, Value: dec(plan), Unit: "亿元",
			Indicator: model.Indicator{Code: "i", NameZh: "i", Unit: "亿元", Direction: model.HigherIsBetter, Min: decp("0")},
			BaseYear:  2019, FirstYear: 2020, TargetYear: 2020}
	}
	// Key projects 1–4月: 43.2% of the year's plan done (432 of 1000),
	// τ = 4/12 = 33.3%, π − τ = +9.87 → "超时序进度 9.9 个百分点" → ahead.
	r := analyseAt(input(annual("1000"), 2020, "432"), Schedule, 2020, 4)
	near(t, "τ 1–4月", r.TimeShare, 1.0/3)
	if math.Round(r.ScheduleGap*10)/10 != 9.9 || r.Status != Ahead || r.Passed {
		t.Errorf("1–4月: gap %.3f pp %s passed=%v, want +9.9 ahead, not passed", r.ScheduleGap, r.Status, r.Passed)
	}
	// Fujian 2020: plan 5,005亿元, H1 2,751亿元: π = 54.97% ≥ τ = 50%,
	// "时间过半、任务完成过半"; +4.97 pp → on schedule; the year is not over.
	r = analyseAt(input(annual("5005"), 2020, "2751"), Schedule, 2020, 6)
	if math.Round(r.Completion*1000)/10 != 55.0 || r.TimeShare != 0.5 || r.Completion < r.TimeShare || r.Status != OnSchedule || r.Passed {
		t.Errorf("Fujian H1: π %.4f τ %.4f %s passed=%v", r.Completion, r.TimeShare, r.Status, r.Passed)
	}
	// A multi-year plan 2020–2025 reported after June 2023:
	// τ = (2023 − 2020 − 1 + 6/12)/5 = 0.5.
	near(t, "multi-year τ", TimeShareMonths(2020, 2023, 2025, 6), 0.5)
	near(t, "whole year", TimeShareMonths(2020, 2023, 2025, 0), 0.6)
	if err := (Config{Month: 13}).Validate(); err == nil {
		t.Error("month 13 accepted")
	}
}

// §3.12 (issue 13): a floor broken in a past year is 未完成 under the
// schedule method before the target year too, the year named.
func TestFloorBrokenIsNotMet(t *testing.T) {
	f := model.Target{ID: "f", Kind: model.Floor, Operator: model.AtLeast, Value: dec("4500"), Unit: "人",
		Indicator: model.Indicator{Code: "j", NameZh: "j", Unit: "人", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2022, FirstYear: 2023, TargetYear: 2025}
	r := analyse(input(f, 2023, "4400", 2024, "4600"), Schedule)
	if r.Status != NotMet || !strings.Contains(r.Note, "2023") {
		t.Errorf("floor broken in 2023, seen in 2024: %s %q", r.Status, r.Note)
	}
}

// frac.float must round exactly as big.Rat does, on its fast path and off it.
func TestFracFloatRoundsCorrectly(t *testing.T) {
	vals := []string{"0.3", "1.5", "3.8", "-0.25", "141.851911229696", "100", "0.0000000001", "98765432109876543210.5",
		"1e20", "7", "3", "-12.125", "123456789012345", "0.000123456789012345678"}
	for _, a := range vals {
		for _, b := range vals {
			f := fracOf(dec(a), dec(b))
			want, _ := f.num.Rat().Quo(f.num.Rat(), f.den.Rat()).Float64()
			if got := f.float(); got != want {
				t.Errorf("%s/%s = %.17g, want %.17g", a, b, got, want)
			}
		}
	}
	if !math.IsNaN(fracOf(dec("1"), dec("0")).float()) {
		t.Error("x/0 must be undefined")
	}
}

// §3.2 and §3.1 edge cases: a running sum with a year missing is not
// known; at the target year the DNS miss is observed and needs no trend.
func TestCumulativeMissingYearAndObservedMiss(t *testing.T) {
	c := model.Target{ID: "c", Kind: model.Cumulative, Operator: model.AtLeast, Value: dec("250"), Unit: "公里",
		Indicator: model.Indicator{Code: "r", NameZh: "r", Unit: "公里", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2020, FirstYear: 2021, TargetYear: 2025}
	r := analyse(input(c, 2021, "40", 2023, "50"), Eurostat)
	if r.Status != NotAssessable || !strings.Contains(r.Note, "2022") {
		t.Errorf("2022 missing: %s %q, want not assessable naming 2022", r.Status, r.Note)
	}
	// Plan base 100 (2020) stated in the plan, only 2025 = 190 reported,
	// target ≥ 200: miss = (200 − 190)/(200 − 100) = 0.10 → sun-cloud.
	tg := money(model.AtLeast, "200", 2020, 2025)
	tg.BaseValue = decp("100")
	r = analyse(input(tg, 2025, "190"), DNS)
	near(t, "observed miss", r.DNSMiss, 0.10)
	if r.Status != SunCloud || !r.Passed {
		t.Errorf("DNS at the target year: %s passed=%v", r.Status, r.Passed)
	}
}

// A base value stated by the plan counts as a point: with one actual after
// it the target is judged. 劳动年龄人口平均受教育年限: 10.8 (2020, stated) →
// 11.3 (2025); 10.9 in 2021: π = 0.1/0.5 = 20%, τ = 1/5 = 20% → on schedule.
func TestStatedBaseIsAPoint(t *testing.T) {
	tg := model.Target{ID: "9", Kind: model.Level, Operator: model.AtLeast, Value: dec("11.3"), Unit: "年",
		Indicator: model.Indicator{Code: "edu", NameZh: "edu", Unit: "年", Direction: model.HigherIsBetter, Min: decp("0")},
		BaseYear:  2020, BaseValue: decp("10.8"), TargetYear: 2025}
	r := analyse(input(tg, 2021, "10.9"), Schedule)
	near(t, "π", r.Completion, 0.2)
	if r.Status != OnSchedule {
		t.Errorf("status %s (%s), want on schedule", r.Status, r.Note)
	}
	// Without a stated base, one point is still too few.
	tg.BaseValue = nil
	if s := analyse(input(tg, 2021, "10.9"), Schedule).Status; s != NotAssessable {
		t.Errorf("one point, no stated base: %s", s)
	}
}
