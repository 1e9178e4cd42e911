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
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	bw.WriteString("[")
	for i, r := range rows {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  ")
		buf.Reset()
		if err := enc.Encode(r.JSON()); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	if len(rows) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}
