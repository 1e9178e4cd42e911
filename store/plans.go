package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// ImportResult says what a plan import did.
type ImportResult struct {
	Plan      model.Plan
	Targets   int
	Unchanged bool // the same plan was already stored, identically
	Replaced  bool // an earlier version of the plan was replaced
}

// ErrPlanExists is returned when a different version of a plan is already
// stored and the import did not ask to replace it.
var ErrPlanExists = &model.Error{Code: model.Conflict, Message: "已存有该规划的另一版本 plan already stored with different targets"}

// ImportPlan stores one plan atomically: the plan, any new indicators and
// every target, or nothing. Importing an identical plan again changes
// nothing. A changed plan is refused unless replace is set.
func (s *Store) ImportPlan(ctx context.Context, plan model.Plan, targets []model.Target, replace bool) (ImportResult, error) {
	res, err := s.ImportPlans(ctx, []model.Plan{plan}, [][]model.Target{targets}, replace)
	if len(res) == 0 {
		return ImportResult{Plan: plan, Targets: len(targets)}, err
	}
	return res[0], err
}

// ImportPlans stores many plans in one transaction: every plan, its new
// indicators and its targets, or nothing at all. targets[i] are the
// targets of plans[i], in catalogue order. Plans already stored
// identically are left alone (Unchanged); a plan stored with different
// contents is refused with ErrPlanExists unless replace is set, and then
// the whole import is refused. Targets and plans go in through DuckDB's
// appender, not one INSERT per row: 3,000 plans of 80 targets take
// seconds, not the quarter of an hour separate imports took.
func (s *Store) ImportPlans(ctx context.Context, plans []model.Plan, targets [][]model.Target, replace bool) ([]ImportResult, error) {
	if len(plans) != len(targets) {
		return nil, fmt.Errorf("import plans: %d plans but %d target lists", len(plans), len(targets))
	}
	res := make([]ImportResult, len(plans))
	seen := make(map[planKey]int, len(plans))
	for i, p := range plans {
		res[i] = ImportResult{Plan: p, Targets: len(targets[i])}
		k := planKey{p.Region, p.Code}
		if j, dup := seen[k]; dup {
			return res, model.Errorf(model.Invalid, "规划%s（%s）出现两次（第%d和第%d个） plan %s for %s is given twice (plans %d and %d)",
				p.Code, p.Region, j+1, i+1, p.Code, p.Region, j+1, i+1)
		}
		seen[k] = i
	}
	if err := s.compareStored(ctx, plans, targets, res, replace); err != nil {
		return res, err
	}
	var write []int // the plans that are new or replaced
	for i := range res {
		if !res[i].Unchanged {
			write = append(write, i)
		}
	}
	if len(write) == 0 {
		return res, nil
	}
	if err := s.writable(); err != nil {
		return res, err
	}
	stored, err := s.Indicators(ctx)
	if err != nil {
		return res, err
	}
	newInds, aliasUpdates, err := indicatorChanges(stored, targets, write)
	if err != nil {
		return res, importError(plans, err)
	}
	err = s.conn(ctx, func(conn *sql.Conn) error {
		if err := deletePlans(ctx, conn, plans, res); err != nil {
			return err
		}
		for _, ind := range aliasUpdates {
			if _, err := conn.ExecContext(ctx, `UPDATE indicators SET aliases = ? WHERE code = ?`, listArg(ind.Aliases), ind.Code); err != nil {
				return fmt.Errorf("indicator %s: %w", ind.Code, err)
			}
		}
		return conn.Raw(func(dc any) error {
			c := dc.(driver.Conn)
			if err := appendIndicators(c, newInds); err != nil {
				return fmt.Errorf("indicators: %w", err)
			}
			if err := appendPlans(c, plans, write, s.Now().UTC()); err != nil {
				return fmt.Errorf("plans: %w", err)
			}
			return appendTargets(c, plans, targets, write)
		})
	})
	if err != nil {
		return res, importError(plans, err)
	}
	return res, nil
}

// importError gives a failed import its context.
func importError(plans []model.Plan, err error) error {
	if len(plans) == 1 {
		return fmt.Errorf("import plan %s: %w", plans[0].Code, err)
	}
	return fmt.Errorf("import %d plans: %w", len(plans), err)
}

// planKey identifies a stored plan.
type planKey struct{ region, code string }

// compareStored marks each plan already stored identically as Unchanged
// and each stored differently as Replaced, or refuses the import when a
// plan differs and replace is not set. The stored targets of every plan
// concerned are read in one query.
func (s *Store) compareStored(ctx context.Context, plans []model.Plan, targets [][]model.Target, res []ImportResult, replace bool) error {
	all, err := s.Plans(ctx)
	if err != nil {
		return err
	}
	old := make(map[planKey]model.Plan, len(all))
	for _, p := range all {
		old[planKey{p.Region, p.Code}] = p
	}
	var regions, codes []string
	for _, p := range plans {
		if _, ok := old[planKey{p.Region, p.Code}]; ok {
			regions, codes = append(regions, p.Region), append(codes, p.Code)
		}
	}
	if len(regions) == 0 {
		return nil
	}
	existing, err := s.targetsOfPlans(ctx, regions, codes)
	if err != nil {
		return err
	}
	var refused []string
	for i, p := range plans {
		k := planKey{p.Region, p.Code}
		o, ok := old[k]
		if !ok {
			continue
		}
		if o == p && sameTargets(existing[k], targets[i]) {
			res[i].Unchanged = true
			continue
		}
		if !replace {
			refused = append(refused, p.Code+"（"+p.Region+"）")
			continue
		}
		res[i].Replaced = true
	}
	switch {
	case len(refused) == 1 && len(plans) == 1:
		return model.Errorf(model.Conflict, "import plan %s for %s: %w", plans[0].Code, plans[0].Region, ErrPlanExists)
	case len(refused) > 0:
		more := ""
		if len(refused) > 10 {
			more = fmt.Sprintf(" …（共%d个 %d in all）", len(refused), len(refused))
			refused = refused[:10]
		}
		return model.Errorf(model.Conflict, "import plans %s%s: %w; nothing was imported 未导入任何规划",
			strings.Join(refused, "、"), more, ErrPlanExists)
	}
	return nil
}

// targetsOfPlans reads the stored targets of the given plans
// (regions[i], codes[i]), grouped by plan.
func (s *Store) targetsOfPlans(ctx context.Context, regions, codes []string) (map[planKey][]model.Target, error) {
	inds, err := s.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+targetColumns+`
		FROM targets t JOIN (SELECT unnest(?::VARCHAR[]) AS region, unnest(?::VARCHAR[]) AS code) k
		  ON k.region = t.region AND k.code = t.plan_code
		ORDER BY t.region, t.plan_code, t.ord`, listArg(regions), listArg(codes))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[planKey][]model.Target{}
	for rows.Next() {
		t, err := scanTarget(rows, inds)
		if err != nil {
			return nil, err
		}
		k := planKey{t.Region, t.PlanCode}
		out[k] = append(out[k], t)
	}
	return out, rows.Err()
}

// indicatorChanges finds the indicators the plans to write bring: new ones
// to insert, and stored ones whose aliases grow. An indicator defined two
// ways, among the plans or against the store, refuses the import.
func indicatorChanges(stored map[string]model.Indicator, targets [][]model.Target, write []int) (fresh, grown []model.Indicator, err error) {
	brought := map[string]model.Target{}
	var order []string
	for _, i := range write {
		for _, t := range targets[i] {
			ind := t.Indicator
			if first, ok := brought[ind.Code]; ok {
				if col := indicatorConflict(first.Indicator, ind); col != "" {
					return nil, nil, model.Errorf(model.Invalid, "目标%s（%s）：指标%s的%s与目标%s（%s）不同 target %s of %s: indicator %s has a different %s (%s) from target %s of %s (%s)",
						t.ID, t.Region, ind.Code, col, first.ID, first.Region, t.ID, t.Region, ind.Code, col, describe(ind, col), first.ID, first.Region, describe(first.Indicator, col))
				}
				merged := first
				merged.Indicator.Aliases = union(first.Indicator.Aliases, ind.Aliases)
				brought[ind.Code] = merged
				continue
			}
			brought[ind.Code] = t
			order = append(order, ind.Code)
		}
	}
	for _, code := range order {
		t := brought[code]
		ind := t.Indicator
		old, ok := stored[code]
		if !ok {
			fresh = append(fresh, ind)
			continue
		}
		if col := indicatorConflict(old, ind); col != "" {
			return nil, nil, fmt.Errorf("target %s: indicator %s is already stored with a different %s (%s); give the indicator another code", t.ID, code, col, describe(old, col))
		}
		if aliases := union(old.Aliases, ind.Aliases); len(aliases) != len(old.Aliases) {
			old.Aliases = aliases
			grown = append(grown, old)
		}
	}
	return fresh, grown, nil
}

// conn runs fn inside one transaction on one connection, which the
// appender needs: it writes through the connection it was made on.
func (s *Store) conn(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		return err
	}
	if err := fn(conn); err != nil {
		conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		return err
	}
	_, err = conn.ExecContext(ctx, `COMMIT`)
	return err
}

// deletePlans removes the stored versions of the plans being replaced.
func deletePlans(ctx context.Context, conn *sql.Conn, plans []model.Plan, res []ImportResult) error {
	var regions, codes []string
	for i, p := range plans {
		if res[i].Replaced {
			regions, codes = append(regions, p.Region), append(codes, p.Code)
		}
	}
	if len(regions) == 0 {
		return nil
	}
	keys := `(SELECT unnest(?::VARCHAR[]) AS region, unnest(?::VARCHAR[]) AS code)`
	if _, err := conn.ExecContext(ctx, `DELETE FROM targets t USING `+keys+` k WHERE t.region = k.region AND t.plan_code = k.code`,
		listArg(regions), listArg(codes)); err != nil {
		return fmt.Errorf("delete replaced targets: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM plans p USING `+keys+` k WHERE p.region = k.region AND p.code = k.code`,
		listArg(regions), listArg(codes)); err != nil {
		return fmt.Errorf("delete replaced plans: %w", err)
	}
	return nil
}

// appendRows opens an appender on a table, appends every row and closes
// it; the rows reach the table at Close.
func appendRows(c driver.Conn, table string, each func(app *duckdb.Appender) error) error {
	app, err := duckdb.NewAppender(c, "", "", table)
	if err != nil {
		return err
	}
	if err := each(app); err != nil {
		app.Close()
		return err
	}
	return app.Close()
}

func appendIndicators(c driver.Conn, inds []model.Indicator) error {
	if len(inds) == 0 {
		return nil
	}
	return appendRows(c, "indicators", func(app *duckdb.Appender) error {
		for _, ind := range inds {
			if err := app.AppendRow(ind.Code, ind.NameZh, ind.NameEn, ind.Unit, string(ind.Direction),
				decValue(ind.Min), decValue(ind.Max), listArg(ind.Aliases), ind.GrowthRate); err != nil {
				return fmt.Errorf("indicator %s: %w", ind.Code, err)
			}
		}
		return nil
	})
}

func appendPlans(c driver.Conn, plans []model.Plan, write []int, now time.Time) error {
	return appendRows(c, "plans", func(app *duckdb.Appender) error {
		for _, i := range write {
			p := plans[i]
			if err := app.AppendRow(p.Region, p.Code, p.Title, p.DocNo, int32(p.PeriodStart), int32(p.PeriodEnd), int32(p.BaseYear), now, p.Parent); err != nil {
				return fmt.Errorf("plan %s (%s): %w", p.Code, p.Region, err)
			}
		}
		return nil
	})
}

// appendTargets appends every target of the plans to write, each stored
// under its plan's region and code, with its place in the catalogue.
func appendTargets(c driver.Conn, plans []model.Plan, targets [][]model.Target, write []int) error {
	return appendRows(c, "targets", func(app *duckdb.Appender) error {
		for _, i := range write {
			p := plans[i]
			for ord, t := range targets[i] {
				var value, first driver.Value
				if t.Kind != model.Milestone {
					value = toDuckDecimal(t.Value)
				}
				if t.FirstYear != 0 {
					first = int32(t.FirstYear)
				}
				if err := app.AppendRow(p.Region, p.Code, t.ID, int32(ord), t.Indicator.Code, t.Headline, string(t.Kind), string(t.Operator),
					value, decValue(t.ValueHigh), t.Unit, decValue(t.Tolerance), int32(t.BaseYear), decValue(t.BaseValue), first, int32(t.TargetYear),
					t.PathMethod, listArg(t.LeadDepartments), listArg(t.ParticipatingDepartments), t.Deadline, t.Chapter, t.Clause, t.SourceText,
					t.Attribute, decValue(t.Stretch), model.FormatAnnual(t.Annual), t.RelativeTo, t.CompareWithParent, t.AssignedFrom); err != nil {
					return fmt.Errorf("target %s of %s (%s): %w", t.ID, p.Code, p.Region, err)
				}
			}
		}
		return nil
	})
}

// decValue is an optional exact value for a DECIMAL(38,10) appender
// column: NULL for nil, else the rescaled unscaled integer.
func decValue(d *decimal.Decimal) driver.Value {
	if d == nil {
		return nil
	}
	return toDuckDecimal(*d)
}

func indicatorConflict(a, b model.Indicator) string {
	switch {
	case a.Unit != b.Unit:
		return "unit"
	case a.Direction != b.Direction:
		return "direction"
	case a.NameZh != b.NameZh:
		return "name_zh"
	}
	return ""
}

func describe(i model.Indicator, col string) string {
	switch col {
	case "unit":
		return i.Unit
	case "direction":
		return string(i.Direction)
	}
	return i.NameZh
}

func union(a, b []string) []string {
	out := append([]string{}, a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// sameTargets compares two target lists field by field.
func sameTargets(a, b []model.Target) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameTarget(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameTarget compares two targets: decimals by value (50.0000000000 read
// from DECIMAL(38,10) equals 50 parsed from a catalogue), empty lists as
// nil, aliases not at all (they may have grown from other plans), and
// every other field, including fields added later, by reflect.DeepEqual.
func sameTarget(x, y model.Target) bool {
	if !x.Value.Equal(y.Value) || !decEq(x.ValueHigh, y.ValueHigh) || !decEq(x.Tolerance, y.Tolerance) ||
		!decEq(x.BaseValue, y.BaseValue) || !decEq(x.Indicator.Min, y.Indicator.Min) || !decEq(x.Indicator.Max, y.Indicator.Max) {
		return false
	}
	y.Value, y.ValueHigh, y.Tolerance, y.BaseValue = x.Value, x.ValueHigh, x.Tolerance, x.BaseValue
	y.Indicator.Min, y.Indicator.Max = x.Indicator.Min, x.Indicator.Max
	x.Indicator.Aliases, y.Indicator.Aliases = nil, nil
	for _, l := range []*[]string{&x.LeadDepartments, &y.LeadDepartments, &x.ParticipatingDepartments, &y.ParticipatingDepartments} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return reflect.DeepEqual(x, y)
}

func decEq(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

// Plan returns one stored plan.
func (s *Store) Plan(ctx context.Context, region, code string) (model.Plan, error) {
	var p model.Plan
	err := s.db.QueryRowContext(ctx, `SELECT region, code, title, doc_no, period_start, period_end, base_year, parent
		FROM plans WHERE region = ? AND code = ?`, region, code).
		Scan(&p.Region, &p.Code, &p.Title, &p.DocNo, &p.PeriodStart, &p.PeriodEnd, &p.BaseYear, &p.Parent)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("plan %s for %s: %w", code, region, ErrNotFound)
	}
	return p, err
}

// Plans lists the stored plans.
func (s *Store) Plans(ctx context.Context) ([]model.Plan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT region, code, title, doc_no, period_start, period_end, base_year, parent
		FROM plans ORDER BY imported_at, region, code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Plan
	for rows.Next() {
		var p model.Plan
		if err := rows.Scan(&p.Region, &p.Code, &p.Title, &p.DocNo, &p.PeriodStart, &p.PeriodEnd, &p.BaseYear, &p.Parent); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Regions lists every region that has a plan or stored values, sorted.
func (s *Store) Regions(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT region FROM plans UNION SELECT region FROM actuals ORDER BY region`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Indicators returns every stored indicator by code.
func (s *Store) Indicators(ctx context.Context) (map[string]model.Indicator, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, name_zh, name_en, unit, direction, min_value, max_value, aliases, growth_rate FROM indicators`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]model.Indicator{}
	for rows.Next() {
		var ind model.Indicator
		var dir string
		var mn, mx Dec
		var aliases any
		if err := rows.Scan(&ind.Code, &ind.NameZh, &ind.NameEn, &ind.Unit, &dir, &mn, &mx, &aliases, &ind.GrowthRate); err != nil {
			return nil, err
		}
		ind.Direction, ind.Min, ind.Max, ind.Aliases = model.Direction(dir), mn.Ptr(), mx.Ptr(), strList(aliases)
		out[ind.Code] = ind
	}
	return out, rows.Err()
}

// Targets returns targets in catalogue order.
func (s *Store) Targets(ctx context.Context, f model.TargetFilter) ([]model.Target, error) {
	inds, err := s.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	cols := targetColumns
	if f.Lean {
		cols = leanTargetColumns
	}
	from, args := targetsFrom(f)
	q := `SELECT ` + cols + from + ` ORDER BY p.imported_at, t.region, t.plan_code, t.ord`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Target
	for rows.Next() {
		t, err := scanTarget(rows, inds)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// targetColumns are the columns scanTarget reads, in its order;
// leanTargetColumns leave out the long texts.
const (
	targetColumns = `t.region, t.plan_code, t.id, indicator, headline, kind, operator, value, value_high, unit, tolerance,
		t.base_year, base_value, first_year, target_year, path,
		array_to_string(lead_departments, '、'), array_to_string(participating_departments, '、'), deadline, source_text, chapter, clause,
		attribute, stretch, annual, relative_to, compare_with_parent, assigned_from`
	leanTargetColumns = `t.region, t.plan_code, t.id, indicator, headline, kind, operator, value, value_high, unit, tolerance,
		t.base_year, base_value, first_year, target_year, path,
		array_to_string(lead_departments, '、'), '', '', '', chapter, clause,
		attribute, stretch, annual, relative_to, compare_with_parent, assigned_from`
)

// scanTarget reads one row of targetColumns; inds supplies the indicator.
func scanTarget(rows *sql.Rows, inds map[string]model.Indicator) (model.Target, error) {
	var t model.Target
	var indCode, kind, op string
	var value, high, tol, base Dec
	var first sql.NullInt64
	var lead, part, annual string
	var stretch Dec
	if err := rows.Scan(&t.Region, &t.PlanCode, &t.ID, &indCode, &t.Headline, &kind, &op, &value, &high, &t.Unit, &tol,
		&t.BaseYear, &base, &first, &t.TargetYear, &t.PathMethod, &lead, &part,
		&t.Deadline, &t.SourceText, &t.Chapter, &t.Clause,
		&t.Attribute, &stretch, &annual, &t.RelativeTo, &t.CompareWithParent, &t.AssignedFrom); err != nil {
		return t, err
	}
	t.Stretch = stretch.Ptr()
	if annual != "" {
		ann, err := model.ParseAnnual(annual)
		if err != nil {
			return t, fmt.Errorf("target %s: stored yearly targets: %w", t.ID, err)
		}
		t.Annual = ann
	}
	t.Indicator = inds[indCode]
	t.Kind, t.Operator = model.Kind(kind), model.Operator(op)
	t.Value, t.ValueHigh, t.Tolerance, t.BaseValue = value.D, high.Ptr(), tol.Ptr(), base.Ptr()
	t.FirstYear = int(first.Int64)
	t.LeadDepartments, t.ParticipatingDepartments = splitStored(lead), splitStored(part)
	return t, nil
}

// CopyPlan applies a stored plan to other regions in one statement: every
// target is copied with the new region. Regions that already have the plan
// are refused, so nothing is overwritten.
func (s *Store) CopyPlan(ctx context.Context, fromRegion, code string, regions []string) error {
	if err := s.writable(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE copy_regions (region VARCHAR PRIMARY KEY)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO copy_regions SELECT unnest(?::VARCHAR[])`, listArg(regions)); err != nil {
			return err
		}
		var clash sql.NullString
		tx.QueryRowContext(ctx, `SELECT min(p.region) FROM plans p JOIN copy_regions c USING (region) WHERE p.code = ?`, code).Scan(&clash)
		if clash.Valid {
			return fmt.Errorf("copy plan %s: region %s already has it", code, clash.String)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans SELECT c.region, code, title, doc_no, period_start, period_end, base_year, imported_at, parent
			FROM plans p, copy_regions c WHERE p.region = ? AND p.code = ?`, fromRegion, code); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO targets SELECT c.region, t.* EXCLUDE (region)
			FROM targets t, copy_regions c WHERE t.region = ? AND t.plan_code = ?`, fromRegion, code)
		return err
	})
}

// splitStored splits a department list joined with 、 by the query.
func splitStored(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "、")
}

// canonVal gives a decimal its shortest exponent, so that 50.0000000000
// read from DECIMAL(38,10) prints as 50.
func canonVal(d decimal.Decimal) decimal.Decimal {
	return decimal.RequireFromString(d.String())
}

// targetsFrom is the FROM and WHERE of a target query selecting f, with
// its arguments: one filter for every reader of targets.
func targetsFrom(f model.TargetFilter) (string, []any) {
	from := ` FROM targets t JOIN plans p ON p.region = t.region AND p.code = t.plan_code WHERE true`
	var args []any
	if f.Region != "" {
		from += ` AND t.region = ?`
		args = append(args, f.Region)
	}
	if f.Plan != "" {
		from += ` AND t.plan_code = ?`
		args = append(args, f.Plan)
	}
	if f.Headline {
		from += ` AND headline`
	}
	if f.ID != "" {
		from += ` AND t.id = ?`
		args = append(args, f.ID)
	}
	if f.Department != "" {
		from += ` AND len(list_filter(lead_departments, d -> contains(d, ?))) > 0`
		args = append(args, f.Department)
	}
	return from, args
}
