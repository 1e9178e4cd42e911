package actuals

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/sheet"
)

// parseTable parses an in-memory table with the default plan's catalogue.
func parseTable(t *testing.T, rows [][]string, opt Options) (*File, model.Problems) {
	t.Helper()
	return parseRows(t, sheet.FromStrings("t.csv", rows), opt)
}

func parseRows(t *testing.T, rows sheet.Rows, opt Options) (*File, model.Problems) {
	t.Helper()
	if opt.Indicators == nil {
		opt.Indicators = guanxian(t)
	}
	if opt.Region == "" {
		opt.Region = "冠县"
	}
	if opt.MaxYear == 0 {
		opt.MaxYear = 2026
	}
	f, err := Parse(rows, opt)
	if err == nil {
		return f, nil
	}
	probs, ok := err.(model.Problems)
	if !ok {
		t.Fatalf("want Problems, got %T %v", err, err)
	}
	return nil, probs
}

// cells builds a row of cells; "%" before a value marks a percentage-
// formatted cell, "^" a cell merged from above or left (its text repeats).
func cells(num int, texts ...string) sheet.Row {
	r := sheet.Row{Num: num}
	for _, s := range texts {
		c := sheet.Cell{Text: s}
		if v, ok := strings.CutPrefix(s, "%"); ok && v != "" {
			c = sheet.Cell{Text: v, Percent: true}
		}
		if v, ok := strings.CutPrefix(s, "^"); ok {
			c = sheet.Cell{Text: v, Merged: true}
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

func rowsOf(rs ...sheet.Row) sheet.Rows {
	return &sliceRows{info: sheet.Info{File: "t.xlsx"}, rows: rs}
}

func wantProblem(t *testing.T, probs model.Problems, row int, col string, parts ...string) {
	t.Helper()
	for _, p := range probs {
		ok := p.Row == row && (col == "" || p.Column == col)
		for _, s := range parts {
			ok = ok && strings.Contains(p.Reason, s)
		}
		if ok {
			return
		}
	}
	t.Errorf("no problem at row %d column %q with %q:\n%v", row, col, parts, probs)
}

func TestNameVariantsMatched(t *testing.T) {
	f, probs := parseTable(t, [][]string{
		{"指标", "单位", "2024年"},
		{"细颗粒物(PM2.5)平均浓度", "微克/立方米", "41"}, // 平均 for 年均: one character
		{"空气质量优良天数比例", "%", "64.1"},         // 比例 for 比率
		{"城镇化率（常住人口）", "%", "45.87"},        // qualifier in brackets
		{"社会消费品零售总额(亿元)", "", "46.12"},      // unit in the label
		{"  其中:全社会研发经费投入强度", "%", "2.73"},   // 其中 with a half-width colon
		{"平均预期寿命", "岁", "79.6"},             // an alias
		{"新增就业人数(城镇)", "人", "4580"},         // a qualifier moved into brackets
		{"#高新技术企业数量*", "家", "70"},           // # for 其中, a footnote mark
		{"５Ｇ基站数量", "个", "1032"},             // full-width name: exact
	}, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	var got []string
	for _, m := range f.Matched {
		got = append(got, fmt.Sprintf("%d %s %s", m.Row, m.Code, m.How))
	}
	want := "2 pm25 similar|3 good_air_days_ratio similar|4 urbanization_rate normalised|7 life_expectancy alias|8 urban_new_jobs similar"
	if strings.Join(got, "|") != want {
		t.Errorf("matches %s\nwant    %s", strings.Join(got, "|"), want)
	}
	got = nil
	for _, o := range f.Observations {
		got = append(got, o.Indicator+"="+o.Value.String())
	}
	want = "pm25=41 good_air_days_ratio=64.1 urbanization_rate=45.87 retail_sales=46.12 rd_intensity=2.73 life_expectancy=79.6 urban_new_jobs=4580 hightech_enterprises=70 base_stations_5g=1032"
	if strings.Join(got, " ") != want {
		t.Errorf("values %s\nwant   %s", strings.Join(got, " "), want)
	}
}

func TestSimilarOrAmbiguousNameRefused(t *testing.T) {
	_, probs := parseTable(t, [][]string{
		{"指标", "单位", "2024年"},
		{"5G基站总数", "个", "1032"}, // 总 changes the meaning: similar, not the same
		{"乡镇卫生院、社区卫生服务中心达到国家标准比例", "%", "80"}, // 基本 or 推荐?
	}, Options{})
	wantProblem(t, probs, 2, "指标", "未知指标“5G基站总数”，是否为：5G基站数量？", "unknown indicator “5G基站总数”; did you mean 5G基站数量?")
	wantProblem(t, probs, 3, "指标", "是否为：乡镇卫生院、社区卫生服务中心达到国家基本标准比例、乡镇卫生院、社区卫生服务中心达到国家推荐标准比例？")
	if len(probs) != 2 {
		t.Errorf("%d problems, want 2: %v", len(probs), probs)
	}
}

func TestUnusedIndicatorsSkippedOrStrict(t *testing.T) {
	table := [][]string{
		{"指标", "单位", "2023年", "2024年"},
		{"地区生产总值", "万元", "2,634,500", "2,790,100"},
		{"城镇居民人均可支配收入", "元", "35,020", "36,870"}, // close to 居民人均可支配收入, but another population
		{"第一产业增加值", "万元", "402,100", "415,300"},  // one character from the alias 第三产业增加值
		{"5G基站数量", "个", "845", "1,032"},
	}
	f, probs := parseTable(t, table, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	if got := values(f); len(got) != 2 || got["base_stations_5g/2023"] != "845" || got["base_stations_5g/2024"] != "1032" {
		t.Errorf("values %v", got)
	}
	var skipped []string
	for _, s := range f.Skipped {
		skipped = append(skipped, fmt.Sprintf("%d %s %s", s.Row, s.Label, s.Reason))
	}
	want := "2 地区生产总值 没有目标使用的指标 an indicator no target uses|3 城镇居民人均可支配收入 没有目标使用的指标 an indicator no target uses|4 第一产业增加值 没有目标使用的指标 an indicator no target uses"
	if strings.Join(skipped, "|") != want {
		t.Errorf("skipped %s\nwant    %s", strings.Join(skipped, "|"), want)
	}
	_, probs = parseTable(t, table, Options{Strict: true})
	if len(probs) != 3 {
		t.Errorf("strict: %d problems, want 3: %v", len(probs), probs)
	}
	wantProblem(t, probs, 2, "指标", "未知指标“地区生产总值”", "unknown indicator “地区生产总值”")
}

func TestAliasLoadsSilently(t *testing.T) {
	inds := guanxian(t)
	ind := inds["retail_sales"]
	ind.Aliases = append(ind.Aliases, "社会消费品零售总额（限上）") // as `plangap alias add` saves it
	inds["retail_sales"] = ind
	f, probs := parseTable(t, [][]string{{"指标", "单位", "2024年"}, {"社会消费品零售总额（限上）", "亿元", "30.5"}}, Options{Indicators: inds})
	if probs != nil {
		t.Fatal(probs)
	}
	if len(f.Matched) != 1 || f.Matched[0].How != MatchAlias || values(f)["retail_sales/2024"] != "30.5" {
		t.Errorf("matched %+v values %v", f.Matched, values(f))
	}
	var buf bytes.Buffer
	f.WriteSummary(&buf)
	if strings.Contains(buf.String(), "请核对") || !strings.Contains(buf.String(), "1 rows matched by an alias") {
		t.Errorf("summary:\n%s", buf.String())
	}
}

func TestEmptyLabelWithValues(t *testing.T) {
	// CSV: nothing says which indicator the values belong to.
	_, probs := parseTable(t, [][]string{
		{"指标", "单位", "2023年", "2024年"},
		{"5G基站数量", "个", "845", "1,032"},
		{"", "个", "12", "15"},
	}, Options{})
	if len(probs) != 1 {
		t.Fatalf("%d problems, want 1: %v", len(probs), probs)
	}
	wantProblem(t, probs, 3, "指标", "第3行有数值但没有指标名称 row 3 has values but no indicator name")

	// Workbook: the label cell is merged down from the row above, so the
	// row inherits it (the reader may leave a merged cell's text empty).
	f, probs := parseRows(t, rowsOf(
		cells(1, "指标", "单位", "2023年", "2024年"),
		cells(2, "高新技术企业数量", "家", "", ""),
		cells(3, "^", "^家", "61", "70"),
	), Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	if got := values(f); len(got) != 2 || got["hightech_enterprises/2023"] != "61" || got["hightech_enterprises/2024"] != "70" {
		t.Errorf("values %v", got)
	}
	if len(f.Skipped) != 1 || f.Skipped[0].Row != 2 || !strings.Contains(f.Skipped[0].Reason, "a label without values") {
		t.Errorf("skipped %+v", f.Skipped)
	}
}

func TestRegions(t *testing.T) {
	table := [][]string{{"地区", "指标", "年份", "数值", "单位"},
		{"冠县", "5G基站数量", "2024", "1032", "个"},
		{"冠 县", "5G基站数量", "2023", "845", "个"},
		{"火星县", "5G基站数量", "2023", "1", "个"},
	}
	_, probs := parseTable(t, table, Options{Regions: []string{"冠县", "莘县"}})
	if len(probs) != 2 {
		t.Errorf("%d problems, want 2: %v", len(probs), probs)
	}
	wantProblem(t, probs, 3, "地区", "未知地区“冠 县”，是否为“冠县”？", "unknown region “冠 县”; did you mean 冠县?")
	wantProblem(t, probs, 4, "地区", "未知地区“火星县”（已有：冠县、莘县）", "regions with a plan: 冠县, 莘县")

	// --new-region: adding one on purpose.
	f, probs := parseTable(t, table, Options{Regions: []string{"冠县"}, NewRegion: true})
	if probs != nil || len(f.Observations) != 3 || f.Observations[1].Region != "冠 县" {
		t.Errorf("new region: %v %v", probs, f)
	}
	// No Regions: no check, as before.
	if _, probs := parseTable(t, table, Options{}); probs != nil {
		t.Errorf("no check: %v", probs)
	}
	// The default region is checked once.
	_, probs = parseTable(t, [][]string{{"指标", "2024年"}, {"5G基站数量", "1"}, {"高新技术企业数量", "2"}}, Options{Region: "冠縣", Regions: []string{"冠县"}})
	if len(probs) != 1 || probs[0].Row != 0 || !strings.Contains(probs[0].Reason, "did you mean 冠县?") {
		t.Errorf("default region: %v", probs)
	}
}

func TestPercentCells(t *testing.T) {
	f, probs := parseRows(t, rowsOf(
		cells(1, "指标", "单位", "2023年", "2024年"),
		cells(2, "常住人口城镇化率", "%", "%0.4503", "%0.4587"), // stored fractions shown as 45.03%
		cells(3, "全社会研发经费投入强度", "%", "2.56", "2.73"),    // plain numbers in a % row
		cells(4, "空气质量优良天数比率", "", "62.5%", "64.1%"),    // percentage text
	), Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	got := values(f)
	want := map[string]string{"urbanization_rate/2023": "45.03", "urbanization_rate/2024": "45.87", "rd_intensity/2023": "2.56", "rd_intensity/2024": "2.73", "good_air_days_ratio/2023": "62.5", "good_air_days_ratio/2024": "64.1"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %s", k, got[k], v)
		}
	}
	if len(f.Notes) != 1 || !strings.HasPrefix(f.Notes[0], "2个百分比格式的单元格已乘以100存为%") || !strings.Contains(f.Notes[0], "0.4503 → 45.03%") {
		t.Errorf("notes %q", f.Notes)
	}

	_, probs = parseRows(t, rowsOf(
		cells(1, "指标", "单位", "2024年"),
		cells(2, "5G基站数量", "个", "%0.5"),
	), Options{})
	wantProblem(t, probs, 2, "2024年", "百分比格式的单元格，但“5G基站数量”以个计", "a percentage-formatted cell for 5G基站数量, which is kept in 个")
}

func TestYearHeaders(t *testing.T) {
	f, probs := parseTable(t, [][]string{
		{"指标", "单位", "2020", "2021年", "2022年度", "2023.0", "2024年（初步）", "2025年(初步核算)"},
		{"5G基站数量", "个", "300", "450", "612", "845", "1032", "1200"},
	}, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	got := values(f)
	for y, v := range map[int]string{2020: "300", 2021: "450", 2022: "612", 2023: "845", 2024: "1032", 2025: "1200"} {
		if got[fmt.Sprintf("base_stations_5g/%d", y)] != v {
			t.Errorf("%d = %q, want %s", y, got[fmt.Sprintf("base_stations_5g/%d", y)], v)
		}
	}
	_, probs = parseTable(t, [][]string{{"指标", "2023年", "2024-12-31"}, {"5G基站数量", "845", "1032"}}, Options{})
	wantProblem(t, probs, 1, "2024-12-31", "日期不是年份", "a date where a year belongs")
}

func TestGrowthColumnsSkipped(t *testing.T) {
	f, probs := parseTable(t, [][]string{
		{"指标", "单位", "2023年", "2024年", "增长%", "增速", "同比±%", "比上年±%", "备注"},
		{"5G基站数量", "个", "845", "1032", "22.1", "22.1", "22.1", "22.1", "示例"},
	}, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	if len(f.Observations) != 2 {
		t.Errorf("%d values, want 2", len(f.Observations))
	}
	var skipped []string
	for _, s := range f.Skipped {
		skipped = append(skipped, s.Column+": "+s.Reason)
	}
	want := []string{"增长%: 增长率列，不导入 growth-rate column, not loaded", "增速: 增长率列，不导入 growth-rate column, not loaded",
		"同比±%: 增长率列，不导入 growth-rate column, not loaded", "比上年±%: 增长率列，不导入 growth-rate column, not loaded",
		"备注: 第备注列不是年份列，其数值不导入 column 备注 is not a year column: its values are not loaded"}
	if strings.Join(skipped, "|") != strings.Join(want, "|") {
		t.Errorf("skipped\n%s\nwant\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
}

// Years on top, 绝对数 and growth below: the other common two-row header.
func TestYearsAboveBands(t *testing.T) {
	f, probs := parseRows(t, rowsOf(
		cells(1, "指标", "2023年", "^2023年", "2024年", "^2024年"),
		cells(2, "^指标", "绝对数", "比上年增长%", "绝对数", "比上年增长%"),
		cells(3, "高新技术企业数量", "61", "17.3", "70", "14.8"),
	), Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	if got := values(f); len(got) != 2 || got["hightech_enterprises/2023"] != "61" || got["hightech_enterprises/2024"] != "70" {
		t.Errorf("values %v", got)
	}
	if f.HeaderRow != 2 || len(f.Skipped) != 2 {
		t.Errorf("header row %d, skipped %+v", f.HeaderRow, f.Skipped)
	}
}

func TestTableUnitLine(t *testing.T) {
	f, probs := parseTable(t, [][]string{
		{"冠县主要指标（示例数据 illustrative）"},
		{"单位：万元"},
		{"指标", "2024年"},
		{"社会消费品零售总额", "461,200"},   // in the table's 万元
		{"农林牧渔业总产值（亿元）", "137.29"}, // its own unit wins
		{"城乡居民收入比", "1.73"},        // a ratio is not in 万元
	}, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	got := values(f)
	if got["retail_sales/2024"] != "46.12" || got["agri_output/2024"] != "137.29" || got["urban_rural_income_ratio/2024"] != "1.73" {
		t.Errorf("values %v", got)
	}
	// Without the unit line a bare money value is refused as before.
	_, probs = parseTable(t, [][]string{{"指标", "2024年"}, {"社会消费品零售总额", "461,200"}}, Options{})
	wantProblem(t, probs, 2, "2024年", "缺少单位", "no unit")
}

func TestFootnotesOnlyAfterNote(t *testing.T) {
	f, probs := parseTable(t, [][]string{
		{"指标", "单位", "2024年"},
		{"1.综合"}, // a numbered section before any 注: a label without values
		{"5G基站数量", "个", "1032"},
		{"注：本表为示例数据。"},
		{"1.增速按可比价计算。"},
		{"说明：示例。"},
		{"数据来源：示例"},
	}, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	var reasons []string
	for _, s := range f.Skipped {
		reasons = append(reasons, fmt.Sprintf("%d %s", s.Row, s.Reason))
	}
	want := "2 只有名称，没有数值 a label without values|4 表注 footnote|5 表注 footnote|6 表注 footnote|7 表注 footnote"
	if strings.Join(reasons, "|") != want {
		t.Errorf("skipped %s\nwant    %s", strings.Join(reasons, "|"), want)
	}
}

func TestProblemsCapped(t *testing.T) {
	table := [][]string{{"指标", "年份", "数值", "单位"}}
	for y := 2000; y < 2012; y++ {
		table = append(table, []string{"5G基站数量", fmt.Sprint(y), "abc", "个"})
	}
	_, probs := parseTable(t, table, Options{MaxProblems: 5})
	if len(probs) != 6 {
		t.Fatalf("%d problems, want 5 and a count", len(probs))
	}
	if probs[5].Reason != "另有7个问题未列出 7 more problems not listed" {
		t.Errorf("last problem %q", probs[5].Reason)
	}
}

func TestMergedValueRefused(t *testing.T) {
	// One value merged across two year columns: 2023 or 2024, or both?
	_, probs := parseRows(t, rowsOf(
		cells(1, "指标", "单位", "2023年", "2024年"),
		cells(2, "5G基站数量", "个", "845", "^845"),
	), Options{})
	if len(probs) != 1 {
		t.Fatalf("%d problems, want 1: %v", len(probs), probs)
	}
	wantProblem(t, probs, 2, "2024年", "合并单元格跨越多个年份或行", "a value in a merged cell spanning several years or rows")
}

func TestMarkedNameWithValuesIsNotAFootnote(t *testing.T) {
	f, probs := parseTable(t, [][]string{
		{"指标", "单位", "2024年"},
		{"*5G基站数量", "个", "1032"},
		{"*为初步数。"},
	}, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	if values(f)["base_stations_5g/2024"] != "1032" || len(f.Skipped) != 1 || f.Skipped[0].Row != 3 {
		t.Errorf("values %v skipped %+v", values(f), f.Skipped)
	}
}

func TestUnitLineNotASingleUnit(t *testing.T) {
	f, probs := parseTable(t, [][]string{
		{"单位：万元、%"},
		{"指标", "2024年"},
		{"常住人口城镇化率", "45.87"},
	}, Options{})
	if probs != nil {
		t.Fatal(probs)
	}
	if values(f)["urbanization_rate/2024"] != "45.87" || !strings.Contains(f.Skipped[0].Reason, "not used as the default unit") {
		t.Errorf("values %v skipped %+v", values(f), f.Skipped)
	}
}
