package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"maps"
	"slices"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// toDuckDecimal rescales a value for a DECIMAL(38,10) appender column: the
// appender takes the raw unscaled integer (methods.md §8). A value whose
// unscaled integer fits an int64 — nearly every statistic — is passed as
// that int64, which the driver writes without big.Int arithmetic.
func toDuckDecimal(d decimal.Decimal) driver.Value {
	if n, ok := scaledInt64(d); ok {
		return n
	}
	return duckdb.Decimal{Width: 38, Scale: DecimalScale, Value: d.Round(DecimalScale).Shift(DecimalScale).BigInt()}
}

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

// LoadActuals stores a validated file as one batch, atomically: the batch
// and all its new values and revisions become visible together, or not at
// all. Values equal to the latest stored revision (same value and status)
// count as unchanged and are not stored again. With dryRun the counts are
// computed and everything is rolled back.
// progress, if not nil, is called with the number of values staged so far.
func (s *Store) LoadActuals(ctx context.Context, obs []model.Observation, b model.Batch, dryRun bool, progress func(int)) (model.LoadResult, error) {
	l, err := s.BeginLoad(ctx, dryRun)
	if err != nil {
		return model.LoadResult{DryRun: dryRun}, err
	}
	defer l.Rollback()
	if err := l.StartBatch(b.Status, progress); err != nil {
		return model.LoadResult{DryRun: dryRun}, err
	}
	for _, o := range obs {
		if err := l.Add(o); err != nil {
			return model.LoadResult{DryRun: dryRun}, err
		}
	}
	res, err := l.EndBatch(b)
	if err != nil {
		return res, err
	}
	return res, l.Commit()
}

// Load is a load in progress: one transaction on one connection, in which
// files are staged one after another, each becoming one batch. Nothing is
// visible to others until Commit; Rollback (or any error) leaves the
// database as it was, so several files load all together or not at all.
//
// Values are staged as they come (Add), through DuckDB's appender, so a
// file of any length needs memory only for its distinct names. They are
// staged in temporary tables, which only this connection sees, before
// the transaction begins: DuckDB scans rows written inside a transaction
// at half the speed of committed ones (issue 11). So a load stages every
// file first (StartBatch, Add, StageDone), then stores them (StoreBatch),
// which begins the transaction.
type Load struct {
	s      *Store
	ctx    context.Context
	conn   *sql.Conn
	dryRun bool
	open   bool // neither committed nor rolled back
	inTx   bool // the transaction has begun
	stages int  // stage tables made, numbered from 0

	// The batch being staged. Full buffers go to a goroutine that
	// appends them, so that reading the file and appending overlap.
	stage    *Staged
	app      *duckdb.Appender // stage: names as numbers, values as DECIMAL(18,10)
	wideApp  *duckdb.Appender // stage_wide: values that need DECIMAL(38,10)
	buf      []model.Observation
	staged   int
	progress func(int)
	status   string // the batch's status
	full     chan []model.Observation
	free     chan []model.Observation
	appended chan error // the appending goroutine's result

	// Names are staged as numbers: the appender takes a number without a
	// call into DuckDB, a string with one. ids numbers every name of the
	// batch (indicators, regions, statuses, notes) from 1; 0 is "none".
	ids      map[string]int32
	boxedIDs []driver.Value // boxedIDs[id], boxed once: boxing allocates
	years    map[int]driver.Value
}

// stageRows is how many observations are buffered between appender calls.
const stageRows = 2048

// BeginLoad opens a load. With dryRun every batch is counted and nothing
// is written; a read-only database allows that.
func (s *Store) BeginLoad(ctx context.Context, dryRun bool) (*Load, error) {
	if err := s.writable(); err != nil && !dryRun {
		return nil, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &Load{s: s, ctx: ctx, conn: conn, dryRun: dryRun, open: true, years: map[int]driver.Value{}}, nil
}

// Staged is a file's values, staged and waiting to be stored as a batch.
type Staged struct {
	n      int    // the number in its tables' names
	status string // the batch's status
	// hasStatus and hasNote say whether any value has its own status or
	// a note: if none does, the SQL needs no lookup for them.
	hasStatus, hasNote bool
	// read counts the values staged of each indicator: byID while
	// staging (by the number of its name), then by code.
	byID []int
	read map[string]int
}

// table is the name of one of the batch's stage tables.
func (st *Staged) table(name string) string { return fmt.Sprintf("%s_%d", name, st.n) }

// begin begins the transaction, once.
func (l *Load) begin() error {
	if l.inTx {
		return nil
	}
	if err := l.exec(`BEGIN TRANSACTION`); err != nil {
		return err
	}
	l.inTx = true
	return nil
}

func (l *Load) exec(q string, args ...any) error {
	_, err := l.conn.ExecContext(l.ctx, q, args...)
	return err
}

// id numbers a name; "" is 0.
func (l *Load) id(name string) int32 {
	if name == "" {
		return 0
	}
	id, ok := l.ids[name]
	if !ok {
		id = int32(len(l.boxedIDs))
		l.ids[name] = id
		l.boxedIDs = append(l.boxedIDs, id)
	}
	return id
}

func (l *Load) year(y int) driver.Value {
	v, ok := l.years[y]
	if !ok {
		v = int32(y)
		l.years[y] = v
	}
	return v
}

// StartBatch begins staging a file's values; status is the batch's, for
// values without their own. progress, if not nil, is called with the
// number of values staged so far.
func (l *Load) StartBatch(status string, progress func(int)) error {
	if l.app != nil {
		return errors.New("stage values: a batch is already being staged")
	}
	if !l.open {
		return errors.New("stage values: the load is over")
	}
	st := &Staged{n: l.stages, status: status}
	l.stages++
	// No column is NULL: the appender sets a NULL with a call into
	// DuckDB, a number without one.
	for _, q := range []string{
		`CREATE OR REPLACE TEMP TABLE ` + st.table("stage") + ` (indicator INTEGER, region INTEGER, year INTEGER,
			value DECIMAL(18,10), status INTEGER, note INTEGER)`,
		`CREATE OR REPLACE TEMP TABLE ` + st.table("stage_wide") + ` (indicator INTEGER, region INTEGER, year INTEGER,
			value DECIMAL(38,10), status INTEGER, note INTEGER)`,
		`CREATE OR REPLACE TEMP TABLE ` + st.table("stage_names") + ` (id INTEGER, name VARCHAR)`,
	} {
		if err := l.exec(q); err != nil {
			return fmt.Errorf("stage values: %w", err)
		}
	}
	err := l.conn.Raw(func(dc any) error {
		var err1, err2 error
		l.app, err1 = duckdb.NewAppender(dc.(driver.Conn), "temp", "main", st.table("stage"))
		l.wideApp, err2 = duckdb.NewAppender(dc.(driver.Conn), "temp", "main", st.table("stage_wide"))
		return errors.Join(err1, err2)
	})
	if err != nil {
		return fmt.Errorf("stage values: %w", err)
	}
	l.stage, l.staged, l.progress, l.status = st, 0, progress, status
	l.ids, l.boxedIDs = map[string]int32{}, []driver.Value{int32(0)}
	l.full, l.free, l.appended = make(chan []model.Observation, 2), make(chan []model.Observation, 3), make(chan error, 1)
	for range 3 {
		l.free <- make([]model.Observation, 0, stageRows)
	}
	l.buf = <-l.free
	go l.appendAll()
	return nil
}

// Add stages one value of the current batch.
func (l *Load) Add(o model.Observation) error {
	if l.app == nil {
		return errors.New("stage values: no batch started")
	}
	l.buf = append(l.buf, o)
	if len(l.buf) == stageRows {
		l.full <- l.buf
		l.buf = <-l.free
	}
	return nil
}

// appendAll appends the full buffers until the channel closes, then
// reports the first error (after it the buffers are drained unread, and
// EndBatch returns the error).
func (l *Load) appendAll() {
	var err error
	for buf := range l.full {
		if err == nil {
			err = l.append(buf)
		}
		l.free <- buf[:0]
	}
	l.appended <- err
}

// append appends buffered values. The appender works on the driver's
// connection, which database/sql lends only inside Raw. A value with the
// batch's status stages status 0, which EndBatch reads as the batch's.
func (l *Load) append(buf []model.Observation) error {
	err := l.conn.Raw(func(any) error {
		var ind int32
		var region driver.Value
		var last model.Observation // the previous row: a file gives an indicator and region's years together
		stage := l.stage
		for i, o := range buf {
			if i == 0 || o.Indicator != last.Indicator {
				ind = l.id(o.Indicator)
				for int(ind) >= len(stage.byID) {
					stage.byID = append(stage.byID, 0)
				}
			}
			if i == 0 || o.Region != last.Region {
				region = l.boxedIDs[l.id(o.Region)]
			}
			last = o
			stage.byID[ind]++
			st, note := l.boxedIDs[0], l.boxedIDs[0]
			if o.Status != "" && o.Status != l.status {
				st, stage.hasStatus = l.boxedIDs[l.id(o.Status)], true
			}
			if o.Note != "" {
				note, stage.hasNote = l.boxedIDs[l.id(o.Note)], true
			}
			app, v := l.app, any(nil)
			if n, ok := scaledInt64(o.Value); ok {
				v = n
			} else {
				app, v = l.wideApp, toDuckDecimal(o.Value)
			}
			if err := app.AppendRow(l.boxedIDs[ind], region, l.year(o.Year), v, st, note); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stage values: %w", err)
	}
	l.staged += len(buf)
	if l.progress != nil && l.staged%(stageRows*5) == 0 {
		l.progress(l.staged)
	}
	return nil
}

// scaledInt64 is d at scale DecimalScale as an int64 of at most 18 digits:
// the raw value of a DECIMAL(18,10), which holds nearly every statistic.
func scaledInt64(d decimal.Decimal) (int64, bool) {
	if e := d.Exponent(); e >= -DecimalScale && e <= 0 {
		if shift := DecimalScale + int(e); d.NumDigits()+shift <= 18 {
			return d.CoefficientInt64() * pow10[shift], true
		}
	}
	return 0, false
}

// wait closes the pipeline after the last buffer and returns the
// appending goroutine's error.
func (l *Load) wait() error {
	if l.full == nil {
		return nil
	}
	if len(l.buf) > 0 {
		l.full <- l.buf
	}
	close(l.full)
	err := <-l.appended
	l.full, l.buf = nil, nil
	return err
}

// closeStage appends what is buffered, closes the appenders and stages
// the names.
func (l *Load) closeStage() error {
	err := l.wait()
	cerr := l.conn.Raw(func(dc any) error {
		err := errors.Join(l.app.Close(), l.wideApp.Close())
		l.app, l.wideApp = nil, nil
		if err != nil {
			return err
		}
		names, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", l.stage.table("stage_names"))
		if err != nil {
			return err
		}
		l.stage.read = map[string]int{}
		for name, id := range l.ids {
			if int(id) < len(l.stage.byID) && l.stage.byID[id] > 0 {
				l.stage.read[name] = l.stage.byID[id]
			}
			if err := names.AppendRow(l.boxedIDs[id], name); err != nil {
				names.Close()
				return err
			}
		}
		return names.Close()
	})
	if err = errors.Join(err, cerr); err != nil {
		return fmt.Errorf("stage values: %w", err)
	}
	if l.progress != nil {
		l.progress(l.staged)
	}
	return nil
}

// view is the staged values with their names: row identifies a staged
// value (its rowid in stage, or -1 - its rowid in stage_wide), status is
// NULL for the batch's.
func (st *Staged) view() string {
	names := st.table("stage_names")
	status, note := `NULL::VARCHAR`, `NULL::VARCHAR`
	if st.hasStatus {
		status = `(SELECT name FROM ` + names + ` WHERE id = s.status)`
	}
	if st.hasNote {
		note = `(SELECT name FROM ` + names + ` WHERE id = s.note)`
	}
	part := func(table, row string) string {
		return fmt.Sprintf(`SELECT i.name AS indicator, r.name AS region, s.year, s.value::DECIMAL(38,10) AS value,
			%s AS status, %s AS note, %s AS row
			FROM %s s JOIN %s i ON i.id = s.indicator JOIN %s r ON r.id = s.region`, status, note, row, st.table(table), names, names)
	}
	return `CREATE OR REPLACE TEMP VIEW staged AS ` + part("stage", "s.rowid") + ` UNION ALL ` + part("stage_wide", "-1 - s.rowid")
}

// EndBatch ends staging and stores the batch b: StageDone, then
// StoreBatch.
func (l *Load) EndBatch(b model.Batch) (model.LoadResult, error) {
	st, err := l.StageDone()
	if err != nil {
		return model.LoadResult{DryRun: l.dryRun}, err
	}
	return l.StoreBatch(st, b)
}

// StageDone ends staging the current batch; StoreBatch stores it.
func (l *Load) StageDone() (*Staged, error) {
	if l.app == nil {
		return nil, errors.New("stage values: no batch started")
	}
	st := l.stage
	if err := l.closeStage(); err != nil {
		return nil, err
	}
	l.stage = nil
	return st, nil
}

// StoreBatch begins the load's transaction if need be, classifies the
// staged values against the latest stored revisions and, unless the load
// is a dry run or nothing changed, stores the batch b with its new values
// and revisions (still uncommitted). Batches are classified in the order
// they are stored: a value of a later file revises one of an earlier file.
func (l *Load) StoreBatch(st *Staged, b model.Batch) (model.LoadResult, error) {
	res := model.LoadResult{DryRun: l.dryRun}
	if l.app != nil {
		return res, errors.New("store values: a batch is still being staged")
	}
	if !l.open {
		return res, errors.New("store values: the load is over")
	}
	if err := l.begin(); err != nil {
		return res, err
	}
	if err := l.exec(st.view()); err != nil {
		return res, err
	}
	// Classify each staged value against the latest stored revision:
	// matched holds the staged values that have one, unchanged or
	// revised; the others are new.
	if err := l.exec(`CREATE OR REPLACE TEMP TABLE matched AS
		WITH latest AS (SELECT indicator, region, year, value, status FROM actuals WHERE superseded_by IS NULL)
		SELECT s.row, s.indicator, s.region, s.year,
		       CASE WHEN l.value = s.value AND l.status = coalesce(s.status, ?) THEN 'unchanged' ELSE 'revised' END AS outcome
		FROM staged s JOIN latest l USING (indicator, region, year)`, st.status); err != nil {
		return res, err
	}
	// The values read of each indicator were counted while staging;
	// those revised and unchanged come from matched.
	rows, err := l.conn.QueryContext(l.ctx, `SELECT indicator, count(*) FILTER (outcome = 'revised'),
		count(*) FILTER (outcome = 'unchanged') FROM matched GROUP BY indicator`)
	if err != nil {
		return res, err
	}
	revised, unchanged := map[string]int{}, map[string]int{}
	for rows.Next() {
		var ind string
		var r, u int
		if err := rows.Scan(&ind, &r, &u); err != nil {
			rows.Close()
			return res, err
		}
		revised[ind], unchanged[ind] = r, u
	}
	if err := rows.Close(); err != nil {
		return res, err
	}
	for _, ind := range slices.Sorted(maps.Keys(st.read)) {
		is := model.IndicatorSummary{Indicator: ind, Read: st.read[ind], Revised: revised[ind], Unchanged: unchanged[ind]}
		is.Inserted = is.Read - is.Revised - is.Unchanged
		res.PerIndicator = append(res.PerIndicator, is)
		b.RowsRead += is.Read
		b.Inserted += is.Inserted
		b.Revised += is.Revised
		b.Unchanged += is.Unchanged
	}
	b.LoadedAt = l.s.Now().UTC()
	res.Batch = b
	if b.Inserted+b.Revised == 0 {
		// Nothing new: record no batch, and say which load brought it.
		var prev sql.NullInt64
		l.conn.QueryRowContext(l.ctx, `SELECT max(id) FROM batches WHERE sha256 = ?`, b.SHA256).Scan(&prev)
		res.AlreadyLoaded = int(prev.Int64)
		return res, nil
	}
	if l.dryRun {
		return res, nil
	}
	// model.Batch ids count up from 1. Two concurrent loads would pick the same
	// id, and the second commit then fails on the primary key: nothing of it
	// is stored.
	if err := l.conn.QueryRowContext(l.ctx, `SELECT coalesce(max(id), 0) + 1 FROM batches`).Scan(&b.ID); err != nil {
		return res, err
	}
	if err := l.exec(`INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.ID, b.LoadedAt, b.File, b.SHA256, b.Source,
		b.Status, b.Illustrative, b.RowsRead, b.Inserted, b.Revised, b.Unchanged); err != nil {
		return res, err
	}
	if b.Revised > 0 {
		if err := l.exec(`UPDATE actuals SET superseded_by = ? FROM matched m
			WHERE m.outcome = 'revised' AND actuals.superseded_by IS NULL AND actuals.indicator = m.indicator
			  AND actuals.region = m.region AND actuals.year = m.year`, b.ID); err != nil {
			return res, err
		}
	}
	q := `INSERT INTO actuals SELECT indicator, region, year, ?, value, coalesce(status, ?), coalesce(note, ''), NULL FROM staged s`
	if b.Unchanged > 0 {
		q += ` WHERE row NOT IN (SELECT row FROM matched WHERE outcome = 'unchanged')`
	}
	if err := l.exec(q, b.ID, st.status); err != nil {
		return res, err
	}
	res.Batch = b
	return res, nil
}

// Commit makes every batch of the load visible at once. A dry run rolls
// back instead.
func (l *Load) Commit() error {
	if !l.open {
		return errors.New("commit load: not open")
	}
	if l.app != nil {
		return errors.New("commit load: a batch is still being staged")
	}
	if l.dryRun {
		l.Rollback()
		return nil
	}
	if l.s.BeforeCommit != nil {
		l.s.BeforeCommit()
	}
	if l.inTx {
		if err := l.exec(`COMMIT`); err != nil {
			l.Rollback()
			return err
		}
	}
	l.open, l.inTx = false, false
	l.close()
	return nil
}

// close drops the stage tables and gives the connection back.
func (l *Load) close() {
	l.exec(`DROP VIEW IF EXISTS temp.staged`)
	l.exec(`DROP TABLE IF EXISTS temp.matched`)
	for n := range l.stages {
		st := &Staged{n: n}
		for _, t := range []string{"stage", "stage_wide", "stage_names"} {
			l.exec(`DROP TABLE IF EXISTS temp.` + st.table(t))
		}
	}
	l.conn.Close()
}

// Rollback abandons the load: nothing of it is stored. It may be called
// after Commit (then it does nothing).
func (l *Load) Rollback() {
	l.wait()
	if l.app != nil {
		l.conn.Raw(func(any) error { return errors.Join(l.app.Close(), l.wideApp.Close()) })
		l.app, l.wideApp = nil, nil
	}
	if !l.open {
		return
	}
	l.open = false
	if l.inTx {
		l.exec(`ROLLBACK`)
		l.inTx = false
	}
	l.close()
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
