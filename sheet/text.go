package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxQuoteNotices bounds the unbalanced-quote notices kept; the rest are
// counted in one closing notice.
const maxQuoteNotices = 20

// textRows reads delimited text (CSV, TSV, semicolon-separated).
type textRows struct {
	info    Info
	closer  io.Closer
	lines   *lineReader
	checkFn func([]byte) *lineError // encoding check of one decoded line
	delim   byte
	// width is the delimiter count of a full record (the header's), taken
	// from the sniff; lines with at least as many look like records.
	width   int
	header  []string
	maxLine int
	maxCell int

	queue []pending // lines read ahead and given back, in order
	cells []Cell
	rec   []byte // a record's unescaped cell text
	ends  []int  // end of each cell in rec
	join  []byte // a multi-line record
	err   error

	strays int // unbalanced quotes read literally
}

// pending is a physical line read ahead.
type pending struct {
	num  int
	text []byte
}

func openText(name string, ra io.ReaderAt, r io.Reader, size int64, closer io.Closer, opt Options) (Rows, error) {
	sample := make([]byte, sampleBytes)
	n, err := ra.ReadAt(sample, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("无法读取“%s” cannot read %s: %w", name, name, err)
	}
	sample = sample[:n]
	whole := n < sampleBytes || size <= sampleBytes
	enc, err := detectEncoding(name, sample, whole)
	if err != nil {
		return nil, err
	}
	text := decodedSample(enc, sample)
	if bytes.IndexByte(text, 0) >= 0 {
		hint := ""
		if enc.decoder == nil {
			hint = " (UTF-16 text without a byte-order mark?)"
		}
		return nil, fmt.Errorf("“%s”含有NUL字节，不是文本文件 %s: the file contains NUL bytes: not a text file%s", name, name, hint)
	}
	stream, err := textStream(enc, r)
	if err != nil {
		return nil, fmt.Errorf("无法读取“%s” cannot read %s: %w", name, name, err)
	}
	delim, width := sniffDelimiter(text, !whole)
	t := &textRows{
		info:    Info{File: name, Encoding: enc.name},
		closer:  closer,
		lines:   newLineReader(stream, opt.MaxLineBytes),
		delim:   delim,
		width:   width,
		maxLine: opt.MaxLineBytes,
		maxCell: opt.MaxCellBytes,
	}
	t.checkFn = checkDecoded
	if enc.decoder == nil {
		t.checkFn = checkUTF8
	}
	return t, nil
}

// checkUTF8 refuses a line of a UTF-8 file that is not UTF-8 or holds a
// NUL: the first 64 KiB decided the encoding, a later line may disagree.
func checkUTF8(line []byte) *lineError {
	if bytes.IndexByte(line, 0) >= 0 {
		return errNUL
	}
	if !utf8.Valid(line) {
		return &lineError{"不是有效的UTF-8文本（文件混用了编码？）", "not valid UTF-8 (a file in mixed encodings?)"}
	}
	return nil
}

// lineError is a reason a line is refused, in Chinese and English.
type lineError struct{ zh, en string }

func (e lineError) Error() string { return e.zh + " " + e.en }

var errNUL = &lineError{"含有NUL字节，不是文本文件", "contains NUL bytes: not a text file"}

// checkDecoded refuses a decoded GBK or UTF-16 line in which the decoder
// met bytes outside the encoding.
func checkDecoded(line []byte) *lineError {
	if bytes.IndexByte(line, 0) >= 0 {
		return errNUL
	}
	if bytes.Contains(line, replacement) {
		return &lineError{"含有不属于该编码的字节（文件混用了编码？）", "bytes outside the file's encoding (a file in mixed encodings?)"}
	}
	return nil
}

func (t *textRows) Info() Info {
	info := t.info
	if t.strays > maxQuoteNotices {
		info.Notices = append(info.Notices[:len(info.Notices):len(info.Notices)],
			fmt.Sprintf("另有%d处引号不成对，已按普通字符读取 %d more unbalanced quotes read as literal characters", t.strays-maxQuoteNotices, t.strays-maxQuoteNotices))
	}
	return info
}

func (t *textRows) Close() error {
	if t.closer != nil {
		return t.closer.Close()
	}
	return nil
}

// line returns the next physical line and its number; the text is valid
// until the next call.
func (t *textRows) line() (int, []byte, error) {
	if len(t.queue) > 0 {
		p := t.queue[0]
		t.queue = t.queue[1:]
		return p.num, p.text, nil
	}
	text, err := t.lines.next()
	num := t.lines.num
	switch {
	case err == errLineTooLong:
		return num, nil, fmt.Errorf("“%s”第%d行超过%d字节，不是统计表 %s: row %d: a line longer than %d bytes (the limit): not a statistics table", t.info.File, num, t.maxLine, t.info.File, num, t.maxLine)
	case err == io.EOF:
		return num, nil, io.EOF
	case err != nil:
		return num, nil, fmt.Errorf("“%s”第%d行读取失败 %s: row %d: %w", t.info.File, num+1, t.info.File, num+1, err)
	}
	if e := t.checkFn(text); e != nil {
		return num, nil, fmt.Errorf("“%s”第%d行：%s %s: row %d: %s", t.info.File, num, e.zh, t.info.File, num, e.en)
	}
	return num, text, nil
}

// Next returns the next record. Blank lines are skipped.
func (t *textRows) Next() (Row, error) {
	if t.err != nil {
		return Row{}, t.err
	}
	row, err := t.next()
	if err != nil {
		t.err = err
	}
	return row, err
}

func (t *textRows) next() (Row, error) {
	for {
		num, line, err := t.line()
		if err != nil {
			return Row{}, err
		}
		if len(line) == 0 {
			continue
		}
		if bytes.IndexByte(line, '"') < 0 {
			return t.split(num, line)
		}
		return t.quoted(num, line)
	}
}

// split cuts a line without quotes into cells: one string allocation,
// every cell a slice of it.
func (t *textRows) split(num int, line []byte) (Row, error) {
	s := string(line)
	t.cells = t.cells[:0]
	for {
		j := strings.IndexByte(s, t.delim)
		if j < 0 {
			t.cells = append(t.cells, Cell{Text: s})
			break
		}
		t.cells = append(t.cells, Cell{Text: s[:j]})
		s = s[j+1:]
	}
	return t.row(num)
}

// row checks the cells of a record and remembers the header.
func (t *textRows) row(num int) (Row, error) {
	for i := range t.cells {
		if n := len(t.cells[i].Text); n > t.maxCell {
			return Row{}, fmt.Errorf("“%s”第%d行第%d列：单元格长达%d字节（上限%d），不是统计表 %s: row %d column %d: a cell of %d bytes (the limit is %d): not a statistics table",
				t.info.File, num, i+1, n, t.maxCell, t.info.File, num, i+1, n, t.maxCell)
		}
	}
	if t.header == nil && len(t.cells) >= t.width+1 && t.filled()*2 >= len(t.cells) {
		t.header = make([]string, len(t.cells))
		for i, c := range t.cells {
			t.header[i] = c.Text
		}
	}
	return Row{Num: num, Cells: t.cells}, nil
}

// filled counts the cells with text: a title line padded with delimiters
// (表3-1 主要经济指标,,,) is not the header.
func (t *textRows) filled() int {
	n := 0
	for _, c := range t.cells {
		if c.Text != "" {
			n++
		}
	}
	return n
}

// quoted reads a record with quotes: RFC 4180 quoted cells, possibly over
// several lines, and quotes that are only characters.
func (t *textRows) quoted(num int, line []byte) (Row, error) {
	var literal []int // offsets in rec of quotes read as characters
	rec := line
	joined := false
	for {
		open, at, col := t.parse(rec, literal)
		if !open {
			break
		}
		// Reading ahead reuses the line buffer: keep the record apart.
		if !joined {
			t.join = append(t.join[:0], rec...)
			rec, joined = t.join, true
		}
		more, ok, err := t.lookahead(len(rec) - at - 1)
		if err != nil {
			return Row{}, err
		}
		if !ok {
			literal = append(literal, at)
			t.notice(num, col)
			continue
		}
		// A multi-line cell: the line breaks inside it are kept as LF.
		for _, p := range more {
			t.join = append(t.join, '\n')
			t.join = append(t.join, p.text...)
		}
		if len(t.join) > t.maxLine {
			return Row{}, fmt.Errorf("“%s”第%d行：记录超过%d字节，不是统计表 %s: row %d: a record longer than %d bytes (the limit): not a statistics table", t.info.File, num, t.maxLine, t.info.File, num, t.maxLine)
		}
		rec = t.join
	}
	s := string(t.rec)
	t.cells = t.cells[:0]
	from := 0
	for _, end := range t.ends {
		t.cells = append(t.cells, Cell{Text: s[from:end]})
		from = end
	}
	return t.row(num)
}

// parse splits rec into cells, unescaping quoted ones, into t.rec and
// t.ends. A quote opens a quoted cell only at the start of a cell and when
// its offset is not in literal. It reports whether rec ends inside a
// quoted cell, and that cell's opening quote offset and column (0-based).
func (t *textRows) parse(rec []byte, literal []int) (open bool, at, col int) {
	t.rec, t.ends = t.rec[:0], t.ends[:0]
	d := t.delim
	i := 0
	for {
		if i < len(rec) && rec[i] == '"' && !contains(literal, i) {
			q := i
			i++
			for {
				j := bytes.IndexByte(rec[i:], '"')
				if j < 0 {
					t.rec = append(t.rec, rec[i:]...)
					t.ends = append(t.ends, len(t.rec))
					return true, q, len(t.ends) - 1
				}
				t.rec = append(t.rec, rec[i:i+j]...)
				i += j + 1
				if i < len(rec) && rec[i] == '"' {
					t.rec = append(t.rec, '"')
					i++
					continue
				}
				break
			}
			// Text after the closing quote is kept, as Excel does.
		}
		j := bytes.IndexByte(rec[i:], d)
		if j < 0 {
			t.rec = append(t.rec, rec[i:]...)
			t.ends = append(t.ends, len(t.rec))
			return false, 0, 0
		}
		t.rec = append(t.rec, rec[i:i+j]...)
		t.ends = append(t.ends, len(t.rec))
		i += j + 1
	}
}

// lookahead reads the lines that would continue a quoted cell left open
// (size bytes of it so far), until the line where it closes. ok is false when that would
// swallow a line that looks like a record (as many delimiters as the
// header), run past the end of the file or past the cell cap: the quote is
// then a stray character, and the lines read are given back.
func (t *textRows) lookahead(size int) (more []pending, ok bool, err error) {
	giveBack := func() {
		t.queue = append(more, t.queue...)
	}
	for {
		num, line, err := t.line()
		if err == io.EOF {
			giveBack()
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		more = append(more, pending{num: num, text: bytes.Clone(line)})
		inside, closed := closingQuote(line)
		size += 1 + len(inside)
		if bytes.Count(inside, []byte{t.delim}) >= t.width || size > t.maxCell {
			giveBack()
			return nil, false, nil
		}
		if closed {
			return more, true, nil
		}
	}
}

// closingQuote returns the part of a line inside a quoted cell that
// continues from an earlier line: up to the closing quote, or all of it.
func closingQuote(line []byte) (inside []byte, closed bool) {
	i := 0
	for {
		j := bytes.IndexByte(line[i:], '"')
		if j < 0 {
			return line, false
		}
		i += j + 1
		if i < len(line) && line[i] == '"' {
			i++
			continue
		}
		return line[:i-1], true
	}
}

// notice records an unbalanced quote read as a literal character.
func (t *textRows) notice(num, col int) {
	t.strays++
	if t.strays > maxQuoteNotices {
		return
	}
	zh, en := "第"+strconv.Itoa(col+1)+"列", strconv.Itoa(col+1)
	if col < len(t.header) && t.header[col] != "" {
		zh, en = "“"+t.header[col]+"”列", t.header[col]
	}
	t.info.Notices = append(t.info.Notices, fmt.Sprintf("第%d行%s：引号不成对，已按普通字符读取 row %d column %s: unbalanced quote read as a literal character", num, zh, num, en))
}

func contains(offsets []int, i int) bool {
	for _, o := range offsets {
		if o == i {
			return true
		}
	}
	return false
}
