package model

import (
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestConvert(t *testing.T) {
	// Each row worked by hand from the definitions: 1 亿 = 10⁴ 万,
	// 1 斤 = 0.5 kg, 1 亩 = 2000/3 m².
	cases := []struct{ v, from, to, want string }{
		{"12345", "万元", "亿元", "1.2345"},
		{"1.2345", "亿元", "万元", "12345"},
		{"50", "亿元", "元", "5000000000"},
		{"1", "亿斤", "万吨", "5"},
		{"13.5", "亿斤", "万吨", "67.5"},
		{"67.5", "万吨", "亿斤", "13.5"},
		{"20", "万吨", "吨", "200000"},
		{"2", "斤", "公斤", "1"},
		{"1300", "亩", "万亩", "0.13"},
		{"87", "万亩", "亩", "870000"},
		{"3", "亩", "平方米", "2000"},
		{"65", "万千瓦", "千瓦", "650000"},
		{"4500", "人", "万人", "0.45"},
		{"3", "万人次", "人次", "30000"},
		{"5", "家", "个", "5"},
		{"46", "％", "%", "46"},
		{"43", "μg/m3", "微克/立方米", "43"},
	}
	for _, c := range cases {
		got, err := Convert(d(c.v), c.from, c.to)
		if err != nil {
			t.Errorf("%s %s → %s: %v", c.v, c.from, c.to, err)
			continue
		}
		if !got.Equal(d(c.want)) {
			t.Errorf("%s %s → %s = %s, want %s", c.v, c.from, c.to, got, c.want)
		}
	}
}

func TestConvertRefuses(t *testing.T) {
	for _, c := range [][2]string{
		{"亿元", "万吨"}, {"%", "百分点"}, {"人", "人次"}, {"亩", "公里"},
		{"岁", "人"}, {"微克/立方米", "%"}, {"亿元", "furlong"}, {"", "元"},
	} {
		if _, err := Convert(d("1"), c[0], c[1]); err == nil {
			t.Errorf("%s → %s converted; want an error", c[0], c[1])
		}
	}
}

func TestEveryIssueUnitIsRegistered(t *testing.T) {
	for _, u := range []string{"元", "万元", "亿元", "亩", "万亩", "斤", "万斤", "亿斤", "吨", "万吨",
		"千瓦", "万千瓦", "人", "万人", "人次", "万人次", "个", "家", "座", "名", "%", "百分点", "岁",
		"公里", "平方米", "微克/立方米"} {
		if _, err := LookupUnit(u); err != nil {
			t.Error(err)
		}
	}
}

// TestConvertRates checks rates A/B against hand calculations: a rate's
// factor is factor A / factor B, so 0.24 per thousand is 2.4 per ten
// thousand (0.24 × 10000/1000).
func TestConvertRates(t *testing.T) {
	cases := []struct{ v, from, to, want string }{
		{"0.24", "个/千人", "件/万人", "2.4"},      // 个 counts anything, 件 included
		{"2.4", "件/万人", "个/千人", "0.24"},      // and back
		{"3", "张/千人", "张/万人", "30"},          // hospital beds: 3 per 1k = 30 per 10k
		{"1.5", "万元/人", "元/人", "15000"},      // 1.5 × 10000 / 1
		{"45", "辆/百户", "辆/户", "0.45"},        // ×0.01
		{"4.6", "个/每千人", "个/千人", "4.6"},      // 每千人 is 千人
		{"4.6", "个/千人口", "个/万人", "46"},       // 千人口 is 千人
		{"12", "人/万人口", "名/千人", "1.2"},       // 名 counts people: 12 / 10
		{"600", "人/平方公里", "人/平方米", "0.0006"}, // 1 km² = 10⁶ m²
		{"300", "元/亩", "元/平方米", "0.45"},      // 300 / (2000/3) = 0.45 exactly
		{"1", "件／万人", "件/万人", "1"},           // full-width slash
		{"6.5", "张/每千人口", "张/万人", "65"},      // 每 and 口 dropped
		{"0.5", "万人", "名", "5000"},           // 名 counts people
	}
	for _, c := range cases {
		got, err := Convert(d(c.v), c.from, c.to)
		if err != nil {
			t.Errorf("%s %s → %s: %v", c.v, c.from, c.to, err)
			continue
		}
		if !got.Equal(d(c.want)) {
			t.Errorf("%s %s → %s = %s, want %s", c.v, c.from, c.to, got, c.want)
		}
	}
}

func TestConvertKinds(t *testing.T) {
	// 个 is the generic classifier: it converts with every count kind,
	// both ways, at factor 1; 名 and 人 are both people.
	for _, c := range [][2]string{{"个", "家"}, {"家", "个"}, {"户", "个"}, {"名", "人"}, {"人", "名"}, {"家", "家"}} {
		got, err := Convert(d("7"), c[0], c[1])
		if err != nil || !got.Equal(d("7")) {
			t.Errorf("7 %s → %s = %s, %v; want 7", c[0], c[1], got, err)
		}
	}
}

func TestConvertRefusesNamingBoth(t *testing.T) {
	cases := []struct{ from, to, want string }{
		{"起", "家", "单位“起”不能换算为“家” cannot convert 起 to 家 (different things counted)"},
		{"平方米/人", "件/万人", "单位“平方米/人”不能换算为“件/万人” cannot convert 平方米/人 to 件/万人"},
		{"人次", "人", "单位“人次”不能换算为“人” cannot convert 人次 to 人"},
		{"项", "件", "单位“项”不能换算为“件” cannot convert 项 to 件 (different things counted)"},
		{"起/万人", "家/万人", "单位“起/万人”不能换算为“家/万人” cannot convert 起/万人 to 家/万人 (different things counted)"},
		{"个", "件/万人", "单位“个”不能换算为“件/万人” cannot convert 个 to 件/万人 (count is not count(件)/people)"},
		{"个/千人", "个/户", "单位“个/千人”不能换算为“个/户” cannot convert 个/千人 to 个/户 (count/people is not count/count(户))"},
		{"元/人", "元", "单位“元/人”不能换算为“元” cannot convert 元/人 to 元 (money/people is not money)"},
		{"人", "个", "单位“人”不能换算为“个” cannot convert 人 to 个"},
	}
	for _, c := range cases {
		_, err := Convert(d("1"), c.from, c.to)
		if err == nil {
			t.Errorf("%s → %s converted; want an error", c.from, c.to)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%s → %s: %q\nwant %q", c.from, c.to, err, c.want)
		}
	}
}

func TestLookupRates(t *testing.T) {
	cases := []struct {
		sym, symbol, measures string
		factor                string
	}{
		{"个/千人", "个/千人", "count/people", "0.001"},
		{"张/千人", "张/千人", "count(张)/people", "0.001"},
		{"人/万人", "人/万人", "people/people", "0.0001"},
		{"元/人", "元/人", "money/people", "1"},
		{"万元/人", "万元/人", "money/people", "10000"},
		{"辆/百户", "辆/百户", "count(辆)/count(户)", "0.01"},
		{"件/万人", "件/万人", "count(件)/people", "0.0001"},
		{" 个/每万人 ", "个/万人", "count/people", "0.0001"},
		{"人/平方千米", "人/平方公里", "people/area", "0.000001"},
		{"万人口", "万人", "people", "10000"},
		{"名", "名", "people", "1"},
		{"起", "起", "count(起)", "1"},
		{"亿元", "亿元", "money", "100000000"},
	}
	for _, c := range cases {
		u, err := LookupUnit(c.sym)
		if err != nil {
			t.Errorf("%q: %v", c.sym, err)
			continue
		}
		if u.Symbol != c.symbol || u.Measures() != c.measures || !u.Factor.Equal(d(c.factor)) {
			t.Errorf("%q = %s %s ×%s, want %s %s ×%s", c.sym, u.Symbol, u.Measures(), u.Factor, c.symbol, c.measures, c.factor)
		}
	}
	for _, bad := range []string{"furlong", "", "  ", "个/吨", "%/人", "件/万人/年", "/千人", "个/", "百户", "微克/立方米/人"} {
		if u, err := LookupUnit(bad); err == nil {
			t.Errorf("%q read as %s; want an error", bad, u.Symbol)
		}
	}
	if _, err := LookupUnit("furlong"); err == nil || err.Error() != "未知单位“furlong” unknown unit \"furlong\"" {
		t.Errorf("unknown unit: %v", err)
	}
}

func TestAmbiguous(t *testing.T) {
	cases := map[string]bool{
		"亿元":      true,  // 万元, 元
		"%":       false, // the only share unit
		"％":       false,
		"件/万人":    true, // 个/千人 has another size
		"个/千人":    true,
		"平方米/人":   true,  // 亩/人
		"家":       false, // 个 and 家 are both one
		"个":       false, // every count unit is one of something
		"起":       false,
		"户":       false, // 百户 is only a denominator
		"名":       true,  // 万人
		"人次":      true,  // 万人次
		"岁":       false,
		"比值":      false,
		"倍":       false,
		"百分点":     false,
		"微克/立方米":  false,
		"公里":      false,
		"furlong": true, // unknown: nothing can be read
	}
	for sym, want := range cases {
		for range 2 { // the second answer comes from the cache
			if got := Ambiguous(sym); got != want {
				t.Errorf("Ambiguous(%q) = %v, want %v", sym, got, want)
			}
		}
	}
}

// TestSeedPlanUnitsKeepTheirMeaning pins the units of the embedded plan
// (datasets/guanxian-2023-2025.csv) to what they measure.
func TestSeedPlanUnitsKeepTheirMeaning(t *testing.T) {
	for sym, measures := range map[string]string{
		"%": "share", "家": "count(家)", "个": "count", "亿元": "money", "名": "people",
		"万吨": "mass", "万亩": "area", "件/万人": "count(件)/people", "元": "money",
		"比值": "ratio", "岁": "age", "万人次": "persontimes", "公里": "length",
		"万千瓦": "power", "亩": "area", "微克/立方米": "concentration", "亿斤": "mass",
		"届": "count(届)", "人": "people", "平方米/人": "area/people",
		"个/千人": "count/people", "起": "count(起)", "倍": "multiple", "百分点": "points",
	} {
		u, err := LookupUnit(sym)
		if err != nil {
			t.Error(err)
			continue
		}
		if u.Measures() != measures {
			t.Errorf("%s measures %s, want %s", sym, u.Measures(), measures)
		}
	}
	// Charts print these English labels.
	for sym, en := range map[string]string{"件/万人": "per 10k people", "个/千人": "per 1k people", "平方米/人": "m² per person"} {
		if u, _ := LookupUnit(sym); u.English != en || u.Dimension != PerCapita {
			t.Errorf("%s: %q %s, want %q percapita", sym, u.English, u.Dimension, en)
		}
	}
}

func TestLookupUnitDoesNotAllocate(t *testing.T) {
	for _, sym := range []string{"万元", "％", "件/万人", "张/千人", "辆/百户"} {
		LookupUnit(sym) // fill the cache
		Ambiguous(sym)
		if n := testing.AllocsPerRun(100, func() { LookupUnit(sym) }); n != 0 {
			t.Errorf("LookupUnit(%q): %v allocations", sym, n)
		}
		if n := testing.AllocsPerRun(100, func() { Ambiguous(sym) }); n != 0 {
			t.Errorf("Ambiguous(%q): %v allocations", sym, n)
		}
	}
}

func BenchmarkAmbiguous(b *testing.B) {
	for b.Loop() {
		Ambiguous("万元")
		Ambiguous("件/万人")
	}
}

func BenchmarkLookupUnitRate(b *testing.B) {
	for b.Loop() {
		LookupUnit("张/千人")
	}
}

// TestTargetUnitMustConvert: a plan's target unit must convert to its
// indicator's unit; the same dimension is not enough.
func TestTargetUnitMustConvert(t *testing.T) {
	target := func(unit, indicatorUnit string) Target {
		return Target{ID: "1", Indicator: Indicator{Code: "x", Unit: indicatorUnit}, Kind: Level,
			Operator: AtLeast, Value: d("5"), Unit: unit, BaseYear: 2022, TargetYear: 2025}
	}
	for _, c := range [][2]string{{"个", "家"}, {"名", "人"}, {"个/千人", "件/万人"}, {"亿元", "万元"}} {
		if err := target(c[0], c[1]).Validate(); err != nil {
			t.Errorf("target in %s, indicator in %s: %v", c[0], c[1], err)
		}
	}
	for _, c := range [][2]string{{"起", "家"}, {"平方米/人", "件/万人"}, {"人次", "人"}} {
		if err := target(c[0], c[1]).Validate(); err == nil {
			t.Errorf("target in %s, indicator in %s accepted; want an error", c[0], c[1])
		}
	}
}

// TestUnitCachesAreSafeForConcurrentUse: the loader and the web server ask
// from many goroutines at once (run with -race).
func TestUnitCachesAreSafeForConcurrentUse(t *testing.T) {
	done := make(chan bool)
	for g := range 4 {
		go func() {
			for i := range 50 {
				sym := []string{"头/万人", "台/百户", "公斤/亩", "篇/万人"}[(g+i)%4]
				if _, err := LookupUnit(sym); err != nil {
					t.Error(err)
				}
				if !Ambiguous(sym) {
					t.Errorf("%s: a rate is ambiguous", sym)
				}
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
}
