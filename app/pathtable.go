package app

import (
	"io"
	"math"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/excelcsv"
	"github.com/plangap/plangap/model"
)

// PathPoint is one year of a target's path as `plangap path` and the
// target page's data download give it: the planned and required paths,
// the actual (a running sum for cumulative targets) and the gap, planned
// − actual signed so that > 0 means behind the path.
type PathPoint struct {
	Year              int
	Planned, Required float64 // NaN where undefined
	Actual            *decimal.Decimal
	Gap               float64 // NaN without an actual or a planned value
}

// PathPoints returns a row's path year by year; none for a qualitative
// milestone, which has no path.
func PathPoints(r analysis.Row) []PathPoint {
	if r.Target.Kind == model.Milestone {
		return nil
	}
	d := 1.0
	if r.Target.Indicator.Direction == model.LowerIsBetter {
		d = -1
	}
	var out []PathPoint
	for _, p := range r.Path() {
		pp := PathPoint{Year: p.Year, Planned: p.Planned, Required: p.Required, Actual: p.Actual, Gap: math.NaN()}
		if p.Actual != nil && !math.IsNaN(p.Planned) {
			pp.Gap = d * (p.Planned - p.Actual.InexactFloat64())
		}
		out = append(out, pp)
	}
	return out
}

// PathCSVHeader names the path table's columns.
var PathCSVHeader = []string{"年份 year", "规划路径 planned", "所需路径 required", "实绩 actual", "差距 gap"}

// PathCSVRow is one year of the path table: paths and gaps to four
// decimals, the actual exact, an undefined value an empty cell.
func PathCSVRow(p PathPoint) []string {
	f4 := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return strconv.FormatFloat(v, 'f', 4, 64)
	}
	act := ""
	if p.Actual != nil {
		act = p.Actual.String()
	}
	return []string{strconv.Itoa(p.Year), f4(p.Planned), f4(p.Required), act, f4(p.Gap)}
}

// WritePathCSV writes a target's path table as CSV for Excel: `plangap
// path --format csv` and the target page's CSV download.
func WritePathCSV(w io.Writer, pts []PathPoint) error {
	cw := excelcsv.NewWriter(w)
	cw.Write(PathCSVHeader)
	for _, p := range pts {
		cw.Write(PathCSVRow(p))
	}
	cw.Flush()
	return cw.Error()
}

// SheetPath is the path workbook's one sheet.
const SheetPath = "目标路径"

// WritePathXLSX writes a target's path table as a workbook with the
// CSV's columns, the numbers as numeric cells. title, when given, is a
// first line above the table (the target's name and region).
func WritePathXLSX(w io.Writer, title string, pts []PathPoint) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetPath); err != nil {
		return err
	}
	row := 1
	if title != "" {
		f.SetCellStr(SheetPath, "A1", excelcsv.Cell(title))
		row = 2
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	for i, h := range PathCSVHeader {
		ref, _ := excelize.CoordinatesToCellName(i+1, row)
		f.SetCellStr(SheetPath, ref, h)
		f.SetCellStyle(SheetPath, ref, ref, bold)
	}
	for _, p := range pts {
		row++
		for i, c := range PathCSVRow(p) {
			if c == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(i+1, row)
			v, err := strconv.ParseFloat(c, 64)
			if err != nil {
				return err
			}
			if i == 0 {
				f.SetCellInt(SheetPath, ref, int64(v))
				continue
			}
			f.SetCellFloat(SheetPath, ref, v, -1, 64)
		}
	}
	f.SetColWidth(SheetPath, "A", "E", 16)
	return f.Write(w)
}
