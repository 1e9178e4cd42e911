package app

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
	buf []byte
	n   int
	// started is set once the array is opened: at the first row or at
	// Close, so that a query failing before its first row writes nothing.
	started bool
}

// NewGapJSONWriter returns a writer of a gap JSON array on w.
func NewGapJSONWriter(w io.Writer) *GapJSONWriter {
	return &GapJSONWriter{bw: bufio.NewWriterSize(w, 64<<10)}
}

func (g *GapJSONWriter) start() {
	if !g.started {
		g.started = true
		g.bw.WriteString("[")
	}
}

// Write adds one row.
func (g *GapJSONWriter) Write(r *analysis.Row) error {
	g.start()
	if g.n > 0 {
		g.bw.WriteString(",")
	}
	g.n++
	g.bw.WriteString("\n  ")
	j := r.JSON()
	g.buf = appendIndented(g.buf[:0], reflect.ValueOf(&j).Elem(), 1)
	_, err := g.bw.Write(g.buf)
	return err
}

// Close ends the array and flushes it; it does not close the writer
// underneath.
func (g *GapJSONWriter) Close() error {
	g.start()
	if g.n > 0 {
		g.bw.WriteString("\n")
	}
	g.bw.WriteString("]\n")
	return g.bw.Flush()
}

// appendIndented appends v as encoding/json writes it with SetIndent("",
// "  ") and SetEscapeHTML(false), at depth levels of indentation, byte
// for byte: the same field names, omitempty, null pointers, number and
// string forms. Formatting directly skips encoding/json's second pass
// over its own output (Indent), which took half the time of 240,000
// rows. It knows the kinds of value a gap row holds (structs, pointers,
// strings, bools, integers, floats and slices) and panics on others.
func appendIndented(b []byte, v reflect.Value, depth int) []byte {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, "null"...)
		}
		return appendIndented(b, v.Elem(), depth)
	case reflect.String:
		return appendJSONString(b, v.String())
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Float64:
		return appendJSONFloat(b, v.Float())
	case reflect.Slice:
		if v.IsNil() {
			return append(b, "null"...)
		}
		if v.Len() == 0 {
			return append(b, "[]"...)
		}
		b = append(b, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, depth+1)
			b = appendIndented(b, v.Index(i), depth+1)
		}
		return append(newline(b, depth), ']')
	case reflect.Struct:
		b = append(b, '{')
		n := 0
		for _, f := range jsonFields(v.Type()) {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = newline(b, depth+1)
			b = append(b, f.key...)
			b = appendIndented(b, fv, depth+1)
		}
		if n == 0 {
			return append(b, '}')
		}
		return append(newline(b, depth), '}')
	}
	panic(fmt.Sprintf("app: gap JSON cannot write a %s", v.Type()))
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.Array, reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		return false
	}
	return v.IsZero()
}

func newline(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, "  "...)
	}
	return b
}

// jsonField is a struct field as encoding/json names it.
type jsonField struct {
	index     int
	key       string // `"name": `
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type → []jsonField

func jsonFields(t reflect.Type) []jsonField {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]jsonField)
	}
	var fs []jsonField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if !sf.IsExported() || tag == "-" || sf.Anonymous {
			if sf.Anonymous {
				panic("app: gap JSON cannot write an embedded field")
			}
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, jsonField{index: i, key: string(appendJSONString(nil, name)) + ": ", omitEmpty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	fieldCache.Store(t, fs)
	return fs
}

// appendJSONFloat writes f as encoding/json does.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		panic("app: gap JSON cannot write " + strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJSONString writes s as a JSON string the way encoding/json does
// without HTML escaping: plain text as it is, anything needing an escape
// through encoding/json itself.
func appendJSONString(b []byte, s string) []byte {
	plain := utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
	for i := 0; plain && i < len(s); i++ {
		plain = s[i] >= 0x20 && s[i] != '"' && s[i] != '\\'
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return append(b, strings.TrimSuffix(sb.String(), "\n")...)
}
