package analysis

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"
	"github.com/shopspring/decimal"
)

// rateTarget is a 十四五-style target on a rate indicator in %: base
// 2020, period 2021–2025.
func rateTarget(kind model.Kind, op model.Operator, value, unit string) model.Target {
	return model.Target{ID: "k", Kind: kind, Operator: op, Value: dec(value), Unit: unit,
		Indicator: model.Indicator{Code: "k", NameZh: "k", Unit: "%", Direction: model.HigherIsBetter, GrowthRate: true},
		BaseYear:  2020, FirstYear: 2021, TargetYear: 2025}
}

func withOther(in Input, pairs ...any) Input {
	m := map[int]decimal.Decimal{}
	for i := 0; i < len(pairs); i += 2 {
		m[pairs[i].(int)] = dec(pairs[i+1].(string))
	}
	in.Other = model.SeriesOf(m)
	return in
}

// 单位GDP能源消耗降低〔13.5〕 with 2.7, 0.1, 0.5 % in 2021–2023: C = 1 −
// 0.973·0.999·0.995 = 3.2833135%; π = 3.2833135/13.5 = 0.243208; the
// implied constant rate's path share after 3 of 5 years (1 − 0.865^0.6)/
// 0.135 = 0.617312, schedule gap −37.41 pp → lagging; required 1 −
// (0.865/0.967166865)^(1/2) = 5.42914% a year; Eurostat R = (1 −
// 0.967166865^(1/3))/(1 − 0.865^(1/5)) = 0.387092 → limited; UN (1 −
// 0.967166865^(5/3))/0.135 = 0.400895 → fair; DNS: mean rate 1.1%
// continued two years, Ĉ = 1 − 0.967166865·0.989² = 5.3994%, miss
// (13.5 − 5.3994)/13.5 = 0.600046 → cloud.
func TestReductionCompounded(t *testing.T) {
	in := input(rateTarget(model.Reduction, model.AtLeast, "13.5", "%"), 2021, "2.7", 2022, "0.1", 2023, "0.5")
	want := map[Method]Status{Schedule: Lagging, Eurostat: LimitedProgress, UN: FairProgress, DNS: Cloud}
	for m, s := range want {
		if r := analyse(in, m); r.Status != s {
			t.Errorf("%s: %s (%s), want %s", m, r.Status, r.Note, s)
		}
	}
	r := analyse(in, Schedule)
	if !r.Outcome.Equal(dec("3.2833135")) || !r.Gap.Equal(dec("10.2166865")) {
		t.Errorf("cumulative %s gap %s", r.Outcome, r.Gap)
	}
	near(t, "π", r.Completion, 0.2432084)
	near(t, "τ", r.TimeShare, 0.6)
	near(t, "path share", r.PathShare, 0.6173117)
	near(t, "schedule gap", r.ScheduleGap, -37.41033)
	near(t, "required", r.RequiredRate, 0.05429138)
	near(t, "R", r.Ratio, 0.3870918)
	near(t, "UN", r.UNRatio, 0.4008947)
	near(t, "DNS", analyse(in, DNS).DNSMiss, 0.6000461)
	p := r.Path()
	if p[0].Year != 2020 || p[len(p)-1].Year != 2025 || !p[3].Actual.Equal(dec("3.2833135")) {
		t.Fatalf("path %+v", p)
	}
	near(t, "planned 2025", p[5].Planned, 13.5)
	near(t, "required 2025", p[5].Required, 13.5)
	// 3% a year for five years: 1 − 0.97^5 = 14.12659743% ≥ 13.5 → achieved.
	met := input(rateTarget(model.Reduction, model.AtLeast, "13.5", "%"), 2021, "3", 2022, "3", 2023, "3", 2024, "3", 2025, "3")
	if r := analyse(met, Eurostat); r.Status != TargetAchieved || !r.Outcome.Equal(dec("14.12659743")) {
		t.Errorf("met: %s %s", r.Status, r.Outcome)
	}
}

// 研发经费投入年均增长7%以上 from yearly rates 8, 6.5, 7: mean 7.1667 ≥ 7
// so far, not yet achieved; π = 21.5/35 = 0.614286, τ = 0.6, gap +1.43 pp
// → on schedule; R = UN = π/τ = 1.02381 → substantial / on track;
// required (35 − 21.5)/2 = 6.75% a year. DNS: mean 7.1667 continued,
// projected mean 7.1667 ≥ 7, miss 0 → sun.
func TestAverageOfRates(t *testing.T) {
	tg := rateTarget(model.Average, model.AtLeast, "7", "%")
	in := input(tg, 2021, "8", 2022, "6.5", 2023, "7")
	want := map[Method]Status{Schedule: OnSchedule, Eurostat: SubstantialProgress, UN: OnTrack, DNS: Sun}
	for m, s := range want {
		if r := analyse(in, m); r.Status != s || r.Met {
			t.Errorf("%s: %s met=%v (%s), want %s, not yet met", m, r.Status, r.Met, r.Note, s)
		}
	}
	r := analyse(in, Schedule)
	near(t, "π", r.Completion, 0.6142857)
	near(t, "π−τ", r.ScheduleGap, 1.428571)
	near(t, "R", r.Ratio, 1.0238095)
	near(t, "required", r.RequiredRate, 0.0675)
	if !r.Outcome.Equal(dec("7.1666666667")) {
		t.Errorf("mean %s", r.Outcome)
	}
	if p := r.Path(); len(p) != 5 || p[0].Year != 2021 || p[4].Required != 6.75 || p[4].Actual != nil {
		t.Errorf("path %+v", p)
	}
	// Five years summing to 34.9 < 35: passed unmet, judged by the
	// measures: R = 34.9/35 = 0.997143 → substantial; DNS miss (7 −
	// 6.98)/7 = 0.002857 → sun; schedule 未完成.
	short := input(tg, 2021, "7", 2022, "7", 2023, "7", 2024, "7", 2025, "6.9")
	for m, s := range map[Method]Status{Schedule: NotMet, Eurostat: SubstantialProgress, DNS: Sun} {
		if r := analyse(short, m); r.Status != s || !r.Passed {
			t.Errorf("short %s: %s passed=%v", m, r.Status, r.Passed)
		}
	}
	full := input(tg, 2021, "7", 2022, "7", 2023, "7", 2024, "7", 2025, "7")
	if r := analyse(full, UN); r.Status != Met {
		t.Errorf("exactly 7 on average: %s", r.Status)
	}
	gap := input(tg, 2021, "7", 2023, "7")
	if r := analyse(gap, Schedule); r.Status != NotAssessable || !strings.Contains(r.Note, "2022") {
		t.Errorf("missing 2022: %s %q", r.Status, r.Note)
	} else if p := r.Path(); len(p) != 5 || p[1].Actual != nil || !p[2].Actual.Equal(dec("7")) || p[2].Planned != 7 {
		t.Errorf("missing 2022: path %+v", p)
	}
	// A reduction with a year missing has no cumulative path to draw.
	rgap := input(rateTarget(model.Reduction, model.AtLeast, "13.5", "%"), 2021, "3", 2023, "3")
	if r := analyse(rgap, Schedule); r.Status != NotAssessable || len(r.Path()) != 0 {
		t.Errorf("reduction missing 2022: %s path %+v", r.Status, r.Path())
	}
}

// 全员劳动生产率增长高于GDP增长: productivity 8.0, 2.5, 5.5 against GDP
// 8.1, 3.0, 5.2; differences −0.1, −0.5, +0.3, mean −0.1 → not above.
// One year of five met: π = 0.2, τ = 0.6, −40 pp → lagging; R = UN =
// 1/3 → limited, fair; DNS 1 − 1/3 → cloud; required mean difference
// (0 − (−0.3))/2 = 0.15 pp. 基本同步 (±0.5 pp default): −0.1 ≥ −0.5 and
// 2022's −0.5 at the edge is inside: every year met so far.
func TestRelative(t *testing.T) {
	tg := rateTarget(model.Relative, model.Above, "0", "百分点")
	tg.RelativeTo = "gdp"
	in := withOther(input(tg, 2021, "8.0", 2022, "2.5", 2023, "5.5"), 2021, "8.1", 2022, "3.0", 2023, "5.2")
	for m, s := range map[Method]Status{Schedule: Lagging, Eurostat: LimitedProgress, UN: FairProgress, DNS: Cloud} {
		if r := analyse(in, m); r.Status != s {
			t.Errorf("above %s: %s (%s)", m, r.Status, r.Note)
		}
	}
	r := analyse(in, Schedule)
	near(t, "π", r.Completion, 0.2)
	near(t, "required", r.RequiredIncrement, 0.15)
	if !r.Outcome.Equal(dec("-0.1")) || len(r.Yearly) != 3 || r.Yearly[1].Met || !r.Yearly[2].Met || !r.Yearly[1].Value.Equal(dec("-0.5")) {
		t.Errorf("mean %s yearly %+v", r.Outcome, r.Yearly)
	}
	if p := r.Path(); p[0].Year != 2021 || p[0].Planned != 8.1 {
		t.Errorf("path %+v", p[0])
	}
	inStep := in
	inStep.Target.Operator = model.About
	for m, s := range map[Method]Status{Schedule: OnSchedule, Eurostat: SubstantialProgress, UN: OnTrack, DNS: Sun} {
		if r := analyse(inStep, m); r.Status != s || !r.Met {
			t.Errorf("in step %s: %s met=%v", m, r.Status, r.Met)
		}
	}
	// The parent region's rate is just another compared series.
	parent := in
	parent.Target.RelativeTo, parent.Target.CompareWithParent = "", true
	parent.Other = model.Series{}
	if r := analyse(parent, Schedule); r.Status != NotAssessable || !strings.Contains(r.Note, "parent") {
		t.Errorf("no parent series: %s %q", r.Status, r.Note)
	}
}

// GDP增长 6%以上 (2021), 5.5%左右 (2022), 5%左右 (2023) with 8.1, 3.0, 5.2:
// 2022 is below 5.5 − 0.5, a year that cannot be mended.
func TestAnnualAndAssigned(t *testing.T) {
	tg := rateTarget(model.Annual, "", "0", "%")
	tg.Annual = []model.AnnualTarget{
		{Year: 2021, Operator: model.AtLeast, Value: dec("6")},
		{Year: 2022, Operator: model.About, Value: dec("5.5")},
		{Year: 2023, Operator: model.About, Value: dec("5")},
	}
	in := input(tg, 2021, "8.1", 2022, "3.0", 2023, "5.2")
	for m, s := range map[Method]Status{Schedule: NotMet, Eurostat: LimitedProgress, UN: FairProgress, DNS: Cloud} {
		if r := analyse(in, m); r.Status != s || r.Passed || !reflect.DeepEqual(r.FailedYears, []int{2022}) {
			t.Errorf("annual %s: %s passed=%v failed %v", m, r.Status, r.Passed, r.FailedYears)
		}
	}
	r := analyse(in, Schedule)
	near(t, "π", r.Completion, 2.0/3) // 2 of the 3 years with a target
	if p := r.Path(); p[1].Planned != 5.5 || !math.IsNaN(p[3].Planned) {
		t.Errorf("path %+v", p)
	}
	if r := analyseAt(in, UN, 2021, 0); r.Status != OnTrack || !r.Met {
		t.Errorf("2021 only: %s", r.Status)
	}

	as := model.Target{ID: "e", Kind: model.Assigned, Operator: model.AtMost, Unit: "万吨",
		Indicator: model.Indicator{Code: "energy", NameZh: "能源消费总量", Unit: "万吨", Direction: model.LowerIsBetter},
		BaseYear:  2020, FirstYear: 2021, TargetYear: 2022}
	ain := input(as, 2021, "120", 2022, "125")
	if r := analyse(ain, Schedule); r.Status != NotAssessable || !strings.Contains(r.Note, "energy_assigned") {
		t.Errorf("no assignment: %s %q", r.Status, r.Note)
	}
	if r := analyse(withOther(ain, 2021, "121"), Eurostat); r.Status != NotAssessable || !strings.Contains(r.Note, "2022") {
		t.Errorf("2022 unassigned: %s %q", r.Status, r.Note)
	}
	if r := analyse(withOther(ain, 2021, "121", 2022, "125"), DNS); r.Status != Sun || !r.Met {
		t.Errorf("assigned met: %s", r.Status)
	}
}

// 预期 ≥ 200, 力争 220 from 100: 210 in 2025 meets the target, not the
// stretch; π against the stretch (210 − 100)/(220 − 100) = 0.916667.
func TestStretch(t *testing.T) {
	tg := money(model.AtLeast, "200", 2020, 2025)
	tg.Stretch = decp("220")
	r := analyse(input(tg, 2020, "100", 2025, "210"), Schedule)
	if r.Status != Achieved || r.StretchMet || r.Target.Stretch == nil || !r.StretchLevel.Equal(dec("220")) {
		t.Errorf("%s stretch met %v level %v", r.Status, r.StretchMet, r.StretchLevel)
	}
	near(t, "π stretch", r.StretchCompletion, 0.9166667)
	if r := analyse(input(money(model.AtLeast, "200", 2020, 2025), 2020, "100"), Schedule); !math.IsNaN(r.StretchCompletion) {
		t.Errorf("no stretch: %v", r.StretchCompletion)
	}
	rd := rateTarget(model.Reduction, model.AtLeast, "13.5", "%")
	rd.Stretch = decp("14")
	r = analyse(input(rd, 2021, "3", 2022, "3", 2023, "3", 2024, "3", 2025, "3"), Schedule)
	if !r.StretchMet { // 14.1266 ≥ 14
		t.Errorf("reduction stretch not met: %v", r.StretchCompletion)
	}
}

// No kind panics under any method at any report year, and every path
// stays within the period's years.
func TestPeriodKindsEveryMethod(t *testing.T) {
	rel := rateTarget(model.Relative, model.About, "0", "百分点")
	rel.RelativeTo = "gdp"
	ann := rateTarget(model.Annual, "", "0", "%")
	ann.Annual = []model.AnnualTarget{{Year: 2022, Operator: model.AtLeast, Value: dec("5")}}
	ins := []Input{
		input(rateTarget(model.Reduction, model.AtLeast, "13.5", "%"), 2020, "4", 2021, "-1", 2022, "2"),
		input(rateTarget(model.Average, model.AtMost, "3", "%"), 2021, "2", 2022, "4"),
		input(rateTarget(model.Average, model.AtLeast, "0", "%"), 2021, "2"),
		withOther(input(rel, 2021, "5", 2022, "4"), 2022, "4"),
		input(ann, 2021, "5", 2022, "4", 2026, "1"),
	}
	for _, in := range ins {
		for _, m := range Methods {
			for _, y := range []int{0, 2020, 2021, 2022, 2025, 2026} {
				r := analyseAt(in, m, y, 0)
				if r.Status == "" || (r.Status == NotAssessable && r.Note == "") {
					t.Errorf("%s %s %d: status %q note %q", in.Target.Kind, m, y, r.Status, r.Note)
				}
				for _, p := range r.Path() {
					if p.Year < 2020 || p.Year > 2025 {
						t.Errorf("%s %s %d: path year %d", in.Target.Kind, m, y, p.Year)
					}
				}
			}
		}
	}
}

// 保持正增长 on average (≥ 0): no distance, so no π; met so far is the
// floor-held status; missed once the period is over has passed: the
// schedule method says 未完成, the others have no measure.
func TestAverageWithoutDistance(t *testing.T) {
	tg := rateTarget(model.Average, model.AtLeast, "0", "%")
	tg.TargetYear = 2022
	held := input(tg, 2021, "2", 2022, "-1")
	if r := analyse(held, Eurostat); r.Status != TargetAchieved || !math.IsNaN(r.Completion) {
		t.Errorf("mean 0.5 ≥ 0: %s π %v", r.Status, r.Completion)
	}
	if r := analyseAt(held, UN, 2021, 0); r.Status != OnTrack || r.Met {
		t.Errorf("so far: %s met=%v", r.Status, r.Met)
	}
	missed := input(tg, 2021, "1", 2022, "-2")
	for m, s := range map[Method]Status{Schedule: NotMet, Eurostat: NotAssessable, UN: NotAssessable, DNS: NotAssessable} {
		if r := analyse(missed, m); r.Status != s || !r.Passed || !strings.Contains(r.Note, "target year passed") {
			t.Errorf("missed %s: %s passed=%v %q", m, r.Status, r.Passed, r.Note)
		}
	}
}

// 2% a year for five years against 〔13.5〕: C = 1 − 0.98^5 = 9.60792032%,
// passed unmet. Schedule 未完成; Eurostat R = 0.02/(1 − 0.865^(1/5)) =
// 0.02/0.0285892 = 0.699565 → moderate; UN: nothing left to project,
// ratio = π = 9.60792032/13.5 = 0.711698 → fair; DNS miss (13.5 −
// 9.60792032)/13.5 = 0.288302 → cloud.
func TestReductionPassedUnmet(t *testing.T) {
	in := input(rateTarget(model.Reduction, model.AtLeast, "13.5", "%"), 2021, "2", 2022, "2", 2023, "2", 2024, "2", 2025, "2")
	want := map[Method]Status{Schedule: NotMet, Eurostat: ModerateProgress, UN: FairProgress, DNS: Cloud}
	for m, s := range want {
		r := analyse(in, m)
		if r.Status != s || !r.Passed || !strings.Contains(r.Note, "target year passed") {
			t.Errorf("%s: %s passed=%v %q, want %s", m, r.Status, r.Passed, r.Note, s)
		}
	}
	r := analyse(in, Eurostat)
	if !r.Outcome.Equal(dec("9.60792032")) {
		t.Errorf("C %s", r.Outcome)
	}
	near(t, "R", r.Ratio, 0.699565)
	near(t, "UN", r.UNRatio, 0.711698)
	near(t, "DNS", r.DNSMiss, 0.288302)
}

// 居民消费价格涨幅3%左右 on average is a cap: 2% then 4% use the allowance
// at exactly the allowed pace (mean 3), so the attainment is 1; 4% then 4%
// use it faster: attainment = allowed over observed = 3/4.
func TestAverageCapAttainment(t *testing.T) {
	tg := rateTarget(model.Average, model.AtMost, "3", "%")
	tg.Indicator.Direction = model.LowerIsBetter
	r := analyse(input(tg, 2021, "2", 2022, "4"), Schedule)
	near(t, "attainment at pace", Attainment(r), 1)
	r = analyse(input(tg, 2021, "4", 2022, "4"), Schedule)
	near(t, "R", r.Ratio, 0.75)
	near(t, "attainment over pace", Attainment(r), 0.75)
	if r.Status != Lagging {
		t.Errorf("using the allowance faster: %s (gap %v)", r.Status, r.ScheduleGap)
	}
}
