package store

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"fmt"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// toDuckDecimal rescales a value for a DECIMAL(38,10) appender column: the
// appender takes the raw unscaled integer (methods.md §8).
func toDuckDecimal(d decimal.Decimal) duckdb.Decimal {
	return duckdb.Decimal{Width: 38, Scale: DecimalScale, Value: d.Round(DecimalScale).Shift(DecimalScale).BigInt()}
}

// LoadActuals stores a validated file as one batch, atomically: the batch
// and all its new values and revisions become visible together, or not at
// all. Values equal to the latest stored revision (same value and status)
// count as unchanged and are not stored again. With dryRun the counts are
// computed and everything is rolled back.
// progress, if not nil, is called with the number of values staged so far.
func (s *Store) LoadActuals(ctx context.Context, obs []model.Observation, b model.Batch, dryRun bool, progress func(int)) (model.LoadResult, error) {
	res := model.LoadResult{DryRun: dryRun}
	if err := s.writable(); err != nil && !dryRun {
		return res, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	exec := func(q string, args ...any) error {
		_, err := conn.ExecContext(ctx, q, args...)
		return err
	}
	if err := exec(`BEGIN TRANSACTION`); err != nil {
		return res, err
	}
	committed := false
	defer func() {
		if !committed {
			exec(`ROLLBACK`)
		}
	}()
	if err := exec(`CREATE OR REPLACE TEMP TABLE stage (indicator VARCHAR, region VARCHAR, year INTEGER,
		value DECIMAL(38,10), status VARCHAR, note VARCHAR)`); err != nil {
		return res, err
	}
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", "stage")
		if err != nil {
			return err
		}
		for i, o := range obs {
			if progress != nil && i%10000 == 0 {
				progress(i)
			}
			st := o.Status
			if st == "" {
				st = b.Status
			}
			if err := app.AppendRow(o.Indicator, o.Region, int32(o.Year), toDuckDecimal(o.Value), st, o.Note); err != nil {
				app.Close()
				return err
			}
		}
		if progress != nil {
			progress(len(obs))
		}
		return app.Close()
	})
	if err != nil {
		return res, fmt.Errorf("stage values: %w", err)
	}
	// Classify each staged value against the latest stored revision.
	if err := exec(`CREATE OR REPLACE TEMP TABLE classified AS
		WITH latest AS (SELECT indicator, region, year, value, status FROM actuals WHERE superseded_by IS NULL)
		SELECT s.*, CASE WHEN l.value IS NULL THEN 'inserted'
		                 WHEN l.value = s.value AND l.status = s.status THEN 'unchanged'
		                 ELSE 'revised' END AS outcome
		FROM stage s LEFT JOIN latest l USING (indicator, region, year)`); err != nil {
		return res, err
	}
	rows, err := conn.QueryContext(ctx, `SELECT indicator, count(*),
		count(*) FILTER (outcome = 'inserted'), count(*) FILTER (outcome = 'revised'), count(*) FILTER (outcome = 'unchanged')
		FROM classified GROUP BY indicator ORDER BY indicator`)
	if err != nil {
		return res, err
	}
	for rows.Next() {
		var is model.IndicatorSummary
		if err := rows.Scan(&is.Indicator, &is.Read, &is.Inserted, &is.Revised, &is.Unchanged); err != nil {
			rows.Close()
			return res, err
		}
		res.PerIndicator = append(res.PerIndicator, is)
		b.RowsRead += is.Read
		b.Inserted += is.Inserted
		b.Revised += is.Revised
		b.Unchanged += is.Unchanged
	}
	rows.Close()
	b.LoadedAt = s.Now().UTC()
	res.Batch = b
	if b.Inserted+b.Revised == 0 {
		// Nothing new: record no batch, and say which load brought it.
		var prev sql.NullInt64
		conn.QueryRowContext(ctx, `SELECT max(id) FROM batches WHERE sha256 = ?`, b.SHA256).Scan(&prev)
		res.AlreadyLoaded = int(prev.Int64)
		return res, nil
	}
	if dryRun {
		return res, nil
	}
	// model.Batch ids count up from 1. Two concurrent loads would pick the same
	// id, and the second commit then fails on the primary key: nothing of it
	// is stored.
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM batches`).Scan(&b.ID); err != nil {
		return res, err
	}
	if err := exec(`INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.ID, b.LoadedAt, b.File, b.SHA256, b.Source,
		b.Status, b.Illustrative, b.RowsRead, b.Inserted, b.Revised, b.Unchanged); err != nil {
		return res, err
	}
	if err := exec(`UPDATE actuals SET superseded_by = ? FROM classified c
		WHERE c.outcome = 'revised' AND actuals.superseded_by IS NULL AND actuals.indicator = c.indicator
		  AND actuals.region = c.region AND actuals.year = c.year`, b.ID); err != nil {
		return res, err
	}
	if err := exec(`INSERT INTO actuals SELECT indicator, region, year, ?, value, status, note, NULL FROM classified WHERE outcome <> 'unchanged'`, b.ID); err != nil {
		return res, err
	}
	if s.BeforeCommit != nil {
		s.BeforeCommit()
	}
	if err := exec(`COMMIT`); err != nil {
		return res, err
	}
	committed = true
	exec(`DROP TABLE IF EXISTS temp.stage`)
	exec(`DROP TABLE IF EXISTS temp.classified`)
	res.Batch = b
	return res, nil
}

// Batches lists every load, oldest first.
func (s *Store) Batches(ctx context.Context) ([]model.Batch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, loaded_at, file, sha256, source, status, illustrative,
		rows_read, inserted, revised, unchanged FROM batches ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Batch
	for rows.Next() {
		var b model.Batch
		if err := rows.Scan(&b.ID, &b.LoadedAt, &b.File, &b.SHA256, &b.Source, &b.Status, &b.Illustrative,
			&b.RowsRead, &b.Inserted, &b.Revised, &b.Unchanged); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// asOfFilter selects the revisions current as of a: the latest ones for
// the zero value; else those loaded by the batch (or moment) and not yet
// superseded then.
func asOfFilter(a model.AsOf) (string, []any) {
	switch {
	case a.Batch > 0:
		return `batch_id <= ? AND (superseded_by IS NULL OR superseded_by > ?)`, []any{a.Batch, a.Batch}
	case !a.Time.IsZero():
		b := `(SELECT coalesce(max(id), 0) FROM batches WHERE loaded_at <= ?)`
		return `batch_id <= ` + b + ` AND (superseded_by IS NULL OR superseded_by > ` + b + `)`, []any{a.Time.UTC(), a.Time.UTC()}
	}
	return `superseded_by IS NULL`, nil
}

// UnknownBatchError is returned when data are asked for as of a batch that
// was never loaded. A date before the first batch is no error: it means
// no data.
type UnknownBatchError struct {
	Batch  int
	Latest int // 0 when nothing has been loaded
}

// ErrorCode makes an unknown batch a not-found error for every caller.
func (e *UnknownBatchError) ErrorCode() model.Code { return model.NotFound }

func (e *UnknownBatchError) Error() string {
	if e.Latest == 0 {
		return fmt.Sprintf("没有第%d批数据 no batch %d (no data loaded yet)", e.Batch, e.Batch)
	}
	return fmt.Sprintf("没有第%d批数据 no batch %d (the latest is %d)", e.Batch, e.Batch, e.Latest)
}

// CheckAsOf refuses a batch that does not exist.
func (s *Store) CheckAsOf(ctx context.Context, a model.AsOf) error {
	if a.Batch <= 0 {
		return nil
	}
	var latest int
	var found bool
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0), count(*) FILTER (id = ?) > 0 FROM batches`, a.Batch).Scan(&latest, &found); err != nil {
		return err
	}
	if !found {
		return &UnknownBatchError{Batch: a.Batch, Latest: latest}
	}
	return nil
}

// Actuals returns the latest revision of every value (as of a), optionally
// for one region and indicator.
func (s *Store) Actuals(ctx context.Context, region, indicator string, a model.AsOf) ([]model.Actual, error) {
	if err := s.CheckAsOf(ctx, a); err != nil {
		return nil, err
	}
	cond, args := asOfFilter(a)
	q := `SELECT v.indicator, v.region, v.year, v.value, v.status, v.note, v.batch_id, b.illustrative, b.source, b.loaded_at
		FROM actuals v JOIN batches b ON b.id = v.batch_id WHERE ` + cond
	if region != "" {
		q += ` AND v.region = ?`
		args = append(args, region)
	}
	if indicator != "" {
		q += ` AND v.indicator = ?`
		args = append(args, indicator)
	}
	q += ` ORDER BY v.region, v.indicator, v.year`
	return s.queryActuals(ctx, q, args...)
}

func (s *Store) queryActuals(ctx context.Context, q string, args ...any) ([]model.Actual, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Actual
	for rows.Next() {
		var x model.Actual
		var v Dec
		if err := rows.Scan(&x.Indicator, &x.Region, &x.Year, &v, &x.Status, &x.Note, &x.Batch, &x.Illustrative, &x.Source, &x.LoadedAt); err != nil {
			return nil, err
		}
		x.Value = canonVal(v.D)
		out = append(out, x)
	}
	return out, rows.Err()
}

// History lists every revision of an indicator, oldest first.
func (s *Store) History(ctx context.Context, indicator, region string) ([]model.Actual, error) {
	q := `SELECT a.indicator, a.region, a.year, a.value, a.status, a.note, a.batch_id, b.illustrative, b.source, b.loaded_at
		FROM actuals a JOIN batches b ON b.id = a.batch_id WHERE a.indicator = ?`
	args := []any{indicator}
	if region != "" {
		q += ` AND a.region = ?`
		args = append(args, region)
	}
	q += ` ORDER BY a.region, a.year, a.batch_id`
	return s.queryActuals(ctx, q, args...)
}

// ResolveIndicator finds an indicator by code, Chinese name or alias.
func (s *Store) ResolveIndicator(ctx context.Context, name string) (model.Indicator, error) {
	inds, err := s.Indicators(ctx)
	if err != nil {
		return model.Indicator{}, err
	}
	if ind, ok := inds[name]; ok {
		return ind, nil
	}
	for _, ind := range inds {
		if ind.NameZh == name {
			return ind, nil
		}
		for _, a := range ind.Aliases {
			if a == name {
				return ind, nil
			}
		}
	}
	return model.Indicator{}, fmt.Errorf("indicator %q: %w", name, ErrNotFound)
}

// Revisions lists every stored value, current or superseded, for a region
// (all regions with region empty).
func (s *Store) Revisions(ctx context.Context, region string) ([]model.Revision, error) {
	q := `SELECT a.indicator, a.region, a.year, a.value, a.status, a.note, a.batch_id, b.illustrative, b.source, b.loaded_at,
		coalesce(a.superseded_by, 0)
		FROM actuals a JOIN batches b ON b.id = a.batch_id`
	var args []any
	if region != "" {
		q += ` WHERE a.region = ?`
		args = append(args, region)
	}
	q += ` ORDER BY a.region, a.indicator, a.year, a.batch_id`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Revision
	for rows.Next() {
		var x model.Revision
		var v Dec
		if err := rows.Scan(&x.Indicator, &x.Region, &x.Year, &v, &x.Status, &x.Note, &x.Batch, &x.Illustrative, &x.Source, &x.LoadedAt, &x.SupersededBy); err != nil {
			return nil, err
		}
		x.Value = canonVal(v.D)
		out = append(out, x)
	}
	return out, rows.Err()
}
