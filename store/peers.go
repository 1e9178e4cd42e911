package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
)

// LoadPeerData bulk-loads the peers' synthetic data (gen.py's
// targets.csv and actuals.csv in dir) in one transaction: a plan "peer"
// per region, an indicator per code, one level target per row and one
// batch with every value. It is for side-by-side benchmarks, not for
// statistics: the batch is marked illustrative, and nothing is validated
// beyond DuckDB's types. Real files go through actuals.Read and
// LoadActuals; real plans through ImportPlan.
func (s *Store) LoadPeerData(ctx context.Context, dir string) error {
	if err := s.writable(); err != nil {
		return err
	}
	tcsv := quote(filepath.Join(dir, "targets.csv"))
	acsv := quote(filepath.Join(dir, "actuals.csv"))
	now := s.Now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var batch int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM batches`).Scan(&batch); err != nil {
			return err
		}
		stmts := []struct {
			q    string
			args []any
		}{
			{`CREATE TEMP TABLE peer_targets AS SELECT region::VARCHAR AS region, indicator::VARCHAR AS indicator,
				direction::VARCHAR AS direction, base_year::INTEGER AS base_year,
				target::DECIMAL(38,10) AS target, target_year::INTEGER AS target_year
				FROM read_csv(` + tcsv + `, header = true, all_varchar = true)`, nil},
			{`INSERT INTO plans SELECT region, 'peer', 'peer synthetic plan (illustrative)', '', min(base_year),
				max(target_year), min(base_year), ?, '' FROM peer_targets GROUP BY region`, []any{now}},
			{`INSERT INTO indicators SELECT indicator, indicator, indicator, '个',
				CASE any_value(direction) WHEN 'down' THEN 'lower' ELSE 'higher' END, NULL, NULL, []::VARCHAR[], false
				FROM peer_targets WHERE indicator NOT IN (SELECT code FROM indicators) GROUP BY indicator`, nil},
			{`INSERT INTO targets SELECT region, 'peer', indicator,
				(row_number() OVER (PARTITION BY region ORDER BY indicator))::INTEGER - 1, indicator, false, 'level',
				CASE direction WHEN 'down' THEN '<=' ELSE '>=' END, target, NULL, '个', NULL,
				base_year, NULL, NULL, target_year, '', []::VARCHAR[], []::VARCHAR[], '', '', '', '',
				'', NULL, '', '', false, ''
				FROM peer_targets`, nil},
			{`INSERT INTO batches VALUES (?, ?, 'actuals.csv', '', 'peers gen.py', 'final', true, 0, 0, 0, 0)`, []any{batch, now}},
			{`INSERT INTO actuals SELECT indicator, region, year::INTEGER, ?, value::DECIMAL(38,10), 'final', '', NULL
				FROM read_csv(` + acsv + `, header = true, all_varchar = true)`, []any{batch}},
			{`UPDATE batches SET rows_read = n, inserted = n FROM (SELECT count(*)::INTEGER AS n FROM actuals WHERE batch_id = ?) WHERE id = ?`, []any{batch, batch}},
			{`DROP TABLE peer_targets`, nil},
		}
		for _, st := range stmts {
			if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
				return fmt.Errorf("load peer data from %s: %w", dir, err)
			}
		}
		return nil
	})
}
