package store

import (
	"context"
	"database/sql"
	"math/big"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"
)

// A cursor walks the rows of a query result, reading each column as the
// type the query gives it. The big reads of an analysis (every target,
// every series) go through a cursor so that one query and one assembly
// serve two transports:
//
//   - chunkCursor reads DuckDB's result chunks directly through its C API:
//     a value is read where DuckDB left it, never boxed into an
//     interface, and a DECIMAL becomes an exact decimal straight from its
//     integer. It serves a database file (the normal case).
//   - rowCursor reads through database/sql, which boxes every value. It
//     serves the private in-memory databases of tests and "--db :memory:",
//     which the C API cannot reach from outside database/sql.
//
// TestCursorsAgree reads the same database both ways.
type cursor interface {
	// Next moves to the next row; false at the end or on an error.
	Next() bool
	Err() error
	Close()
	// Str reads a VARCHAR ("" for NULL).
	Str(col int) string
	// Int reads an INTEGER or BIGINT; ok is false for NULL.
	Int(col int) (v int64, ok bool)
	// Bool reads a BOOLEAN (false for NULL).
	Bool(col int) bool
	// Dec reads a DECIMAL exactly; ok is false for NULL.
	Dec(col int) (d decimal.Decimal, ok bool)
	// StrIs reports whether the VARCHAR equals s, without copying it.
	StrIs(col int, s string) bool
	// Unscaled reads a DECIMAL as its unscaled integer and exponent
	// (minus its scale); fits is false when it is NULL or does not fit
	// an int64 (read it with Dec).
	Unscaled(col int) (v int64, exp int32, fits bool)
}

// query runs a read-only query through a cursor: over the C API for a
// database file, through database/sql for an in-memory database.
func (s *Store) query(ctx context.Context, q string, args ...any) (cursor, error) {
	if s.chunks != nil {
		return s.chunks.query(ctx, q, args...)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, err
	}
	c := &rowCursor{rows: rows, vals: make([]any, len(cols)), ptrs: make([]any, len(cols))}
	for i := range c.vals {
		c.ptrs[i] = &c.vals[i]
	}
	return c, nil
}

// rowCursor is a cursor over database/sql rows.
type rowCursor struct {
	rows *sql.Rows
	vals []any
	ptrs []any
	err  error
}

func (c *rowCursor) Next() bool {
	if c.err != nil || !c.rows.Next() {
		return false
	}
	if err := c.rows.Scan(c.ptrs...); err != nil {
		c.err = err
		return false
	}
	return true
}

func (c *rowCursor) Err() error {
	if c.err != nil {
		return c.err
	}
	return c.rows.Err()
}

func (c *rowCursor) Close() { c.rows.Close() }

func (c *rowCursor) Str(col int) string {
	s, _ := c.vals[col].(string)
	return s
}

func (c *rowCursor) Int(col int) (int64, bool) { return anyInt(c.vals[col]) }

func (c *rowCursor) Bool(col int) bool {
	b, _ := c.vals[col].(bool)
	return b
}

func (c *rowCursor) Dec(col int) (decimal.Decimal, bool) {
	return c.anyDec(c.vals[col])
}

func (c *rowCursor) StrIs(col int, s string) bool {
	v, ok := c.vals[col].(string)
	return ok && v == s
}

func (c *rowCursor) Unscaled(col int) (int64, int32, bool) {
	d, ok := c.vals[col].(duckdb.Decimal)
	if !ok || d.Value == nil || !d.Value.IsInt64() {
		return 0, 0, false
	}
	return d.Value.Int64(), -int32(d.Scale), true
}

func (c *rowCursor) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

func (c *rowCursor) anyDec(v any) (decimal.Decimal, bool) {
	var d Dec
	if err := d.Scan(v); err != nil {
		c.fail(err)
		return decimal.Decimal{}, false
	}
	return d.D, d.Valid
}

func anyInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case int16:
		return int64(n), true
	case int8:
		return int64(n), true
	case *big.Int:
		return n.Int64(), n.IsInt64()
	case duckdb.Decimal:
		return n.Value.Int64(), n.Scale == 0 && n.Value.IsInt64()
	}
	return 0, false
}
