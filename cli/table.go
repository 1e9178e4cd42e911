package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"

	"github.com/plangap/plangap/excelcsv"
)

// displayWidth counts East Asian wide and full-width characters as two
// columns, so Chinese tables line up in a terminal.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// truncate shortens s to at most w display columns.
func truncate(s string, w int) string {
	if displayWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := displayWidth(string(r))
		if n+rw > w-1 {
			break
		}
		b.WriteRune(r)
		n += rw
	}
	return b.String() + "…"
}

// table is a header and rows of text, printable as an aligned table or CSV.
type table struct {
	header []string
	rows   [][]string
	// maxWidth caps a column's width in the aligned form (0 = no cap).
	maxWidth map[int]int
	// right aligns numeric columns.
	right map[int]bool
	// footer lines are printed under the aligned table only.
	footer []string
	// csvHeader and csvRows, when set, are what writeCSV writes instead of
	// header and rows: the same data in machine-readable form.
	csvHeader []string
	csvRows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) writeText(w io.Writer) {
	widths := make([]int, len(t.header))
	cell := func(i int, s string) string {
		if m := t.maxWidth[i]; m > 0 {
			return truncate(s, m)
		}
		return s
	}
	for i, h := range t.header {
		widths[i] = displayWidth(h)
	}
	for _, r := range t.rows {
		for i := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], displayWidth(cell(i, r[i])))
			}
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			if i >= len(widths) {
				break
			}
			c = cell(i, c)
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if t.right[i] {
				b.WriteString(pad + c)
			} else if i < len(cells)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(t.header)
	sep := make([]string, len(widths))
	for i, n := range widths {
		sep[i] = strings.Repeat("-", n)
	}
	line(sep)
	for _, r := range t.rows {
		line(r)
	}
	for _, f := range t.footer {
		fmt.Fprintln(w, f)
	}
}

// writeCSV writes the table for Excel (see excelcsv): UTF-8 with a BOM,
// formula-looking text neutralised. A table with csvRows writes those:
// plain numbers (fractions, not "57.9%") where the aligned form shows
// percentages.
func (t *table) writeCSV(w io.Writer) error {
	header, rows := t.header, t.rows
	if t.csvHeader != nil {
		header, rows = t.csvHeader, t.csvRows
	}
	cw := excelcsv.NewWriter(w)
	cw.Write(header)
	for _, r := range rows {
		cw.Write(r)
	}
	cw.Flush()
	return cw.Error()
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// checkFormat validates a --format value.
func checkFormat(f string, allowed ...string) error {
	for _, a := range allowed {
		if f == a {
			return nil
		}
	}
	return fmt.Errorf("unknown --format %q (want %s)", f, strings.Join(allowed, ", "))
}
