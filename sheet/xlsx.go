package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// maxColumns is Excel's column limit (XFD).
const maxColumns = 16384

// xlsxRows streams one worksheet of a workbook.
type xlsxRows struct {
	info    Info
	closer  io.Closer
	part    io.ReadCloser
	scan    *xmlScan
	shared  []string
	kinds   []fmtKind
	maxCell int

	merges []*mergeRange // by first row
	next   int           // merges[next:] have not started yet
	active []*mergeRange

	sharedF    map[string]string // shared formulas by si
	cells      []Cell
	v, f, s    []byte // text of <v>, <f>, inline string
	typ, style []byte // attributes of the current cell
	lastRow    int
	err        error
}

func openXLSX(name string, ra io.ReaderAt, size int64, closer io.Closer, opt Options) (Rows, error) {
	bad := func(err error) error {
		return fmt.Errorf("“%s”不是可读的XLSX工作簿 %s: not a readable XLSX workbook: %w", name, name, err)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, bad(err)
	}
	w := newWorkbook(zr, opt.MaxXLSXBytes)
	list, sharedPart, stylesPart, err := w.sheets()
	if err != nil {
		return nil, bad(err)
	}
	info := Info{File: name, Encoding: "XLSX"}
	chosen, notices, err := pickSheet(name, list, opt.Sheet)
	if err != nil {
		return nil, err
	}
	info.Sheet, info.Notices = chosen.name, notices
	x := &xlsxRows{info: info, closer: closer, maxCell: opt.MaxCellBytes, sharedF: map[string]string{}}
	if x.kinds, err = w.styles(stylesPart); err != nil {
		return nil, bad(err)
	}
	if x.shared, err = w.sharedStrings(sharedPart); err != nil {
		return nil, bad(err)
	}
	// <mergeCells> follows <sheetData>: find the ranges in a first pass.
	prescan := w.left
	if x.merges, err = findMerges(w, chosen.part, &prescan); err != nil {
		return nil, bad(err)
	}
	if x.part, err = w.open(chosen.part, &w.left); err != nil {
		return nil, bad(err)
	}
	x.scan = newXMLScan(x.part, 8*opt.MaxCellBytes+(64<<10))
	return x, nil
}

// pickSheet chooses the sheet by name, else by 1-based position, else the
// first visible one.
func pickSheet(file string, list []sheetEntry, want string) (sheetEntry, []string, error) {
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = s.name
	}
	hidden := func(s sheetEntry) bool { return s.state == "hidden" || s.state == "veryHidden" }
	if want == "" {
		var notices []string
		for _, s := range list {
			switch {
			case s.chart:
				notices = append(notices, fmt.Sprintf("已跳过图表工作表“%s” skipped chart sheet “%s”", s.name, s.name))
			case hidden(s):
				notices = append(notices, fmt.Sprintf("已跳过隐藏工作表“%s” skipped hidden sheet “%s”", s.name, s.name))
			default:
				return s, notices, nil
			}
		}
		return sheetEntry{}, nil, fmt.Errorf("“%s”没有可见的工作表，请指定工作表（%s）%s: the workbook has no visible sheet: name one (it has %s)", file, strings.Join(names, "、"), file, strings.Join(names, ", "))
	}
	i := slices.Index(names, want)
	if i < 0 {
		if n, err := strconv.Atoi(want); err == nil && n >= 1 && n <= len(list) {
			i = n - 1
		}
	}
	if i < 0 {
		return sheetEntry{}, nil, fmt.Errorf("“%s”没有工作表“%s”（工作簿有%s）%s: no sheet “%s” (the workbook has %s)", file, want, strings.Join(names, "、"), file, want, strings.Join(names, ", "))
	}
	if list[i].chart {
		return sheetEntry{}, nil, fmt.Errorf("“%s”的工作表“%s”是图表，没有单元格 %s: sheet “%s” is a chart, not a table", file, want, file, want)
	}
	var notices []string
	if hidden(list[i]) {
		notices = append(notices, fmt.Sprintf("工作表“%s”是隐藏的 sheet “%s” is hidden", list[i].name, list[i].name))
	}
	return list[i], notices, nil
}

func (x *xlsxRows) Info() Info { return x.info }

func (x *xlsxRows) Close() error {
	var err error
	if x.part != nil {
		err = x.part.Close()
	}
	if x.closer != nil {
		if cerr := x.closer.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// Next returns the next row that has cells (its own or merged ones).
func (x *xlsxRows) Next() (Row, error) {
	if x.err != nil {
		return Row{}, x.err
	}
	row, err := x.nextRow()
	if err != nil {
		x.err = err
	}
	return row, err
}

func (x *xlsxRows) nextRow() (Row, error) {
	for {
		tok, err := x.scan.next()
		if err == io.EOF {
			return Row{}, io.EOF
		}
		if err != nil {
			return Row{}, x.bad(err)
		}
		switch {
		case tok.kind == tokEnd && string(tok.name) == "sheetData":
			// Nothing after the cells matters here.
			return Row{}, io.EOF
		case tok.kind == tokStart && string(tok.name) == "row":
			num := x.lastRow + 1
			if r := x.scan.attrString(tok.attrs, "r"); r != "" {
				if num, err = strconv.Atoi(r); err != nil || num < 1 {
					return Row{}, x.bad(fmt.Errorf("row number %q", r))
				}
			}
			x.lastRow = num
			x.cells = x.cells[:0]
			if !tok.self {
				if err := x.readRow(num); err != nil {
					return Row{}, err
				}
			}
			x.applyMerges(num)
			if len(x.cells) == 0 {
				continue
			}
			return Row{Num: num, Cells: x.cells}, nil
		}
	}
}

func (x *xlsxRows) bad(err error) error {
	return fmt.Errorf("“%s”不是可读的XLSX工作簿 %s: not a readable XLSX workbook: sheet %s: %w", x.info.File, x.info.File, x.info.Sheet, err)
}

// cellState is what readRow has gathered of the current <c>.
type cellState struct {
	col           int
	typ, style    []byte
	hasF          bool
	fShared, fSI  string
	open          bool // inside <c>
	inV, inF, inT bool
	phonetic      int
}

// readRow reads the cells of row num up to </row> into x.cells, each at
// its column.
func (x *xlsxRows) readRow(num int) error {
	var c cellState
	for {
		tok, err := x.scan.next()
		if err != nil {
			if err == errTokenTooLong {
				return x.tooLong(num, max(c.col, 1), fmt.Sprintf("超过%d", x.scan.max), fmt.Sprintf("more than %d", x.scan.max))
			}
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return x.bad(fmt.Errorf("row %d: %w", num, err))
		}
		switch tok.kind {
		case tokStart:
			switch string(tok.name) {
			case "c":
				c = cellState{col: c.col + 1, open: true}
				x.v, x.f, x.s = x.v[:0], x.f[:0], x.s[:0]
				var bad []byte
				err := x.scan.eachAttr(tok.attrs, func(name, value []byte) {
					switch string(name) {
					case "r":
						col, ok := columnOf(string(value))
						if !ok {
							bad = value
						}
						c.col = col
					case "t":
						c.typ = append(x.typ[:0], value...)
						x.typ = c.typ
					case "s":
						c.style = append(x.style[:0], value...)
						x.style = c.style
					}
				})
				if err != nil {
					return x.bad(fmt.Errorf("row %d: %w", num, err))
				}
				if bad != nil {
					return x.bad(fmt.Errorf("row %d: cell reference %q", num, bad))
				}
				if c.col > maxColumns {
					return x.bad(fmt.Errorf("row %d: column %d past Excel's last column", num, c.col))
				}
				if tok.self {
					if err := x.endCell(num, &c); err != nil {
						return err
					}
					c.open = false
				}
			case "v":
				c.inV = !tok.self
			case "f":
				c.inF, c.hasF = !tok.self, true
				x.scan.eachAttr(tok.attrs, func(name, value []byte) {
					switch string(name) {
					case "t":
						c.fShared = string(value)
					case "si":
						c.fSI = string(value)
					}
				})
			case "t":
				c.inT = c.phonetic == 0 && !tok.self
			case "rPh":
				if !tok.self {
					c.phonetic++
				}
			}
		case tokEnd:
			switch string(tok.name) {
			case "v":
				c.inV = false
			case "f":
				c.inF = false
			case "t":
				c.inT = false
			case "rPh":
				c.phonetic--
			case "c":
				if !c.open {
					return x.bad(fmt.Errorf("row %d: </c> without <c>", num))
				}
				if err := x.endCell(num, &c); err != nil {
					return err
				}
				c.open = false
			case "row":
				return nil
			}
		case tokText:
			switch {
			case c.inV:
				x.v = append(x.v, tok.text...)
			case c.inF:
				x.f = append(x.f, tok.text...)
			case c.inT:
				x.s = append(x.s, tok.text...)
			}
		}
	}
}

// endCell turns the parts of one <c> into a Cell at column col.
func (x *xlsxRows) endCell(num int, st *cellState) error {
	var c Cell
	col, hasF, fShared, fSI := st.col, st.hasF, st.fShared, st.fSI
	switch string(st.typ) {
	case "s":
		i, err := strconv.Atoi(string(bytes.TrimSpace(x.v)))
		if err != nil || i < 0 || i >= len(x.shared) {
			return x.bad(fmt.Errorf("row %d column %d: shared string %q not in the table", num, col, x.v))
		}
		c.Text = x.shared[i]
	case "inlineStr":
		c.Text = string(x.s)
	case "str", "e":
		c.Text = string(x.v)
	case "b":
		switch string(x.v) {
		case "1":
			c.Text = "TRUE"
		case "0":
			c.Text = "FALSE"
		default:
			c.Text = string(x.v)
		}
	case "d": // an ISO 8601 date stored as text (strict OOXML)
		c.Text, c.Date = string(x.v), true
	default:
		if len(x.v) > 0 {
			c.Text = storedNumber(string(x.v))
			if i, err := strconv.Atoi(string(st.style)); err == nil && i >= 0 && i < len(x.kinds) {
				c.Percent = x.kinds[i] == fmtPercent
				c.Date = x.kinds[i] == fmtDate
			}
		}
	}
	if hasF {
		// Excel stores formulas without "=", some writers with it.
		c.Formula = strings.TrimPrefix(string(x.f), "=")
		// A formula written once for a range: its other cells carry
		// only the group number; give them the range's formula as
		// written at its first cell.
		if fShared == "shared" && fSI != "" {
			if c.Formula != "" {
				x.sharedF[fSI] = c.Formula
			} else {
				c.Formula = x.sharedF[fSI]
			}
		}
		if c.Formula == "" {
			c.Formula = "(formula)"
		}
	}
	if c.Text == "" && c.Formula == "" {
		return nil
	}
	if n := len(c.Text); n > x.maxCell {
		return x.tooLong(num, col, "长达"+strconv.Itoa(n), strconv.Itoa(n))
	}
	x.place(col, c)
	return nil
}

// tooLong refuses a cell past the cap; size is its length in bytes or a
// bound on it.
func (x *xlsxRows) tooLong(num, col int, sizeZH, sizeEN string) error {
	return fmt.Errorf("“%s”工作表“%s”第%d行第%d列：单元格%s字节（上限%d），不是统计表 %s: sheet %s row %d column %d: a cell of %s bytes (the limit is %d): not a statistics table",
		x.info.File, x.info.Sheet, num, col, sizeZH, x.maxCell, x.info.File, x.info.Sheet, num, col, sizeEN, x.maxCell)
}

// place puts c at 1-based column col, filling any gap with empty cells.
func (x *xlsxRows) place(col int, c Cell) {
	for len(x.cells) < col {
		x.cells = append(x.cells, Cell{})
	}
	x.cells[col-1] = c
}

// columnOf returns the 1-based column of a cell reference such as "AB12".
func columnOf(ref string) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > maxColumns {
			return 0, false
		}
	}
	return col, i > 0
}

// cellRef splits "AB12" into column 28, row 12.
func cellRef(ref string) (col, row int, ok bool) {
	col, ok = columnOf(ref)
	if !ok {
		return 0, 0, false
	}
	i := strings.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	return col, row, err == nil && row >= 1
}
