package app

import (
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/excelcsv"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// GapCSVHeader names the gap table's columns as the JSON does: shares
// and rates are fractions (0.579, not 57.9%), so Excel reads numbers.
// `gap --format csv`, run's gap.csv and GET /api/gap?format=csv|xlsx
// write these columns.
var GapCSVHeader = []string{"id", "region", labels.Indicator.Both(), "unit", "year", "actual", "cumulative_actual", "target", "gap",
	"completion_share π", "time_share τ", "schedule_gap_pp π−τ", "required_rate", "required_increment", "observed_rate", "status", "method"}

// GapStatus is a row's status as the gap table prints it: the Chinese
// label, the method's code, and * for illustrative data.
func GapStatus(r *analysis.Row) string {
	s := analysis.Labels[r.Status].Zh + " " + string(r.Status)
	if r.Illustrative {
		s += " *"
	}
	return s
}

// gapCell is one cell of the gap table: text, or a number (a decimal kept
// as its exact string, or a float), or empty for an undefined measure.
type gapCell struct {
	text   string
	number bool
}

func gapCells(r *analysis.Row) []gapCell {
	t := &r.Target
	txt := func(s string) gapCell { return gapCell{text: s} }
	dec := func(d interface{ String() string }, ok bool) gapCell {
		if !ok {
			return gapCell{}
		}
		return gapCell{text: d.String(), number: true}
	}
	num := func(v float64) gapCell {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return gapCell{}
		}
		return gapCell{text: strconv.FormatFloat(v, 'g', 6, 64), number: true}
	}
	year := gapCell{}
	if r.Year > 0 {
		year = gapCell{text: strconv.Itoa(r.Year), number: true}
	}
	cum := gapCell{}
	if t.Kind == model.Cumulative && r.Outcome != nil {
		cum = dec(r.Outcome, true)
	}
	rate, inc := gapCell{}, num(r.RequiredIncrement)
	if r.Geometric && !math.IsNaN(r.RequiredRate) {
		rate, inc = num(r.RequiredRate), gapCell{}
	}
	return []gapCell{txt(t.ID), txt(r.Region), txt(t.Indicator.NameZh), txt(t.Indicator.Unit), year, dec(r.Actual, r.Actual != nil), cum,
		dec(r.TargetLevel, r.TargetLevel != nil), dec(r.Gap, r.Gap != nil),
		num(r.Completion), num(r.TimeShare), num(r.ScheduleGap), rate, inc, num(r.ObservedRate), txt(GapStatus(r)), txt(string(r.Method))}
}

// GapCSVRow is one row of the gap CSV; an undefined measure is an empty
// cell, never a dash in a number column.
func GapCSVRow(r *analysis.Row) []string {
	cells := gapCells(r)
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.text
	}
	return out
}

// WriteGapCSV writes the gap table as CSV for Excel (see excelcsv).
func WriteGapCSV(w io.Writer, rows []analysis.Row) error {
	cw := excelcsv.NewWriter(w)
	cw.Write(GapCSVHeader)
	for i := range rows {
		cw.Write(GapCSVRow(&rows[i]))
	}
	cw.Flush()
	return cw.Error()
}

// SheetGapTable is the gap workbook's one sheet.
const SheetGapTable = "指标差距"

// WriteGapXLSX writes the gap table as a workbook with the CSV's
// columns: numbers are numeric cells (a decimal's exact digits, which
// Excel reads to 15 significant figures), undefined measures are empty,
// text that looks like a formula is kept as text.
func WriteGapXLSX(w io.Writer, rows []analysis.Row) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetGapTable); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetGapTable)
	if err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(GapCSVHeader))
	for i, h := range GapCSVHeader {
		head[i] = excelize.Cell{Value: h, StyleID: bold}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i := range rows {
		cells := gapCells(&rows[i])
		vals := make([]any, len(cells))
		for j, c := range cells {
			switch {
			case c.text == "":
				vals[j] = nil
			case c.number:
				vals[j] = numberCell(c.text)
			default:
				vals[j] = excelcsv.Cell(c.text)
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(ref, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// numberCell turns an exact number's text into a cell value: a float64
// holds it to Excel's 15 significant digits.
func numberCell(s string) any {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return v
}
