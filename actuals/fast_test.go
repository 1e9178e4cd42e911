package actuals

import (
	"fmt"
	"testing"
)

// The fast path decides only sooner, never differently: every value below,
// for indicators with and without bounds and units that need a unit
// column, with and without a unit, gives the same observation (value and
// exponent) or the same problem through both paths.
func TestFastPathAgreesWithGeneralPath(t *testing.T) {
	values := []string{"0", "-0", "1", "-5", "100", "100.0000000001", "99.9999999999", "12345678", "-12345678", "123456789",
		"0.12345678901", "0.1234567891", "1.5", "007", "1.", ".5", "-.5", "+3", "1e3", " 7", "1,234", "46.5%", "5.00",
		"-0.0000000001", "１２", "99999999.9999999999", "00000000.5", "1.50", "abc", "-", "—", "", "3.14 ", "0x10"}
	type row struct{ label, unit string }
	rows := []row{{"5G基站数量", ""}, {"5G基站数量", "个"}, {"常住人口城镇化率", ""}, {"常住人口城镇化率", "%"},
		{"社会消费品零售总额", ""}, {"社会消费品零售总额", "亿元"}, {"社会消费品零售总额", "万元"}, {"网上销售额增速", ""},
		{"网上销售额增速", "%"}, {"城镇新增就业人数", "万人"}}
	read := func(data string) string {
		f, probs := readOpt(t, []byte(data), Options{Name: "x.csv", Region: "冠县", Indicators: testIndicators, MaxYear: 2026})
		if probs != nil {
			return fmt.Sprint(probs)
		}
		out := fmt.Sprint(f.Values, f.NoData)
		for _, o := range f.Observations {
			out += fmt.Sprintf(" %s %s %d %s e%d", o.Indicator, o.Region, o.Year, o.Value, o.Value.Exponent())
		}
		return out
	}
	defer func() { fastPath = true }()
	for _, r := range rows {
		for _, v := range values {
			data := fmt.Sprintf("指标,年份,数值,单位\n%s,2023,%q,%s\n", r.label, v, r.unit)
			fastPath = true
			fast := read(data)
			fastPath = false
			slow := read(data)
			if fast != slow {
				t.Errorf("%s %q %s:\nfast %s\nslow %s", r.label, v, r.unit, fast, slow)
			}
		}
	}
}

func TestPlainDecimal(t *testing.T) {
	for in, want := range map[string]string{"0": "0 0 true", "-5": "-5 0 true", "543.6902": "5436902 4 true", "12345678": "12345678 0 true",
		"123456789": "0 0 false", "1.0123456789": "10123456789 10 true", "1.01234567891": "0 0 false", "1.": "0 0 false",
		".5": "0 0 false", "-": "0 0 false", "": "0 0 false", "+1": "0 0 false", "1e3": "0 0 false", "1..2": "0 0 false", "1.2.3": "0 0 false"} {
		c, d, ok := plainDecimal(in)
		if got := fmt.Sprint(c, d, ok); got != want {
			t.Errorf("plainDecimal(%q) = %s, want %s", in, got, want)
		}
	}
}

// With a sink the values stream out, in file order, and are not kept; a
// sink's error stops the read and comes back as it is.
func TestSink(t *testing.T) {
	data := "指标,年份,数值,单位,地区\n5G基站数量,2023,12,个,甲\n5G基站数量,2024,13.5,个,甲\n常住人口城镇化率,2024,46.5%,,乙\n"
	var got []string
	f, err := Read([]byte(data), Options{Name: "s.csv", Indicators: testIndicators, MaxYear: 2026, Sink: func(o Observation) error {
		got = append(got, fmt.Sprintf("%s %s %d %s row %d", o.Indicator, o.Region, o.Year, o.Value, o.Row))
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"base_stations_5g 甲 2023 12 row 2", "base_stations_5g 甲 2024 13.5 row 3", "urbanization_rate 乙 2024 46.5 row 4"}
	if fmt.Sprint(got) != fmt.Sprint(want) || len(f.Observations) != 0 || f.Values != 3 {
		t.Errorf("sink got %v (values %d, kept %d), want %v", got, f.Values, len(f.Observations), want)
	}
	stop := fmt.Errorf("disk full")
	_, err = Read([]byte(data), Options{Name: "s.csv", Indicators: testIndicators, MaxYear: 2026, Sink: func(Observation) error { return stop }})
	if err != stop {
		t.Errorf("sink error: got %v", err)
	}
	// A duplicate late in the file is still a problem: the caller discards
	// what the sink received.
	_, probs := readOpt(t, []byte(data+"5G基站数量,2023,12,个,甲\n"), Options{Name: "s.csv", Indicators: testIndicators, MaxYear: 2026,
		Sink: func(Observation) error { return nil }})
	if len(probs) != 1 || probs[0].Row != 5 || probs[0].Reason != "重复：5G基站数量、甲、2023年已在第2行给出 duplicate: 5G基站数量, 甲, 2023 already given on row 2" {
		t.Errorf("duplicate: %v", probs)
	}
}
