// Package store keeps plans, targets and actuals in DuckDB. All SQL lives
// here; callers see model types.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
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
	// ReadOnly is set when the file could not be written: reads work,
	// writes fail with ErrReadOnly.
	ReadOnly bool
	// chunks reads big results through DuckDB's C API (see cursor); nil
	// for an in-memory database.
	chunks *chunkDB
	// noAliasLog: a read-only file older than the alias history.
	noAliasLog bool
	// noUsers, noRevoked: a read-only file older than users and sessions,
	// or than revoked tokens: nobody can sign in, no token is revoked.
	noUsers, noRevoked bool
}

// ErrNotDuckDB is returned by Open for a file that is not a DuckDB
// database (a SQLite file, a CSV, a workbook …).
var ErrNotDuckDB = errors.New("not a DuckDB database file")

// ErrReadOnly is returned by every write on a database opened read-only.
var ErrReadOnly = errors.New("database is read-only")

// FileError names the database file an error is about, in Chinese and
// English.
type FileError struct {
	Path string
	Err  error // ErrNotDuckDB or ErrReadOnly
}

func (e *FileError) Error() string {
	name := filepath.Base(e.Path)
	if errors.Is(e.Err, ErrReadOnly) {
		return fmt.Sprintf("“%s”是只读文件，未写入任何数据 %s is read-only: nothing was written", name, e.Path)
	}
	return fmt.Sprintf("“%s”不是DuckDB数据库文件 %s is not a DuckDB database file (plangap keeps its data in DuckDB)", name, e.Path)
}

func (e *FileError) Unwrap() error { return e.Err }

// duckMagic is the DuckDB file signature, at bytes 8–11 of the file.
const duckMagic = "DUCK"

// Open opens (creating if needed) the database at path and applies any
// pending migrations. ":memory:" or "" opens a private in-memory database.
//
// DuckDB never installs or loads an extension on its own here: opening a
// SQLite file would otherwise download the sqlite extension. A file that is
// not a DuckDB database is refused with ErrNotDuckDB; an empty (0-byte)
// file, as touch or mktemp leave, is taken as a new database, since it
// holds nothing that could be lost. A file (or directory) without write
// permission bits is opened read-only — the mode bits, not access(2),
// decide, so that root, whom access(2) lets write anything, gets the same
// answer as a clerk — and every write then fails with ErrReadOnly.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn, readOnly := "", false
	if path != ":memory:" && path != "" {
		var err error
		if readOnly, err = inspect(path); err != nil {
			return nil, err
		}
		dsn = path
	}
	opts := [][2]string{{"autoinstall_known_extensions", "false"}, {"autoload_known_extensions", "false"}}
	if readOnly {
		opts = append(opts, [2]string{"access_mode", "READ_ONLY"})
	}
	sep := "?"
	for _, o := range opts {
		dsn += sep + o[0] + "=" + o[1]
		sep = "&"
	}
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, Path: path, Now: time.Now, ReadOnly: readOnly}
	if readOnly {
		err = s.checkSchema(ctx)
	} else {
		err = s.migrate(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	if path != ":memory:" && path != "" {
		if s.chunks, err = openChunkDB(path, opts); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// inspect checks an existing database file before DuckDB opens it: that it
// is a DuckDB file, and whether it can be written.
func inspect(path string) (readOnly bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // a new database
	}
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	if st.IsDir() {
		return false, fmt.Errorf("open %s: %w (it is a directory)", path, &FileError{Path: path, Err: ErrNotDuckDB})
	}
	dir, derr := os.Stat(filepath.Dir(path))
	readOnly = st.Mode().Perm()&0o222 == 0 || (derr == nil && dir.Mode().Perm()&0o222 == 0)
	if !readOnly {
		// A file owned by someone else may have write bits and still not
		// be writable by us.
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err != nil {
			readOnly = errors.Is(err, fs.ErrPermission)
		} else {
			f.Close()
		}
	}
	if st.Size() == 0 {
		if readOnly {
			return false, &FileError{Path: path, Err: ErrReadOnly}
		}
		// DuckDB refuses a 0-byte file; it holds nothing, so start afresh.
		if err := os.Remove(path); err != nil {
			return false, fmt.Errorf("open %s: %w", path, err)
		}
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 12)
	if n, _ := io.ReadFull(f, head); n < len(head) || string(head[8:12]) != duckMagic {
		return false, &FileError{Path: path, Err: ErrNotDuckDB}
	}
	return readOnly, nil
}

// writable refuses a write on a read-only database before it starts.
func (s *Store) writable() error {
	if s.ReadOnly {
		return &FileError{Path: s.Path, Err: ErrReadOnly}
	}
	return nil
}

// readOptional are the migrations whose tables no read of plans, targets
// or values needs: a read-only file made before them can still be read.
var readOptional = map[string]bool{"migration/0005_alias_log.sql": true, "migration/0006_actuals_unkeyed.sql": true,
	"migration/0015_users.sql": true, "migration/0016_sessions.sql": true, "migration/0017_token_revoked.sql": true}

// checkSchema makes sure a database opened read-only needs no migration
// that reads depend on, since none can be applied to it.
func (s *Store) checkSchema(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migration/*.sql")
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("“%s”是只读文件，且不是plangap数据库 %s is read-only and holds no plangap data: %w", filepath.Base(s.Path), s.Path, err)
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var needed []string
	for _, n := range names {
		switch {
		case applied[n]:
		case readOptional[n]:
			s.noAliasLog = s.noAliasLog || n == "migration/0005_alias_log.sql"
			s.noUsers = s.noUsers || n == "migration/0015_users.sql" || n == "migration/0016_sessions.sql"
			s.noRevoked = s.noRevoked || n == "migration/0017_token_revoked.sql"
		default:
			needed = append(needed, path.Base(n))
		}
	}
	if len(needed) > 0 {
		return fmt.Errorf("“%s”是只读文件，需先升级（请以可写方式打开一次） %s is read-only and needs schema upgrades (%s): open it once with write permission",
			filepath.Base(s.Path), s.Path, strings.Join(needed, ", "))
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.chunks != nil {
		s.chunks.close()
	}
	return s.db.Close()
}

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
var ErrNotFound = model.ErrNotFound

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
