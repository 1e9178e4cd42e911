// Package store keeps plans, targets and actuals in DuckDB. All SQL lives
// here; callers see model types.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"sort"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"
)

//go:embed migration/*.sql
var migrations embed.FS

// DecimalScale is the scale of every DECIMAL column.
const DecimalScale = 10

// Store is an open plangap database.
type Store struct {
	db   *sql.DB
	Path string
	// Now is the clock; tests replace it.
	Now func() time.Time
	// BeforeCommit, if set, runs inside a load's transaction just before
	// COMMIT: the crash test kills the process there.
	BeforeCommit func()
}

// Open opens (creating if needed) the database at path and applies any
// pending migrations. ":memory:" or "" opens a private in-memory database.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn := path
	if path == ":memory:" {
		dsn = ""
	}
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, Path: path, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the handle for packages that run read-only analysis SQL.
func (s *Store) DB() *sql.DB { return s.db }

// migrate runs each embedded migration not yet applied, each in its own
// transaction, in file-name order.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, name).Scan(&n); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		err = s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (?, ?)`, name, s.Now().UTC())
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	return nil
}

// tx runs fn in a transaction, rolling back on error.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Dec scans a DECIMAL column exactly into a shopspring decimal; NULL
// leaves Valid false.
type Dec struct {
	D     decimal.Decimal
	Valid bool
}

// Scan implements sql.Scanner.
func (d *Dec) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		d.Valid = false
		return nil
	case duckdb.Decimal:
		d.D, d.Valid = decimal.NewFromBigInt(v.Value, -int32(v.Scale)), true
		return nil
	case string:
		x, err := decimal.NewFromString(v)
		d.D, d.Valid = x, err == nil
		return err
	case int64:
		d.D, d.Valid = decimal.NewFromInt(v), true
		return nil
	case int32:
		d.D, d.Valid = decimal.NewFromInt(int64(v)), true
		return nil
	case *big.Int:
		d.D, d.Valid = decimal.NewFromBigInt(v, 0), true
		return nil
	}
	return fmt.Errorf("cannot scan %T into a decimal", src)
}

// Ptr returns a pointer to the value, or nil for NULL.
func (d Dec) Ptr() *decimal.Decimal {
	if !d.Valid {
		return nil
	}
	x := d.D
	return &x
}

// decArg renders a decimal for a DECIMAL(38,10) parameter. Passing the
// exact string keeps DuckDB from going through a float.
func decArg(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return d.String()
}

// ErrNotFound is returned when a plan, target or batch does not exist.
var ErrNotFound = errors.New("not found")

// strList converts a scanned VARCHAR[] into strings.
func strList(v any) []string {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case nil:
		return nil
	}
	return nil
}

// listLiteral is a typed parameter for a VARCHAR[] column.
func listArg(xs []string) any {
	if xs == nil {
		return []string{}
	}
	return xs
}
