package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/plangap/plangap/model"
)

// exportTables are the tables an export carries, with the ones split by
// region. Tokens are secrets and stay behind; schema_migrations is
// rebuilt by Open.
var exportTables = []struct {
	name     string
	byRegion bool
	order    string
}{
	{"plans", false, "region, code"},
	{"indicators", false, "code"},
	{"targets", true, "region, plan_code, ord"},
	{"batches", false, "id"},
	{"actuals", true, "region, indicator, year, batch_id"},
}

// quote makes a path safe inside a single-quoted SQL string literal.
func quote(p string) string { return "'" + strings.ReplaceAll(p, "'", "''") + "'" }

// Export writes every table to dir as Parquet or CSV, the region-keyed
// tables partitioned by region (dir/actuals/region=冠县/…): the layout
// DuckDB, Spark and Trino read as hive partitions.
func (s *Store) Export(ctx context.Context, dir, format string) error {
	if format != "parquet" && format != "csv" {
		return fmt.Errorf("export format %q: want parquet or csv", format)
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("export: %s is not empty; nothing is overwritten", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, t := range exportTables {
		opts := "FORMAT " + format
		if format == "csv" {
			// Quote every value, so that an empty string ("") differs from
			// NULL (nothing) when read back.
			opts += ", FORCE_QUOTE *"
		}
		target := filepath.Join(dir, t.name)
		if t.byRegion {
			opts += ", PARTITION_BY (region)"
		} else {
			target += "." + format
		}
		q := fmt.Sprintf(`COPY (SELECT * FROM %s ORDER BY %s) TO %s (%s)`, t.name, t.order, quote(target), opts)
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("export %s: %w", t.name, err)
		}
	}
	if format == "csv" {
		return addBOM(dir)
	}
	return nil
}

// addBOM puts the UTF-8 byte-order mark in front of every CSV file under
// dir: without it Excel on Chinese Windows reads the files as GBK and
// shows mojibake. DuckDB's read_csv, which Import uses, skips the mark.
func addBOM(dir string) error {
	return filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".csv") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(data, []byte(bom)) {
			return nil
		}
		// The export directory was empty and is ours: no other reader can
		// see a half-written file, so it is rewritten in place.
		return os.WriteFile(path, append([]byte(bom), data...), 0o644)
	})
}

// bom is the UTF-8 byte-order mark.
const bom = "\ufeff"

// ErrNotEmpty is returned by Import into a database that already holds
// plans or values: an import never overwrites.
var ErrNotEmpty = &model.Error{Code: model.Conflict, Message: "数据库中已有数据 the database already holds data; import into a new database"}

// Import restores an export into this database, atomically. The database
// must hold no plans or values yet, so that nothing is overwritten.
func (s *Store) Import(ctx context.Context, dir string) error {
	format := ""
	for _, f := range []string{"parquet", "csv"} {
		if _, err := os.Stat(filepath.Join(dir, "plans."+f)); err == nil {
			format = f
		}
	}
	if format == "" {
		return fmt.Errorf("import %s: no plans.parquet or plans.csv: not a plangap export", dir)
	}
	var n int
	s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM batches)`).Scan(&n)
	if n > 0 {
		return fmt.Errorf("import: %w", ErrNotEmpty)
	}
	if err := s.writable(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, t := range exportTables {
			src := quote(filepath.Join(dir, t.name+"."+format))
			if t.byRegion {
				src = quote(filepath.Join(dir, t.name, "*", "*."+format))
			}
			var from string
			switch {
			case format == "parquet" && t.byRegion:
				from = fmt.Sprintf("read_parquet(%s, hive_partitioning = true)", src)
			case format == "parquet":
				from = fmt.Sprintf("read_parquet(%s)", src)
			default:
				// All text, then cast by the table's own column types, so that
				// DECIMAL values are never read as floats.
				from = fmt.Sprintf("read_csv(%s, all_varchar = true, allow_quoted_nulls = false, hive_partitioning = %t)", src, t.byRegion)
			}
			if t.byRegion {
				if matches, _ := filepath.Glob(filepath.Join(dir, t.name, "*", "*."+format)); len(matches) == 0 {
					continue
				}
			}
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %s BY NAME SELECT * FROM %s`, t.name, from)); err != nil {
				return fmt.Errorf("import %s: %w", t.name, err)
			}
		}
		return nil
	})
}

// Dump renders every exported table as text in a fixed order: two
// databases with equal dumps hold the same data.
func (s *Store) Dump(ctx context.Context) (string, error) {
	var b strings.Builder
	for _, t := range exportTables {
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`SELECT * FROM %s ORDER BY %s`, t.name, t.order))
		if err != nil {
			return "", err
		}
		cols, _ := rows.Columns()
		fmt.Fprintf(&b, "# %s %s\n", t.name, strings.Join(cols, ","))
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", err
			}
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('|')
				}
				fmt.Fprint(&b, v)
			}
			b.WriteByte('\n')
		}
		rows.Close()
	}
	return b.String(), nil
}
