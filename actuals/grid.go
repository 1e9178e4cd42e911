// Package actuals reads the statistics bureau's files of yearly values:
// CSV (UTF-8 or GBK/GB18030) or XLSX, in long form (one value per row) or
// yearbook-wide form (indicators down the side, years across the top). It
// reports every problem with its file, sheet, row, column and reason.
package actuals

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/plangap/plangap/sheet"
)

// grid is a sheet of text cells; row i of cells is file row i+1.
type grid struct {
	sheet string
	cells [][]string
}

// Limits guard against hostile files.
const (
	MaxCellBytes = 64 << 10  // a statistics cell is never longer
	MaxXLSXBytes = 256 << 20 // unzipped size a workbook may reach
)

// checkCells refuses a grid with an absurdly long cell before any parsing.
func (g *grid) checkCells() error {
	for r, rec := range g.cells {
		for c, v := range rec {
			if len(v) > MaxCellBytes {
				return fmt.Errorf("row %d column %d: a cell of %d bytes (the limit is %d): not a statistics table", r+1, c+1, len(v), MaxCellBytes)
			}
		}
	}
	return nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns the file as UTF-8. UTF-8 (with or without a BOM) is
// taken as is; anything else must decode cleanly as GB18030, the superset
// of GBK that Excel writes for Chinese Windows.
func decodeText(data []byte) (string, string, error) {
	if bytes.HasPrefix(data, utf8BOM) {
		rest := data[len(utf8BOM):]
		if !utf8.Valid(rest) {
			return "", "", fmt.Errorf("the file starts with a UTF-8 byte-order mark but is not UTF-8 (GBK text saved behind a BOM?); save it again as UTF-8 or GBK")
		}
		return string(rest), "UTF-8 (BOM)", nil
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", fmt.Errorf("the file is neither UTF-8 nor GBK/GB18030 text")
	}
	return string(out), "GBK/GB18030", nil
}

// readCSV parses delimited text, sniffing comma, tab or semicolon from the
// first lines.
func readCSV(data []byte) (*grid, string, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, "", err
	}
	if strings.ContainsRune(text, 0) {
		return nil, "", fmt.Errorf("the file contains NUL bytes: not a text file")
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.Comma = sniffDelimiter(text)
	var cells [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", fmt.Errorf("not a readable CSV file: %v", err)
		}
		cells = append(cells, rec)
	}
	return &grid{cells: cells}, enc, nil
}

func sniffDelimiter(text string) rune {
	head := text
	if len(head) > 4096 {
		head = head[:4096]
	}
	best, bestN := ',', 0
	for _, d := range []rune{',', '\t', ';'} {
		if n := strings.Count(head, string(d)); n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

// readXLSX opens a workbook and reads one sheet: by name, by 1-based index,
// or the first sheet.
func readXLSX(data []byte, sheet string) (*grid, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxXLSXBytes, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, fmt.Errorf("not a readable XLSX workbook: %v", err)
	}
	defer f.Close()
	names := f.GetSheetList()
	name := ""
	switch {
	case sheet == "" && len(names) > 0:
		name = names[0]
	case sheet != "":
		for _, n := range names {
			if n == sheet {
				name = n
			}
		}
		if i, err := strconv.Atoi(sheet); name == "" && err == nil && i >= 1 && i <= len(names) {
			name = names[i-1]
		}
	}
	if name == "" {
		return nil, fmt.Errorf("no sheet %q (the workbook has %s)", sheet, strings.Join(names, ", "))
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	g := &grid{sheet: name}
	for rows.Next() {
		rec, err := rows.Columns(excelize.Options{RawCellValue: false})
		if err != nil {
			return nil, err
		}
		g.cells = append(g.cells, rec)
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	// Merged cells: GetRows leaves all but the top-left cell empty, which is
	// what header detection wants for merged title rows. Formulas are
	// refused: a statistics file must carry values, not calculations.
	for r, rec := range g.cells {
		for c := range rec {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if fm, _ := f.GetCellFormula(name, cell); fm != "" {
				rec[c] = "\x00formula:" + fm
			}
		}
	}
	return g, nil
}

// isXLSX recognises a zip container by its magic bytes.
func isXLSX(name string, data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || strings.HasSuffix(strings.ToLower(name), ".xlsx")
}

// gridRows serves a grid as a sheet.Rows so that Read can feed the
// streaming parser until the sheet package's readers replace this file.
// The grid marks a formula cell with a "\x00formula:" prefix; it becomes
// the cell's Formula here.
type gridRows struct {
	g    *grid
	info sheet.Info
	i    int
}

func newGridRows(g *grid, name, encoding string) *gridRows {
	return &gridRows{g: g, info: sheet.Info{File: name, Sheet: g.sheet, Encoding: encoding}}
}

func (r *gridRows) Next() (sheet.Row, error) {
	if r.i >= len(r.g.cells) {
		return sheet.Row{}, io.EOF
	}
	rec := r.g.cells[r.i]
	r.i++
	cells := make([]sheet.Cell, len(rec))
	for j, s := range rec {
		if fm, ok := strings.CutPrefix(s, "\x00formula:"); ok {
			cells[j] = sheet.Cell{Formula: fm}
			continue
		}
		cells[j] = sheet.Cell{Text: s}
	}
	return sheet.Row{Num: r.i, Cells: cells}, nil
}

func (r *gridRows) Info() sheet.Info { return r.info }
func (r *gridRows) Close() error     { return nil }
