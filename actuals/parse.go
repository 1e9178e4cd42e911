package actuals

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/sheet"
)

// headerSearch is how many rows may stand above the header (titles, a
// table number, a unit line).
const headerSearch = 30

// Parse reads a table of yearly values row by row and validates every
// value. It returns every problem found (up to Options.MaxProblems, all
// counted); a table with problems yields no observations. Rows read but not
// loaded are listed in File.Skipped with their reasons.
func Parse(rows sheet.Rows, opt Options) (*File, error) {
	info := rows.Info()
	if opt.Name == "" {
		opt.Name = info.File
	}
	if opt.MaxYear == 0 {
		opt.MaxYear = time.Now().Year() + 1
	}
	if opt.MaxProblems <= 0 {
		opt.MaxProblems = 1000
	}
	f := &File{Name: opt.Name, Encoding: info.Encoding, Sheet: info.Sheet}
	p := &parser{opt: opt, file: f, sheet: info.Sheet, names: newNameIndex(opt.Indicators), regions: newRegionCheck(opt), seen: map[pairKey]*pairYears{}, otherSeen: map[int]bool{}, resolved: map[string]resolution{},
		regionIDs: map[string]interned{}, codeIDs: map[string]uint32{}, fastInds: map[string]*fastIndicator{}, labels: map[string]labelParts{}}
	if err := p.run(rows); err != nil {
		if p.sinkErr != nil {
			return nil, p.sinkErr
		}
		var probs model.Problems
		if errors.As(err, &probs) {
			return nil, probs
		}
		return nil, model.Problems{{File: opt.Name, Sheet: info.Sheet, Reason: err.Error()}}
	}
	if p.sinkErr != nil {
		return nil, p.sinkErr
	}
	f.Notes = append(f.Notes, rows.Info().Notices...)
	if p.percentCells > 0 {
		f.Notes = append(f.Notes, fmt.Sprintf("%d个百分比格式的单元格已乘以100存为%% %d percentage-formatted cells were stored ×100 in %%, e.g. %s",
			p.percentCells, p.percentCells, p.percentExample))
	}
	if p.nProblems == 0 && f.Values == 0 && f.Layout != "" {
		reason := "文件中没有可导入的数值：数据单元格都为空或标记为无数据 no values in the file: every data cell is empty or marks no data"
		if len(p.unused) > 0 {
			reason += fmt.Sprintf("；%d行为没有目标使用的指标，已跳过：%s (%d rows of indicators no target uses were skipped: %s)",
				len(p.unused), strings.Join(p.unused, "、"), len(p.unused), strings.Join(p.unused, ", "))
		}
		p.problem(0, "", "", reason)
	}
	if p.nProblems > 0 {
		if n := p.nProblems - len(p.probs); n > 0 {
			p.probs = append(p.probs, model.Problem{File: opt.Name, Sheet: p.sheet, More: n, Reason: fmt.Sprintf("另有%d个问题未列出 %d more problems not listed", n, n)})
		}
		return nil, p.probs
	}
	return f, nil
}

type parser struct {
	opt       Options
	file      *File
	sheet     string
	names     *nameIndex
	regions   regionCheck
	probs     model.Problems
	nProblems int
	seen      map[pairKey]*pairYears // years and rows of each indicator and region
	last      struct {               // the previous value's pair
		code, region, name string
		pair               *pairYears
	}
	sinkErr error // Options.Sink failed: stop reading

	// Caches of the fast path (fast.go).
	regionIDs map[string]interned
	codeIDs   map[string]uint32
	fastInds  map[string]*fastIndicator
	labels    map[string]labelParts
	long      longColumns

	hdr       *header
	tableUnit string       // from a 单位：万元 line above the header
	lastLabel string       // for a label merged down from the row above
	inNotes   bool         // a 注 line was seen: numbered rows are notes
	otherSeen map[int]bool // unrecognised columns already listed
	unused    []string     // labels skipped as indicators no target uses
	resolved  map[string]resolution

	regionProblem  bool // Options.Region was refused once
	percentCells   int
	percentExample string
}

// longColumns are the columns of a long file, found once from the header.
type longColumns struct {
	indicator, year, value, status, note int
	valueUnit                            string // 数值（万元）: the value column's unit
}

func (p *parser) problem(row int, col, val, reason string) {
	p.nProblems++
	if len(p.probs) >= p.opt.MaxProblems {
		return
	}
	if len(val) > 200 {
		val = val[:200]
	}
	p.probs = append(p.probs, model.Problem{File: p.opt.Name, Sheet: p.sheet, Row: row, Column: col, Value: val, Reason: reason})
}

func (p *parser) skip(row int, col, label, reason string) {
	p.file.Skipped = append(p.file.Skipped, Skip{Row: row, Column: col, Label: label, Reason: reason})
}

// run finds the header within the first rows, then streams the rest.
func (p *parser) run(rows sheet.Rows) error {
	var head []sheet.Row
	for len(head) < headerSearch {
		r, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		// A reader may reuse a row's cells for the next row: keep a copy.
		r.Cells = slices.Clone(r.Cells)
		head = append(head, r)
	}
	at, end, layout := p.findHeader(head)
	if layout == "" {
		if p.nProblems == 0 {
			p.problem(0, "", "", "找不到表头（前30行） no header row found in the first 30 rows: a long file needs columns 指标/indicator, 年份/year and 数值/value; a yearbook table needs an indicator column and year columns such as 2022 or 2022年")
		}
		return nil
	}
	for _, r := range head[:at] {
		p.titleRow(r)
	}
	p.hdr = p.buildHeader(head[at : end+1])
	p.file.Layout, p.file.HeaderRow = layout, head[end].Num
	if p.nProblems > 0 {
		return nil // a broken header: reading rows would only repeat it
	}
	p.checkOptionRegion()
	for _, c := range p.hdr.cols {
		if c.role == colGrowth {
			p.skip(p.hdr.last, c.name, c.name, say("增长率列，不导入", "growth-rate column, not loaded"))
		}
	}
	row := p.wideRow
	if layout == "long" {
		row = p.longRow
		p.long = p.longColumns()
	}
	for _, r := range head[end+1:] {
		row(r)
	}
	for p.sinkErr == nil {
		r, err := rows.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row(r)
	}
	return p.sinkErr
}

// findHeader returns the first and last row index of the header block and
// the layout, or "" when there is none.
func (p *parser) findHeader(head []sheet.Row) (int, int, string) {
	for i, r := range head {
		t := texts(r)
		candidate := findCol(t, indicatorHeaders) >= 0 || countYears(t) > 0
		if dupe := duplicateHeader(ownTexts(r)); dupe != "" && candidate && !p.looksLikeData(r) {
			p.problem(r.Num, dupe, "", say("表头重复", "duplicate column header"))
			return 0, 0, ""
		}
		if findCol(t, indicatorHeaders) >= 0 && findCol(t, yearHeaders) >= 0 && findCol(t, valueHeaders) >= 0 {
			return i, i, "long"
		}
		if countYears(t) > 0 && nonEmpty(t) >= 2 && !p.looksLikeData(r) {
			first, last := i, i
			for first > 0 && i-first < 2 && p.headerLike(head[first-1]) {
				first--
			}
			if i+1 < len(head) && p.headerLike(head[i+1]) && countYears(texts(head[i+1])) == 0 {
				last = i + 1
			}
			return first, last, "wide"
		}
	}
	return 0, 0, ""
}

// checkOptionRegion refuses Options.Region once if it has no plan.
func (p *parser) checkOptionRegion() {
	if reason := p.regions.problem(p.opt.Region); reason != "" {
		p.problem(0, "", p.opt.Region, reason)
		p.regionProblem = true
	}
}

func cellAt(r sheet.Row, i int) sheet.Cell {
	if i < 0 || i >= len(r.Cells) {
		return sheet.Cell{}
	}
	return r.Cells[i]
}

func isNoData(s string) bool {
	s = strings.TrimSpace(s)
	return noData[norm(s)] || noData[s]
}

// wideRow reads one row of a yearbook table.
func (p *parser) wideRow(r sheet.Row) {
	h := p.hdr
	if nonEmpty(texts(r)) == 0 {
		return
	}
	labelCell := cellAt(r, h.indicator)
	label := strings.TrimSpace(labelCell.Text)
	if label == "" && labelCell.Merged {
		label = p.lastLabel
	}
	own, merged, marks := false, false, false
	for i, c := range h.cols {
		if c.role != colYear {
			continue
		}
		cl := cellAt(r, i)
		switch {
		case cl.Formula != "" || !isNoData(cl.Text) && !cl.Merged:
			own = true
		case cl.Merged && !isNoData(cl.Text):
			merged = true
		case strings.TrimSpace(cl.Text) != "":
			marks = true
		}
	}
	// A footnote holds no values of its own; a row that does is read, so
	// that a name with a leading mark (*) is not lost as a note.
	if !own && (footnote.MatchString(norm(label)) || (p.inNotes && noteNumber.MatchString(norm(label)))) {
		p.inNotes = true
		p.skip(r.Num, "", label, say("表注", "footnote"))
		return
	}
	if own || marks {
		p.otherColumns(r)
	}
	if label == "" {
		if own {
			p.problem(r.Num, h.name(h.indicator), "", fmt.Sprintf("第%d行有数值但没有指标名称 row %d has values but no indicator name", r.Num, r.Num))
		} else if merged {
			p.skip(r.Num, "", "", say("合并单元格的延续行", "continuation of a merged range"))
		}
		return
	}
	p.lastLabel = label
	switch {
	case !own && section.MatchString(norm(label)):
		p.skip(r.Num, "", label, say("分组标题行", "section row"))
		return
	case !own && merged && !labelCell.Merged && p.names.resolve(label).code == "":
		// A label merged across the table: a section without a number.
		p.skip(r.Num, "", label, say("分组标题行", "section row"))
		return
	case !own && merged:
		p.skip(r.Num, "", label, say("合并单元格的延续行", "continuation of a merged range"))
		return
	case !own && !marks:
		p.skip(r.Num, "", label, say("只有名称，没有数值", "a label without values"))
		return
	}
	unit := strings.TrimSpace(cellAt(r, h.unit).Text)
	name := label
	if u := unitInLabel(label); u != "" {
		name = stripUnit(label)
		if unit == "" {
			unit = u
		}
	}
	code, ok := p.indicator(r.Num, h.name(h.indicator), label, name)
	region, rok := p.region(r, h.region)
	if !ok || !rok {
		return
	}
	unit = p.defaultUnit(code, unit)
	for i, c := range h.cols {
		if c.role != colYear {
			continue
		}
		cl := cellAt(r, i)
		if cl.Merged && !isNoData(cl.Text) {
			// One value over several years (or rows): which year it
			// belongs to is not for plangap to guess.
			p.problem(r.Num, c.name, cl.Text, say("合并单元格跨越多个年份或行，数值属于哪一年不明确，请拆分合并单元格", "a value in a merged cell spanning several years or rows: which year it belongs to is unclear; unmerge the cells"))
			continue
		}
		p.value(cellValue{row: r.Num, col: c.name, cell: cl, code: code, unit: unit, region: region, year: c.year, status: c.status})
	}
}

// otherColumns lists, once each, the columns that hold values but are
// neither years nor growth rates: their values are not loaded.
func (p *parser) otherColumns(r sheet.Row) {
	for i, c := range p.hdr.cols {
		if c.role != colOther || p.otherSeen[i] {
			continue
		}
		cl := cellAt(r, i)
		if cl.Merged || isNoData(cl.Text) {
			continue
		}
		p.otherSeen[i] = true
		p.skip(r.Num, c.name, c.name, fmt.Sprintf("第%s列不是年份列，其数值不导入 column %s is not a year column: its values are not loaded", c.name, c.name))
	}
}

// defaultUnit applies the table's 单位 line to a row without a unit when
// it measures the same kind of quantity as the indicator: a 万元 table's
// ratio row (城乡居民收入比) keeps its own unit.
func (p *parser) defaultUnit(code, unit string) string {
	if unit != "" || p.tableUnit == "" {
		return unit
	}
	want, err1 := model.LookupUnit(p.opt.Indicators[code].Unit)
	tu, err2 := model.LookupUnit(p.tableUnit)
	if err1 == nil && err2 == nil && want.Dimension == tu.Dimension {
		return p.tableUnit
	}
	return unit
}

// longColumns finds the columns of a long file in its header.
func (p *parser) longColumns() longColumns {
	h := p.hdr
	lc := longColumns{indicator: h.indicator, year: -1, value: -1, status: -1, note: -1}
	for i, c := range h.cols {
		switch {
		case headerIs(c.name, yearHeaders) && lc.year < 0:
			lc.year = i
		case headerIs(c.name, valueHeaders) && lc.value < 0:
			lc.value = i
		case headerIs(c.name, statusHeaders) && lc.status < 0:
			lc.status = i
		case headerIs(c.name, noteHeaders) && lc.note < 0:
			lc.note = i
		}
	}
	lc.valueUnit = unitInLabel(h.name(lc.value))
	return lc
}

// longRow reads one row of a long file (one value per row).
func (p *parser) longRow(r sheet.Row) {
	h := p.hdr
	filled := 0
	for _, c := range r.Cells {
		if strings.TrimSpace(c.Text) != "" {
			filled++
		}
	}
	if filled == 0 {
		return
	}
	ci, cy, cv, cs, cn := p.long.indicator, p.long.year, p.long.value, p.long.status, p.long.note
	label := strings.TrimSpace(cellAt(r, ci).Text)
	if label == "" && cellAt(r, ci).Merged {
		label = p.lastLabel
	}
	p.lastLabel = label
	lp := p.labelParts(label)
	if lp.footnote && filled == 1 {
		p.skip(r.Num, "", label, say("表注", "footnote"))
		return
	}
	if label == "" {
		p.problem(r.Num, h.name(ci), "", fmt.Sprintf("第%d行有数值但没有指标名称 row %d has values but no indicator name", r.Num, r.Num))
		return
	}
	unit := strings.TrimSpace(cellAt(r, h.unit).Text)
	if unit == "" {
		unit = p.long.valueUnit
	}
	if unit == "" {
		unit = lp.unit
	}
	code, ok := p.indicator(r.Num, h.name(ci), label, lp.name)
	year, yok := 0, false
	if yc := cellAt(r, cy); isDateCell(yc) {
		p.problem(r.Num, h.name(cy), yc.Text, say("日期不是年份：请只写年份，如2023", "a date where a year belongs; write the year alone, e.g. 2023"))
	} else {
		year, yok = p.year(r.Num, h.name(cy), yc.Text)
	}
	region, rok := p.region(r, h.region)
	status := p.status(r.Num, h.name(cs), cellAt(r, cs).Text)
	if !ok || !yok || !rok {
		return
	}
	p.value(cellValue{row: r.Num, col: h.name(cv), cell: cellAt(r, cv), code: code, unit: unit, region: region, year: year, status: status, note: strings.TrimSpace(cellAt(r, cn).Text)})
}

// resolve matches a label once per file: yearbooks repeat labels (one
// table per region or year).
func (p *parser) resolve(label string) resolution {
	if r, ok := p.resolved[label]; ok {
		return r
	}
	r := p.names.resolve(label)
	p.resolved[label] = r
	return r
}

// indicator resolves a row's label (name: the label without a unit in
// brackets). An indicator no target uses is skipped, not refused, unless
// Options.Strict.
func (p *parser) indicator(row int, col, label, name string) (string, bool) {
	res := p.resolve(name)
	if res.code == "" && name != label {
		if r2 := p.resolve(label); r2.code != "" {
			res = r2
		}
	}
	if res.code != "" {
		if res.how != "" {
			ind := p.opt.Indicators[res.code]
			p.file.Matched = append(p.file.Matched, Match{Row: row, Label: label, Code: res.code, Name: ind.NameZh, How: res.how})
		}
		return res.code, true
	}
	if len(res.suggestions) > 0 {
		p.problem(row, col, label, fmt.Sprintf("未知指标“%s”，是否为：%s？ unknown indicator “%s”; did you mean %s?",
			label, strings.Join(res.suggestions, "、"), label, strings.Join(res.suggestions, ", ")))
		return "", false
	}
	if p.opt.Strict {
		p.problem(row, col, label, fmt.Sprintf("未知指标“%s”：不是目录中的代码、名称或别名 unknown indicator “%s”: not a catalogue code, Chinese name or alias (see plangap targets)", label, label))
		return "", false
	}
	p.unused = append(p.unused, label)
	p.skip(row, "", label, say("没有目标使用的指标", "an indicator no target uses"))
	return "", false
}

func (p *parser) year(row int, col, v string) (int, bool) {
	if y, ok := fourDigits(v); ok && y >= 1949 && y <= p.opt.MaxYear {
		return y, true
	}
	s := norm(v)
	if y, ok := headerYear(s); ok {
		s = strconv.Itoa(y)
	}
	y, err := strconv.Atoi(s)
	if err != nil {
		reason := say("年份不是整数", "year is not a whole number")
		if strings.ContainsAny(s, "-/.") || dateHeader.MatchString(s) {
			reason = say("日期不是年份：请只写年份，如2023", "a date where a year belongs; write the year alone, e.g. 2023")
		}
		p.problem(row, col, v, reason)
		return 0, false
	}
	if y < 1949 || y > p.opt.MaxYear {
		p.problem(row, col, v, fmt.Sprintf("年份不合理：%d（应在1949–%d之间） implausible year %d (want 1949–%d)", y, p.opt.MaxYear, y, p.opt.MaxYear))
		return 0, false
	}
	return y, true
}

// region is the row's region: its region cell, else Options.Region.
func (p *parser) region(r sheet.Row, cr int) (string, bool) {
	if v := strings.TrimSpace(cellAt(r, cr).Text); v != "" {
		if reason := p.regions.problem(v); reason != "" {
			p.problem(r.Num, p.hdr.name(cr), v, reason)
			return "", false
		}
		return v, true
	}
	if p.opt.Region == "" {
		col := ""
		if cr >= 0 {
			col = p.hdr.name(cr)
		}
		p.problem(r.Num, col, "", say("缺少地区：请加“地区”列或用 --region 指定", "no region: add a 地区/region column or pass --region"))
		return "", false
	}
	return p.opt.Region, !p.regionProblem
}

func (p *parser) status(row int, col, raw string) string {
	if raw == "" {
		return ""
	}
	switch norm(raw) {
	case "":
		return ""
	case "preliminary", "初步", "初步核算", "初步数", "快报":
		return "preliminary"
	case "final", "最终", "最终核实", "正式", "核实数":
		return "final"
	}
	p.problem(row, col, raw, say("未知的数据状态", "unknown status (want preliminary/初步核算 or final/最终核实)"))
	return ""
}
