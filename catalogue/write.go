package catalogue

import (
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/excelcsv"
	"github.com/plangap/plangap/model"
)

// records renders catalogues as rows, header first, one plan after the
// other. Plan columns are written on each plan's first target row only, as
// the format allows.
func records(cs []*Catalogue) [][]string {
	n := 1
	for _, c := range cs {
		n += len(c.Targets)
	}
	out := make([][]string, 0, n)
	out = append(out, Columns)
	for _, c := range cs {
		for i, t := range c.Targets {
			out = append(out, record(c.Plan, t, i == 0))
		}
	}
	return out
}

// column is each column's position in Columns.
var column = func() map[string]int {
	m := make(map[string]int, len(Columns))
	for i, c := range Columns {
		m[c] = i
	}
	return m
}()

// record renders one target row; first adds the plan columns.
func record(p model.Plan, t model.Target, first bool) []string {
	rec := make([]string, len(Columns))
	set := func(col, v string) { rec[column[col]] = v }
	if first {
		for _, col := range planColumns {
			set(col, planField(p, col))
		}
	}
	ind := t.Indicator
	set("id", t.ID)
	if t.Headline {
		set("headline", "yes")
	}
	set("chapter", t.Chapter)
	set("clause", t.Clause)
	set("indicator", ind.Code)
	set("name_zh", ind.NameZh)
	set("name_en", ind.NameEn)
	set("unit", ind.Unit)
	set("direction", string(ind.Direction))
	set("min", decString(ind.Min))
	set("max", decString(ind.Max))
	set("aliases", strings.Join(ind.Aliases, ";"))
	if ind.GrowthRate {
		set("growth_rate", "yes")
	}
	set("attribute", t.Attribute)
	set("stretch", decString(t.Stretch))
	set("annual", model.FormatAnnual(t.Annual))
	set("relative_to", t.RelativeTo)
	if t.CompareWithParent {
		set("compare_with_parent", "yes")
	}
	set("assigned_from", t.AssignedFrom)
	set("kind", string(t.Kind))
	set("operator", string(t.Operator))
	if t.Kind != model.Milestone {
		set("value", t.Value.String())
		if t.Unit != ind.Unit {
			set("target_unit", t.Unit)
		}
	}
	set("value_high", decString(t.ValueHigh))
	set("tolerance", decString(t.Tolerance))
	if t.Kind == model.Floor || t.Kind == model.Cumulative {
		set("first_year", strconv.Itoa(t.FirstYear))
	}
	set("target_year", strconv.Itoa(t.TargetYear))
	if t.BaseYear != p.BaseYear {
		set("target_base_year", strconv.Itoa(t.BaseYear))
	}
	set("base_value", decString(t.BaseValue))
	set("path", t.PathMethod)
	set("lead_department", strings.Join(t.LeadDepartments, "、"))
	set("participating_departments", strings.Join(t.ParticipatingDepartments, "、"))
	set("deadline", t.Deadline)
	set("source_text", t.SourceText)
	return rec
}

func decString(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// WriteCSV writes the catalogue as UTF-8 CSV with a BOM, so that Excel on
// Chinese Windows opens it correctly, and formula-looking text neutralised
// (see excelcsv); ReadCSV reads both back.
func WriteCSV(w io.Writer, c *Catalogue) error {
	return WriteAllCSV(w, []*Catalogue{c})
}

// WriteAllCSV writes several plans as one multi-plan catalogue, which
// ReadAll reads back plan by plan.
func WriteAllCSV(w io.Writer, cs []*Catalogue) error {
	return excelcsv.NewWriter(w).WriteAll(records(cs))
}

// WriteXLSX writes the catalogue as a one-sheet workbook. Every cell is
// written as text so that values keep their exact decimal form and no cell
// is ever taken for a formula.
func WriteXLSX(w io.Writer, c *Catalogue) error {
	return WriteAllXLSX(w, []*Catalogue{c})
}

// WriteAllXLSX writes several plans as one multi-plan workbook.
func WriteAllXLSX(w io.Writer, cs []*Catalogue) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "targets"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, rec := range records(cs) {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = excelize.Cell{Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
