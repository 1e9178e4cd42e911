package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"

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

// ImportPlan stores a catalogue atomically: the plan, any new indicators
// and every target, or nothing. Importing an identical plan again changes
// nothing. A changed plan is refused unless replace is set.
func (s *Store) ImportPlan(ctx context.Context, plan model.Plan, targets []model.Target, replace bool) (ImportResult, error) {
	res := ImportResult{Plan: plan, Targets: len(targets)}
	existing, err := s.Targets(ctx, model.TargetFilter{Region: plan.Region, Plan: plan.Code})
	if err != nil {
		return res, err
	}
	if len(existing) > 0 {
		old, _ := s.Plan(ctx, plan.Region, plan.Code)
		if old == plan && sameTargets(existing, targets) {
			res.Unchanged = true
			return res, nil
		}
		if !replace {
			return res, fmt.Errorf("import plan %s for %s: %w", plan.Code, plan.Region, ErrPlanExists)
		}
		res.Replaced = true
	}
	if err := s.writable(); err != nil {
		return res, err
	}
	stored, err := s.Indicators(ctx)
	if err != nil {
		return res, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM targets WHERE region = ? AND plan_code = ?`, plan.Region, plan.Code); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plans WHERE region = ? AND code = ?`, plan.Region, plan.Code); err != nil {
			return err
		}
		p := plan
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			p.Region, p.Code, p.Title, p.DocNo, p.PeriodStart, p.PeriodEnd, p.BaseYear, s.Now().UTC()); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, t := range targets {
			ind := t.Indicator
			if seen[ind.Code] {
				continue
			}
			seen[ind.Code] = true
			if old, ok := stored[ind.Code]; ok {
				if col := indicatorConflict(old, ind); col != "" {
					return fmt.Errorf("target %s: indicator %s is already stored with a different %s (%s); give the indicator another code", t.ID, ind.Code, col, describe(old, col))
				}
				aliases := union(old.Aliases, ind.Aliases)
				if _, err := tx.ExecContext(ctx, `UPDATE indicators SET aliases = ? WHERE code = ?`, listArg(aliases), ind.Code); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?::DECIMAL(38,10), ?::DECIMAL(38,10), ?)`,
				ind.Code, ind.NameZh, ind.NameEn, ind.Unit, string(ind.Direction), decArg(ind.Min), decArg(ind.Max), listArg(ind.Aliases)); err != nil {
				return fmt.Errorf("indicator %s: %w", ind.Code, err)
			}
		}
		for i, t := range targets {
			var value any
			if t.Kind != model.Milestone {
				value = decArg(&t.Value)
			}
			var first any
			if t.FirstYear != 0 {
				first = t.FirstYear
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?,
				?::DECIMAL(38,10), ?::DECIMAL(38,10), ?, ?::DECIMAL(38,10), ?, ?::DECIMAL(38,10), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.Region, p.Code, t.ID, i, t.Indicator.Code, t.Headline, string(t.Kind), string(t.Operator),
				value, decArg(t.ValueHigh), t.Unit, decArg(t.Tolerance), t.BaseYear, decArg(t.BaseValue), first, t.TargetYear,
				t.PathMethod, listArg(t.LeadDepartments), listArg(t.ParticipatingDepartments), t.Deadline, t.Chapter, t.Clause, t.SourceText); err != nil {
				return fmt.Errorf("target %s: %w", t.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return res, fmt.Errorf("import plan %s: %w", plan.Code, err)
	}
	return res, nil
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
		x, y := a[i], b[i]
		// Aliases may have grown from other plans; they do not make a
		// target different.
		x.Indicator.Aliases, y.Indicator.Aliases = nil, nil
		if !reflect.DeepEqual(canon(x), canon(y)) {
			return false
		}
	}
	return true
}

// canon normalises decimals (1.50 vs 1.5) and empty lists for comparison.
func canon(t model.Target) model.Target {
	t.ValueHigh = canonDec(t.ValueHigh)
	t.Tolerance = canonDec(t.Tolerance)
	t.BaseValue = canonDec(t.BaseValue)
	t.Indicator.Min = canonDec(t.Indicator.Min)
	t.Indicator.Max = canonDec(t.Indicator.Max)
	if len(t.LeadDepartments) == 0 {
		t.LeadDepartments = nil
	}
	if len(t.ParticipatingDepartments) == 0 {
		t.ParticipatingDepartments = nil
	}
	t.Value = canonVal(t.Value)
	return t
}

// canonVal gives a decimal its shortest exponent, so that 50.0000000000
// read from DECIMAL(38,10) equals 50 parsed from a catalogue.
func canonVal(d decimal.Decimal) decimal.Decimal {
	return decimal.RequireFromString(d.String())
}

func canonDec(d *decimal.Decimal) *decimal.Decimal {
	if d == nil {
		return nil
	}
	c := canonVal(*d)
	return &c
}

// Plan returns one stored plan.
func (s *Store) Plan(ctx context.Context, region, code string) (model.Plan, error) {
	var p model.Plan
	err := s.db.QueryRowContext(ctx, `SELECT region, code, title, doc_no, period_start, period_end, base_year
		FROM plans WHERE region = ? AND code = ?`, region, code).
		Scan(&p.Region, &p.Code, &p.Title, &p.DocNo, &p.PeriodStart, &p.PeriodEnd, &p.BaseYear)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("plan %s for %s: %w", code, region, ErrNotFound)
	}
	return p, err
}

// Plans lists the stored plans.
func (s *Store) Plans(ctx context.Context) ([]model.Plan, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT region, code, title, doc_no, period_start, period_end, base_year
		FROM plans ORDER BY imported_at, region, code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Plan
	for rows.Next() {
		var p model.Plan
		if err := rows.Scan(&p.Region, &p.Code, &p.Title, &p.DocNo, &p.PeriodStart, &p.PeriodEnd, &p.BaseYear); err != nil {
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
	rows, err := s.db.QueryContext(ctx, `SELECT code, name_zh, name_en, unit, direction, min_value, max_value, aliases FROM indicators`)
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
		if err := rows.Scan(&ind.Code, &ind.NameZh, &ind.NameEn, &ind.Unit, &dir, &mn, &mx, &aliases); err != nil {
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
	long := `array_to_string(participating_departments, '、'), deadline, source_text`
	if f.Lean {
		long = `'', '', ''`
	}
	q := `SELECT t.region, t.plan_code, t.id, indicator, headline, kind, operator, value, value_high, unit, tolerance,
		t.base_year, base_value, first_year, target_year, path,
		array_to_string(lead_departments, '、'), ` + long + `, chapter, clause
		FROM targets t JOIN plans p ON p.region = t.region AND p.code = t.plan_code WHERE true`
	var args []any
	if f.Region != "" {
		q += ` AND t.region = ?`
		args = append(args, f.Region)
	}
	if f.Plan != "" {
		q += ` AND t.plan_code = ?`
		args = append(args, f.Plan)
	}
	if f.Headline {
		q += ` AND headline`
	}
	if f.ID != "" {
		q += ` AND t.id = ?`
		args = append(args, f.ID)
	}
	if f.Department != "" {
		q += ` AND len(list_filter(lead_departments, d -> contains(d, ?))) > 0`
		args = append(args, f.Department)
	}
	q += ` ORDER BY p.imported_at, t.region, t.plan_code, t.ord`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Target
	for rows.Next() {
		var t model.Target
		var indCode, kind, op string
		var value, high, tol, base Dec
		var first sql.NullInt64
		var lead, part string
		if err := rows.Scan(&t.Region, &t.PlanCode, &t.ID, &indCode, &t.Headline, &kind, &op, &value, &high, &t.Unit, &tol,
			&t.BaseYear, &base, &first, &t.TargetYear, &t.PathMethod, &lead, &part,
			&t.Deadline, &t.SourceText, &t.Chapter, &t.Clause); err != nil {
			return nil, err
		}
		t.Indicator = inds[indCode]
		t.Kind, t.Operator = model.Kind(kind), model.Operator(op)
		t.Value, t.ValueHigh, t.Tolerance, t.BaseValue = value.D, high.Ptr(), tol.Ptr(), base.Ptr()
		t.FirstYear = int(first.Int64)
		t.LeadDepartments, t.ParticipatingDepartments = splitStored(lead), splitStored(part)
		out = append(out, t)
	}
	return out, rows.Err()
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO plans SELECT c.region, code, title, doc_no, period_start, period_end, base_year, imported_at
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
