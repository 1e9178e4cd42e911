// Package catalogue reads and writes plan catalogues: one row per target,
// in CSV or XLSX, in the format documented in datasets/README.md.
package catalogue

import (
	"encoding/csv"
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
	"plan_code", "region", "plan_title", "doc_no", "period_start", "period_end", "base_year",
	"id", "headline", "chapter", "clause", "indicator", "name_zh", "name_en", "unit", "direction", "min", "max", "aliases",
	"kind", "operator", "value", "value_high", "target_unit", "tolerance", "first_year", "target_year", "target_base_year", "base_value", "path",
	"lead_department", "participating_departments", "deadline", "source_text",
}

var planColumns = Columns[:7]

// Catalogue is a plan with its targets.
type Catalogue struct {
	Plan    model.Plan
	Targets []model.Target
}

// ReadCSV parses a UTF-8 catalogue (a BOM is allowed). name labels errors.
func ReadCSV(r io.Reader, name string) (*Catalogue, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		return nil, model.Problems{{File: name, Reason: "not a readable CSV file: " + err.Error()}}
	}
	if len(records) > 0 && len(records[0]) > 0 {
		records[0][0] = strings.TrimPrefix(records[0][0], "\ufeff")
	}
	// Undo the apostrophe WriteCSV puts before formula-looking text.
	for _, rec := range records {
		for i, c := range rec {
			rec[i] = excelcsv.Uncell(c)
		}
	}
	return parse(records, name, "")
}

// ReadXLSX parses the first sheet of an XLSX catalogue.
func ReadXLSX(r io.Reader, name string) (*Catalogue, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, model.Problems{{File: name, Reason: "not a readable XLSX file: " + err.Error()}}
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, model.Problems{{File: name, Sheet: sheet, Reason: err.Error()}}
	}
	return parse(rows, name, sheet)
}

// Read picks the reader from the file name's extension.
func Read(r io.Reader, name string) (*Catalogue, error) {
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") {
		return ReadXLSX(r, name)
	}
	return ReadCSV(r, name)
}

func parse(records [][]string, file, sheet string) (*Catalogue, error) {
	var probs model.Problems
	add := func(row int, col, val, reason string) {
		probs = append(probs, model.Problem{File: file, Sheet: sheet, Row: row, Column: col, Value: val, Reason: reason})
	}
	if len(records) == 0 {
		add(0, "", "", "empty file: expected a header row")
		return nil, probs
	}
	idx := map[string]int{}
	for i, h := range records[0] {
		h = strings.TrimSpace(h)
		if _, dup := idx[h]; dup && h != "" {
			add(1, h, "", "duplicate column")
		}
		idx[h] = i
	}
	required := []string{"id", "indicator", "name_zh", "unit", "direction", "kind", "operator", "value", "lead_department", "chapter"}
	for _, c := range required {
		if _, ok := idx[c]; !ok {
			add(1, c, "", "required column is missing")
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	cat := &Catalogue{}
	indicators := map[string]model.Indicator{}
	indRow := map[string]int{}
	ids := map[string]int{}
	planSeen := false
	for ri, rec := range records[1:] {
		row := ri + 2
		get := func(c string) string {
			if i, ok := idx[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		intField := func(c string, def int) int {
			s := get(c)
			if s == "" {
				return def
			}
			n, err := strconv.Atoi(s)
			if err != nil || n < 1900 || n > 2200 {
				add(row, c, s, "not a plausible year")
				return def
			}
			return n
		}
		decField := func(c string) *decimal.Decimal {
			s := get(c)
			if s == "" {
				return nil
			}
			d, err := decimal.NewFromString(s)
			if err != nil {
				add(row, c, s, "not a decimal number")
				return nil
			}
			return &d
		}
		// Plan columns: required on the first target row, and must agree
		// wherever they are repeated.
		p := model.Plan{Code: get("plan_code"), Region: get("region"), Title: get("plan_title"), DocNo: get("doc_no"),
			PeriodStart: intField("period_start", 0), PeriodEnd: intField("period_end", 0), BaseYear: intField("base_year", 0)}
		if !planSeen {
			cat.Plan = p
			planSeen = true
			for _, c := range []string{"plan_code", "region", "period_start", "period_end", "base_year"} {
				if get(c) == "" {
					add(row, c, "", "required on the first target row")
				}
			}
			if p.PeriodEnd < p.PeriodStart {
				add(row, "period_end", get("period_end"), "is before period_start")
			}
		} else {
			for _, c := range planColumns {
				if v := get(c); v != "" && v != planField(cat.Plan, c) {
					add(row, c, v, fmt.Sprintf("differs from the first row (%q); a catalogue holds one plan", planField(cat.Plan, c)))
				}
			}
		}

		id := get("id")
		if prev, dup := ids[id]; dup && id != "" {
			add(row, "id", id, fmt.Sprintf("duplicate target id (first on row %d)", prev))
		}
		ids[id] = row

		kind, err := model.ParseKind(get("kind"))
		if err != nil {
			add(row, "kind", get("kind"), err.Error())
		}
		ind := model.Indicator{Code: get("indicator"), NameZh: get("name_zh"), NameEn: get("name_en"), Unit: get("unit")}
		if ind.Code == "" {
			add(row, "indicator", "", "is empty")
		}
		if ind.NameZh == "" {
			add(row, "name_zh", "", "is empty")
		}
		if kind != model.Milestone {
			if _, err := model.LookupUnit(ind.Unit); err != nil {
				add(row, "unit", ind.Unit, err.Error())
			}
		}
		dir, err := model.ParseDirection(orDefault(get("direction"), "higher"))
		if err != nil {
			add(row, "direction", get("direction"), err.Error())
		}
		ind.Direction = dir
		ind.Min, ind.Max = decField("min"), decField("max")
		for _, a := range splitList(get("aliases")) {
			ind.Aliases = append(ind.Aliases, a)
		}
		if prev, ok := indicators[ind.Code]; ok && ind.Code != "" {
			if col := indicatorDiff(prev, ind); col != "" {
				add(row, col, get(col), fmt.Sprintf("indicator %s is defined differently on row %d", ind.Code, indRow[ind.Code]))
			}
		} else {
			indicators[ind.Code], indRow[ind.Code] = ind, row
		}

		op, err := model.ParseOperator(get("operator"))
		if err != nil {
			add(row, "operator", get("operator"), err.Error())
		}
		t := model.Target{
			ID: id, PlanCode: cat.Plan.Code, Region: cat.Plan.Region, Indicator: ind,
			Headline: parseBool(get("headline")), Kind: kind, Operator: op,
			Unit:       orDefault(get("target_unit"), ind.Unit),
			ValueHigh:  decField("value_high"),
			Tolerance:  decField("tolerance"),
			BaseValue:  decField("base_value"),
			BaseYear:   intField("target_base_year", cat.Plan.BaseYear),
			TargetYear: intField("target_year", cat.Plan.PeriodEnd),
			PathMethod: get("path"),
			Chapter:    get("chapter"), Clause: get("clause"), SourceText: get("source_text"),
			Deadline:                 get("deadline"),
			LeadDepartments:          splitList(get("lead_department")),
			ParticipatingDepartments: splitList(get("participating_departments")),
		}
		t.FirstYear = intField("first_year", 0)
		if t.FirstYear == 0 && (kind == model.Floor || kind == model.Cumulative) {
			t.FirstYear = cat.Plan.PeriodStart
		}
		if kind == model.Milestone {
			t.Unit = ""
		} else if v := decField("value"); v != nil {
			t.Value = *v
		} else if get("value") == "" {
			add(row, "value", "", "a quantitative target needs a value")
		}
		if t.PathMethod != "" && t.PathMethod != "geometric" && t.PathMethod != "linear" {
			add(row, "path", t.PathMethod, "want geometric, linear or empty")
		}
		if !knownChapter(t.Chapter) {
			add(row, "chapter", t.Chapter, "unknown chapter (want one of "+strings.Join(model.Chapters, " ")+")")
		}
		if len(t.LeadDepartments) == 0 {
			add(row, "lead_department", "", "every target needs a lead department (牵头部门)")
		}
		if err := t.Validate(); err != nil && kind != "" && op != "" {
			col := model.FieldOf(err)
			if col == "indicator_unit" {
				col = "unit"
			} else if col == "unit" && get("target_unit") != "" {
				col = "target_unit"
			}
			add(row, col, get(col), err.Error())
		}
		cat.Targets = append(cat.Targets, t)
	}
	if !planSeen {
		add(0, "", "", "no target rows")
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return cat, nil
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

func knownChapter(c string) bool {
	for _, k := range model.Chapters {
		if k == c {
			return true
		}
	}
	return false
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
