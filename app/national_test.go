package app

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestNationalSourcesCoverEveryFile: every embedded file has its document,
// and publication order puts the 2021 bulletin first and the 15th plan last.
func TestNationalSourcesCoverEveryFile(t *testing.T) {
	if err := checkNationalFiles(); err != nil {
		t.Fatal(err)
	}
	o := nationalOrder()
	if o[0].File != "2021-nbs-bulletin-2020.csv" || o[len(o)-1].File != "2026-plan15.csv" {
		t.Errorf("order starts %s, ends %s", o[0].File, o[len(o)-1].File)
	}
	// The 2023 MEE press conference (January) comes before that year's
	// NBS bulletin (28 February).
	at := map[string]int{}
	for i, s := range o {
		at[s.File] = i
	}
	if at["2023-mee-press-2022.csv"] > at["2023-nbs-bulletin-2022.csv"] {
		t.Error("publication order is not by date")
	}
}

func TestRestates(t *testing.T) {
	for _, c := range []struct {
		prev, v string
		want    bool
	}{
		{"67.89", "67.9", true}, // the 15th plan's rounding of the bulletin
		{"5.0", "5", true},
		{"8.4", "8.6", false}, // a revision
		{"3", "3.0", false},   // more digits is not a restatement
		{"67.84", "67.9", false},
		{"86.5", "86.5", false}, // the same figure again: loaded, the store finds it unchanged
	} {
		if got := restates(c.prev, decimal.RequireFromString(c.v)); got != c.want {
			t.Errorf("restates(%s, %s) = %v, want %v", c.prev, c.v, got, c.want)
		}
	}
}

// TestNationalRows: a bulletin-style file with a per-population row, a
// capacity and a constant-price R&D row.
func TestNationalRows(t *testing.T) {
	raw := "指标,年份,数值,单位,状态,备注\n" +
		"每万人口高价值发明专利拥有量,2024,14,件,初步核算,14件\n" +
		"粮食综合生产能力,2025,1.39,万亿斤,初步核算,表\n" +
		"全社会研发经费投入增长,2025,9.1,%,初步核算,按不变价格计算\n" +
		"常住人口城镇化率,2025,67.9,%,初步核算,表\n" +
		"城镇调查失业率,2025,5.2,%,最终核实,平均\n"
	latest := map[string]string{"常住人口城镇化率\x002025": "67.89"}
	data, sum, status, err := nationalRows([]byte(raw), NationalSource{File: "x.csv"}, latest, func(string, string) bool { return false })
	if err != nil {
		t.Fatal(err)
	}
	want := "指标,年份,数值,单位,状态,备注\n每万人口高价值发明专利拥有量,2024,14,件/万人,初步核算,14件\n城镇调查失业率,2025,5.2,%,最终核实,平均\n"
	if string(data) != want {
		t.Errorf("rows kept:\n%s\nwant:\n%s", data, want)
	}
	if sum.Rows != 5 || sum.Loaded != 2 || len(sum.Skipped) != 3 || status != "final" {
		t.Errorf("rows %d loaded %d skipped %v status %s", sum.Rows, sum.Loaded, sum.Skipped, status)
	}
	if !strings.Contains(strings.Join(sum.Skipped, "\n"), "第3行 row 3 粮食综合生产能力") {
		t.Errorf("skipped rows do not name the row: %v", sum.Skipped)
	}
}
