package report

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbook: no path rows for milestones, names beside codes, kinds in
// Chinese, scores rounded to one decimal, print setup on every sheet and
// the 附表 cell for cell as the report shows it.
func TestWorkbook(t *testing.T) {
	d := guanxian(t, 0, "zh")
	var b bytes.Buffer
	if err := XLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	paths, _ := f.GetRows(SheetPaths)
	milestones := map[string]bool{}
	want := 0
	for _, r := range d.Rows {
		if r.Target.Kind == "milestone" {
			milestones[r.Target.ID] = true
		} else {
			want += len(r.Path())
		}
	}
	for _, row := range paths[1:] {
		if milestones[row[0]] {
			t.Fatalf("目标路径 has a row for milestone %s: %q", row[0], row)
		}
		if y, _ := strconv.Atoi(row[3]); y < 2015 {
			t.Fatalf("目标路径 row for year %d: %q", y, row)
		}
	}
	// 99 quantitative targets over at most 2020–2025: a few hundred rows,
	// not the 10,515 milestones' years 0–2025 made.
	if got := len(paths) - 1; got != want || got > 99*6 {
		t.Errorf("目标路径 has %d rows, want %d (≤ 594)", got, want)
	}

	acts, _ := f.GetRows(SheetActuals)
	if acts[0][0] != "指标代码 code" || acts[0][1] != "指标名称 indicator" {
		t.Fatalf("实际值 header %q", acts[0][:3])
	}
	named := false
	for _, row := range acts[1:] {
		if row[0] == "afforestation" {
			named = row[1] != "" && row[1] != "afforestation"
		}
		if row[6] != "最终核实" && row[6] != "初步核算" {
			t.Fatalf("实际值 status %q, want 最终核实 or 初步核算", row[6])
		}
	}
	if !named {
		t.Error("实际值 shows the code afforestation without its name")
	}

	gap, _ := f.GetRows(SheetGap)
	for _, row := range gap[1:] {
		switch row[3] {
		case "水平值", "年均增长", "底线", "累计", "倍数", "新增", "每年百分点", "定性任务":
		default:
			t.Fatalf("指标差距 kind %q is not in Chinese", row[3])
		}
	}

	sum, _ := f.GetRows(SheetSummary)
	scores := 0
	for _, row := range sum {
		if len(row) > 2 && row[0] != "" {
			if v, err := strconv.ParseFloat(row[2], 64); err == nil {
				scores++
				if math.Abs(v*10-math.Round(v*10)) > 1e-9 {
					t.Errorf("汇总 %s score %s not rounded to one decimal", row[0], row[2])
				}
			}
		}
	}
	if scores < 5 {
		t.Errorf("汇总 has %d scores", scores)
	}

	for _, sh := range []string{SheetAnnex, SheetGap, SheetPaths, SheetActuals} {
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s: not landscape, fitted to width", sh)
		}
	}
	names := map[string]string{}
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			names[n.Scope] = n.RefersTo
		}
	}
	if !strings.Contains(names[SheetAnnex], "$2:$2") || !strings.Contains(names[SheetGap], "$1:$1") {
		t.Errorf("header rows do not repeat on printed pages: %v", names)
	}

	an := d.BuildAnnex()
	rows, _ := f.GetRows(SheetAnnex)
	if strings.Join(rows[1], "|") != strings.Join(an.Header, "|") {
		t.Errorf("附表 header %q, want %q", rows[1], an.Header)
	}
	for i, cells := range an.Rows {
		got := rows[i+2]
		for len(got) < len(cells) {
			got = append(got, "")
		}
		if strings.Join(got, "|") != strings.Join(cells, "|") {
			t.Errorf("附表 row %d in the workbook %q, in the report %q", i+1, got, cells)
		}
	}
}

// TestWorkbookMarksPreliminary: at report year 2025 the 指标差距 sheet
// says which figures are preliminary.
func TestWorkbookMarksPreliminary(t *testing.T) {
	d := guanxian(t, 2025, "zh")
	var b bytes.Buffer
	if err := XLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetGap)
	col := -1
	for i, h := range rows[0] {
		if h == "实绩数据状态 data status" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("指标差距 has no data-status column")
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) > col {
			got[r[0]] = r[col]
		}
	}
	// 社会消费品零售总额 2025 is preliminary; 制造业单项冠军企业数量 2024 final.
	if got["6"] != "初步核算 †" || got["T6c"] != "最终核实" {
		t.Errorf("data status 6 %q, T6c %q", got["6"], got["T6c"])
	}
}
