package model

import (
	"reflect"
	"testing"
)

// plan21 is a 十四五-style period: base 2020, years 2021–2025.
func plan21(kind Kind, op Operator, value, unit string) Target {
	t := target(kind, op, value, unit, "%", HigherIsBetter)
	t.BaseYear, t.FirstYear, t.TargetYear = 2020, 2021, 2025
	return t
}

func TestPeriodKinds(t *testing.T) {
	gdp := series(2021, "8.1", 2022, "3.0", 2023, "5.2")
	above := plan21(Relative, Above, "0", "百分点")
	above.RelativeTo = "gdp"
	inStep := above
	inStep.Operator = About
	rd := plan21(Reduction, AtLeast, "13.5", "%")
	avg := plan21(Average, AtLeast, "7", "%")
	annual := plan21(Annual, "", "0", "%")
	annual.Annual = []AnnualTarget{
		{Year: 2021, Operator: AtLeast, Value: d("6")},
		{Year: 2022, Operator: About, Value: d("5.5")},
		{Year: 2023, Operator: About, Value: d("5")},
	}
	assigned := target(Assigned, AtMost, "0", "万吨", "万吨", LowerIsBetter)
	assigned.BaseYear, assigned.FirstYear, assigned.TargetYear = 2020, 2021, 2025
	energy := series(2021, "120", 2022, "125")

	cases := []struct {
		name       string
		t          Target
		s, other   Series
		year       int
		met, ok    bool
		outcome    string
		failed     []int
		missing    []int
		unset      []int
		wantReason bool
	}{
		// Productivity 8.0, 2.5, 5.5 against GDP 8.1, 3.0, 5.2: differences
		// −0.1, −0.5, +0.3, sum −0.3, mean −0.1 → not above (2021, 2022
		// fail on their own).
		{"relative above", above, series(2021, "8.0", 2022, "2.5", 2023, "5.5"), gdp, 2023, false, true, "-0.1", []int{2021, 2022}, nil, nil, false},
		// 基本同步 with the default ±0.5 pp: mean −0.1 ≥ −0.5; 2022's −0.5 is
		// exactly at the edge, inside.
		{"relative in step", inStep, series(2021, "8.0", 2022, "2.5", 2023, "5.5"), gdp, 2023, true, true, "-0.1", nil, nil, nil, false},
		{"relative other missing", above, series(2021, "8.0", 2022, "2.5", 2023, "5.5", 2024, "6"), gdp, 2024, false, false, "0", []int{2021, 2022}, []int{2024}, nil, true},
		// 1 − 0.973·0.999·0.995 = 1 − 0.967166865 = 3.2833135%.
		{"reduction so far", rd, series(2020, "9", 2021, "2.7", 2022, "0.1", 2023, "0.5"), Series{}, 0, false, true, "3.2833135", nil, nil, nil, false},
		// 3, 3, 3, 3, 3 %: 0.97^5 = 0.8587340257, 1 − 0.97^5 = 14.12659743% ≥ 13.5.
		{"reduction met", rd, series(2021, "3", 2022, "3", 2023, "3", 2024, "3", 2025, "3"), Series{}, 0, true, true, "14.12659743", nil, nil, nil, false},
		{"reduction gap", rd, series(2021, "3", 2023, "3"), Series{}, 0, false, false, "0", nil, []int{2022}, nil, true},
		// 8 + 6.5 + 7 = 21.5 ≥ 3·7 = 21: on the average so far, mean 7.1666666667.
		{"average so far", avg, series(2021, "8", 2022, "6.5", 2023, "7"), Series{}, 0, true, true, "7.1666666667", nil, nil, nil, false},
		// 7 + 6.9 = 13.9 < 14.
		{"average short", avg, series(2021, "7", 2022, "6.9"), Series{}, 0, false, true, "6.95", nil, nil, nil, false},
		// 8.1 ≥ 6 met; 3.0 < 5.5 − 0.5 missed; 5.2 ≥ 4.5 met: 2 of 3.
		{"annual", annual, gdp, Series{}, 0, false, true, "2", []int{2022}, nil, nil, true},
		{"annual 2021 only", annual, gdp, Series{}, 2021, true, true, "1", nil, nil, nil, false},
		// 2021 120 ≤ 121 assigned; 2022 has no assignment yet.
		{"assigned unset", assigned, energy, series(2021, "121"), 0, false, false, "1", nil, nil, []int{2022}, true},
		{"assigned met", assigned, energy, series(2021, "121", 2022, "125"), 0, true, true, "2", nil, nil, nil, false},
		{"assigned missed", assigned, energy, series(2021, "119", 2022, "125"), 0, false, true, "1", []int{2021}, nil, nil, true},
	}
	for _, c := range cases {
		if err := c.t.Validate(); err != nil {
			t.Errorf("%s: valid target refused: %v", c.name, err)
		}
		v := c.t.AssessWith(c.s, c.other, nil, c.year)
		if v.Met != c.met || v.Assessable != c.ok || (v.Assessable && !v.Outcome.Equal(d(c.outcome))) {
			t.Errorf("%s: met %v assessable %v outcome %s (%s), want %v %v %s", c.name, v.Met, v.Assessable, v.Outcome, v.Reason, c.met, c.ok, c.outcome)
		}
		if !reflect.DeepEqual(v.FailedYears, c.failed) || !reflect.DeepEqual(v.MissingYears, c.missing) || !reflect.DeepEqual(v.UnsetYears, c.unset) {
			t.Errorf("%s: failed %v missing %v unset %v, want %v %v %v", c.name, v.FailedYears, v.MissingYears, v.UnsetYears, c.failed, c.missing, c.unset)
		}
		if (v.Reason != "") != c.wantReason {
			t.Errorf("%s: reason %q", c.name, v.Reason)
		}
	}
	if v := above.Assess(gdp, nil, 0); v.Assessable {
		t.Errorf("relative without the compared series judged: %+v", v)
	}
}

func TestPeriodKindValidate(t *testing.T) {
	noRef := plan21(Relative, Above, "0", "百分点")
	lvlInd := plan21(Reduction, AtLeast, "13.5", "%")
	lvlInd.Indicator.Unit = "吨标准煤/万元"
	outside := plan21(Annual, "", "0", "%")
	outside.Annual = []AnnualTarget{{Year: 2027, Operator: AtLeast, Value: d("6")}}
	badAttr := plan21(Average, AtLeast, "7", "%")
	badAttr.Attribute = "重要"
	growthOfRate := plan21(Growth, AtLeast, "7", "%")
	growthOfRate.Indicator.GrowthRate = true
	for name, c := range map[string]struct {
		t     Target
		field string
	}{
		"relative without the compared indicator": {noRef, "relative_to"},
		"reduction on a level indicator":          {lvlInd, "indicator_unit"},
		"annual year outside the period":          {outside, "annual"},
		"unknown attribute":                       {badAttr, "attribute"},
		"年均增长 of a growth-rate indicator":         {growthOfRate, "kind"},
	} {
		if err := c.t.Validate(); FieldOf(err) != c.field {
			t.Errorf("%s: %v, want a %s error", name, err, c.field)
		}
	}
}

func TestParseAttribute(t *testing.T) {
	for in, want := range map[string]string{"约束性": Binding, " 预期性指标 ": Indicative, "Binding": Binding, "indicative": Indicative, "": Unstated} {
		if got, err := ParseAttribute(in); err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", in, got, err, want)
		}
	}
	if _, err := ParseAttribute("重点"); err == nil {
		t.Error("重点 accepted as an attribute")
	}
}
