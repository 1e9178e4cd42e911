// Package sheet reads the tables statistics offices exchange, CSV text in
// any of the encodings Chinese offices produce or XLSX workbooks, as a
// stream of rows of cells. It knows nothing of indicators or plans: the
// actuals and catalogue readers build on it.
package sheet

import "io"

// Cell is one cell as stored in the file.
type Cell struct {
	// Text is the cell's content. For CSV it is the text as written. For
	// XLSX it is the value as stored, never as displayed: a number keeps
	// its full precision (0.4567, not "46%"; 41234.56, not "41,235").
	Text string
	// Percent is set for an XLSX number whose number format displays it
	// as a percentage (0%, 0.00%): the stored value is a fraction.
	Percent bool
	// Formula is the cell's formula, without "=", or "".
	Formula string
	// Merged is set for a cell inside a merged range other than its
	// top-left cell; Text then repeats the top-left cell's text.
	Merged bool
	// Date is set for an XLSX number whose number format displays it as
	// a date or time: Text is then Excel's serial day number (45291 for
	// 2023-12-31), not a year or a value.
	Date bool
}

// Row is one row of a table. Num is the 1-based line (CSV: the line the
// record starts on) or spreadsheet row number, for messages.
//
// The readers of Open and Read reuse Cells: a Row is valid until the next
// call of Next. Copy it (the Text strings themselves may be kept) to hold
// it longer.
type Row struct {
	Num   int
	Cells []Cell
}

// Text returns cell i's text, or "" past the end of the row.
func (r Row) Text(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i].Text
}

// Info describes what was read.
type Info struct {
	File     string // the name given for messages
	Sheet    string // XLSX: the sheet read
	Encoding string // CSV: UTF-8, UTF-8 (BOM), GBK/GB18030, UTF-16LE …
	// Notices are things the reader did that a person should be told,
	// each a sentence in Chinese with English beside it: a hidden sheet
	// skipped, an unbalanced quote read as a literal character.
	Notices []string
}

// Rows is a stream of rows. Next returns io.EOF after the last row.
type Rows interface {
	Next() (Row, error)
	Info() Info
	Close() error
}

// FromStrings serves a table held in memory, row i as row number i+1.
// Tests and callers that build tables in code use it.
func FromStrings(file string, rows [][]string) Rows {
	return &memRows{info: Info{File: file}, rows: rows}
}

type memRows struct {
	info Info
	rows [][]string
	i    int
}

func (m *memRows) Next() (Row, error) {
	if m.i >= len(m.rows) {
		return Row{}, io.EOF
	}
	rec := m.rows[m.i]
	m.i++
	cells := make([]Cell, len(rec))
	for j, s := range rec {
		cells[j] = Cell{Text: s}
	}
	return Row{Num: m.i, Cells: cells}, nil
}

func (m *memRows) Info() Info   { return m.info }
func (m *memRows) Close() error { return nil }
