// Package sheet reads the tables statistics offices exchange, CSV text in
// any of the encodings Chinese offices produce or XLSX workbooks, as a
// stream of rows of cells. It knows nothing of indicators or plans: the
// actuals and catalogue readers build on it.
//
// Open (a path) and Read (bytes in memory) decide the format from the
// bytes: a zip is an XLSX workbook; an Excel 97-2003 .xls file, a gzip
// file, and a non-zip file named .xlsx are refused with a reason; anything
// else is delimited text. Open refuses a path that is not a regular file
// before opening it. Both stream: memory stays bounded by the caps in
// Options whatever the file's length (an XLSX's shared strings aside).
//
// # Text
//
// The encoding is decided from the first 64 KiB: UTF-8 with or without a
// byte-order mark, UTF-16LE or UTF-16BE behind their byte-order mark
// (Excel's “Unicode text”), otherwise GB18030, the superset of GBK that
// Excel writes on Chinese Windows. A later line that breaks the encoding,
// or holds a NUL byte, is an error naming its row. Lines may end in LF,
// CRLF or CR, mixed. The delimiter (comma, tab or semicolon) is the one
// whose count outside quoted cells is the same on the most of the first
// lines. Quoted cells follow RFC 4180; a quote inside an unquoted cell is
// a character. A quoted cell left open at the end of its line continues
// on the next lines (Excel's Alt+Enter, kept as LF) unless that would
// swallow a line that looks like a record, run to the end of the file or
// past the cell cap: the quote is then read as a character and Info
// gets a notice naming the row and column.
//
// # Workbook values
//
// A cell's Text is its value as stored, never as displayed. A number is
// rendered with at most 15 significant digits, trailing zeros dropped,
// never in exponent form, whatever its number format (0%, #,##0, 0.0,
// 0.00E+00): 0.45669999999999999 → 0.4567, 0.30000000000000004 → 0.3,
// 41234.56 → 41234.56, 123456 → 123456. Excel keeps a double and writes
// up to 17 digits of it, but it takes and shows no more than 15: the
// 15-digit value is the one the clerk typed or saw, and a value that
// really has 15 digits or fewer is never changed.
//
// Percent is set for a number whose format shows a percentage: built-in
// formats 9 (0%) and 10 (0.00%), or a custom format with % outside quoted
// text, brackets and escapes. Date is set for a number whose format shows
// a date or time: built-in formats 14–22 and 45–47, the East Asian date
// formats 27–36 and 50–58, or a custom format with y, m, d, h or s outside
// quoted text and brackets ([Red], [$-804]; [h] counts). Text is then the
// stored serial day number. Strings (shared, inline, rich-text runs
// joined, phonetic guides left out), formula results, booleans
// (TRUE/FALSE) and errors (#DIV/0!) are their text; a formula cell also
// has its Formula. Every cell of a merged range other than its top-left
// has Merged set and the top-left's value. The default sheet is the first
// visible worksheet; skipped hidden and chart sheets are named in Info's
// notices.
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
