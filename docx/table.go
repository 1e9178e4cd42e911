package docx

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

// Align is a column's horizontal alignment.
type Align int

const (
	// AlignAuto right-aligns a column whose body cells are all numbers
	// (12.5, -3, 1,234, 45.6%; blanks and dashes do not count) and
	// left-aligns any other.
	AlignAuto Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

func (a Align) jc() string {
	switch a {
	case AlignCenter:
		return "center"
	case AlignRight:
		return "right"
	}
	return "left"
}

// Cell texts that merge a cell into a neighbour, in header or body rows:
// MergeLeft widens the cell on its left by one column, MergeUp extends the
// cell above down by one row. Yearbook headers need both ("2024年" over
// "绝对数" and "增长%").
const (
	MergeLeft = "\x00←"
	MergeUp   = "\x00↑"
)

// Table is a table with header rows that repeat on every page it spans.
type Table struct {
	Caption string     // 表题 above the table; none when empty
	Header  [][]string // header rows, top first
	Rows    [][]string // body rows; a short row is filled with empty cells
	Notes   []string   // 注/资料来源 lines under the table

	// ColumnWidths are in cm, one per column. When empty the columns share
	// the text width equally; when they add up to more than the text width
	// they are scaled down to fit it.
	ColumnWidths []float64
	Align        []Align // per column; AlignAuto for missing entries
	// RepeatHeader marks the header rows to repeat at the top of each page.
	RepeatHeader bool
	FontSizePt   float64 // 10.5 (五号) when zero

	// Style, when set, formats body cell (row, col) of Rows, e.g. a status
	// column coloured by status as in the chart palette.
	Style func(row, col int, text string) CellStyle
}

// CellStyle is a body cell's look. Colours are six hex digits, RRGGBB.
type CellStyle struct {
	Fill  string // background; none when empty
	Color string // text colour; automatic when empty
	Bold  bool
}

var hexColor = regexp.MustCompile(`^[0-9A-Fa-f]{6}$`)

func (s CellStyle) check() error {
	for _, c := range []string{s.Fill, s.Color} {
		if c != "" && !hexColor.MatchString(c) {
			return fmt.Errorf("颜色%q不是六位十六进制 colour %q is not RRGGBB", c, c)
		}
	}
	return nil
}

// tableBlock is a table laid out for its section's text width.
type tableBlock struct {
	t            Table
	widths       []int // twips
	align        []Align
	header, body [][]*cell
}

// Table adds t. Errors (a row wider than the table) are returned by WriteTo.
func (d *Document) Table(t Table) {
	b, err := layoutTable(t, d.geometry().textWidth())
	if err != nil {
		d.fail(fmt.Errorf("表格“%s” table %q: %w", clean(t.Caption), t.Caption, err))
		return
	}
	if t.Caption != "" {
		d.blocks = append(d.blocks, &paragraph{style: "TableCaption", runs: []Run{{Text: t.Caption}}})
	}
	d.blocks = append(d.blocks, b)
	for _, n := range t.Notes {
		d.Note(n)
	}
}

func layoutTable(t Table, textWidth int) (*tableBlock, error) {
	cols := len(t.ColumnWidths)
	if cols == 0 {
		for _, row := range t.Header {
			cols = max(cols, len(row))
		}
		if cols == 0 {
			for _, row := range t.Rows {
				cols = max(cols, len(row))
			}
		}
	}
	if cols == 0 {
		return nil, fmt.Errorf("表格没有列 no columns")
	}
	for i, row := range t.Header {
		if len(row) > cols {
			return nil, fmt.Errorf("表头第%d行有%d列，表格只有%d列 header row %d has %d cells, table has %d columns", i+1, len(row), cols, i+1, len(row), cols)
		}
	}
	for i, row := range t.Rows {
		if len(row) > cols {
			return nil, fmt.Errorf("第%d行有%d列，表格只有%d列 row %d has %d cells, table has %d columns", i+1, len(row), cols, i+1, len(row), cols)
		}
	}
	widths := make([]int, cols)
	if len(t.ColumnWidths) == 0 {
		for i := range widths {
			widths[i] = textWidth / cols
		}
	} else {
		sum := 0.0
		for i, cm := range t.ColumnWidths {
			if cm <= 0 || math.IsNaN(cm) || math.IsInf(cm, 0) {
				return nil, fmt.Errorf("第%d列宽度%v不是正数 column %d width %v is not positive", i+1, cm, i+1, cm)
			}
			sum += cm
		}
		scale := 1.0
		if w := float64(textWidth) / twipsPerCm; sum > w {
			scale = w / sum
		}
		for i, cm := range t.ColumnWidths {
			widths[i] = twips(cm * scale)
		}
	}
	align := make([]Align, cols)
	for c := range align {
		if c < len(t.Align) && t.Align[c] != AlignAuto {
			align[c] = t.Align[c]
		} else if numericColumn(t.Rows, c) {
			align[c] = AlignRight
		} else {
			align[c] = AlignLeft
		}
	}
	if t.FontSizePt <= 0 {
		t.FontSizePt = 10.5
	}
	body := mergeCells(t.Rows, cols)
	if t.Style != nil {
		for r, row := range body {
			for _, c := range row {
				if c.vMerge == "continue" {
					continue
				}
				c.style = t.Style(r, c.col, c.text)
				if err := c.style.check(); err != nil {
					return nil, fmt.Errorf("第%d行第%d列 row %d column %d: %w", r+1, c.col+1, r+1, c.col+1, err)
				}
			}
		}
	}
	return &tableBlock{t: t, widths: widths, align: align, header: mergeCells(t.Header, cols), body: body}, nil
}

var numberPattern = regexp.MustCompile(`^[+\-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*[%‰]?$`)

// numericColumn reports whether column c has at least one number and
// nothing but numbers, blanks and dashes.
func numericColumn(rows [][]string, c int) bool {
	seen := false
	for _, row := range rows {
		if c >= len(row) {
			continue
		}
		s := strings.TrimSpace(row[c])
		switch s {
		case "", "-", "—", "——", "–", "…", "/", MergeLeft, MergeUp:
			continue
		}
		if !numberPattern.MatchString(s) {
			return false
		}
		seen = true
	}
	return seen
}

// cell is one w:tc: its text, how many grid columns it spans and its place
// in a vertical merge ("restart", "continue" or none).
type cell struct {
	text   string
	col    int
	span   int
	vMerge string
	style  CellStyle
}

// mergeCells turns rows of texts with MergeLeft/MergeUp markers into cells.
func mergeCells(rows [][]string, cols int) [][]*cell {
	out := make([][]*cell, len(rows))
	at := func(r, col int) *cell {
		for _, c := range out[r] {
			if c.col == col {
				return c
			}
		}
		return nil
	}
	for r, row := range rows {
		for c := 0; c < cols; c++ {
			text := ""
			if c < len(row) {
				text = row[c]
			}
			n := len(out[r])
			switch {
			case text == MergeLeft && n > 0:
				out[r][n-1].span++
				continue
			case text == MergeUp && r > 0:
				if above := at(r-1, c); above != nil {
					if above.vMerge == "" {
						above.vMerge = "restart"
					}
					out[r] = append(out[r], &cell{col: c, span: 1, vMerge: "continue"})
					continue
				}
				text = ""
			case text == MergeLeft || text == MergeUp:
				text = ""
			}
			out[r] = append(out[r], &cell{text: text, col: c, span: 1})
		}
	}
	// A continued cell spans as many columns as the cell it continues.
	for r := 1; r < len(out); r++ {
		for _, c := range out[r] {
			if c.vMerge == "continue" {
				if above := at(r-1, c.col); above != nil && c.span < above.span {
					c.span = above.span
				}
			}
		}
	}
	return out
}

func (tb *tableBlock) render(r *renderer) {
	t := tb.t
	total := 0
	for _, w := range tb.widths {
		total += w
	}
	r.str(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/>`)
	r.printf(`<w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, total)
	r.str(tableBorders)
	r.str(`<w:tblLayout w:type="fixed"/>`)
	r.str(`<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`)
	r.str(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`)
	r.str(`<w:tblGrid>`)
	for _, w := range tb.widths {
		r.printf(`<w:gridCol w:w="%d"/>`, w)
	}
	r.str(`</w:tblGrid>`)
	size := halfPoints(t.FontSizePt)
	for _, row := range tb.header {
		tb.row(r, row, true, false, size)
	}
	for i, row := range tb.body {
		// Notes under the table start on the page of its last row.
		keep := i == len(tb.body)-1 && len(t.Notes) > 0
		tb.row(r, row, false, keep, size)
	}
	r.str(`</w:tbl>`)
}

func (tb *tableBlock) row(r *renderer, cells []*cell, header, keepNext bool, size string) {
	r.str(`<w:tr><w:trPr><w:cantSplit/>`)
	if header && tb.t.RepeatHeader {
		r.str(`<w:tblHeader/>`)
	}
	r.str(`</w:trPr>`)
	for _, c := range cells {
		w := 0
		for i := c.col; i < c.col+c.span && i < len(tb.widths); i++ {
			w += tb.widths[i]
		}
		r.printf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
		if c.span > 1 {
			r.printf(`<w:gridSpan w:val="%d"/>`, c.span)
		}
		if c.vMerge != "" {
			r.printf(`<w:vMerge w:val="%s"/>`, c.vMerge)
		}
		switch {
		case header:
			r.str(`<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>`)
		case c.style.Fill != "":
			r.printf(`<w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, c.style.Fill)
		}
		r.str(`<w:vAlign w:val="center"/></w:tcPr>`)
		jc := tb.align[c.col].jc()
		if header {
			jc = "center"
		}
		r.str(`<w:p><w:pPr><w:pStyle w:val="TableText"/>`)
		if keepNext {
			r.str(`<w:keepNext/>`)
		}
		r.printf(`<w:jc w:val="%s"/></w:pPr>`, jc)
		rPr := ""
		if header || c.style.Bold {
			rPr = `<w:b/><w:bCs/>`
		}
		if c.style.Color != "" {
			rPr += `<w:color w:val="` + c.style.Color + `"/>`
		}
		rPr += `<w:sz w:val="` + size + `"/><w:szCs w:val="` + size + `"/>`
		if c.text != "" {
			r.run(rPr, c.text)
		}
		r.str(`</w:p></w:tc>`)
	}
	r.str(`</w:tr>`)
}

// tableBorders are written on each table as well as in its style, because
// some readers (older WPS, LibreOffice) draw only direct borders.
const tableBorders = `<w:tblBorders>` +
	`<w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>` +
	`<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>` +
	`<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
	`</w:tblBorders>`
