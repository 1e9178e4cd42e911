// Package catalogue reads and writes plan catalogues: one row per target,
// in CSV or XLSX, in the format documented in datasets/README.md.
package catalogue

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/excelcsv"
	"github.com/plangap/plangap/model"
)

// Columns is the catalogue header, in order.
var Columns = []string{
	"plan_code", "region", "plan_title", "doc_no", "period_start", "period_end", "base_year", "parent",
	"id", "headline", "attribute", "chapter", "clause", "indicator", "name_zh", "name_en", "unit", "direction", "min", "max", "aliases", "growth_rate",
	"kind", "operator", "value", "value_high", "target_unit", "tolerance", "stretch", "annual", "relative_to", "compare_with_parent", "assigned_from",
	"first_year", "target_year", "target_base_year", "base_value", "path",
	"lead_department", "participating_departments", "deadline", "source_text",
}

var planColumns = Columns[:8]

// Catalogue is a plan with its targets.
type Catalogue struct {
	Plan    model.Plan
	Targets []model.Target
}

// ReadCSV parses a UTF-8 catalogue holding one plan (a BOM is allowed).
// name labels errors.
func ReadCSV(r io.Reader, name string) (*Catalogue, error) {
	return one(parse(csvRows(r), name, "", false))
}

// ReadXLSX parses the first sheet of an XLSX catalogue holding one plan.
func ReadXLSX(r io.Reader, name string) (*Catalogue, error) {
	rows, sheet, err := xlsxRows(r, name)
	if err != nil {
		return nil, err
	}
	return one(parse(rows, name, sheet, false))
}

// Read picks the reader from the file name's extension. The file must
// hold one plan; ReadAll reads files holding several.
func Read(r io.Reader, name string) (*Catalogue, error) {
	if isXLSX(name) {
		return ReadXLSX(r, name)
	}
	return ReadCSV(r, name)
}

// ReadAll reads a catalogue holding one plan or many, CSV or XLSX by the
// file name's extension, and returns the plans in file order. A plan's
// rows are one group: its plan columns are filled on the group's first row
// and repeated or left empty on the rest; a row naming another plan_code
// or region starts the next plan.
func ReadAll(r io.Reader, name string) ([]*Catalogue, error) {
	if !isXLSX(name) {
		return parse(csvRows(r), name, "", true)
	}
	rows, sheet, err := xlsxRows(r, name)
	if err != nil {
		return nil, err
	}
	return parse(rows, name, sheet, true)
}

func isXLSX(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".xlsx") }

// rowSource returns the file's rows one at a time with their 1-based row
// numbers, and io.EOF after the last.
type rowSource func() (rec []string, row int, err error)

// csvRows streams a CSV file, so that a catalogue of 3,000 plans is never
// held twice in memory. Row numbers are the rows Excel shows: blank lines
// count, and a cell with line breaks inside stays one row.
func csvRows(r io.Reader) rowSource {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	first := true
	breaks := 0 // line breaks inside the cells of earlier rows
	return func() ([]string, int, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, pe.StartLine - breaks, err
			}
			return nil, 0, err
		}
		line, _ := cr.FieldPos(0)
		row := line - breaks
		if first && len(rec) > 0 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
		}
		first = false
		for i, c := range rec {
			breaks += strings.Count(c, "\n")
			// Undo the apostrophe WriteCSV puts before formula-looking text.
			rec[i] = excelcsv.Uncell(c)
		}
		return rec, row, nil
	}
}

func xlsxRows(r io.Reader, name string) (rowSource, string, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, "", model.Problems{{File: name, Reason: "不是可读的XLSX文件 not a readable XLSX file: " + err.Error()}}
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, sheet, model.Problems{{File: name, Sheet: sheet, Reason: err.Error()}}
	}
	i := 0
	return func() ([]string, int, error) {
		if i == len(rows) {
			return nil, 0, io.EOF
		}
		i++
		return rows[i-1], i, nil
	}, sheet, nil
}

// one is the single-plan readers' answer: parse in single mode never
// returns more than one plan.
func one(cs []*Catalogue, err error) (*Catalogue, error) {
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

// parser holds what reading one file has established so far.
type parser struct {
	file, sheet string
	multi       bool // several plans allowed
	col         map[string]int
	probs       model.Problems

	plans      []*Catalogue
	cur        *Catalogue
	curRow     int            // the current plan's first row
	planRow    map[string]int // region + "\x00" + code → first row
	ids        map[string]int // target id → row, within the current plan
	indicators map[string]model.Indicator
	indRow     map[string]int
}

func (p *parser) add(row int, col, val, reason string) {
	p.probs = append(p.probs, model.Problem{File: p.file, Sheet: p.sheet, Row: row, Column: col, Value: val, Reason: reason})
}

// parse reads the header, then each target row in turn: which plan it
// belongs to, its indicator, the target itself, and the target's checks.
// Every problem is collected; nothing is returned unless there are none.
func parse(next rowSource, file, sheet string, multi bool) ([]*Catalogue, error) {
	p := &parser{file: file, sheet: sheet, multi: multi, planRow: map[string]int{},
		indicators: map[string]model.Indicator{}, indRow: map[string]int{}}
	head, _, err := next()
	if err == io.EOF {
		p.add(0, "", "", "文件为空，缺少表头行 empty file: expected a header row")
		return nil, p.probs
	}
	if err != nil {
		p.add(0, "", "", "不是可读的CSV文件 not a readable CSV file: "+err.Error())
		return nil, p.probs
	}
	if !p.header(head) {
		return nil, p.probs
	}
	for {
		rec, row, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			p.add(row, "", "", "不是可读的CSV文件 not a readable CSV file: "+err.Error())
			break
		}
		if blank(rec) {
			continue
		}
		r := line{p: p, rec: rec, n: row}
		p.planOf(r)
		ind := p.indicator(r)
		t := p.target(r, ind)
		p.check(r, t)
		p.cur.Targets = append(p.cur.Targets, t)
	}
	if len(p.plans) == 0 && len(p.probs) == 0 {
		p.add(0, "", "", "没有指标行 no target rows")
	}
	if len(p.probs) > 0 {
		return nil, p.probs
	}
	return p.plans, nil
}

// requiredColumns must be in every catalogue's header.
var requiredColumns = []string{"id", "indicator", "name_zh", "unit", "direction", "kind", "operator", "value", "lead_department", "chapter"}

// header indexes the columns and checks that every required one is there.
func (p *parser) header(h []string) bool {
	p.col = map[string]int{}
	for i, name := range h {
		name = strings.TrimSpace(name)
		if _, dup := p.col[name]; dup && name != "" {
			p.add(1, name, "", "列名重复 duplicate column")
		}
		p.col[name] = i
	}
	for _, c := range requiredColumns {
		if _, ok := p.col[c]; !ok {
			p.add(1, c, "", "缺少必需的列 required column is missing")
		}
	}
	return len(p.probs) == 0
}

func blank(rec []string) bool {
	for _, c := range rec {
		if c != "" {
			return false
		}
	}
	return true
}

// line is one target row being read.
type line struct {
	p   *parser
	rec []string
	n   int // 1-based row number in the file
}

func (r line) get(c string) string {
	if i, ok := r.p.col[c]; ok && i < len(r.rec) {
		return strings.TrimSpace(r.rec[i])
	}
	return ""
}

func (r line) add(col, val, reason string) { r.p.add(r.n, col, val, reason) }

// year reads a year column; def when empty.
func (r line) year(c string, def int) int {
	s := r.get(c)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1900 || n > 2200 {
		r.add(c, s, "不是合理的年份 not a plausible year")
		return def
	}
	return n
}

// dec reads an exact decimal column; nil when empty.
func (r line) dec(c string) *decimal.Decimal {
	s := r.get(c)
	if s == "" {
		return nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		r.add(c, s, "不是十进制数 not a decimal number")
		return nil
	}
	return &d
}

// planOf finds the plan a row belongs to: the current one, or — when the
// row names another plan_code or region and the file may hold several — a
// new one starting on this row.
func (p *parser) planOf(r line) {
	code, region := r.get("plan_code"), r.get("region")
	starts := p.cur == nil ||
		(p.multi && ((code != "" && code != p.cur.Plan.Code) || (region != "" && region != p.cur.Plan.Region)))
	if !starts {
		p.samePlan(r)
		return
	}
	pl := model.Plan{Code: code, Region: region, Title: r.get("plan_title"), DocNo: r.get("doc_no"),
		PeriodStart: r.year("period_start", 0), PeriodEnd: r.year("period_end", 0), BaseYear: r.year("base_year", 0),
		Parent: r.get("parent")}
	for _, c := range []string{"plan_code", "region", "period_start", "period_end", "base_year"} {
		if r.get(c) == "" {
			r.add(c, "", "每个规划的首行必填 required on the first target row of each plan")
		}
	}
	if pl.PeriodEnd < pl.PeriodStart {
		r.add("period_end", r.get("period_end"), "早于period_start is before period_start")
	}
	key := pl.Region + "\x00" + pl.Code
	if first, dup := p.planRow[key]; dup {
		r.add("plan_code", pl.Code, fmt.Sprintf("规划%s（%s）已从第%d行开始，同一规划的行须相连 plan %s for %s already began on row %d: keep a plan's rows together",
			pl.Code, pl.Region, first, pl.Code, pl.Region, first))
	}
	p.planRow[key] = r.n
	p.cur, p.curRow, p.ids = &Catalogue{Plan: pl}, r.n, map[string]int{}
	p.plans = append(p.plans, p.cur)
}

// samePlan checks that plan columns filled on a later row of a plan repeat
// its first row.
func (p *parser) samePlan(r line) {
	for _, c := range planColumns {
		v := r.get(c)
		if v == "" || v == planField(p.cur.Plan, c) {
			continue
		}
		if p.multi {
			r.add(c, v, fmt.Sprintf("与本规划首行（第%d行）不同 differs from the plan's first row (row %d: %q)", p.curRow, p.curRow, planField(p.cur.Plan, c)))
		} else {
			r.add(c, v, fmt.Sprintf("与首行（%q）不同，一个目录只含一个规划 differs from the first row (%q); a catalogue holds one plan", planField(p.cur.Plan, c), planField(p.cur.Plan, c)))
		}
	}
}

// indicator reads the row's indicator and checks it against any earlier
// definition in the file: an indicator is shared by every plan.
func (p *parser) indicator(r line) model.Indicator {
	ind := model.Indicator{Code: r.get("indicator"), NameZh: r.get("name_zh"), NameEn: r.get("name_en"), Unit: r.get("unit")}
	if ind.Code == "" {
		r.add("indicator", "", "指标代码为空 is empty")
	}
	if ind.NameZh == "" {
		r.add("name_zh", "", "指标名称为空 is empty")
	}
	dir, err := model.ParseDirection(orDefault(r.get("direction"), "higher"))
	if err != nil {
		r.add("direction", r.get("direction"), err.Error())
	}
	ind.Direction = dir
	ind.Min, ind.Max = r.dec("min"), r.dec("max")
	ind.Aliases = splitList(r.get("aliases"))
	ind.GrowthRate = parseBool(r.get("growth_rate"))
	if prev, ok := p.indicators[ind.Code]; ok && ind.Code != "" {
		if col := indicatorDiff(prev, ind); col != "" {
			r.add(col, r.get(col), fmt.Sprintf("指标%s与第%d行的定义不同 indicator %s is defined differently on row %d", ind.Code, p.indRow[ind.Code], ind.Code, p.indRow[ind.Code]))
		}
	} else {
		p.indicators[ind.Code], p.indRow[ind.Code] = ind, r.n
	}
	return ind
}

// target reads the row's target of the current plan.
func (p *parser) target(r line, ind model.Indicator) model.Target {
	plan := p.cur.Plan
	id := r.get("id")
	if prev, dup := p.ids[id]; dup && id != "" {
		r.add("id", id, fmt.Sprintf("指标编号重复（首见于第%d行） duplicate target id (first on row %d)", prev, prev))
	}
	p.ids[id] = r.n
	kind, err := model.ParseKind(r.get("kind"))
	if err != nil {
		r.add("kind", r.get("kind"), err.Error())
	}
	op, err := model.ParseOperator(r.get("operator"))
	if err != nil {
		r.add("operator", r.get("operator"), err.Error())
	}
	t := model.Target{
		ID: id, PlanCode: plan.Code, Region: plan.Region, Indicator: ind,
		Headline: parseBool(r.get("headline")), Kind: kind, Operator: op,
		Unit:       orDefault(r.get("target_unit"), ind.Unit),
		ValueHigh:  r.dec("value_high"),
		Tolerance:  r.dec("tolerance"),
		BaseValue:  r.dec("base_value"),
		BaseYear:   r.year("target_base_year", plan.BaseYear),
		TargetYear: r.year("target_year", plan.PeriodEnd),
		PathMethod: r.get("path"),
		Chapter:    r.get("chapter"), Clause: r.get("clause"), SourceText: r.get("source_text"),
		Deadline:                 r.get("deadline"),
		LeadDepartments:          splitList(r.get("lead_department")),
		ParticipatingDepartments: splitList(r.get("participating_departments")),
		Stretch:                  r.dec("stretch"),
		RelativeTo:               r.get("relative_to"),
		CompareWithParent:        parseBool(r.get("compare_with_parent")),
		AssignedFrom:             r.get("assigned_from"),
	}
	if a, err := model.ParseAttribute(r.get("attribute")); err != nil {
		r.add("attribute", r.get("attribute"), err.Error())
	} else {
		t.Attribute = a
	}
	if s := r.get("annual"); s != "" {
		ann, err := model.ParseAnnual(s)
		if err != nil {
			r.add("annual", s, err.Error())
		}
		t.Annual = ann
	}
	t.FirstYear = r.year("first_year", 0)
	if t.FirstYear == 0 && (kind == model.Floor || kind == model.Cumulative) {
		t.FirstYear = plan.PeriodStart
	}
	if kind == model.Milestone {
		t.Unit = ""
	} else if v := r.dec("value"); v != nil {
		t.Value = *v
	} else if r.get("value") == "" {
		r.add("value", "", "定量目标须有目标值 a quantitative target needs a value")
	}
	return t
}

// check applies the rules a target must meet beyond reading cleanly.
// Chapters belong to the plan: any non-empty chapter is accepted, in the
// order the plan first uses it (see Catalogue.Chapters).
func (p *parser) check(r line, t model.Target) {
	if t.Kind != model.Milestone {
		if _, err := model.LookupUnit(t.Indicator.Unit); err != nil {
			r.add("unit", t.Indicator.Unit, err.Error())
		}
	}
	if t.PathMethod != "" && t.PathMethod != "geometric" && t.PathMethod != "linear" {
		r.add("path", t.PathMethod, "应为geometric、linear或留空 want geometric, linear or empty")
	}
	if t.Chapter == "" {
		r.add("chapter", "", "章节为空 is empty: every target belongs to a chapter of its plan")
	}
	if len(t.LeadDepartments) == 0 {
		r.add("lead_department", "", "每个目标须有牵头部门 every target needs a lead department (牵头部门)")
	}
	if err := t.Validate(); err != nil && t.Kind != "" && t.Operator != "" {
		col := model.FieldOf(err)
		if col == "indicator_unit" {
			col = "unit"
		} else if col == "unit" && r.get("target_unit") != "" {
			col = "target_unit"
		}
		r.add(col, r.get(col), err.Error())
	}
}

// Chapters lists the plan's chapters in the order its targets first use
// them. Chapters belong to each plan; Guan County's ten (model.Chapters)
// are one plan's.
func (c *Catalogue) Chapters() []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range c.Targets {
		if !seen[t.Chapter] {
			seen[t.Chapter] = true
			out = append(out, t.Chapter)
		}
	}
	return out
}

func planField(p model.Plan, c string) string {
	switch c {
	case "plan_code":
		return p.Code
	case "region":
		return p.Region
	case "plan_title":
		return p.Title
	case "doc_no":
		return p.DocNo
	case "period_start":
		return strconv.Itoa(p.PeriodStart)
	case "period_end":
		return strconv.Itoa(p.PeriodEnd)
	case "base_year":
		return strconv.Itoa(p.BaseYear)
	case "parent":
		return p.Parent
	}
	return ""
}

// indicatorDiff names the first column where two definitions of one
// indicator disagree.
func indicatorDiff(a, b model.Indicator) string {
	switch {
	case a.NameZh != b.NameZh:
		return "name_zh"
	case a.Unit != b.Unit:
		return "unit"
	case a.Direction != b.Direction:
		return "direction"
	case !decEq(a.Min, b.Min):
		return "min"
	case !decEq(a.Max, b.Max):
		return "max"
	}
	return ""
}

func decEq(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// splitList splits department and alias lists written with 、 ; or ；.
func splitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ';' || r == '；' })
	out := f[:0]
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" && x != "—" && x != "-" {
			out = append(out, x)
		}
	}
	return out
}

func parseBool(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "y", "true", "1", "是", "x", "✓":
		return true
	}
	return false
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
