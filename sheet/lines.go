package sheet

import (
	"bytes"
	"errors"
	"io"
)

// errLineTooLong is returned by lineReader.next when a line passes the cap.
var errLineTooLong = errors.New("line too long")

// lineReader splits a stream into physical lines ended by LF, CRLF or a
// lone CR (old Mac Excel), in any mix. It holds at most one line (plus a
// read-ahead buffer) in memory: a line past max is refused as soon as
// max+1 of its bytes have been seen, not after reading all of it.
type lineReader struct {
	r          io.Reader
	buf        []byte
	start, end int // unread data is buf[start:end]
	// lf is the offset in buf of the next LF at or after start, or -1
	// when buf[lfFrom:end] has none; a stale lf < start means unknown.
	// Remembering it lets a CR-only file be split without scanning the
	// whole buffer for an LF on every line.
	lf, lfFrom int
	scanned    int // bytes after start known to hold no CR
	max        int
	num        int   // number of the last line returned, 1-based
	err        error // io.EOF or the read error, once the stream ends
}

func newLineReader(r io.Reader, max int) *lineReader {
	size := 256 << 10
	if size > max+2 {
		size = max + 2
	}
	return &lineReader{r: r, buf: make([]byte, size), max: max, lf: -2}
}

// next returns the next line without its ending, valid until the next
// call. At the end of the stream it returns io.EOF (or the read error).
func (l *lineReader) next() ([]byte, error) {
	for {
		data := l.buf[l.start:l.end]
		if l.lf < l.start && !(l.lf == -1 && l.lfFrom == l.end) {
			from := max(l.start, l.lfFrom)
			if j := bytes.IndexByte(l.buf[from:l.end], '\n'); j >= 0 {
				l.lf, l.lfFrom = from+j, from+j
			} else {
				l.lf, l.lfFrom = -1, l.end
			}
		}
		// The line ends at the first CR or LF: look for a CR only up to
		// the LF.
		stop := len(data)
		if l.lf >= l.start {
			stop = l.lf - l.start
		}
		i := stop
		if j := bytes.IndexByte(data[l.scanned:stop], '\r'); j >= 0 {
			i = l.scanned + j
		}
		// A CR at the end of the data may be the first half of a CRLF.
		if i < len(data) && (data[i] == '\n' || i+1 < len(data) || l.err != nil) {
			n := i + 1
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				n++
			}
			l.num++
			if i > l.max {
				return nil, errLineTooLong
			}
			l.start += n
			l.scanned = 0
			return data[:i], nil
		}
		l.scanned = i
		if l.err != nil {
			if len(data) == 0 {
				return nil, l.err
			}
			l.num++
			if len(data) > l.max {
				return nil, errLineTooLong
			}
			l.start, l.scanned = l.end, 0
			return data, nil
		}
		if len(data) > l.max {
			l.num++
			return nil, errLineTooLong
		}
		l.fill()
	}
}

// fill reads more data, moving the unread part to the front of the buffer
// and growing it (up to max+2 bytes) when it is full.
func (l *lineReader) fill() {
	if l.start > 0 {
		copy(l.buf, l.buf[l.start:l.end])
		l.end -= l.start
		l.lf -= l.start
		l.lfFrom = max(l.lfFrom-l.start, 0)
		if l.lf < 0 {
			l.lf = -2 // unknown: search again
		}
		l.start = 0
	}
	if l.end == len(l.buf) {
		size := 2 * len(l.buf)
		if size > l.max+2 {
			size = l.max + 2
		}
		nb := make([]byte, size)
		copy(nb, l.buf[:l.end])
		l.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := l.r.Read(l.buf[l.end:])
		l.end += n
		if err != nil {
			l.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	l.err = io.ErrNoProgress
}
