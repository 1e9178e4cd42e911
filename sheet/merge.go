package sheet

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// mergeRange is a merged cell range, 1-based and inclusive, with its
// top-left cell once that row has been read.
type mergeRange struct {
	r1, c1, r2, c2 int
	top            Cell
}

var mergeTag = []byte("mergeCells")

// findMerges reads a worksheet part once to find its merged ranges, which
// the file lists after all the cells. Most of the part is only searched
// for the tag, not parsed.
func findMerges(w *workbook, part string, budget *int64) ([]*mergeRange, error) {
	rc, err := w.open(part, budget)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	buf := make([]byte, 256<<10)
	keep := 0 // bytes carried over: a tag may straddle two reads
	for {
		n, err := io.ReadFull(rc, buf[keep:])
		n += keep
		if i := bytes.Index(buf[:n], mergeTag); i >= 0 {
			rest := io.MultiReader(bytes.NewReader(buf[i+len(mergeTag):n]), rc)
			return parseMerges(rest)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		keep = len(mergeTag) - 1
		copy(buf, buf[n-keep:n])
	}
}

// parseMerges collects the <mergeCell ref="A1:C1"/> elements that follow.
// It starts inside the <mergeCells> tag, which the raw tokenizer reads as
// text.
func parseMerges(r io.Reader) ([]*mergeRange, error) {
	scan := newXMLScan(r, 1<<20)
	var out []*mergeRange
	for {
		tok, err := scan.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("merged cells: %w", err)
		}
		if tok.kind != tokStart || string(tok.name) != "mergeCell" {
			continue
		}
		ref := scan.attrString(tok.attrs, "ref")
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue // a single cell merges with nothing
		}
		c1, r1, ok1 := cellRef(from)
		c2, r2, ok2 := cellRef(to)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("merged range %q", ref)
		}
		if r2 < r1 {
			r1, r2 = r2, r1
		}
		if c2 < c1 {
			c1, c2 = c2, c1
		}
		out = append(out, &mergeRange{r1: r1, c1: c1, r2: r2, c2: c2})
	}
	slices.SortStableFunc(out, func(a, b *mergeRange) int { return a.r1 - b.r1 })
	return out, nil
}

// applyMerges gives every cell of row num that lies in a merged range,
// other than the range's top-left, the top-left's value and Merged.
func (x *xlsxRows) applyMerges(num int) {
	for x.next < len(x.merges) && x.merges[x.next].r1 <= num {
		x.active = append(x.active, x.merges[x.next])
		x.next++
	}
	if len(x.active) == 0 {
		return
	}
	x.active = slices.DeleteFunc(x.active, func(m *mergeRange) bool { return m.r2 < num })
	for _, m := range x.active {
		if m.r1 == num && m.c1 <= len(x.cells) {
			tl := x.cells[m.c1-1]
			m.top = Cell{Text: tl.Text, Percent: tl.Percent, Date: tl.Date}
		}
		for c := m.c1; c <= m.c2; c++ {
			if num == m.r1 && c == m.c1 {
				continue
			}
			cell := m.top
			cell.Merged = true
			x.place(c, cell)
		}
	}
}
