package model

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

func dp(s string) *decimal.Decimal { x := d(s); return &x }

func target(kind Kind, op Operator, value, unit, indUnit string, dir Direction) Target {
	return Target{
		ID: "t", Kind: kind, Operator: op, Value: d(value), Unit: unit,
		Indicator: Indicator{Code: "x", NameZh: "x", Unit: indUnit, Direction: dir},
		BaseYear:  2022, FirstYear: 2023, TargetYear: 2025,
	}
}

func series(pairs ...any) Series {
	m := map[int]decimal.Decimal{}
	for i := 0; i < len(pairs); i += 2 {
		m[pairs[i].(int)] = d(pairs[i+1].(string))
	}
	return SeriesOf(m)
}

func TestLevelExactlyAtTarget(t *testing.T) {
	cases := []struct {
		op   Operator
		dir  Direction
		v    string
		want bool
	}{
		{AtLeast, HigherIsBetter, "46.0", true}, // 46.0 meets "≥ 46"
		{AtLeast, HigherIsBetter, "45.99", false},
		{Above, HigherIsBetter, "140", false}, // 突破140 needs more than 140
		{Above, HigherIsBetter, "140.01", true},
		{AtMost, LowerIsBetter, "43", true}, // PM2.5 at 43 meets ≤ 43
		{AtMost, LowerIsBetter, "43.1", false},
		{Below, LowerIsBetter, "43", false},
	}
	for _, c := range cases {
		tg := target(Level, c.op, map[Operator]string{AtLeast: "46", Above: "140", AtMost: "43", Below: "43"}[c.op], "%", "%", c.dir)
		got := tg.Assess(series(2025, c.v), nil, 0)
		if got.Met != c.want || !got.Assessable {
			t.Errorf("%s %s: met=%v assessable=%v, want %v", c.op, c.v, got.Met, got.Assessable, c.want)
		}
	}
}

func TestLevelUnitConversion(t *testing.T) {
	// 社会消费品零售总额 ≥ 50 亿元 with actuals stored in 亿元, target in 万元.
	tg := target(Level, AtLeast, "500000", "万元", "亿元", HigherIsBetter)
	if !tg.Assess(series(2025, "50"), nil, 0).Met {
		t.Error("50 亿元 should meet 500000 万元")
	}
	if tg.Assess(series(2025, "49.9999"), nil, 0).Met {
		t.Error("49.9999 亿元 should not meet 500000 万元")
	}
}

func TestAboutBand(t *testing.T) {
	// 制造业增加值占比 25% 左右: default ±0.5 pp, so the band is [24.5, 25.5].
	tg := target(Level, About, "25", "%", "%", HigherIsBetter)
	for v, want := range map[string]bool{"24.5": true, "24.49": false, "25": true, "25.5": true, "27": true} {
		if got := tg.Assess(series(2025, v), nil, 0).Met; got != want {
			t.Errorf("25%%左右, higher is better, %s: met=%v want %v", v, got, want)
		}
	}
	// A band indicator (区间指标) fails on both sides.
	tg.Indicator.Direction = BandIsBetter
	for v, want := range map[string]bool{"24.5": true, "25.5": true, "25.51": false, "24.49": false} {
		if got := tg.Assess(series(2025, v), nil, 0).Met; got != want {
			t.Errorf("25%%左右, band, %s: met=%v want %v", v, got, want)
		}
	}
	// Life expectancy 80岁左右 with its own tolerance 0.5.
	life := target(Level, About, "80", "岁", "岁", HigherIsBetter)
	life.Tolerance = dp("0.5")
	if !life.Assess(series(2025, "79.5"), nil, 0).Met || life.Assess(series(2025, "79.4"), nil, 0).Met {
		t.Error("80岁左右 ±0.5: 79.5 meets, 79.4 does not")
	}
	// Default for non-% units: ±2% of the target. 100个左右 → [98, 102].
	pipe := target(Level, About, "100", "个", "个", BandIsBetter)
	if !pipe.Assess(series(2025, "98"), nil, 0).Met || pipe.Assess(series(2025, "97.9"), nil, 0).Met || pipe.Assess(series(2025, "102.1"), nil, 0).Met {
		t.Error("100个左右: 98 meets; 97.9 and 102.1 do not")
	}
}

func TestBetween(t *testing.T) {
	tg := target(Level, Between, "3", "%", "%", BandIsBetter)
	tg.ValueHigh = dp("5")
	for v, want := range map[string]bool{"3": true, "5": true, "2.99": false, "5.01": false} {
		if got := tg.Assess(series(2025, v), nil, 0).Met; got != want {
			t.Errorf("[3,5] %s: %v want %v", v, got, want)
		}
	}
}

func TestGrowth(t *testing.T) {
	// 年均增长6%: from 100 in 2022, three years need 100·1.06³ = 119.1016.
	tg := target(Growth, AtLeast, "6", "%", "元", HigherIsBetter)
	base := dp("100")
	if v := tg.Assess(series(2025, "119.1016"), base, 0); !v.Met || !v.Required.Equal(d("119.1016")) {
		t.Errorf("exactly 6%%: %+v", v)
	}
	if tg.Assess(series(2025, "119.1015"), base, 0).Met {
		t.Error("119.1015 is below 6% a year")
	}
	// Two years in: 100·1.06² = 112.36.
	if v := tg.Assess(series(2024, "112.36"), base, 0); !v.Met || v.Year != 2024 {
		t.Errorf("2024 at 6%%: %+v", v)
	}
	// 6%左右 ±0.5 pp: the lower edge is 5.5% a year, 100·1.055³ = 117.4241375.
	tg.Operator = About
	if !tg.Assess(series(2025, "117.4241375"), base, 0).Met || tg.Assess(series(2025, "117.4241"), base, 0).Met {
		t.Error("6%左右: 117.4241375 is at the band edge (5.5%), 117.4241 is just outside")
	}
	if tg.Assess(series(2025, "130"), nil, 0).Assessable {
		t.Error("growth without a base must not be assessable")
	}
	if tg.Assess(series(2025, "130"), dp("0"), 0).Assessable {
		t.Error("growth from a zero base is undefined")
	}
}

func TestFloorEveryYear(t *testing.T) {
	// 每年城镇新增就业不低于4500人, 2023–2025.
	tg := target(Floor, AtLeast, "4500", "人", "人", HigherIsBetter)
	v := tg.Assess(series(2023, "4500", 2024, "4499", 2025, "4800"), nil, 0)
	if v.Met || !v.Assessable || !reflect.DeepEqual(v.FailedYears, []int{2024}) {
		t.Errorf("2024 below the floor: %+v", v)
	}
	v = tg.Assess(series(2023, "4500", 2024, "4600", 2025, "4800"), nil, 0)
	if !v.Met {
		t.Errorf("every year at or above 4500: %+v", v)
	}
	v = tg.Assess(series(2023, "4600", 2025, "4800"), nil, 0)
	if v.Assessable || !reflect.DeepEqual(v.MissingYears, []int{2024}) {
		t.Errorf("2024 missing: %+v", v)
	}
	// 粮食综合生产能力稳定在13.5亿斤以上, actuals in 万吨: 67.5 万吨 = 13.5 亿斤.
	grain := target(Floor, AtLeast, "13.5", "亿斤", "万吨", HigherIsBetter)
	if !grain.Assess(series(2023, "67.5", 2024, "68", 2025, "67.5"), nil, 0).Met {
		t.Error("67.5 万吨 every year meets 13.5 亿斤")
	}
	if grain.Assess(series(2023, "67.49", 2024, "68", 2025, "70"), nil, 0).Met {
		t.Error("67.49 万吨 in 2023 breaks the floor")
	}
}

func TestCumulative(t *testing.T) {
	// 新建改建农村公路150公里 over 2023–2025.
	tg := target(Cumulative, AtLeast, "150", "公里", "公里", HigherIsBetter)
	if v := tg.Assess(series(2022, "999", 2023, "40", 2024, "50", 2025, "60"), nil, 0); !v.Met || !v.Outcome.Equal(d("150")) {
		t.Errorf("40+50+60 = 150 meets; the 2022 flow is outside the period: %+v", v)
	}
	if tg.Assess(series(2023, "40", 2024, "50", 2025, "59.9"), nil, 0).Met {
		t.Error("149.9 km falls short")
	}
	// Met early: 2023–2024 already sum to 160.
	if v := tg.Assess(series(2023, "80", 2024, "80"), nil, 0); !v.Met || v.Year != 2024 {
		t.Errorf("met early: %+v", v)
	}
	// 造林1300亩 with flows reported in 万亩.
	af := target(Cumulative, AtLeast, "1300", "亩", "万亩", HigherIsBetter)
	if !af.Assess(series(2023, "0.05", 2024, "0.04", 2025, "0.04"), nil, 0).Met {
		t.Error("0.13 万亩 = 1300 亩")
	}
}

func TestMultipleIncrementPoints(t *testing.T) {
	// 翻番: base 2.5 件/万人 → 5.
	m := target(Multiple, AtLeast, "2", "倍", "件/万人", HigherIsBetter)
	if !m.Assess(series(2025, "5"), dp("2.5"), 0).Met || m.Assess(series(2025, "4.99"), dp("2.5"), 0).Met {
		t.Error("doubling 2.5: 5 meets, 4.99 does not")
	}
	// 新增5家以上: base 12 → 17.
	inc := target(Increment, AtLeast, "5", "家", "家", HigherIsBetter)
	if !inc.Assess(series(2025, "17"), dp("12"), 0).Met || inc.Assess(series(2025, "16"), dp("12"), 0).Met {
		t.Error("+5 over 12: 17 meets, 16 does not")
	}
	// 每年增长2个百分点左右: base 10% in 2022 → 16% by 2025, band ±0.5 pp a
	// year, i.e. ±1.5 pp over three years: 14.5 meets, 14.4 does not.
	pp := target(PointsPerYear, About, "2", "百分点", "%", HigherIsBetter)
	if lvl, _ := pp.LevelAt(dp("10"), 2025); !lvl.Equal(d("16")) {
		t.Errorf("level for 2025 = %s, want 16", lvl)
	}
	if !pp.Assess(series(2025, "14.5"), dp("10"), 0).Met || pp.Assess(series(2025, "14.4"), dp("10"), 0).Met {
		t.Error("2pp/yr 左右: 14.5 meets, 14.4 does not")
	}
}

func TestMilestone(t *testing.T) {
	tg := Target{ID: "m", Kind: Milestone, Operator: Done, TargetYear: 2025, BaseYear: 2022, Indicator: Indicator{Code: "m"}}
	if !tg.Assess(series(2024, "1"), nil, 0).Met || tg.Assess(series(2024, "0"), nil, 0).Met {
		t.Error("milestone: 1 is done, 0 is not")
	}
	if tg.Assess(Series{}, nil, 0).Assessable {
		t.Error("no report: not assessable")
	}
}

func TestTargetYearPast(t *testing.T) {
	// Judged on the target year's actual even when later data exist.
	tg := target(Level, AtLeast, "46", "%", "%", HigherIsBetter)
	v := tg.Assess(series(2025, "45", 2026, "47"), nil, 2026)
	if v.Met || v.Year != 2025 {
		t.Errorf("judged on 2025: %+v", v)
	}
}

func TestMilestoneDoneLate(t *testing.T) {
	tg := Target{ID: "m", Kind: Milestone, Operator: Done, TargetYear: 2025, BaseYear: 2022, Indicator: Indicator{Code: "m"}}
	// Reported not done in 2025, done in 2026: late, not met.
	v := tg.Assess(series(2024, "0", 2025, "0", 2026, "1"), nil, 0)
	if v.Met || !v.Late || v.DoneYear != 2026 || !v.Assessable {
		t.Errorf("done in 2026: %+v", v)
	}
	// As of 2025 it is simply not done, and the target year has come.
	v = tg.Assess(series(2024, "0", 2025, "0", 2026, "1"), nil, 2025)
	if v.Met || v.Late || !v.Assessable || v.Year != 2025 {
		t.Errorf("as of 2025: %+v", v)
	}
	// Not done in 2024: not yet assessable.
	if v := tg.Assess(series(2024, "0"), nil, 0); v.Assessable {
		t.Errorf("2024 not done: %+v", v)
	}
	// The first report of done counts: done in 2024 is on time.
	if v := tg.Assess(series(2024, "1", 2026, "1"), nil, 0); !v.Met || v.Late || v.DoneYear != 2024 {
		t.Errorf("done 2024: %+v", v)
	}
}

func TestCumulativeCapNotMetEarly(t *testing.T) {
	// 累计不超过100 over 2023–2025: 30 + 30 = 60 by 2024 proves nothing yet.
	tg := target(Cumulative, AtMost, "100", "吨", "吨", LowerIsBetter)
	if v := tg.Assess(series(2023, "30", 2024, "30"), nil, 0); v.Met {
		t.Errorf("cap met before the period ended: %+v", v)
	}
	if v := tg.Assess(series(2023, "30", 2024, "30", 2025, "40"), nil, 0); !v.Met || !v.Outcome.Equal(d("100")) {
		t.Errorf("100 over the period meets ≤ 100: %+v", v)
	}
	if v := tg.Assess(series(2023, "30", 2024, "30", 2025, "40.1"), nil, 0); v.Met {
		t.Errorf("100.1 breaks ≤ 100: %+v", v)
	}
}

func TestBandAt(t *testing.T) {
	// 3–5% band.
	b := target(Level, Between, "3", "%", "%", BandIsBetter)
	b.ValueHigh = dp("5")
	if lo, hi, err := b.BandAt(nil, 2025); err != nil || !lo.Equal(d("3")) || !hi.Equal(d("5")) {
		t.Errorf("between: %s–%s %v", lo, hi, err)
	}
	// 25%左右 on a band indicator: ±0.5 pp.
	a := target(Level, About, "25", "%", "%", BandIsBetter)
	if lo, hi, err := a.BandAt(nil, 2025); err != nil || !lo.Equal(d("24.5")) || !hi.Equal(d("25.5")) {
		t.Errorf("about: %s–%s %v", lo, hi, err)
	}
	// 25%左右 on a higher-is-better indicator is no band.
	a.Indicator.Direction = HigherIsBetter
	if a.Band() {
		t.Error("左右 on a higher-is-better indicator is a floor at the lower edge, not a band")
	}
	// Growth between 5% and 7% a year from 100 (2022), three years:
	// 100·1.05³ = 115.7625, 100·1.07³ = 122.5043.
	g := target(Growth, Between, "5", "%", "元", BandIsBetter)
	g.ValueHigh = dp("7")
	if lo, hi, err := g.BandAt(dp("100"), 2025); err != nil || !lo.Equal(d("115.7625")) || !hi.Equal(d("122.5043")) {
		t.Errorf("growth band: %s–%s %v", lo, hi, err)
	}
}
