package report

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// Sheet names of the workbook.
const (
	SheetSummary = "汇总"
	SheetAnnex   = "附表"
	SheetGap     = "指标差距"
	SheetPaths   = "目标路径"
	SheetActuals = "实际值"
	SheetMethods = "方法说明"
)

// Safe neutralises text that a spreadsheet could take for a formula: a
// leading = + - or @ gets an apostrophe in front, so "=HYPERLINK(…)" from
// an uploaded file stays text.
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// xw writes rows into a sheet, cell by cell.
type xw struct {
	f     *excelize.File
	sheet string
	row   int
}

func (w *xw) put(cells ...any) {
	w.row++
	for i, c := range cells {
		ref, _ := excelize.CoordinatesToCellName(i+1, w.row)
		switch v := c.(type) {
		case string:
			w.f.SetCellStr(w.sheet, ref, Safe(v))
		case float64:
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				w.f.SetCellFloat(w.sheet, ref, v, -1, 64)
			}
		case nil:
		default:
			w.f.SetCellValue(w.sheet, ref, v)
		}
	}
}

// numberFormat picks a display format for values in a unit.
func numberFormat(unit string) string {
	switch unit {
	case "亿元", "万元", "万吨", "亿斤", "万亩", "万千瓦", "万人次":
		return "#,##0.00"
	case "元", "人", "个", "家", "名", "亩", "公里", "件", "起", "届":
		return "#,##0"
	case "%", "岁", "微克/立方米":
		return "0.0"
	}
	return "0.00"
}

// XLSX writes the workbook: 汇总, 指标差距, 目标路径, 实际值 (every revision)
// and 方法说明, with frozen headers, number formats per unit, status colours
// by conditional formatting and the charts embedded.
func XLSX(w io.Writer, d *Data) error {
	d = d.prepared()
	f := excelize.NewFile()
	defer f.Close()
	th := d.Theme
	f.SetSheetName("Sheet1", SheetSummary)
	for _, s := range []string{SheetAnnex, SheetGap, SheetPaths, SheetActuals, SheetMethods} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	red, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "D55E00"}})
	pctStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0%")})
	ppStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0")})
	header := func(sheet string, row int, n int) {
		a, _ := excelize.CoordinatesToCellName(1, row)
		b, _ := excelize.CoordinatesToCellName(n, row)
		f.SetCellStyle(sheet, a, b, bold)
		f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: fmt.Sprintf("A%d", row+1), ActivePane: "bottomLeft"})
	}

	// 汇总
	s := &xw{f: f, sheet: SheetSummary}
	s.put(d.PlanTitle() + " " + d.t("中期评估", "mid-term evaluation"))
	f.SetCellStyle(SheetSummary, "A1", "A1", title)
	s.put(d.l(labels.Region), d.Plan.Region, d.l(labels.DocNo), d.DocNo())
	s.put(d.l(labels.ReportYear), intOrNil(d.ReportYear()), d.l(labels.MethodHeading), th.MethodLabel(d.Config.Method))
	if d.Illustrative() {
		s.put(d.t("本工作簿使用示例数据（illustrative, not official），不代表官方统计。", "This workbook uses illustrative data, not official statistics."))
		f.SetCellStyle(SheetSummary, fmt.Sprintf("A%d", s.row), fmt.Sprintf("A%d", s.row), red)
	}
	s.put()
	head := s.row + 1
	statuses := analysis.MethodStatuses[d.Config.Method]
	hdr := []any{d.l(labels.ChapterHeading), d.l(labels.Targets), d.l(labels.Composite)}
	for _, st := range statuses {
		hdr = append(hdr, th.StatusLabel(st))
	}
	s.put(hdr...)
	groups := analysis.Aggregate(d.Rows, analysis.ByChapter)
	sortGroups(groups)
	for _, g := range append(groups, analysis.Aggregate(d.Rows, func(analysis.Row) []string { return []string{d.l(labels.Total)} })...) {
		row := []any{g.Key, g.Total, roundScore(g.Composite)}
		for _, st := range statuses {
			row = append(row, g.Counts[st])
		}
		s.put(row...)
	}
	header(SheetSummary, head, len(hdr))
	f.SetColWidth(SheetSummary, "A", "A", 16)
	s.put()
	chartRow := s.row + 1
	if err := embedCharts(f, d, chartRow); err != nil {
		return err
	}

	// 指标差距
	g := &xw{f: f, sheet: SheetGap}
	cols := []any{labels.ID.Both(), labels.Indicator.Both(), labels.UnitHeading.Both(), labels.KindHeading.Both(), labels.BaseYearHeading.Both(), labels.Base.Both(), labels.LatestYear.Both(), labels.ActualShort.Both(),
		labels.Target.Both(), labels.Gap.Both(), "完成进度π", "时序进度τ", "π−τ（百分点）", labels.RequiredRate.Both(), labels.RequiredIncrement.Both(),
		labels.ObservedRate.Both(), "R", labels.ProjectionHeading.Both(), "预测下限95%", "预测上限95%", labels.Probability.Both(), labels.StatusHeading.Both(), labels.MethodHeading.Both(),
		labels.LeadHeading.Both(), labels.ChapterHeading.Both(), labels.Clause.Both(), labels.NoteHeading.Both(), labels.Illustrative.Both(), labels.DataStatus.Both()}
	g.put(cols...)
	for _, r := range d.Rows {
		t := r.Target
		fl := func(p interface{ InexactFloat64() float64 }, ok bool) any {
			if !ok {
				return nil
			}
			return p.InexactFloat64()
		}
		proj, lo, hi := math.NaN(), math.NaN(), math.NaN()
		if r.Projections.FitOK {
			proj, lo, hi = r.Projections.Fit.Value, r.Projections.Fit.Low95, r.Projections.Fit.High95
		}
		illus := ""
		if r.Illustrative {
			illus = d.l(labels.Yes)
		}
		g.put(t.ID, th.Name(t), t.Indicator.Unit, d.kindName(t.Kind), intOrNil(r.BaseYear), fl(r.BaseValue, r.BaseValue != nil), intOrNil(r.Year),
			fl(r.Actual, r.Actual != nil), fl(r.TargetLevel, r.TargetLevel != nil), fl(r.Gap, r.Gap != nil),
			r.Completion, r.TimeShare, r.ScheduleGap, r.RequiredRate, r.RequiredIncrement, r.ObservedRate, r.Ratio, proj, lo, hi, r.Probability,
			th.StatusLabel(r.Status), th.MethodLabel(r.Method), strings.Join(t.LeadDepartments, "、"), t.Chapter, t.Clause, r.Note, illus, d.actualStatus(r))
		// Per-unit number formats for the value columns.
		st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(numberFormat(t.Indicator.Unit))})
		f.SetCellStyle(SheetGap, fmt.Sprintf("F%d", g.row), fmt.Sprintf("F%d", g.row), st)
		f.SetCellStyle(SheetGap, fmt.Sprintf("H%d", g.row), fmt.Sprintf("J%d", g.row), st)
		f.SetCellStyle(SheetGap, fmt.Sprintf("R%d", g.row), fmt.Sprintf("T%d", g.row), st)
	}
	last := g.row
	for _, c := range []string{"K", "L", "N", "P", "U"} {
		f.SetCellStyle(SheetGap, c+"2", fmt.Sprintf("%s%d", c, last), pctStyle)
	}
	f.SetCellStyle(SheetGap, "M2", fmt.Sprintf("M%d", last), ppStyle)
	header(SheetGap, 1, len(cols))
	f.SetColWidth(SheetGap, "B", "B", 34)
	f.SetColWidth(SheetGap, "V", "X", 16)
	if err := statusFormatting(f, SheetGap, fmt.Sprintf("V2:V%d", max(2, last)), d); err != nil {
		return err
	}
	f.AutoFilter(SheetGap, fmt.Sprintf("A1:AC%d", max(2, last)), nil)

	// 目标路径
	p := &xw{f: f, sheet: SheetPaths}
	p.put(labels.ID.Both(), labels.Indicator.Both(), labels.UnitHeading.Both(), labels.Year.Both(), labels.Planned.Both(), labels.Required.Both(), labels.ActualShort.Both(), "差距 gap（>0 落后）")
	for _, r := range d.Rows {
		t := r.Target
		if t.Kind == model.Milestone {
			// A qualitative task has no path: done or not done.
			continue
		}
		dir := 1.0
		if t.Indicator.Direction == model.LowerIsBetter {
			dir = -1
		}
		for _, pt := range r.Path() {
			var act, gap any
			if pt.Actual != nil {
				a := pt.Actual.InexactFloat64()
				act = a
				if !math.IsNaN(pt.Planned) {
					gap = dir * (pt.Planned - a)
				}
			}
			p.put(t.ID, th.Name(t), t.Indicator.Unit, pt.Year, pt.Planned, pt.Required, act, gap)
		}
	}
	header(SheetPaths, 1, 8)
	f.SetColWidth(SheetPaths, "B", "B", 34)

	// 实际值, with every revision
	a := &xw{f: f, sheet: SheetActuals}
	a.put("指标代码 code", "指标名称 indicator", "单位 unit", "地区 region", "年份 year", "数值 value", "数据状态 status", "批次 batch", "导入时间（北京时间）loaded (Beijing time)", "来源 source",
		"修订 revision", "被批次取代 superseded by", "备注 note", "示例数据 illustrative")
	names := map[string]model.Indicator{}
	for _, in := range d.Inputs {
		names[in.Target.Indicator.Code] = in.Target.Indicator
	}
	rev := map[string]int{}
	for _, x := range d.Revisions {
		key := x.Indicator + "|" + x.Region + "|" + fmt.Sprint(x.Year)
		rev[key]++
		sup := any(nil)
		if x.SupersededBy > 0 {
			sup = x.SupersededBy
		}
		illus := ""
		if x.Illustrative {
			illus = d.l(labels.Yes)
		}
		ind := names[x.Indicator]
		name := ind.NameZh
		if !th.Zh() && ind.NameEn != "" {
			name = ind.NameEn
		}
		a.put(x.Indicator, name, ind.Unit, x.Region, x.Year, x.Value.InexactFloat64(), d.dataStatus(x.Status), x.Batch, x.LoadedAt.In(Beijing).Format("2006-01-02 15:04:05"),
			x.Source, rev[key], sup, x.Note, illus)
	}
	header(SheetActuals, 1, 14)
	f.SetColWidth(SheetActuals, "A", "A", 22)
	f.SetColWidth(SheetActuals, "B", "B", 30)
	f.SetColWidth(SheetActuals, "J", "J", 36)

	if err := d.annexSheet(f, bold, title); err != nil {
		return err
	}
	for _, sh := range []string{SheetSummary, SheetAnnex, SheetGap, SheetPaths, SheetActuals, SheetMethods} {
		if err := printSetup(f, sh); err != nil {
			return err
		}
	}

	// 方法说明
	m := &xw{f: f, sheet: SheetMethods}
	m.put(d.t("评估方法与阈值", "Methods and thresholds"))
	f.SetCellStyle(SheetMethods, "A1", "A1", title)
	for _, line := range thresholds(d) {
		m.put(line)
	}
	m.put()
	m.put(d.t("完成进度、时序进度、增速、概率为小数（0.46 即 46%）；实绩、目标、差距、预测使用指标单位。", "Shares, rates and probabilities are fractions (0.46 = 46%); actual, target, gap and projection keep the indicator's unit."))
	f.SetColWidth(SheetMethods, "A", "A", 140)

	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// roundScore rounds a composite score to one decimal, as the report
// prints it (80.3, not 80.2811); NaN stays empty.
func roundScore(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return math.Round(v*10) / 10
}

func (d *Data) kindName(k model.Kind) string { return labels.Kind(k, d.Theme.Lang) }

// printSetup prints a sheet on landscape A4, fitted to the page width,
// with its header row repeated on every page.
func printSetup(f *excelize.File, sheet string) error {
	orient, size, wide, tall := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return fmt.Errorf("print setup %s: %w", sheet, err)
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("print setup %s: %w", sheet, err)
	}
	row := 1
	if sheet == SheetAnnex {
		row = 2
	}
	if sheet == SheetSummary || sheet == SheetMethods {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, row, row), Scope: sheet})
}

// annexSheet writes the 附表, cell for cell as the report and the Word file
// show it.
func (d *Data) annexSheet(f *excelize.File, bold, title int) error {
	an := d.BuildAnnex()
	w := &xw{f: f, sheet: SheetAnnex}
	w.put(an.Title)
	f.SetCellStyle(SheetAnnex, "A1", "A1", title)
	head := make([]any, len(an.Header))
	for i, h := range an.Header {
		head[i] = h
	}
	w.put(head...)
	last, _ := excelize.CoordinatesToCellName(len(an.Header), 2)
	f.SetCellStyle(SheetAnnex, "A2", last, bold)
	f.SetPanes(SheetAnnex, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	right, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}})
	for i, row := range an.Rows {
		cells := make([]any, len(row))
		for j, c := range row {
			cells[j] = c
		}
		w.put(cells...)
		b, _ := excelize.CoordinatesToCellName(2, w.row)
		f.SetCellStyle(SheetAnnex, b, b, wrap)
		a, _ := excelize.CoordinatesToCellName(ColBase+1, w.row)
		z, _ := excelize.CoordinatesToCellName(ColTimeShare+1, w.row)
		f.SetCellStyle(SheetAnnex, a, z, right)
		c := strings.TrimPrefix(hex(charts.StatusColor(an.Status[i])), "#")
		st, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}},
			Font: &excelize.Font{Color: "FFFFFF", Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
		if err != nil {
			return err
		}
		v, _ := excelize.CoordinatesToCellName(ColVerdict+1, w.row)
		f.SetCellStyle(SheetAnnex, v, v, st)
	}
	for _, n := range an.Notes {
		w.put(n)
	}
	widths := []float64{5, 34, 9, 7, 11, 20, 13, 12, 10, 10, 28}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(SheetAnnex, col, col, wd)
	}
	return nil
}

// actualStatus says whether the figure a row is judged on is final or
// preliminary (初步核算 †).
func (d *Data) actualStatus(r analysis.Row) string {
	switch {
	case r.Actual == nil:
		return ""
	case d.rowPreliminary(r):
		return d.t("初步核算 "+PrelimMark, "preliminary "+PrelimMark)
	}
	return d.l(labels.Final)
}

func intOrNil(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func ptr(s string) *string { return &s }

// statusFormatting colours the status column by value, in the chart palette.
func statusFormatting(f *excelize.File, sheet, ref string, d *Data) error {
	var opts []excelize.ConditionalFormatOptions
	for _, st := range analysis.MethodStatuses[d.Config.Method] {
		c := strings.TrimPrefix(hex(charts.StatusColor(st)), "#")
		id, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}},
			Font: &excelize.Font{Color: "FFFFFF", Bold: true}})
		if err != nil {
			return err
		}
		opts = append(opts, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &id,
			Value: `"` + d.Theme.StatusLabel(st) + `"`})
	}
	return f.SetConditionalFormat(sheet, ref, opts)
}

// embedCharts places the progress chart and the dashboard on the summary
// sheet as PNG pictures.
func embedCharts(f *excelize.File, d *Data, row int) error {
	th := d.Theme
	var figs []charts.Figure
	if fig, err := th.Progress(d.Rows); err == nil {
		figs = append(figs, fig)
	}
	var hi []analysis.Input
	var hr []analysis.Row
	for i, r := range d.Rows {
		if r.Target.Headline && r.Target.Kind != model.Milestone {
			hi, hr = append(hi, d.Inputs[i]), append(hr, r)
		}
	}
	if fig, err := th.Dashboard(hi, hr); err == nil {
		figs = append(figs, fig)
	}
	col := 1
	for _, fig := range figs {
		png, err := fig.Bytes("png", th)
		if err != nil {
			return err
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		scale := 0.5
		if fig.Width > vg.Points(600) {
			scale = 0.45
		}
		if err := f.AddPictureFromBytes(SheetSummary, cell, &excelize.Picture{Extension: ".png", File: png,
			Format: &excelize.GraphicOptions{ScaleX: scale, ScaleY: scale, AltText: "plangap chart"}}); err != nil {
			return err
		}
		col += 10
	}
	return nil
}
