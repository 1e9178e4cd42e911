package actuals

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/width"

	"github.com/plangap/plangap/model"
)

// Observation is one validated value, converted to its indicator's unit.
type Observation struct {
	Indicator string
	Region    string
	Year      int
	Value     decimal.Decimal
	Status    string // "preliminary", "final" or "" (the batch's)
	Note      string
	Row       int
	Column    string
}

// Options steer a read.
type Options struct {
	Name       string // file name shown in problems
	Sheet      string // XLSX sheet name or 1-based index
	Region     string // region for rows without one
	Indicators map[string]model.Indicator
	// MaxYear is the latest plausible year (default: next calendar year).
	MaxYear int
}

// File is a read and validated statistics file.
type File struct {
	Name         string
	SHA256       string
	Encoding     string // for CSV
	Sheet        string // for XLSX
	Layout       string // "long" or "wide"
	HeaderRow    int
	Observations []Observation
	NoData       int // cells that said "no data" (—, -, …, /, empty)
}

// Read parses and validates one file. It returns every problem found; a
// file with problems yields no observations.
func Read(data []byte, opt Options) (*File, error) {
	sum := sha256.Sum256(data)
	f := &File{Name: opt.Name, SHA256: hex.EncodeToString(sum[:])}
	fail := func(reason string) error {
		return model.Problems{{File: opt.Name, Sheet: opt.Sheet, Reason: reason}}
	}
	var g *grid
	var err error
	if isXLSX(opt.Name, data) {
		g, err = readXLSX(data, opt.Sheet)
		if g != nil {
			f.Sheet = g.sheet
		}
	} else {
		g, f.Encoding, err = readCSV(data)
	}
	if err == nil {
		err = g.checkCells()
	}
	if err != nil {
		return nil, fail(err.Error())
	}
	if opt.MaxYear == 0 {
		opt.MaxYear = time.Now().Year() + 1
	}
	p := &parser{opt: opt, g: g, file: f, index: indexIndicators(opt.Indicators), seen: make(map[obsKey]int, len(g.cells))}
	p.parse()
	if len(p.probs) == 0 && len(f.Observations) == 0 {
		p.problem(0, "", "", "no values in the file: every data cell is empty or marks no data")
	}
	if len(p.probs) > 0 {
		return nil, p.probs
	}
	return f, nil
}

type parser struct {
	opt   Options
	g     *grid
	file  *File
	index map[string]string
	probs model.Problems
	seen  map[obsKey]int
}

type obsKey struct {
	indicator, region string
	year              int
}

func (p *parser) problem(row int, col, val, reason string) {
	if len(val) > 200 {
		val = val[:200]
	}
	p.probs = append(p.probs, model.Problem{File: p.opt.Name, Sheet: p.g.sheet, Row: row, Column: col, Value: val, Reason: reason})
}

// Header names accepted for long files, after normalisation.
var (
	indicatorHeaders = []string{"indicator", "指标", "指标名称", "项目", "名称", "指标代码", "code"}
	yearHeaders      = []string{"year", "年份", "年度", "年"}
	valueHeaders     = []string{"value", "数值", "值", "数据"}
	unitHeaders      = []string{"unit", "单位", "计量单位"}
	regionHeaders    = []string{"region", "地区", "区域", "行政区划"}
	statusHeaders    = []string{"status", "状态", "数据状态"}
	noteHeaders      = []string{"note", "备注", "说明"}
)

// norm folds full-width forms and blanks so that "２０２２年" and
// "指标 名称" match.
func norm(s string) string {
	s = width.Narrow.String(strings.TrimSpace(s))
	s = strings.Join(strings.Fields(s), "")
	return strings.ToLower(s)
}

func indexIndicators(inds map[string]model.Indicator) map[string]string {
	idx := map[string]string{}
	for code, ind := range inds {
		idx[norm(code)] = code
		idx[norm(ind.NameZh)] = code
		for _, a := range ind.Aliases {
			idx[norm(a)] = code
		}
	}
	return idx
}

var yearHeader = regexp.MustCompile(`^(\d{4})(年|年度)?(\(?(初步|初步核算|最终|最终核实|预计)\)?)?$`)

// headerYear parses a wide-table column header such as 2022 or 2022年.
func headerYear(s string) (int, bool) {
	m := yearHeader.FindStringSubmatch(norm(s))
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

func findCol(header []string, names []string) int {
	for i, h := range header {
		n := norm(h)
		// Drop a parenthesised unit: "数值（万元）" is still the value column.
		if j := strings.IndexAny(n, "(（"); j > 0 {
			n = n[:j]
		}
		for _, want := range names {
			if n == want {
				return i
			}
		}
	}
	return -1
}

// parse finds the header row, decides the layout and reads the rows.
func (p *parser) parse() {
	rows := p.g.cells
	limit := min(len(rows), 30)
	for r := 0; r < limit; r++ {
		h := rows[r]
		if dupe := duplicateHeader(h); dupe != "" && (findCol(h, indicatorHeaders) >= 0 || countYears(h) > 0) {
			p.problem(r+1, dupe, "", "duplicate column header")
			return
		}
		if findCol(h, indicatorHeaders) >= 0 && findCol(h, yearHeaders) >= 0 && findCol(h, valueHeaders) >= 0 {
			p.file.Layout, p.file.HeaderRow = "long", r+1
			p.readLong(r)
			return
		}
		if countYears(h) > 0 && nonEmpty(h) >= 2 && !looksLikeData(h, p.index) {
			p.file.Layout, p.file.HeaderRow = "wide", r+1
			p.readWide(r)
			return
		}
	}
	p.problem(0, "", "", "no header row found in the first 30 rows: a long file needs columns 指标/indicator, 年份/year and 数值/value; a yearbook table needs an indicator column and year columns such as 2022 or 2022年")
}

// looksLikeData tells a data row from a yearbook header: a header holds no
// indicator name and no number other than years.
func looksLikeData(h []string, index map[string]string) bool {
	for _, c := range h {
		if _, ok := index[norm(c)]; ok {
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

func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return rec[i]
}

func (p *parser) readLong(hr int) {
	h := p.g.cells[hr]
	ci, cy, cv := findCol(h, indicatorHeaders), findCol(h, yearHeaders), findCol(h, valueHeaders)
	cu, cr, cs, cn := findCol(h, unitHeaders), findCol(h, regionHeaders), findCol(h, statusHeaders), findCol(h, noteHeaders)
	headerUnit := unitInLabel(cell(h, cv))
	for r := hr + 1; r < len(p.g.cells); r++ {
		rec := p.g.cells[r]
		if nonEmpty(rec) == 0 {
			continue
		}
		row := r + 1
		code, ok := p.indicator(row, h[ci], cell(rec, ci))
		year, yok := p.year(row, h[cy], cell(rec, cy))
		region := p.region(row, cr, h, rec)
		status := p.status(row, cs, h, rec)
		if !ok || !yok {
			continue
		}
		unit := strings.TrimSpace(cell(rec, cu))
		if unit == "" {
			unit = headerUnit
		}
		p.value(row, h[cv], cell(rec, cv), code, unit, region, year, status, strings.TrimSpace(cell(rec, cn)))
	}
}

func (p *parser) readWide(hr int) {
	h := p.g.cells[hr]
	ci := findCol(h, indicatorHeaders)
	if ci < 0 {
		ci = 0
	}
	cu, cr := findCol(h, unitHeaders), findCol(h, regionHeaders)
	years := map[int]int{}   // column → year
	yearCol := map[int]int{} // year → column
	for i, c := range h {
		if y, ok := headerYear(c); ok {
			if prev, dup := yearCol[y]; dup {
				p.problem(hr+1, c, c, fmt.Sprintf("year %d appears twice in the header (also column %d)", y, prev+1))
				continue
			}
			yearCol[y] = i
			if y < 1949 || y > p.opt.MaxYear {
				p.problem(hr+1, c, c, fmt.Sprintf("implausible year %d", y))
				continue
			}
			years[i] = y
		}
	}
	for r := hr + 1; r < len(p.g.cells); r++ {
		rec := p.g.cells[r]
		if nonEmpty(rec) == 0 {
			continue
		}
		row := r + 1
		label := strings.TrimSpace(cell(rec, ci))
		if label == "" {
			continue // a note or blank label row under the table
		}
		unit := strings.TrimSpace(cell(rec, cu))
		if unit == "" {
			unit = unitInLabel(label)
			label = stripUnit(label)
		}
		code, ok := p.indicator(row, h[ci], label)
		region := p.region(row, cr, h, rec)
		if !ok {
			continue
		}
		for i := range rec {
			y, ok := years[i]
			if !ok {
				continue
			}
			p.value(row, h[i], rec[i], code, unit, region, y, "", "")
		}
	}
}

var labelUnit = regexp.MustCompile(`[（(]([^（）()]+)[)）]\s*$`)

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

func (p *parser) indicator(row int, col, v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		p.problem(row, col, v, "indicator is empty")
		return "", false
	}
	code, ok := p.index[norm(v)]
	if !ok {
		code, ok = p.index[norm(stripUnit(v))]
	}
	if !ok {
		p.problem(row, col, v, "unknown indicator: not a catalogue code, Chinese name or alias (see plangap targets)")
		return "", false
	}
	return code, true
}

func (p *parser) year(row int, col, v string) (int, bool) {
	s := norm(v)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "年度"), "年")
	y, err := strconv.Atoi(s)
	if err != nil {
		reason := "year is not a whole number"
		if strings.ContainsAny(s, "-/.") {
			reason = "a date where a year belongs; write the year alone, e.g. 2023"
		}
		p.problem(row, col, v, reason)
		return 0, false
	}
	if y < 1949 || y > p.opt.MaxYear {
		p.problem(row, col, v, fmt.Sprintf("implausible year %d (want 1949–%d)", y, p.opt.MaxYear))
		return 0, false
	}
	return y, true
}

func (p *parser) region(row, cr int, h, rec []string) string {
	if r := strings.TrimSpace(cell(rec, cr)); r != "" {
		return r
	}
	if p.opt.Region == "" {
		col := ""
		if cr >= 0 {
			col = h[cr]
		}
		p.problem(row, col, "", "no region: add a 地区/region column or pass --region")
	}
	return p.opt.Region
}

func (p *parser) status(row, cs int, h, rec []string) string {
	v := norm(cell(rec, cs))
	switch v {
	case "":
		return ""
	case "preliminary", "初步", "初步核算", "初步数", "快报":
		return "preliminary"
	case "final", "最终", "最终核实", "正式", "核实数":
		return "final"
	}
	p.problem(row, h[cs], cell(rec, cs), "unknown status (want preliminary/初步核算 or final/最终核实)")
	return ""
}

// noData are the cells that mean "no data", never zero.
var noData = map[string]bool{"": true, "—": true, "-": true, "--": true, "——": true, "…": true, "...": true, "/": true, "na": true, "n/a": true, "无": true, "x": true}

func (p *parser) value(row int, col, raw, code, unit, region string, year int, status, note string) {
	s := strings.TrimSpace(raw)
	if noData[norm(s)] || noData[s] {
		p.file.NoData++
		return
	}
	if strings.HasPrefix(s, "\x00formula:") {
		p.problem(row, col, strings.TrimPrefix(s, "\x00formula:"), "a formula cell: paste the values (选择性粘贴→数值) before loading")
		return
	}
	ind := p.opt.Indicators[code]
	if ind.Unit == "" {
		p.milestone(row, col, raw, code, region, year, status, note)
		return
	}
	v, pct, err := parseNumber(s)
	if err != nil {
		p.problem(row, col, raw, err.Error())
		return
	}
	if pct {
		if unit != "" && unit != "%" {
			p.problem(row, col, raw, fmt.Sprintf("a percentage for a value in %s", unit))
			return
		}
		unit = "%"
	}
	if unit == "" {
		if ambiguous(ind.Unit) {
			p.problem(row, col, raw, fmt.Sprintf("no unit: %s is kept in %s, and values may come in other units of the same kind (万元/亿元 …); add a 单位 column or write the unit in the label", ind.NameZh, ind.Unit))
			return
		}
		unit = ind.Unit
	}
	conv, err := model.Convert(v, unit, ind.Unit)
	if err != nil {
		p.problem(row, col, raw, fmt.Sprintf("unit mismatch: %v", err))
		return
	}
	if conv.Exponent() < -10 && !conv.Equal(conv.Round(10)) {
		p.problem(row, col, raw, "more than 10 decimal places after conversion to "+ind.Unit)
		return
	}
	if conv.Abs().GreaterThanOrEqual(decimal.New(1, 27)) {
		p.problem(row, col, raw, "value too large")
		return
	}
	if ind.Min != nil && conv.LessThan(*ind.Min) {
		reason := fmt.Sprintf("below the indicator's natural bound %s %s", ind.Min, ind.Unit)
		if ind.Min.IsZero() {
			reason = "negative value for a quantity that cannot be negative"
		}
		p.problem(row, col, raw, reason)
		return
	}
	if ind.Max != nil && conv.GreaterThan(*ind.Max) {
		p.problem(row, col, raw, fmt.Sprintf("above the indicator's natural bound %s %s (a share over 100%%?)", ind.Max, ind.Unit))
		return
	}
	key := obsKey{code, region, year}
	if prev, dup := p.seen[key]; dup {
		p.problem(row, col, raw, fmt.Sprintf("duplicate: %s, %s, %d already given on row %d", ind.NameZh, region, year, prev))
		return
	}
	p.seen[key] = row
	p.file.Observations = append(p.file.Observations, Observation{Indicator: code, Region: region, Year: year, Value: conv, Status: status, Note: note, Row: row, Column: col})
}

// milestone reads a qualitative task's report: done (1) or not done (0).
func (p *parser) milestone(row int, col, raw, code, region string, year int, status, note string) {
	var v int64
	switch norm(raw) {
	case "1", "是", "完成", "已完成", "done", "yes", "y", "√", "✓":
		v = 1
	case "0", "否", "未完成", "not done", "no", "n", "×":
		v = 0
	default:
		p.problem(row, col, raw, "a milestone (定性任务) takes 1/完成 or 0/未完成")
		return
	}
	key := obsKey{code, region, year}
	if prev, dup := p.seen[key]; dup {
		p.problem(row, col, raw, fmt.Sprintf("duplicate: %s, %s, %d already given on row %d", code, region, year, prev))
		return
	}
	p.seen[key] = row
	p.file.Observations = append(p.file.Observations, Observation{Indicator: code, Region: region, Year: year, Value: decimal.NewFromInt(v), Status: status, Note: note, Row: row, Column: col})
}

// ambiguous reports whether a unit's dimension has units of other sizes,
// so that a bare number cannot be read without its unit.
func ambiguous(unit string) bool {
	u, err := model.LookupUnit(unit)
	if err != nil {
		return true
	}
	for _, o := range model.Units() {
		if o.Dimension == u.Dimension && !o.Factor.Equal(u.Factor) {
			return true
		}
	}
	return false
}

var plainNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$`)

// parseNumber reads a statistics number: full-width digits, thousands
// separators and a trailing % are accepted. NaN, Inf and the like are not
// numbers.
func parseNumber(s string) (decimal.Decimal, bool, error) {
	t := width.Narrow.String(strings.TrimSpace(s))
	t = strings.ReplaceAll(t, " ", "")
	t = strings.ReplaceAll(t, "\u00a0", "")
	t = strings.ReplaceAll(t, "。", ".")
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	if strings.Contains(t, ",") {
		if !regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`).MatchString(t) {
			return decimal.Decimal{}, false, fmt.Errorf("not a number (misplaced thousands separator)")
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	if !plainNumber.MatchString(t) {
		return decimal.Decimal{}, false, fmt.Errorf("not a number")
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, false, fmt.Errorf("not a number")
	}
	return d, pct, nil
}
