package sheet

import "bytes"

// sniffLines is how many non-blank lines of the sample the delimiter sniff
// looks at.
const sniffLines = 50

// sniffDelimiter picks comma, tab or semicolon from the first lines of the
// text. Each candidate's count is taken per line OUTSIDE quoted cells (so
// a semicolon in a quoted note does not count), and the candidate whose
// count is the same on the most lines wins: a table has as many
// delimiters on every line, prose only here and there. width is that
// count, the number of delimiters in a full record. truncated says the
// last line of text may be cut off.
func sniffDelimiter(text []byte, truncated bool) (delim byte, width int) {
	var lines [][]byte
	for len(text) > 0 && len(lines) < sniffLines {
		i := bytes.IndexAny(text, "\r\n")
		if i < 0 {
			if !truncated {
				lines = append(lines, text)
			}
			break
		}
		if i > 0 {
			lines = append(lines, text[:i])
		}
		text = text[i+1:]
	}
	delim, width = ',', 0
	bestLines := 0
	for _, d := range []byte{',', '\t', ';'} {
		counts := map[int]int{}
		for _, l := range lines {
			if n := countOutsideQuotes(l, d); n > 0 {
				counts[n]++
			}
		}
		mode, modeLines := 0, 0
		for n, k := range counts {
			if k > modeLines || (k == modeLines && n > mode) {
				mode, modeLines = n, k
			}
		}
		if modeLines > bestLines || (modeLines == bestLines && modeLines > 0 && mode > width) {
			delim, width, bestLines = d, mode, modeLines
		}
	}
	return delim, width
}

// countOutsideQuotes counts d in a line read with d as the delimiter,
// skipping quoted cells. A quote left open ends the count: what follows is
// either a multi-line cell or a stray quote, and neither tells the width.
func countOutsideQuotes(line []byte, d byte) int {
	n := 0
	start := true
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case start && c == '"':
			j := closeQuote(line, i+1)
			if j < 0 {
				return n
			}
			i = j
		case c == d:
			n++
			start = true
			continue
		}
		start = false
	}
	return n
}

// closeQuote returns the offset of the quote closing a quoted cell whose
// text starts at from, or -1.
func closeQuote(line []byte, from int) int {
	for i := from; i < len(line); i++ {
		if line[i] != '"' {
			continue
		}
		if i+1 < len(line) && line[i+1] == '"' {
			i++
			continue
		}
		return i
	}
	return -1
}
