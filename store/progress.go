package store

import (
	"context"
	"database/sql"
	_ "embed" // the progress query ships as a file
	"fmt"
	"math"
	"path/filepath"

	"github.com/shopspring/decimal"
)

// ProgressSQL is store/sql/progress.sql: the peer-equivalent progress
// columns (gap, π, τ, required and observed rate, Eurostat R and status)
// of every level target, in standard SQL over relations named targets,
// indicators and actuals. It runs unchanged over the Parquet export in
// DuckDB, Spark SQL and Trino.
//
//go:embed sql/progress.sql
var ProgressSQL string

// ProgressRow is one row of ProgressSQL. Exact values are decimals; a
// measure the query leaves undefined is NaN (nil for decimals).
type ProgressRow struct {
	Region, Plan, ID, Indicator string
	Year                        int
	Actual, BaseValue, Target   *decimal.Decimal
	Gap                         *decimal.Decimal
	Completion, TimeShare       float64
	ScheduleGap                 float64 // percentage points
	RequiredRate, ObservedRate  float64
	Ratio                       float64 // Eurostat R
	Met                         bool
	Status                      string // Eurostat status name, as analysis.Status
}

// Progress runs ProgressSQL on the database and returns its rows ordered
// by region, plan and target id.
func (s *Store) Progress(ctx context.Context) ([]ProgressRow, error) {
	return queryProgress(ctx, s.db, `SELECT * FROM (`+ProgressSQL+`) ORDER BY region, plan_code, id`)
}

// ProgressTable runs ProgressSQL set-wise into the temporary table name
// on one connection, the way the peer query materialises its result, and
// returns the Eurostat status counts. Nothing crosses into Go but the
// counts: this is the speed of the columns in SQL.
func (s *Store) ProgressTable(ctx context.Context, name string) (map[string]int, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+name+` AS `+ProgressSQL); err != nil {
		return nil, fmt.Errorf("progress query: %w", err)
	}
	return statusCounts(ctx, conn, name)
}

// statusCounts counts the statuses of a table with a status column.
func statusCounts(ctx context.Context, conn *sql.Conn, table string) (map[string]int, error) {
	rows, err := conn.QueryContext(ctx, `SELECT status, count(*) FROM `+table+` GROUP BY status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

type querier interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func queryProgress(ctx context.Context, db querier, q string) ([]ProgressRow, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("progress query: %w", err)
	}
	defer rows.Close()
	var out []ProgressRow
	for rows.Next() {
		var r ProgressRow
		var actual, base, target, gap Dec
		var pi, tau, sg, req, obs, ratio sql.NullFloat64
		if err := rows.Scan(&r.Region, &r.Plan, &r.ID, &r.Indicator, &r.Year, &actual, &base, &target, &gap,
			&pi, &tau, &sg, &req, &obs, &ratio, &r.Met, &r.Status); err != nil {
			return nil, fmt.Errorf("progress row: %w", err)
		}
		r.Actual, r.BaseValue, r.Target, r.Gap = actual.Ptr(), base.Ptr(), target.Ptr(), gap.Ptr()
		r.Completion, r.TimeShare, r.ScheduleGap = orNaN(pi), orNaN(tau), orNaN(sg)
		r.RequiredRate, r.ObservedRate, r.Ratio = orNaN(req), orNaN(obs), orNaN(ratio)
		out = append(out, r)
	}
	return out, rows.Err()
}

func orNaN(f sql.NullFloat64) float64 {
	if !f.Valid {
		return math.NaN()
	}
	return f.Float64
}

// ParquetViews are the DuckDB statements that register a Parquet export
// (plangap export --format parquet DIR) under the names ProgressSQL reads.
// The region partitions are read as text, so a region named like a
// number stays a name. Spark SQL and Trino register the same files as
// tables over DIR/targets, DIR/actuals (partitioned by region) and
// DIR/indicators.parquet; see README "SQL over the export".
func ParquetViews(dir string) []string {
	part := func(t string) string {
		return fmt.Sprintf(`CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet(%s, hive_partitioning = true, hive_types = {'region': VARCHAR})`,
			t, quote(filepath.Join(dir, t, "*", "*.parquet")))
	}
	return []string{
		part("targets"),
		part("actuals"),
		fmt.Sprintf(`CREATE OR REPLACE VIEW indicators AS SELECT * FROM read_parquet(%s)`, quote(filepath.Join(dir, "indicators.parquet"))),
	}
}
