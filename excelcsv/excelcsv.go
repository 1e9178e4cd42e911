// Package excelcsv writes CSV for people who open it in Excel: UTF-8 with
// a byte-order mark, without which Excel on Chinese Windows reads the file
// as GBK and shows mojibake, and with text that looks like a formula
// neutralised so that opening a file never runs a formula from its data.
package excelcsv

import (
	"encoding/csv"
	"io"
	"strings"
)

// BOM is the UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8.
const BOM = "\ufeff"

// isNumber reports whether s is a plain decimal as plangap writes one
// (-3.2, 1e-05), which Excel reads as a number, not a formula, so that it
// stays as it is: ^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$, matched by
// hand (a gap table has hundreds of thousands of negative numbers; the
// test checks it against that expression).
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	lead := digits()
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 && lead == 0 {
			return false
		}
	} else if lead == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// Cell neutralises text a spreadsheet could take for a formula or a DDE
// command: a leading = + - @, tab or carriage return gets an apostrophe in
// front, as the workbook's cells do. A number such as -3.2 stays a number.
func Cell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isNumber(s) {
		return s
	}
	return "'" + s
}

// Uncell undoes Cell, for readers of what plangap wrote: an apostrophe
// followed by what Cell would have neutralised is dropped.
func Uncell(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && rest != "" && Cell(rest) == s {
		return rest
	}
	return s
}

// Writer writes records as CSV for Excel: the BOM before the first record,
// every cell through Cell.
type Writer struct {
	w       io.Writer
	cw      *csv.Writer
	started bool
	err     error
	cells   []string // reused for each record
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, cw: csv.NewWriter(w)}
}

// Write writes one record.
func (w *Writer) Write(record []string) error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		if _, err := io.WriteString(w.w, BOM); err != nil {
			w.err = err
			return err
		}
	}
	w.cells = w.cells[:0]
	for _, c := range record {
		w.cells = append(w.cells, Cell(c))
	}
	return w.cw.Write(w.cells)
}

// WriteAll writes records and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// Flush writes buffered data to the underlying writer.
func (w *Writer) Flush() {
	if w.err == nil {
		w.cw.Flush()
	}
}

// Error reports any error from a Write or Flush.
func (w *Writer) Error() error {
	if w.err != nil {
		return w.err
	}
	return w.cw.Error()
}
