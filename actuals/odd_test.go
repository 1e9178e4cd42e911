package actuals

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// The odd corpus (testdata/odd) holds files that must LOAD although they are
// laid out the unusual ways offices produce them: Excel's "Unicode text",
// old Mac line endings, years written 2023.0, notes with semicolons and
// stray quotes, number formats that hide digits, a hidden first sheet, a
// label merged down two rows, a per-thousand unit. expect.txt lists every
// value each file must store — no more, no fewer — so a silently dropped
// row or a displayed-instead-of-stored digit fails. The CLI and the upload
// API run the same corpus against a real database (cli/odd_test.go,
// server/odd_test.go).
var regenOdd = flag.Bool("regen-odd", false, "rewrite testdata/odd from the generator")

// OddExpect is one expected stored value: file, indicator code, region,
// year and the exact value in the indicator's unit.
type OddExpect struct{ File, Indicator, Region, Year, Value string }

// ReadOddExpect reads testdata/odd/expect.txt, grouped by file.
func ReadOddExpect(t testing.TB, path string) map[string][]OddExpect {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]OddExpect{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("expect.txt: bad line %q", line)
		}
		out[f[0]] = append(out[f[0]], OddExpect{f[0], f[1], f[2], f[3], f[4]})
	}
	return out
}

// Key renders an expectation as indicator/region/year=value.
func (e OddExpect) Key() string {
	return e.Indicator + "/" + e.Region + "/" + e.Year + "=" + e.Value
}

func seedIndicators(t testing.TB) map[string]model.Indicator {
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Indicator{}
	for _, tg := range c.Targets {
		out[tg.Indicator.Code] = tg.Indicator
	}
	return out
}

func TestOddCorpusLoadsExactly(t *testing.T) {
	if *regenOdd {
		writeOddCorpus(t, "testdata/odd")
	}
	want := ReadOddExpect(t, "testdata/odd/expect.txt")
	files, _ := filepath.Glob("testdata/odd/*")
	n := 0
	for _, path := range files {
		name := filepath.Base(path)
		if name == "expect.txt" {
			continue
		}
		n++
		if want[name] == nil {
			t.Errorf("%s has no expected values in expect.txt", name)
			continue
		}
		f, err := ReadFile(path, Options{Name: name, Region: "冠县", Indicators: seedIndicators(t), Regions: []string{"冠县"}, MaxYear: 2026})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got, exp []string
		for _, o := range f.Observations {
			got = append(got, o.Indicator+"/"+o.Region+"/"+itoa(o.Year)+"="+o.Value.String())
		}
		for _, e := range want[name] {
			exp = append(exp, e.Key())
		}
		sort.Strings(got)
		sort.Strings(exp)
		if strings.Join(got, "\n") != strings.Join(exp, "\n") {
			t.Errorf("%s stored\n  %s\nwant\n  %s", name, strings.Join(got, "\n  "), strings.Join(exp, "\n  "))
		}
	}
	if n < 12 {
		t.Errorf("the odd corpus has %d files, want at least 12", n)
	}
}

// writeOddCorpus writes the files. Names and units are the seed plan's.
func writeOddCorpus(t *testing.T, dir string) {
	put := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
	u16 := "冠县主要指标\r\n指标\t计量单位\t2022年\t2023年\r\n常住人口城镇化率\t%\t42.1\t43.4\r\n社会消费品零售总额\t万元\t\"386,520\"\t\"421,300\"\r\n"
	enc, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(u16))
	put("excel-unicode-text.txt", enc)
	// Old Mac line endings (CR only), and mixed endings.
	put("cr-only.csv", []byte("指标,年份,数值,单位\r常住人口城镇化率,2022,42.1,%\r常住人口城镇化率,2023,43.4,%\r"))
	put("mixed-endings.csv", []byte("指标,年份,数值,单位\r\n高新技术企业数量,2022,58,家\n高新技术企业数量,2023,66,家\r高新技术企业数量,2024,73,家\r\n"))
	// Years written as Excel numbers and with 年 / 年度.
	put("year-forms.csv", []byte("指标,单位,2021.0,2022年,2023年度\n居民人均可支配收入,元,22539,23620,25077\n"))
	// A semicolon inside a quoted note in a comma file.
	put("semicolon-in-note.csv", []byte("指标,年份,数值,单位,备注\n空气质量优良天数比率,2023,61.2,%,\"初步核算; 待生态环境部门核定\"\n空气质量优良天数比率,2024,63.8,%,正式数\n"))
	// A stray quote in a 备注 cell must not swallow the rows after it.
	put("stray-quote.csv", []byte("指标,年份,数值,单位,备注\n城乡居民收入比,2022,1.89,比值,\"据统计快报\n城乡居民收入比,2023,1.87,比值,\n城乡居民收入比,2024,1.86,比值,正式数\n"))
	// A per-thousand unit: 0.19 个/千人 is 1.9 件/万人.
	put("per-thousand.csv", []byte("指标,年份,数值,单位\n万人高价值发明专利拥有量,2023,0.19,个/千人\n万人高价值发明专利拥有量,2024,2.4,件/万人\n"))
	// A UTF-8 file with a BOM, a title, a unit line, a section row and
	// footnotes, the way a yearbook table is saved from Excel.
	put("bom-yearbook.csv", []byte("\xEF\xBB\xBF表2-1 冠县主要指标\n单位：万元\n指标,2022年,2023年\n一、消费\n社会消费品零售总额,\"386,520\",\"421,300\"\n注：1. 本表为示例数据。\n资料来源：冠县统计局。\n"))

	book := func(name string, build func(f *excelize.File)) {
		f := excelize.NewFile()
		build(f)
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		put(name, buf.Bytes())
	}
	style := func(f *excelize.File, format string) int {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	// Percentages formatted as %: the stored value is the fraction.
	book("percent-format.xlsx", func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"指标", "单位", "2022年", "2023年"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"常住人口城镇化率", "%", 0.421, 0.4345})
		f.SetCellStyle("Sheet1", "C2", "D2", style(f, "0.0%"))
	})
	// Number formats that hide digits: the stored value is what counts.
	book("number-formats.xlsx", func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"指标", "单位", "2023年"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"社会消费品零售总额", "万元", 421234.56})
		f.SetSheetRow("Sheet1", "A3", &[]any{"常住人口城镇化率", "%", 43.14159})
		f.SetSheetRow("Sheet1", "A4", &[]any{"居民人均可支配收入", "元", 25077})
		f.SetCellStyle("Sheet1", "C2", "C2", style(f, "#,##0"))
		f.SetCellStyle("Sheet1", "C3", "C3", style(f, "0.0"))
		f.SetCellStyle("Sheet1", "C4", "C4", style(f, "0.00E+00"))
	})
	// The first sheet is hidden (an office's working sheet); the visible
	// second sheet is the table.
	book("hidden-first-sheet.xlsx", func(f *excelize.File) {
		f.SetSheetName("Sheet1", "底稿")
		f.SetSheetRow("底稿", "A1", &[]any{"指标", "年份", "数值", "单位"})
		f.SetSheetRow("底稿", "A2", &[]any{"常住人口城镇化率", 2023, 99, "%"})
		f.NewSheet("上报")
		f.SetSheetRow("上报", "A1", &[]any{"指标", "年份", "数值", "单位"})
		f.SetSheetRow("上报", "A2", &[]any{"常住人口城镇化率", 2023, 43.4, "%"})
		idx, _ := f.GetSheetIndex("上报")
		f.SetActiveSheet(idx) // excelize will not hide the active sheet
		if err := f.SetSheetVisible("底稿", false); err != nil {
			t.Fatal(err)
		}
	})
	// An indicator label merged down two rows: the second row inherits it.
	book("merged-label.xlsx", func(f *excelize.File) {
		f.SetSheetRow("Sheet1", "A1", &[]any{"指标", "年份", "数值", "单位"})
		f.SetSheetRow("Sheet1", "A2", &[]any{"社会消费品零售总额", 2022, 386520, "万元"})
		f.SetSheetRow("Sheet1", "B3", &[]any{2023, 421300, "万元"})
		f.MergeCell("Sheet1", "A2", "A3")
	})
}
