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

// records renders a catalogue as rows, header first. Plan columns are
// written on the first target row only, as the format allows.
func records(c *Catalogue) [][]string {
	out := [][]string{Columns}
	for i, t := range c.Targets {
		rec := make([]string, len(Columns))
		set := func(col, v string) {
			for j, name := range Columns {
				if name == col {
					rec[j] = v
				}
			}
		}
		if i == 0 {
			for _, col := range planColumns {
				set(col, planField(c.Plan, col))
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
		if t.BaseYear != c.Plan.BaseYear {
			set("target_base_year", strconv.Itoa(t.BaseYear))
		}
		set("base_value", decString(t.BaseValue))
		set("path", t.PathMethod)
		set("lead_department", strings.Join(t.LeadDepartments, "、"))
		set("participating_departments", strings.Join(t.ParticipatingDepartments, "、"))
		set("deadline", t.Deadline)
		set("source_text", t.SourceText)
		out = append(out, rec)
	}
	return out
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
	return excelcsv.NewWriter(w).WriteAll(records(c))
}

// WriteXLSX writes the catalogue as a one-sheet workbook. Every cell is
// written as text so that values keep their exact decimal form and no cell
// is ever taken for a formula.
func WriteXLSX(w io.Writer, c *Catalogue) error {
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
	for i, rec := range records(c) {
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
