package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/report"
)

func TestReportHTMLAndXLSX(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	if _, err := run(t, "--db", db, "run", "--out", dir); err != nil {
		t.Fatal(err)
	}
	// A note that looks like a formula, loaded from a bureau file.
	evil := write(t, dir, "evil.csv", "指标,年份,数值,单位,备注\n5G基站数量,2019,100,个,=HYPERLINK(\"http://x\")\n")
	if _, err := run(t, "--db", db, "load", evil); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "r.html")
	if _, err := run(t, "--db", db, "report", "--format", "html", "--out", html); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(html)
	page := string(b)
	for _, want := range []string{"中期评估报告", "目录", "一、总体评价", "二、主要成效", "三、存在问题", "四、下一步建议", "五、主要指标（附件1 指标事项）",
		"六、分领域评估", "七、牵头部门", "八、评估方法与阈值", "九、数据来源与版本", "附表", "报告年份 2024", "示例数据", "社会消费品零售总额",
		"县商务投资促进局", "@page", "counter(page)", "<svg", "时序进度法"} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	// Self-contained: nothing is fetched from the network.
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`).FindString(page); m != "" {
		t.Errorf("HTML report loads %s", m)
	}
	// One trajectory per quantitative target with data, plus the dashboard
	// and the progress chart.
	if n := strings.Count(page, "<svg"); n < 90 {
		t.Errorf("only %d charts in the report", n)
	}
	en := filepath.Join(dir, "en.html")
	if _, err := run(t, "--db", db, "report", "--format", "html", "--lang", "en", "--out", en); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(en)
	if !strings.Contains(string(b), "1. Overall assessment") || !strings.Contains(string(b), "illustrative data, not official") {
		t.Error("English report lacks its headings or the illustrative banner")
	}

	xlsx := filepath.Join(dir, "r.xlsx")
	if _, err := run(t, "--db", db, "report", "--format", "xlsx", "--out", xlsx); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := strings.Join(f.GetSheetList(), ",")
	if sheets != "汇总,附表,指标差距,目标路径,实际值,方法说明" {
		t.Errorf("sheets %s", sheets)
	}
	cf, err := f.GetConditionalFormats(report.SheetGap)
	if err != nil || len(cf) == 0 {
		t.Errorf("no conditional formatting on 指标差距: %v", err)
	}
	panes, _ := f.GetPanes(report.SheetGap)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v", panes)
	}
	pics, _ := f.GetPictureCells(report.SheetSummary)
	if len(pics) < 2 {
		t.Errorf("%d pictures on 汇总, want the progress chart and the dashboard", len(pics))
	}
	rows, _ := f.GetRows(report.SheetActuals)
	found := false
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, "HYPERLINK") {
				found = true
				if !strings.HasPrefix(c, "'=") {
					t.Errorf("formula-like text not neutralised: %q", c)
				}
			}
		}
	}
	if !found {
		t.Error("the loaded note is missing from 实际值")
	}
	// 实际值 carries the revision information.
	if len(rows) == 0 || !strings.Contains(strings.Join(rows[0], ","), "修订 revision") {
		t.Errorf("实际值 header: %v", rows[0])
	}

	docx := filepath.Join(dir, "r.docx")
	if _, err := run(t, "--db", db, "report", "--format", "docx", "--out", docx); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(docx); err != nil || len(b) < 10000 || string(b[:2]) != "PK" {
		t.Errorf("report.docx not written: %d bytes, %v", len(b), err)
	}
	pdf := filepath.Join(dir, "r.pdf")
	_, err = run(t, "--db", db, "report", "--format", "pdf", "--out", pdf)
	if _, missing := report.FindChromium(); missing != nil {
		if err == nil || !strings.Contains(err.Error(), "需要安装Chromium") {
			t.Errorf("without Chromium: %v", err)
		}
	} else if b, rerr := os.ReadFile(pdf); err != nil || rerr != nil || string(b[:4]) != "%PDF" {
		t.Errorf("report.pdf not written: %v %v", err, rerr)
	}
}

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+86": "'+86", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "冠县": "冠县", "": ""} {
		if got := report.Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}
