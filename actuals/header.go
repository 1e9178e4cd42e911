package actuals

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/sheet"
)

// Header names accepted, after normalisation.
var (
	indicatorHeaders = []string{"indicator", "指标", "指标名称", "项目", "名称", "指标代码", "code"}
	yearHeaders      = []string{"year", "年份", "年度", "年"}
	valueHeaders     = []string{"value", "数值", "值", "数据"}
	unitHeaders      = []string{"unit", "单位", "计量单位"}
	regionHeaders    = []string{"region", "地区", "区域", "行政区划"}
	statusHeaders    = []string{"status", "状态", "数据状态"}
	noteHeaders      = []string{"note", "备注", "说明"}
	// Words of the upper or lower row of a two-row yearbook header.
	bandHeaders = []string{"绝对数", "总量", "数量", "实绩", "实际", "完成数"}
)

// norm folds full-width forms and blanks so that "２０２２年" and
// "指标 名称" match.
func norm(s string) string {
	s = width.Narrow.String(strings.TrimSpace(s))
	s = strings.Join(strings.Fields(s), "")
	return strings.ToLower(s)
}

// headerIs reports whether a header cell names one of the given columns;
// a parenthesised unit does not count: "数值（万元）" is the value column.
func headerIs(h string, names []string) bool {
	n := norm(h)
	if j := strings.IndexAny(n, "("); j > 0 {
		n = n[:j]
	}
	for _, want := range names {
		if n == want {
			return true
		}
	}
	return false
}

func findCol(header []string, names []string) int {
	for i, h := range header {
		if headerIs(h, names) {
			return i
		}
	}
	return -1
}

var (
	yearHeader = regexp.MustCompile(`^(\d{4})(\.0+)?(年|年度)?(\(?(初步|初步核算|初步数|快报|最终|最终核实|核实数|预计)\)?)?$`)
	// A date written where a year belongs (2023-12-31, 2023/12, 2023年12月).
	dateHeader = regexp.MustCompile(`^\d{4}([-/.]\d{1,2}([-/.]\d{1,2})?|年\d{1,2}月(\d{1,2}日)?)$`)
	// Growth-rate columns: 2024年比上年增长（%）, 增长%, 增速, 同比±%, 比上年±%.
	growthHeader = regexp.MustCompile(`增长|增速|增幅|增减|同比|比上年|±|\+-|发展速度`)
)

// headerYear parses a column header such as 2022, 2022年, 2022年度,
// 2022.0 (a number in a workbook) or 2022年（初步）.
func headerYear(s string) (int, bool) {
	y, _, ok := headerYearStatus(s)
	return y, ok
}

// headerYearStatus also returns the data status a year header states:
// 2024年（初步） holds preliminary figures whatever the batch says.
func headerYearStatus(s string) (int, string, bool) {
	m := yearHeader.FindStringSubmatch(norm(s))
	if m == nil {
		return 0, "", false
	}
	y, _ := strconv.Atoi(m[1])
	status := ""
	switch m[5] {
	case "初步", "初步核算", "初步数", "快报", "预计":
		status = "preliminary"
	case "最终", "最终核实", "核实数":
		status = "final"
	}
	return y, status, true
}

// isDateCell reports a workbook number formatted as a date. The sheet
// readers are adding Cell.Date; when it lands this returns c.Date, so that
// a date typed where a year belongs is refused, never read as a year.
func isDateCell(c sheet.Cell) bool { return c.Date }

// Column roles in a header.
const (
	colOther = iota
	colIndicator
	colUnit
	colRegion
	colYear
	colGrowth
)

type column struct {
	role   int
	name   string // the header text shown in messages
	year   int
	status string // preliminary or final when the header says so
}

// header is the table's header: one row or a block of rows read column
// by column.
type header struct {
	first, last int // spreadsheet row numbers
	cols        []column
	indicator   int
	unit        int
	region      int
}

// texts returns the row's cell texts, trimmed.
func texts(r sheet.Row) []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		out[i] = strings.TrimSpace(c.Text)
	}
	return out
}

// ownTexts returns the texts of the cells that are not the repeated part
// of a merged range: a header merged across three columns is one header.
func ownTexts(r sheet.Row) []string {
	out := make([]string, len(r.Cells))
	for i, c := range r.Cells {
		if !c.Merged {
			out[i] = strings.TrimSpace(c.Text)
		}
	}
	return out
}

func duplicateHeader(h []string) string {
	seen := map[string]bool{}
	for _, c := range h {
		n := norm(c)
		if n == "" {
			continue
		}
		if seen[n] {
			return c
		}
		seen[n] = true
	}
	return ""
}

func countYears(h []string) int {
	n := 0
	for _, c := range h {
		if _, ok := headerYear(c); ok {
			n++
		}
	}
	return n
}

func nonEmpty(h []string) int {
	n := 0
	for _, c := range h {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

func distinct(h []string) int {
	seen := map[string]bool{}
	for _, c := range h {
		if c != "" {
			seen[c] = true
		}
	}
	return len(seen)
}

// looksLikeData tells a data row from a header: a header holds no
// indicator name and no number other than years (a date typed where a
// year belongs is a header cell too, refused later).
func (p *parser) looksLikeData(r sheet.Row) bool {
	for i, c := range texts(r) {
		if isDateCell(r.Cells[i]) {
			continue
		}
		if p.names.known(c) {
			return true
		}
		if _, ok := headerYear(c); ok {
			continue
		}
		if _, _, err := parseNumber(c); err == nil {
			return true
		}
	}
	return false
}

// headerLike reports whether a row next to the year row belongs to the
// header: several distinct header words and no data.
func (p *parser) headerLike(r sheet.Row) bool {
	t := texts(r)
	if distinct(t) < 2 || p.looksLikeData(r) {
		return false
	}
	for _, c := range t {
		if unitLine.MatchString(norm(c)) {
			return false
		}
	}
	for _, c := range t {
		if _, ok := headerYear(c); ok || growthHeader.MatchString(c) ||
			headerIs(c, indicatorHeaders) || headerIs(c, unitHeaders) || headerIs(c, bandHeaders) || headerIs(c, regionHeaders) {
			return true
		}
	}
	return false
}

// buildHeader reads the header block rows[first..last] column by column:
// the texts of a column, top to bottom, decide its role.
func (p *parser) buildHeader(rows []sheet.Row) *header {
	h := &header{first: rows[0].Num, last: rows[len(rows)-1].Num, indicator: -1, unit: -1, region: -1}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Cells))
	}
	yearCol := map[int]int{}
	for i := range width {
		var parts []string
		for _, r := range rows {
			t := strings.TrimSpace(r.Text(i))
			if t != "" && (len(parts) == 0 || parts[len(parts)-1] != t) {
				parts = append(parts, t)
			}
		}
		col := column{role: colOther}
		for _, r := range rows {
			if c := cellAt(r, i); isDateCell(c) && !c.Merged {
				p.problem(r.Num, columnLetter(i), c.Text, say("日期格式的单元格不是年份：请只写年份，如2023", "a date-formatted cell (a date serial number) where a year belongs; write the year alone, e.g. 2023"))
			}
		}
		if len(parts) > 0 {
			col.name = parts[len(parts)-1]
		} else {
			col.name = columnLetter(i)
		}
		for _, t := range parts {
			switch {
			case growthHeader.MatchString(t):
				col.role, col.name = colGrowth, strings.Join(parts, "/")
			case col.role == colGrowth:
			case headerIs(t, indicatorHeaders):
				col.role, col.name = colIndicator, t
			case headerIs(t, unitHeaders):
				col.role, col.name = colUnit, t
			case headerIs(t, regionHeaders):
				col.role, col.name = colRegion, t
			default:
				if y, st, ok := headerYearStatus(t); ok {
					col.role, col.name, col.year, col.status = colYear, t, y, st
				} else if dateHeader.MatchString(norm(t)) {
					p.problem(h.last, t, t, say("日期不是年份：请只写年份，如2023", "a date where a year belongs; write the year alone, e.g. 2023"))
				}
			}
		}
		if col.role == colYear {
			if prev, dup := yearCol[col.year]; dup {
				p.problem(h.last, col.name, col.name, fmt.Sprintf("年份%d在表头出现两次（另见第%d列） year %d appears twice in the header (also column %d)", col.year, prev+1, col.year, prev+1))
				col.role = colOther
			} else {
				yearCol[col.year] = i
				if col.year < 1949 || col.year > p.opt.MaxYear {
					p.problem(h.last, col.name, col.name, fmt.Sprintf("年份不合理：%d implausible year %d", col.year, col.year))
					col.role = colOther
				}
			}
		}
		h.cols = append(h.cols, col)
	}
	for i, c := range h.cols {
		switch {
		case c.role == colIndicator && h.indicator < 0:
			h.indicator = i
		case c.role == colUnit && h.unit < 0:
			h.unit = i
		case c.role == colRegion && h.region < 0:
			h.region = i
		}
	}
	if h.indicator < 0 {
		// No 指标 header: the first column that is nothing else holds
		// the names, as in most yearbook tables.
		for i, c := range h.cols {
			if c.role == colOther {
				h.indicator = i
				h.cols[i].role = colIndicator
				break
			}
		}
	}
	return h
}

func (h *header) name(i int) string {
	if i < 0 || i >= len(h.cols) {
		return columnLetter(i)
	}
	return h.cols[i].name
}

func columnLetter(i int) string {
	if i < 0 {
		return ""
	}
	s := ""
	for n := i + 1; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

var (
	unitLine   = regexp.MustCompile(`^(计量)?单位[:：](.+)$`)
	tableNo    = regexp.MustCompile(`^(表|table)?[0-9一二三四五六七八九十]+([-—–.．]\d+)*$`)
	labelUnit  = regexp.MustCompile(`[（(]([^（）()]+)[)）]\s*$`)
	section    = regexp.MustCompile(`^([一二三四五六七八九十]+[、､.．]|[（(][一二三四五六七八九十]+[)）])`)
	footnote   = regexp.MustCompile(`^(注[:：释0-9一①]|注$|资料来源|数据来源|说明[:：]|备注[:：]|[*※])`)
	noteNumber = regexp.MustCompile(`^[0-9０-９]+[.、．)）]|^[①-⑳]|^[（(][0-9]+[)）]`)
)

// titleRow describes a row above the header, and reads a 单位：万元 line.
func (p *parser) titleRow(r sheet.Row) {
	t := texts(r)
	if nonEmpty(t) == 0 {
		return
	}
	var parts []string
	reason := say("标题", "title")
	for _, c := range t {
		if c == "" || (len(parts) > 0 && parts[len(parts)-1] == c) {
			continue
		}
		parts = append(parts, c)
		if m := unitLine.FindStringSubmatch(norm(c)); m != nil {
			if u, err := model.LookupUnit(m[2]); err == nil {
				p.tableUnit = u.Symbol
				reason = say("单位行：本表默认单位"+u.Symbol, "unit line: the table's default unit is "+u.Symbol)
			} else {
				// 单位：万元、% and the like: no single default unit.
				// Rows then need their own units where it matters.
				reason = say(fmt.Sprintf("单位行“%s”不是单一单位，未作为默认单位", m[2]), fmt.Sprintf("unit line %q is not a single unit: not used as the default unit", m[2]))
			}
		} else if tableNo.MatchString(norm(c)) && len(parts) == 1 && nonEmpty(t) == 1 {
			reason = say("表号", "table number")
		}
	}
	p.skip(r.Num, "", strings.Join(parts, " "), reason)
}

// unitInLabel extracts "万元" from "社会消费品零售总额（万元）".
func unitInLabel(s string) string {
	if m := labelUnit.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		if _, err := model.LookupUnit(m[1]); err == nil {
			return m[1]
		}
	}
	return ""
}

func stripUnit(s string) string {
	if unitInLabel(s) != "" {
		return strings.TrimSpace(labelUnit.ReplaceAllString(strings.TrimSpace(s), ""))
	}
	return s
}
