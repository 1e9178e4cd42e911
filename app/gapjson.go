package app

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/plangap/plangap/analysis"
)

// WriteGapJSON writes the gap table as a JSON array, one row at a time:
// `gap --format json`, run's gap.json and GET /api/gap give the same
// shape, and 240,000 rows are never held in memory as JSON at once.
func WriteGapJSON(w io.Writer, rows []analysis.Row) error {
	gw := NewGapJSONWriter(w)
	for i := range rows {
		if err := gw.Write(&rows[i]); err != nil {
			return err
		}
	}
	return gw.Close()
}

// GapJSONWriter writes the gap table as WriteGapJSON does, a row at a
// time as the rows come (from Service.AnalyseEach), so that neither the
// rows nor their JSON are ever held whole.
type GapJSONWriter struct {
	bw  *bufio.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
}

// NewGapJSONWriter starts a gap JSON array on w.
func NewGapJSONWriter(w io.Writer) *GapJSONWriter {
	g := &GapJSONWriter{bw: bufio.NewWriterSize(w, 64<<10)}
	g.enc = json.NewEncoder(&g.buf)
	g.enc.SetEscapeHTML(false)
	g.enc.SetIndent("  ", "  ")
	g.bw.WriteString("[")
	return g
}

// Write adds one row.
func (g *GapJSONWriter) Write(r *analysis.Row) error {
	if g.n > 0 {
		g.bw.WriteString(",")
	}
	g.n++
	g.bw.WriteString("\n  ")
	g.buf.Reset()
	if err := g.enc.Encode(r.JSON()); err != nil {
		return err
	}
	_, err := g.bw.Write(bytes.TrimSuffix(g.buf.Bytes(), []byte("\n")))
	return err
}

// Close ends the array and flushes it; it does not close the writer
// underneath.
func (g *GapJSONWriter) Close() error {
	if g.n > 0 {
		g.bw.WriteString("\n")
	}
	g.bw.WriteString("]\n")
	return g.bw.Flush()
}
