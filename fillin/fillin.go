// Package fillin writes the fill-in template (填报模板): a workbook a
// statistics office fills with one plan's yearly figures and then loads
// with plangap load, unchanged.
//
// The data sheet is a yearbook-style table (年鉴式宽表) in the layout the
// loader reads: a title row, a row for the office's particulars, then the
// header 序号 | 指标代码 | 指标名称 | 计量单位 | 地区 | 2020年 … and one row
// per indicator. The code column comes before the name column on purpose:
// the loader takes the first indicator column as the key, and a code is
// unique and survives a clerk's edit of a name, where two indicators may
// share a Chinese name.
package fillin

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/model"
)

// Sheet names. The data sheet comes first: the loader reads the first
// sheet unless told otherwise.
const (
	DataSheet         = "填报表"
	InstructionsSheet = "填报说明"
)

// NoData is the mark for a value the office does not have.
const NoData = "—"

// Milestone answers offered in the drop-down list of a qualitative task.
const (
	Done    = "完成"
	NotDone = "未完成"
)

// Header cells before the year columns.
var fixedHeader = []string{"序号", "指标代码", "指标名称", "计量单位", "地区"}

const (
	titleRow  = 1
	infoRow   = 2
	headerRow = 3
	firstRow  = 4
	firstYear = 6 // column of the first year, after fixedHeader
)

// MinYear and MaxYear bound the years a template may span.
const (
	MinYear = 1949
	MaxYear = 2100
)

// Write writes the template for plan p: one row per indicator of targets
// (in catalogue order, each indicator once), one column per year from
// from to to.
func Write(w io.Writer, p model.Plan, targets []model.Target, from, to int) error {
	if from < MinYear || to > MaxYear || from > to {
		return fmt.Errorf("年份范围%d–%d无效（应在%d–%d之间且起始不晚于结束） years %d–%d: want %d ≤ from ≤ to ≤ %d",
			from, to, MinYear, MaxYear, from, to, MinYear, MaxYear)
	}
	inds := indicators(targets)
	if len(inds) == 0 {
		return errors.New("规划没有指标，无法生成填报模板 the plan has no indicators: no template to write")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", DataSheet); err != nil {
		return err
	}
	if err := writeData(f, p, inds, from, to); err != nil {
		return fmt.Errorf("template data sheet: %w", err)
	}
	if _, err := f.NewSheet(InstructionsSheet); err != nil {
		return err
	}
	if err := writeInstructions(f, p, from, to); err != nil {
		return fmt.Errorf("template instructions: %w", err)
	}
	f.SetActiveSheet(0)
	f.SetDocProps(&excelize.DocProperties{Title: p.Title + " 统计数据填报表", Creator: "plangap", Description: p.DocNo})
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write template: %w", err)
	}
	return nil
}

// indicators lists each target's indicator once, in target order.
func indicators(targets []model.Target) []model.Indicator {
	seen := map[string]bool{}
	var out []model.Indicator
	for _, t := range targets {
		if t.Indicator.Code == "" || seen[t.Indicator.Code] {
			continue
		}
		seen[t.Indicator.Code] = true
		out = append(out, t.Indicator)
	}
	return out
}

// isMilestone mirrors the loader: an indicator without a unit is a
// qualitative task, reported as done or not done.
func isMilestone(ind model.Indicator) bool { return ind.Unit == "" }

func cellName(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func writeData(f *excelize.File, p model.Plan, inds []model.Indicator, from, to int) error {
	sh := DataSheet
	lastCol := firstYear + to - from
	lastRow := firstRow + len(inds) - 1
	st, err := newStyles(f)
	if err != nil {
		return err
	}

	title := p.Title
	if p.DocNo != "" {
		title += "（" + p.DocNo + "）"
	}
	title += " 统计数据填报表"
	set := func(col, row int, v any, style int) error {
		c := cellName(col, row)
		if err := f.SetCellValue(sh, c, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, c, c, style)
	}
	if err := set(1, titleRow, title, st.title); err != nil {
		return err
	}
	if err := f.MergeCell(sh, cellName(1, titleRow), cellName(lastCol, titleRow)); err != nil {
		return err
	}
	info := "地区：" + p.Region + "　　填报单位：　　　　　　填报人：　　　　　　联系电话：　　　　　　填报日期："
	if err := set(1, infoRow, info, st.info); err != nil {
		return err
	}
	if err := f.MergeCell(sh, cellName(1, infoRow), cellName(lastCol, infoRow)); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, titleRow, 30); err != nil {
		return err
	}

	for i, h := range fixedHeader {
		if err := set(i+1, headerRow, h, st.header); err != nil {
			return err
		}
	}
	for y := from; y <= to; y++ {
		if err := set(firstYear+y-from, headerRow, strconv.Itoa(y)+"年", st.header); err != nil {
			return err
		}
	}

	for i, ind := range inds {
		row := firstRow + i
		unit := ind.Unit
		for col, v := range []any{i + 1, ind.Code, ind.NameZh, unit, p.Region} {
			style := st.fixed
			if col == 3 {
				style = st.unit // the office may write its own unit here (万元), the loader converts
			}
			if err := set(col+1, row, v, style); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, cellName(firstYear, row), cellName(lastCol, row), st.value); err != nil {
			return err
		}
	}
	if err := validate(f, inds, lastCol); err != nil {
		return err
	}

	widths := []float64{6, 24, 36, 10, 10}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, col, col, wd); err != nil {
			return err
		}
	}
	a, _ := excelize.ColumnNumberToName(firstYear)
	b, _ := excelize.ColumnNumberToName(lastCol)
	if err := f.SetColWidth(sh, a, b, 13); err != nil {
		return err
	}
	// Freeze the title, the header and the indicator columns, so that a
	// clerk at 2025年 of row 80 still sees which indicator it is.
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: firstYear - 1, YSplit: headerRow,
		TopLeftCell: cellName(firstYear, firstRow), ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: cellName(firstYear, firstRow), ActiveCell: cellName(firstYear, firstRow), Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := printSetup(f, sh, true); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, titleRow, headerRow)}); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, b, lastRow)}); err != nil {
		return err
	}
	// Lock the names, codes and header (no password: the protection keeps
	// them from being changed by accident, not by intent).
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, DeleteRows: true, AutoFilter: true,
	})
}

// validate adds data validation to the value cells, one rule per block of
// adjacent rows of the same kind: numbers (or the no-data mark) for
// quantities, a 完成/未完成 list for milestones. A custom rule, not
// Excel's decimal rule, because the decimal rule would refuse the — that
// the instructions ask for when a figure does not exist.
func validate(f *excelize.File, inds []model.Indicator, lastCol int) error {
	for start := 0; start < len(inds); {
		end := start
		for end+1 < len(inds) && isMilestone(inds[end+1]) == isMilestone(inds[start]) {
			end++
		}
		top := cellName(firstYear, firstRow+start)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = top + ":" + cellName(lastCol, firstRow+end)
		if isMilestone(inds[start]) {
			if err := dv.SetDropList([]string{Done, NotDone, NoData}); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "请选择 choose",
				"定性任务请填“完成”或“未完成”，无数据填“—”。A qualitative task takes 完成 (done) or 未完成 (not done); — for no data.")
			dv.SetInput("定性任务", "从下拉框选择：完成 / 未完成 / —")
		} else {
			dv.Type = "custom"
			// Relative to the block's top-left cell, as Excel reads it.
			dv.Formula1 = fmt.Sprintf(`OR(ISNUMBER(%[1]s),TRIM(%[1]s)="%[2]s")`, top, NoData)
			dv.SetError(excelize.DataValidationErrorStyleStop, "请填数字 enter a number",
				"请按“计量单位”列的单位填写数字（不要带单位或%号）；无数据留空或填“—”，不要填0。Enter a number in the row's unit; leave empty or — for no data, never 0.")
			dv.SetInput("填数字", "按“计量单位”列的单位填写；无数据留空或填“—”")
		}
		if err := f.AddDataValidation(DataSheet, dv); err != nil {
			return err
		}
		start = end + 1
	}
	return nil
}

type styles struct{ title, info, header, fixed, unit, value int }

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	locked := &excelize.Protection{Locked: true}
	open := &excelize.Protection{Locked: false}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.title = mk(&excelize.Style{Font: font(14, true), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	st.info = mk(&excelize.Style{Font: font(10, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: locked})
	st.header = mk(&excelize.Style{Font: font(11, true), Border: border, Protection: locked,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.fixed = mk(&excelize.Style{Font: font(11, false), Border: border, Protection: locked,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	st.unit = mk(&excelize.Style{Font: font(11, false), Border: border, Protection: open,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	// Value cells keep the General number format: the loader reads cells
	// as displayed, and a fixed number of decimals would round what the
	// office typed.
	st.value = mk(&excelize.Style{Font: font(11, false), Border: border, Protection: open,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	return st, err
}

// printSetup prints landscape on A4, all columns on one page wide.
func printSetup(f *excelize.File, sh string, footer bool) error {
	landscape, a4, one, auto := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &auto}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if !footer {
		return nil
	}
	return f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"})
}

func writeInstructions(f *excelize.File, p model.Plan, from, to int) error {
	sh := InstructionsSheet
	doc := p.Title
	if p.DocNo != "" {
		doc = "《" + p.Title + "》（" + p.DocNo + "）"
	}
	lines := []string{
		"填报说明 Instructions",
		"",
		"1. 本表用于填报" + doc + "各项指标" + strconv.Itoa(from) + "–" + strconv.Itoa(to) + "年的统计数据，地区：" + p.Region + "。每个指标一行，每年一列。",
		"   One row per indicator of the plan, one column per year. Fill in the yearly figures for " + p.Region + ".",
		"2. 计量单位：按“计量单位”列的单位填写数字，不要在数字后加单位。手头数据是其他单位（如万元而本行为亿元）时，可把本行“计量单位”改为实际单位，导入时自动换算；同一行只用一种单位。",
		"   Units: enter numbers in the row's unit. If your figure is in another unit (万元 for 亿元), change that row's unit cell; plangap converts on load.",
		"3. 百分比指标（单位为%）填数字本身，如 58.2 表示 58.2%，不要输入%号。",
		"   Shares: 58.2 means 58.2%; do not type the % sign.",
		"4. 无数据：留空或填“—”。不要用0代替无数据，0表示数值就是零。",
		"   No data: leave the cell empty or write —. Never write 0 for a missing figure: 0 means zero.",
		"5. 定性任务（计量单位为空的行）：从下拉框选“完成”或“未完成”。",
		"   Qualitative tasks (rows without a unit): choose 完成 (done) or 未完成 (not done).",
		"6. 初步数与最终核实数：一张表只填一种口径。快报、初步核算数导入时加 --status preliminary；年鉴最终核实数用 --status final（默认）。最终数出来后另填一张表再导入，原来的初步数作为修订记录保留，不会被覆盖。",
		"   Preliminary vs final: one kind per file. Load preliminary figures with --status preliminary and final yearbook figures with --status final (the default); a later final figure is stored as a revision, the preliminary one is kept.",
		"7. 请勿修改指标代码、指标名称、地区、表头（年份列）和工作表顺序，请勿插入或删除列；不需要的行可以删除。导入时按“指标代码”识别指标。",
		"   Do not change codes, names, the region, the header or the order of the sheets, and do not insert or delete columns; rows you do not need may be deleted. The loader matches indicators by code.",
		"8. 请填数值，不要用公式；从别处复制时请用“选择性粘贴→数值”。",
		"   Values only, no formulas: paste with Paste Special → Values.",
		"9. 表头、代码和名称已锁定以防误改，无需密码即可撤销保护（审阅→撤销工作表保护）。",
		"   The header, codes and names are protected against accidental edits; no password is set.",
		"10. 填好后导入：plangap load 本文件.xlsx --source \"数据来源，如冠县统计年鉴2024\" --status final",
		"   Load it with: plangap load FILE.xlsx --source \"where the figures come from\" --status final",
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 14, Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, l := range lines {
		c := cellName(1, i+1)
		if err := f.SetCellValue(sh, c, l); err != nil {
			return err
		}
		style := wrap
		if i == 0 {
			style = bold
		}
		if err := f.SetCellStyle(sh, c, c, style); err != nil {
			return err
		}
		if i == 0 {
			continue
		}
		// Wrapped text needs a taller row: a CJK character is two columns
		// wide in a 90-column cell.
		if n := (displayWidth(l) + 79) / 80; n > 1 {
			if err := f.SetRowHeight(sh, i+1, float64(16*n)); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(sh, "A", "A", 90); err != nil {
		return err
	}
	return printSetup(f, sh, false)
}

// displayWidth counts a CJK character as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x2E80 {
			n++
		}
	}
	return n
}
