package actuals

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/plangap/plangap/sheet"
)

var regen = flag.Bool("regen", false, "rewrite testdata/yearbook/ from yearbookTable")

// yearbookTable is a county bureau's 主要指标 table laid out the way
// yearbooks print it: a merged title, a table number, a 单位 line, a
// two-row header with 绝对数 over the years and a growth column, sections,
// 其中 rows, a 计量单位 column with a blank unit for a ratio, thousands
// separators, footnotes, an indicator no target uses and names that differ
// from the catalogue's. The figures are made up (示例数据 illustrative).
//
// Cells are written as the CSV shows them. In the workbook, numbers are
// stored as numbers with a #,##0 format, "pct:" cells as a fraction with a
// 0.00% format, and the merges below apply.
var yearbookTable = [][]string{
	{"表2-1  冠县国民经济和社会发展主要指标（示例数据 illustrative）"},
	{"", "", "", "", "", "单位：万元"},
	{"指标", "计量单位", "绝对数", "", "", "2024年比上年增长（%）"},
	{"", "", "2022年", "2023", "2024年（初步）", ""},
	{"一、综合"},
	{"地区生产总值", "万元", "2,512,300", "2,634,500", "2,790,100", "5.6"},
	{"第三产业增加值", "万元", "1,201,500", "1,268,800", "1,350,200", "6.1"},
	{"常住人口", "万人", "73.52", "73.18", "72.86", "-0.4"},
	{"城镇化率（常住人口）", "%", "44.12", "45.03", "pct:0.4587", "0.84"},
	{"二、农业"},
	{"农林牧渔业总产值(现价)", "万元", "1,263,400", "1,318,700", "1,372,900", "3.9"},
	{"粮食总产量", "万吨", "56.12", "56.87", "57.03", "0.3"},
	{"蔬菜产量", "万吨", "131.6", "135.2", "138.9", "2.7"},
	{"三、工业"},
	{"规模以上工业增加值", "万元", "812,300", "868,100", "921,600", "6.3"},
	{"高新技术产业产值占规模以上工业总产值比重", "%", "27.6", "28.9", "30.2", "1.3"},
	{},
	{"四、国内贸易"},
	{"社会消费品零售总额(亿元)", "", "41.23", "43.58", "46.12", "5.8"},
	{"  其中：实物商品网络零售额占社会消费品零售总额比重", "%", "12.4", "13.9", "15.6", "1.7"},
	{"五、人民生活和生态环境"},
	{"（一）收入"},
	{"居民人均可支配收入", "元", "24,312", "25,890", "27,436", "6.0"},
	{"城镇居民人均可支配收入", "元", "33,150", "35,020", "36,870", "5.3"},
	{"农村居民人均可支配收入", "元", "18,640", "19,980", "21,280", "6.5"},
	{"城乡居民收入比", "", "1.78", "1.75", "1.73", "—"},
	{"（二）生态环境"},
	{"空气质量优良天数比例", "%", "60.8", "62.5", "64.1", "1.6"},
	{"细颗粒物(PM2.5)平均浓度①", "微克/立方米", "46", "44", "41", "-6.8"},
	{"六、科技"},
	{"5G基站数量", "个", "612", "845", "1,032", "22.1"},
	{"高新技术企业数量", "家", "52", "61", "70", "14.8"},
	{"全社会研发经费投入强度", "%", "2.41", "2.56", "2.73", "0.17"},
	{"注：1.地区生产总值、第三产业增加值按现价计算，增长速度按不变价计算。"},
	{"2.城乡居民收入比为城镇居民人均可支配收入与农村居民人均可支配收入之比。"},
	{"①细颗粒物平均浓度为全年日均值的算术平均。"},
	{"资料来源：示例数据，非官方统计 illustrative figures, not official statistics。"},
}

// yearbookMerges are the workbook's merged ranges. The CSV twin is what
// Excel saves for them: the text in the first cell, the rest empty.
var yearbookMerges = [][2]string{
	{"A1", "F1"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "E3"}, {"F3", "F4"}, {"A5", "F5"},
	// A long label wrapped over two rows, its cells merged down.
	{"A16", "A17"}, {"B16", "B17"}, {"C16", "C17"}, {"D16", "D17"}, {"E16", "E17"}, {"F16", "F17"},
	{"A34", "F34"}, {"A35", "F35"}, {"A36", "F36"}, {"A37", "F37"},
}

func TestRegenerateYearbook(t *testing.T) {
	if !*regen {
		t.Skip("run with -regen to rewrite testdata/yearbook/")
	}
	var csv strings.Builder
	for _, row := range yearbookTable {
		cells := make([]string, 6)
		for i, c := range row {
			c = strings.TrimPrefix(c, "pct:")
			if strings.HasPrefix(row[i], "pct:") {
				d, _ := strconv.ParseFloat(c, 64)
				c = strconv.FormatFloat(d*100, 'f', -1, 64)
			}
			if strings.ContainsAny(c, ",\"") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			cells[i] = c
		}
		csv.WriteString(strings.Join(cells, ",") + "\r\n")
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("testdata/yearbook/主要指标.csv", b, 0o644); err != nil {
		t.Fatal(err)
	}

	x := excelize.NewFile()
	sh := "表2-1"
	x.SetSheetName("Sheet1", sh)
	thousands, _ := x.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	decimals, _ := x.NewStyle(&excelize.Style{NumFmt: 4})  // #,##0.00
	percent, _ := x.NewStyle(&excelize.Style{NumFmt: 10})  // 0.00%
	yearNum, _ := x.NewStyle(&excelize.Style{NumFmt: 1})   // 0
	label, _ := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	for r, row := range yearbookTable {
		for c, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			num := strings.ReplaceAll(strings.TrimPrefix(v, "pct:"), ",", "")
			f, err := strconv.ParseFloat(num, 64)
			switch {
			case c == 0 || c == 1 || err != nil:
				x.SetCellStr(sh, cell, v)
				x.SetCellStyle(sh, cell, cell, label)
			case r == 3:
				x.SetCellInt(sh, cell, int64(f)) // a year typed as a number
				x.SetCellStyle(sh, cell, cell, yearNum)
			case strings.HasPrefix(v, "pct:"):
				x.SetCellFloat(sh, cell, f, -1, 64)
				x.SetCellStyle(sh, cell, cell, percent)
			default:
				x.SetCellFloat(sh, cell, f, -1, 64)
				style := thousands
				if strings.Contains(num, ".") {
					style = decimals
				}
				x.SetCellStyle(sh, cell, cell, style)
			}
		}
	}
	for _, m := range yearbookMerges {
		if err := x.MergeCell(sh, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	x.SetColWidth(sh, "A", "A", 44)
	x.SetColWidth(sh, "B", "B", 12)
	x.SetColWidth(sh, "C", "F", 14)
	if err := x.SaveAs("testdata/yearbook/主要指标.xlsx"); err != nil {
		t.Fatal(err)
	}
}

// xlsxRows reads a workbook sheet the way the sheet package's reader
// serves it: stored values, Percent for a percentage format, Merged for
// the covered cells of a merged range (repeating the first cell's text),
// formulas. It keeps these tests independent of the reader being written.
func xlsxRows(t *testing.T, path string) sheet.Rows {
	t.Helper()
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sh := x.GetSheetList()[0]
	grid, err := x.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	merges, _ := x.GetMergeCells(sh)
	covered := map[[2]int]string{}
	for _, m := range merges {
		c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				if r != r1 || c != c1 {
					covered[[2]int{r, c}] = m.GetCellValue()
				}
			}
		}
	}
	var rows []sheet.Row
	for r := 1; r <= len(grid); r++ {
		var cells []sheet.Cell
		for c := 1; c <= 6; c++ {
			name, _ := excelize.CoordinatesToCellName(c, r)
			cl := sheet.Cell{}
			if c-1 < len(grid[r-1]) {
				cl.Text = grid[r-1][c-1]
			}
			if v, ok := covered[[2]int{r, c}]; ok {
				cl.Text, cl.Merged = v, true
			}
			if id, err := x.GetCellStyle(sh, name); err == nil && id != 0 {
				if st, err := x.GetStyle(id); err == nil && (st.NumFmt == 9 || st.NumFmt == 10) {
					cl.Percent = true
				}
			}
			cl.Formula, _ = x.GetCellFormula(sh, name)
			cells = append(cells, cl)
		}
		rows = append(rows, sheet.Row{Num: r, Cells: cells})
	}
	return &sliceRows{info: sheet.Info{File: "主要指标.xlsx", Sheet: sh}, rows: rows}
}

// sliceRows serves prepared rows, cells with Percent or Merged set.
type sliceRows struct {
	info sheet.Info
	rows []sheet.Row
	i    int
}

func (s *sliceRows) Next() (sheet.Row, error) {
	if s.i >= len(s.rows) {
		return sheet.Row{}, io.EOF
	}
	s.i++
	return s.rows[s.i-1], nil
}
func (s *sliceRows) Info() sheet.Info { return s.info }
func (s *sliceRows) Close() error     { return nil }

// yearbookWant is every value the table must store, worked by hand in
// the indicator's unit: 万元 ÷ 10⁴ = 亿元; 万吨 = 10⁷ kg and 亿斤 = 5×10⁷ kg,
// so 万吨 ÷ 5 = 亿斤.
var yearbookWant = map[string]string{
	"services_va/2022": "120.15", "services_va/2023": "126.88", "services_va/2024": "135.02",
	"urbanization_rate/2022": "44.12", "urbanization_rate/2023": "45.03", "urbanization_rate/2024": "45.87",
	"agri_output/2022": "126.34", "agri_output/2023": "131.87", "agri_output/2024": "137.29",
	"grain_capacity/2022": "11.224", "grain_capacity/2023": "11.374", "grain_capacity/2024": "11.406",
	"vegetable_output/2022": "131.6", "vegetable_output/2023": "135.2", "vegetable_output/2024": "138.9",
	"hightech_output_share/2022": "27.6", "hightech_output_share/2023": "28.9", "hightech_output_share/2024": "30.2",
	"retail_sales/2022": "41.23", "retail_sales/2023": "43.58", "retail_sales/2024": "46.12",
	"online_retail_share/2022": "12.4", "online_retail_share/2023": "13.9", "online_retail_share/2024": "15.6",
	"disposable_income_pc/2022": "24312", "disposable_income_pc/2023": "25890", "disposable_income_pc/2024": "27436",
	"urban_rural_income_ratio/2022": "1.78", "urban_rural_income_ratio/2023": "1.75", "urban_rural_income_ratio/2024": "1.73",
	"good_air_days_ratio/2022": "60.8", "good_air_days_ratio/2023": "62.5", "good_air_days_ratio/2024": "64.1",
	"pm25/2022": "46", "pm25/2023": "44", "pm25/2024": "41",
	"base_stations_5g/2022": "612", "base_stations_5g/2023": "845", "base_stations_5g/2024": "1032",
	"hightech_enterprises/2022": "52", "hightech_enterprises/2023": "61", "hightech_enterprises/2024": "70",
	"rd_intensity/2022": "2.41", "rd_intensity/2023": "2.56", "rd_intensity/2024": "2.73",
}

// yearbookSkips are the rows and columns skipped, with their reasons.
var yearbookSkips = []string{
	"1 表2-1  冠县国民经济和社会发展主要指标（示例数据 illustrative） 标题 title",
	"2 单位：万元 单位行：本表默认单位万元 unit line: the table's default unit is 万元",
	"4 2024年比上年增长（%） 增长率列，不导入 growth-rate column, not loaded",
	"5 一、综合 分组标题行 section row",
	"6 地区生产总值 没有目标使用的指标 an indicator no target uses",
	"8 常住人口 没有目标使用的指标 an indicator no target uses",
	"10 二、农业 分组标题行 section row",
	"14 三、工业 分组标题行 section row",
	"15 规模以上工业增加值 没有目标使用的指标 an indicator no target uses",
	"18 四、国内贸易 分组标题行 section row",
	"21 五、人民生活和生态环境 分组标题行 section row",
	"22 （一）收入 分组标题行 section row",
	"24 城镇居民人均可支配收入 没有目标使用的指标 an indicator no target uses",
	"25 农村居民人均可支配收入 没有目标使用的指标 an indicator no target uses",
	"27 （二）生态环境 分组标题行 section row",
	"30 六、科技 分组标题行 section row",
	"34 注：1.地区生产总值、第三产业增加值按现价计算，增长速度按不变价计算。 表注 footnote",
	"35 2.城乡居民收入比为城镇居民人均可支配收入与农村居民人均可支配收入之比。 表注 footnote",
	"36 ①细颗粒物平均浓度为全年日均值的算术平均。 表注 footnote",
	"37 资料来源：示例数据，非官方统计 illustrative figures, not official statistics。 表注 footnote",
}

// yearbookMatches are the labels taken for indicators they do not spell.
var yearbookMatches = []string{
	"7 第三产业增加值 services_va alias",
	"9 城镇化率（常住人口） urbanization_rate normalised",
	"11 农林牧渔业总产值(现价) agri_output alias",
	"12 粮食总产量 grain_capacity alias",
	"28 空气质量优良天数比例 good_air_days_ratio similar",
	"29 细颗粒物(PM2.5)平均浓度① pm25 similar",
}

// yearbookXLSXSkips adds the continuation row of the label merged down,
// which a reader that reports merged cells sees.
func yearbookXLSXSkips() []string {
	skips := append(append([]string{}, yearbookSkips[:9]...), "17 高新技术产业产值占规模以上工业总产值比重 合并单元格的延续行 continuation of a merged range")
	return append(skips, yearbookSkips[9:]...)
}

func checkYearbook(t *testing.T, f *File, skips []string) {
	t.Helper()
	got := values(f)
	for k, v := range yearbookWant {
		if got[k] != v {
			t.Errorf("%s = %q, want %s", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := yearbookWant[k]; !ok {
			t.Errorf("unexpected value %s = %s", k, v)
		}
	}
	for _, o := range f.Observations {
		// The header says 2024年（初步）: those figures are preliminary.
		if want := map[bool]string{true: "preliminary", false: ""}[o.Year == 2024]; o.Status != want {
			t.Errorf("%s %d status %q, want %q", o.Indicator, o.Year, o.Status, want)
		}
	}
	if len(f.Observations) != len(yearbookWant) {
		t.Errorf("%d observations, want %d", len(f.Observations), len(yearbookWant))
	}
	var gotSkips []string
	for _, s := range f.Skipped {
		gotSkips = append(gotSkips, fmt.Sprintf("%d %s %s", s.Row, s.Label, s.Reason))
	}
	if len(gotSkips) != len(skips) {
		t.Errorf("%d skipped, want %d:\n%s", len(gotSkips), len(skips), strings.Join(gotSkips, "\n"))
	}
	for i := range min(len(gotSkips), len(skips)) {
		if gotSkips[i] != skips[i] {
			t.Errorf("skip %d: got %q, want %q", i, gotSkips[i], skips[i])
		}
	}
	var gotMatches []string
	for _, m := range f.Matched {
		gotMatches = append(gotMatches, fmt.Sprintf("%d %s %s %s", m.Row, m.Label, m.Code, m.How))
	}
	if strings.Join(gotMatches, "\n") != strings.Join(yearbookMatches, "\n") {
		t.Errorf("matches:\n%s\nwant:\n%s", strings.Join(gotMatches, "\n"), strings.Join(yearbookMatches, "\n"))
	}
	if f.Layout != "wide" || f.HeaderRow != 4 {
		t.Errorf("layout %s header row %d, want wide 4", f.Layout, f.HeaderRow)
	}
}

func TestYearbookCSV(t *testing.T) {
	data, err := os.ReadFile("testdata/yearbook/主要指标.csv")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(data, Options{Name: "主要指标.csv", Region: "冠县", Regions: []string{"冠县"}, Indicators: guanxian(t), MaxYear: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if f.Encoding != "GBK/GB18030" {
		t.Errorf("encoding %s", f.Encoding)
	}
	checkYearbook(t, f, yearbookSkips)
	if len(f.Notes) != 0 {
		t.Errorf("notes %q: the CSV has no percentage cells", f.Notes)
	}
	// Every value cell is stored: 16 indicator rows × 3 years, none lost.
	if f.NoData != 0 {
		t.Errorf("%d no-data cells, want 0", f.NoData)
	}
}

func TestYearbookXLSX(t *testing.T) {
	f, err := Parse(xlsxRows(t, "testdata/yearbook/主要指标.xlsx"), Options{Region: "冠县", Regions: []string{"冠县"}, Indicators: guanxian(t), MaxYear: 2026})
	if err != nil {
		t.Fatal(err)
	}
	checkYearbook(t, f, yearbookXLSXSkips())
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "1 percentage-formatted cells were stored ×100") || !strings.Contains(f.Notes[0], "0.4587 → 45.87%") {
		t.Errorf("notes %q, want one percentage conversion 0.4587 → 45.87", f.Notes)
	}
	var buf bytes.Buffer
	f.WriteSummary(&buf)
	for _, want := range []string{"“空气质量优良天数比例” → good_air_days_ratio 空气质量优良天数比率", "地区生产总值", "增长率列", "0.4587 → 45.87%"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestYearbookXLSXThroughRead reads the workbook the way plangap load does
// today. Values, skips and matches are those of the CSV twin; whether the
// 45.87% cell arrives as displayed text or as a Percent cell depends on
// the reader, so notes are not compared.
func TestYearbookXLSXThroughRead(t *testing.T) {
	data, err := os.ReadFile("testdata/yearbook/主要指标.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(data, Options{Name: "主要指标.xlsx", Region: "冠县", Regions: []string{"冠县"}, Indicators: guanxian(t), MaxYear: 2026})
	if err != nil {
		t.Fatal(err)
	}
	if f.Sheet != "表2-1" {
		t.Errorf("sheet %q", f.Sheet)
	}
	skips := yearbookSkips
	for _, s := range f.Skipped {
		if s.Row == 17 { // a reader that marks merged cells: row 17 is their continuation
			skips = yearbookXLSXSkips()
		}
	}
	checkYearbook(t, f, skips)
}
