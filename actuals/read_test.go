package actuals

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/plangap/plangap/model"
)

func dp(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

// testIndicators is a small catalogue: a money indicator kept in 亿元, a
// share, a count and a people figure.
var testIndicators = map[string]model.Indicator{
	"retail_sales":        {Code: "retail_sales", NameZh: "社会消费品零售总额", Unit: "亿元", Direction: model.HigherIsBetter, Min: dp("0"), Aliases: []string{"社零总额"}},
	"urbanization_rate":   {Code: "urbanization_rate", NameZh: "常住人口城镇化率", Unit: "%", Direction: model.HigherIsBetter, Min: dp("0"), Max: dp("100")},
	"base_stations_5g":    {Code: "base_stations_5g", NameZh: "5G基站数量", Unit: "个", Direction: model.HigherIsBetter, Min: dp("0")},
	"urban_new_jobs":      {Code: "urban_new_jobs", NameZh: "城镇新增就业人数", Unit: "人", Direction: model.HigherIsBetter, Min: dp("0")},
	"pm25":                {Code: "pm25", NameZh: "细颗粒物（PM2.5）年均浓度", Unit: "微克/立方米", Direction: model.LowerIsBetter, Min: dp("0"), Aliases: []string{"PM2.5"}},
	"online_sales_growth": {Code: "online_sales_growth", NameZh: "网上销售额增速", Unit: "%", Direction: model.HigherIsBetter},
	"m_smart_emergency":   {Code: "m_smart_emergency", NameZh: "建设“智慧应急”系统"},
	"hightech_firms":      {Code: "hightech_firms", NameZh: "高新技术企业数量", Unit: "家", Direction: model.HigherIsBetter, Min: dp("0")},
}

func read(t *testing.T, data []byte, name string) (*File, model.Problems) {
	t.Helper()
	return readOpt(t, data, Options{Name: name, Region: "冠县", Indicators: testIndicators, MaxYear: 2026})
}

func readOpt(t *testing.T, data []byte, opt Options) (*File, model.Problems) {
	t.Helper()
	f, err := Read(data, opt)
	if err == nil {
		return f, nil
	}
	probs, ok := err.(model.Problems)
	if !ok {
		t.Fatalf("want Problems, got %T %v", err, err)
	}
	return nil, probs
}

// values maps "indicator/year" to the value's string.
func values(f *File) map[string]string {
	out := map[string]string{}
	for _, o := range f.Observations {
		out[o.Indicator+"/"+itoa(o.Year)] = o.Value.String()
	}
	return out
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

const wideYearbook = `冠县主要经济指标（2021—2023年）
指标,单位,2021年,2022年,2023年
社会消费品零售总额,万元,"372,100",386520,421300.5
常住人口城镇化率,%,41.2,—,43.4
5G基站数量,个,560,820,…
城镇新增就业人数,人,4710,4630,4580
`

// The values a statistician expects, worked by hand: 万元 ÷ 10⁴ = 亿元.
var wideWant = map[string]string{
	"retail_sales/2021": "37.21", "retail_sales/2022": "38.652", "retail_sales/2023": "42.13005",
	"urbanization_rate/2021": "41.2", "urbanization_rate/2023": "43.4",
	"base_stations_5g/2021": "560", "base_stations_5g/2022": "820",
	"urban_new_jobs/2021": "4710", "urban_new_jobs/2022": "4630", "urban_new_jobs/2023": "4580",
}

func gbk(t *testing.T, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWideGBKWithTitleRow(t *testing.T) {
	data := gbk(t, wideYearbook)
	f, probs := read(t, data, "yearbook.csv")
	if probs != nil {
		t.Fatal(probs)
	}
	if f.Encoding != "GBK/GB18030" || f.Layout != "wide" || f.HeaderRow != 2 {
		t.Errorf("encoding %s layout %s header row %d", f.Encoding, f.Layout, f.HeaderRow)
	}
	got := values(f)
	if len(got) != len(wideWant) {
		t.Errorf("%d values, want %d: %v", len(got), len(wideWant), got)
	}
	for k, v := range wideWant {
		if got[k] != v {
			t.Errorf("%s = %q, want %s", k, got[k], v)
		}
	}
	if f.NoData != 2 {
		t.Errorf("%d no-data cells, want 2 (— and …)", f.NoData)
	}
}

func TestWideXLSXMatchesCSV(t *testing.T) {
	x := excelize.NewFile()
	sh := "Sheet1"
	x.SetCellValue(sh, "A1", "冠县主要经济指标（2021—2023年）")
	x.MergeCell(sh, "A1", "E1")
	rows := [][]any{
		{"指标", "单位", "2021年", "2022年", "2023年"},
		{"社会消费品零售总额", "万元", 372100, 386520, 421300.5},
		{"常住人口城镇化率", "%", 41.2, "—", 43.4},
		{"5G基站数量", "个", 560, 820, "…"},
		{"城镇新增就业人数", "人", 4710, 4630, 4580},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		x.SetSheetRow(sh, cell, &r)
	}
	var buf bytes.Buffer
	x.Write(&buf)
	f, probs := read(t, buf.Bytes(), "yearbook.xlsx")
	if probs != nil {
		t.Fatal(probs)
	}
	got := values(f)
	for k, v := range wideWant {
		if got[k] != v {
			t.Errorf("xlsx %s = %q, want %s", k, got[k], v)
		}
	}
	if len(got) != len(wideWant) {
		t.Errorf("%d values, want %d", len(got), len(wideWant))
	}
}

func TestLongUTF8BOM(t *testing.T) {
	data := "\ufeff指标名称,年份,数值,单位,状态,备注\n" +
		"社零总额,2023,\"1,234,567.8\",万元,初步核算,\n" +
		"常住人口城镇化率,２０２３,４３．４,,最终核实,\n" +
		"PM2.5,2023年,48,微克/立方米,,\n" +
		"常住人口城镇化率,2022,46.5%,,,\n"
	f, probs := read(t, []byte(data), "long.csv")
	if probs != nil {
		t.Fatal(probs)
	}
	got := values(f)
	want := map[string]string{"retail_sales/2023": "123.45678", "urbanization_rate/2023": "43.4", "pm25/2023": "48", "urbanization_rate/2022": "46.5"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %s", k, got[k], v)
		}
	}
	if f.Observations[0].Status != "preliminary" || f.Observations[1].Status != "final" {
		t.Errorf("statuses %q %q", f.Observations[0].Status, f.Observations[1].Status)
	}
}

func TestEveryProblemReported(t *testing.T) {
	data := "指标,年份,数值,单位\n" +
		"社会消费品零售总额,2023,42.1,亿元\n" +
		"不存在的指标,2023,1,个\n" + // row 3: unknown indicator
		"常住人口城镇化率,2023,120,%\n" + // row 4: share out of bounds
		"5G基站数量,2023,-5,个\n" + // row 5: negative count
		"城镇新增就业人数,1850,4500,人\n" + // row 6: implausible year
		"社会消费品零售总额,2023,42.2,亿元\n" + // row 7: duplicate of row 2
		"社会消费品零售总额,2022,38,万吨\n" + // row 8: unit mismatch
		"城镇新增就业人数,2023,四千五,人\n" + // row 9: not a number
		"社会消费品零售总额,2021,37\n" // row 10: ambiguous, no unit
	// Strict: an indicator no target uses is an error, not a skipped row.
	_, probs := readOpt(t, []byte(data), Options{Name: "bad.csv", Region: "冠县", Indicators: testIndicators, MaxYear: 2026, Strict: true})
	want := []struct {
		row    int
		col    string
		reason string
	}{
		{3, "指标", "unknown indicator"}, {4, "数值", "above the indicator's natural bound"},
		{5, "数值", "negative"}, {6, "年份", "implausible year"}, {7, "数值", "duplicate"},
		{8, "数值", "unit mismatch"}, {9, "数值", "not a number"}, {10, "数值", "no unit"},
	}
	if len(probs) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(probs), len(want), probs)
	}
	for _, w := range want {
		found := false
		for _, p := range probs {
			if p.Row == w.row && p.Column == w.col && strings.Contains(p.Reason, w.reason) && p.File == "bad.csv" {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem at row %d column %s containing %q:\n%v", w.row, w.col, w.reason, probs)
		}
	}
}

func TestParseNumber(t *testing.T) {
	ok := map[string]string{"1,234.5": "1234.5", "１２３．４": "123.4", "46.5%": "46.5", "-0.6": "-0.6", " 7 ": "7", "1e3": "1000", ".5": "0.5"}
	for in, want := range ok {
		d, _, err := parseNumber(in)
		if err != nil || d.String() != want {
			t.Errorf("parseNumber(%q) = %s, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"NaN", "Inf", "-Infinity", "1e400", "12,34", "1.2.3", "0x10", "1_000", "abc", "=1+1"} {
		if d, _, err := parseNumber(in); err == nil && in != "1e400" {
			t.Errorf("parseNumber(%q) = %s, want an error", in, d)
		}
	}
}

func TestTooLargeValueRefused(t *testing.T) {
	_, probs := read(t, []byte("指标,年份,数值,单位\n5G基站数量,2023,1e400,个\n"), "big.csv")
	if len(probs) != 1 || !strings.Contains(probs[0].Reason, "too large") {
		t.Errorf("1e400: %v", probs)
	}
}

func TestEncodingErrors(t *testing.T) {
	// GBK bytes behind a UTF-8 BOM.
	mixed := append([]byte{0xEF, 0xBB, 0xBF}, gbk(t, wideYearbook)...)
	if _, probs := read(t, mixed, "mixed.csv"); len(probs) != 1 || !strings.Contains(probs[0].Reason, "byte-order mark") {
		t.Errorf("BOM+GBK: %v", probs)
	}
	// UTF-16 is neither UTF-8 nor GBK.
	utf16 := []byte{0xFF, 0xFE, 0x07, 0x63, 0x07, 0x68, 0x0a, 0x00, 0x00, 0xD8}
	if _, probs := read(t, utf16, "utf16.csv"); len(probs) != 1 {
		t.Errorf("UTF-16: %v", probs)
	}
}
