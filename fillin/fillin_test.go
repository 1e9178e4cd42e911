package fillin

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

func defaultTemplate(t *testing.T) ([]byte, map[string]model.Indicator, []model.Indicator) {
	t.Helper()
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, c.Plan, c.Targets, 2020, 2025); err != nil {
		t.Fatal(err)
	}
	inds := map[string]model.Indicator{}
	for _, tg := range c.Targets {
		inds[tg.Indicator.Code] = tg.Indicator
	}
	return buf.Bytes(), inds, indicators(c.Targets)
}

// rowOf finds the data row of an indicator code in column B.
func rowOf(t *testing.T, f *excelize.File, code string) int {
	t.Helper()
	rows, _ := f.GetRows(DataSheet)
	for i, r := range rows {
		if len(r) > 1 && r[1] == code {
			return i + 1
		}
	}
	t.Fatalf("no row for %s", code)
	return 0
}

func TestTemplateLayout(t *testing.T) {
	data, inds, order := defaultTemplate(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != DataSheet || got[1] != InstructionsSheet {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows(DataSheet)
	if !strings.Contains(rows[0][0], "冠发〔2023〕5号") || !strings.Contains(rows[0][0], "行动") {
		t.Errorf("title row %q lacks the plan's title and 文号", rows[0][0])
	}
	wantHeader := "序号|指标代码|指标名称|计量单位|地区|2020年|2021年|2022年|2023年|2024年|2025年"
	if got := strings.Join(rows[2], "|"); got != wantHeader {
		t.Errorf("header %s, want %s", got, wantHeader)
	}
	// One row per indicator, each once: the default plan's 117 targets
	// measure len(inds) distinct indicators.
	if got := len(rows) - 3; got != len(inds) || len(order) != len(inds) {
		t.Errorf("%d data rows, want %d indicators", got, len(inds))
	}
	r := rowOf(t, f, "retail_sales")
	if got := strings.Join(rows[r-1][:5], "|"); !strings.HasSuffix(got, "|retail_sales|社会消费品零售总额|亿元|冠县") {
		t.Errorf("retail sales row %s", got)
	}
	panes, _ := f.GetPanes(DataSheet)
	if !panes.Freeze || panes.XSplit != 5 || panes.YSplit != 3 {
		t.Errorf("panes %+v, want frozen at F4", panes)
	}
	dvs, _ := f.GetDataValidations(DataSheet)
	var list, custom int
	for _, dv := range dvs {
		switch dv.Type {
		case "list":
			list++
			if !strings.Contains(dv.Formula1, "完成,未完成") {
				t.Errorf("milestone list %s", dv.Formula1)
			}
		case "custom":
			custom++
			if !strings.Contains(dv.Formula1, "ISNUMBER(") {
				t.Errorf("value rule %s", dv.Formula1)
			}
		}
	}
	if list == 0 || custom == 0 {
		t.Errorf("validations: %d list, %d custom", list, custom)
	}
	// Every value cell of a milestone row carries the list, every other
	// value cell the number rule.
	covered := func(cell string, typ string) bool {
		for _, dv := range dvs {
			if dv.Type != typ {
				continue
			}
			for _, ref := range strings.Fields(dv.Sqref) {
				a, b, _ := strings.Cut(ref, ":")
				c1, r1, _ := excelize.CellNameToCoordinates(a)
				c2, r2, _ := excelize.CellNameToCoordinates(b)
				c, r, _ := excelize.CellNameToCoordinates(cell)
				if c >= c1 && c <= c2 && r >= r1 && r <= r2 {
					return true
				}
			}
		}
		return false
	}
	for i, ind := range order {
		for col := 6; col <= 11; col++ {
			typ := "custom"
			if ind.Unit == "" {
				typ = "list"
			}
			if c := cellName(col, 4+i); !covered(c, typ) {
				t.Fatalf("%s (%s) has no %s validation", c, ind.Code, typ)
			}
		}
	}
	pl, _ := f.GetPageLayout(DataSheet)
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout %+v", pl)
	}
	props, _ := f.GetSheetProps(DataSheet)
	if props.FitToPage == nil || !*props.FitToPage {
		t.Error("not fit to page")
	}
	width, _ := f.GetColWidth(DataSheet, "C")
	if width < 30 {
		t.Errorf("name column width %v", width)
	}
	help, _ := f.GetRows(InstructionsSheet)
	text := ""
	for _, r := range help {
		text += strings.Join(r, "") + "\n"
	}
	for _, want := range []string{"计量单位", "—", "preliminary", "最终核实", "请勿修改指标代码、指标名称"} {
		if !strings.Contains(text, want) {
			t.Errorf("instructions lack %q", want)
		}
	}
}

// A template filled in as an office would, then read by the loader as is.
func TestFilledTemplateLoads(t *testing.T) {
	data, inds, _ := defaultTemplate(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	col := func(year int) int { return 6 + year - 2020 }
	set := func(code string, year int, v any) {
		if err := f.SetCellValue(DataSheet, cellName(col(year), rowOf(t, f, code)), v); err != nil {
			t.Fatal(err)
		}
	}
	set("retail_sales", 2023, 45.1)
	set("retail_sales", 2024, "134.5") // typed as text
	set("retail_sales", 2022, NoData)
	set("urbanization_rate", 2024, 45.63)
	set("agri_output", 2024, 1234567.8912) // 万元; many digits must survive the General format
	set("m_lingzhi_base", 2024, Done)
	set("m_core_tech_breakthrough", 2023, NotDone)
	// The office has agricultural output in 万元, not the row's 亿元: it
	// changes the row's unit cell, and the loader converts.
	if err := f.SetCellValue(DataSheet, cellName(4, rowOf(t, f, "agri_output")), "万元"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	file, err := actuals.Read(buf.Bytes(), actuals.Options{Name: "填报模板.xlsx", Indicators: inds})
	if err != nil {
		t.Fatalf("the filled template does not load: %v", err)
	}
	if file.Layout != "wide" || file.HeaderRow != 3 {
		t.Errorf("layout %s, header row %d", file.Layout, file.HeaderRow)
	}
	got := map[string]string{}
	for _, o := range file.Observations {
		if o.Region != "冠县" {
			t.Errorf("%s %d: region %q", o.Indicator, o.Year, o.Region)
		}
		got[o.Indicator+" "+strconv.Itoa(o.Year)] = o.Value.String()
	}
	want := map[string]string{
		"retail_sales 2023":             "45.1",
		"retail_sales 2024":             "134.5",
		"urbanization_rate 2024":        "45.63",
		"agri_output 2024":              "123.45678912", // 1234567.8912 万元 in 亿元
		"m_lingzhi_base 2024":           "1",
		"m_core_tech_breakthrough 2023": "0",
	}
	if len(got) != len(want) {
		t.Errorf("loaded %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %s", k, got[k], v)
		}
	}
}

func TestWriteRefusesBadYears(t *testing.T) {
	c, _ := datasets.DefaultPlan()
	for _, yy := range [][2]int{{2025, 2020}, {1900, 2020}, {2020, 2200}} {
		if err := Write(&bytes.Buffer{}, c.Plan, c.Targets, yy[0], yy[1]); err == nil {
			t.Errorf("years %v accepted", yy)
		}
	}
	if err := Write(&bytes.Buffer{}, c.Plan, nil, 2020, 2025); err == nil {
		t.Error("a plan without indicators gave a template")
	}
}
