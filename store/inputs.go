package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

type seriesKey struct{ region, indicator string }

type seriesData struct {
	years        []int
	values       []decimal.Decimal
	illustrative bool
	batch        int
}

// allSeries reads the latest revision (as of a) of every value, one row
// per (region, indicator) with its years and exact values as two DuckDB
// lists, so that millions of values cross into Go as a few hundred
// thousand rows, as numbers: a DECIMAL arrives as its unscaled integer
// and scale, never as text (casting millions of decimals to text and
// parsing them back cost more than the rest of the read).
func (s *Store) allSeries(ctx context.Context, region string, a model.AsOf) (map[seriesKey]*seriesData, error) {
	bs, err := s.Batches(ctx)
	if err != nil {
		return nil, err
	}
	// The illustrative batches are few and known: name them in the query
	// rather than join every value with its batch.
	illustrative := "false"
	var ids []string
	for _, b := range bs {
		if b.Illustrative {
			ids = append(ids, strconv.Itoa(b.ID))
		}
	}
	if len(ids) > 0 {
		illustrative = "bool_or(batch_id IN (" + strings.Join(ids, ",") + "))"
	}
	cond, args := asOfFilter(a)
	if region != "" {
		cond += ` AND region = ?`
		args = append(args, region)
	}
	// The lists are built in the same order, so years and values stay
	// aligned; Go sorts the ten-odd pairs (cheaper than ORDER BY inside
	// the aggregate).
	q := `SELECT region, indicator, list(year), list(value), max(batch_id), ` + illustrative + `
		FROM actuals WHERE ` + cond + ` GROUP BY region, indicator`
	// Size the map once: there is about one series per target.
	var hint int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM targets`).Scan(&hint); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[seriesKey]*seriesData, hint)
	for rows.Next() {
		var k seriesKey
		var years, values any
		sd := &seriesData{}
		if err := rows.Scan(&k.region, &k.indicator, &years, &values, &sd.batch, &sd.illustrative); err != nil {
			return nil, err
		}
		if err := sd.fill(years, values); err != nil {
			return nil, fmt.Errorf("series %s/%s: %w", k.region, k.indicator, err)
		}
		out[k] = sd
	}
	return out, rows.Err()
}

// fill takes a series' years and exact values from the scanned lists and
// puts them in year order.
func (sd *seriesData) fill(years, values any) error {
	ys, ok1 := years.([]any)
	vs, ok2 := values.([]any)
	if !ok1 || !ok2 || len(ys) != len(vs) {
		return fmt.Errorf("bad stored lists %T %T", years, values)
	}
	sd.years = make([]int, len(ys))
	sd.values = make([]decimal.Decimal, len(vs))
	for i := range ys {
		y, ok := ys[i].(int32)
		v, ok2 := vs[i].(duckdb.Decimal)
		if !ok || !ok2 || v.Value == nil {
			return fmt.Errorf("bad stored value %v %v", ys[i], vs[i])
		}
		sd.years[i] = int(y)
		// NewFromBigInt copies the integer: the driver's stays its own.
		sd.values[i] = decimal.NewFromBigInt(v.Value, -int32(v.Scale))
	}
	// Insertion sort: a series has a dozen years at most, mostly in order.
	for i := 1; i < len(sd.years); i++ {
		for j := i; j > 0 && sd.years[j] < sd.years[j-1]; j-- {
			sd.years[j], sd.years[j-1] = sd.years[j-1], sd.years[j]
			sd.values[j], sd.values[j-1] = sd.values[j-1], sd.values[j]
		}
	}
	return nil
}

// Inputs joins targets with their indicators' actuals for analysis: one
// input per (region, target), built from two set-wise queries, never one
// query per target. The targets come without their long texts (source
// text, deadline, participating departments): read those with Targets.
func (s *Store) Inputs(ctx context.Context, f model.TargetFilter, a model.AsOf) ([]model.TargetSeries, error) {
	if err := s.CheckAsOf(ctx, a); err != nil {
		return nil, err
	}
	// The two reads are independent: run them on two connections at once,
	// since each spends most of its time moving rows into Go.
	var ts []model.Target
	var series map[seriesKey]*seriesData
	var terr, serr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		series, serr = s.allSeries(ctx, f.Region, a)
	}()
	ts, terr = s.leanTargets(ctx, f)
	wg.Wait()
	if terr != nil {
		return nil, terr
	}
	if serr != nil {
		return nil, fmt.Errorf("read actuals: %w", serr)
	}
	batches, err := s.Batches(ctx)
	if err != nil {
		return nil, err
	}
	vintage := map[int]string{}
	for _, b := range batches {
		vintage[b.ID] = "batch " + strconv.Itoa(b.ID) + " (" + b.LoadedAt.Format("2006-01-02") + ", " + b.Source + ")"
	}
	out := make([]model.TargetSeries, len(ts))
	var others []int
	for i, t := range ts {
		in := model.TargetSeries{Target: t}
		if sd, ok := series[seriesKey{t.Region, t.Indicator.Code}]; ok {
			in.Years, in.Values, in.Illustrative, in.Vintage = sd.years, sd.values, sd.illustrative, vintage[sd.batch]
		}
		out[i] = in
		if model.NeedsOther(t.Kind) {
			others = append(others, i)
		}
	}
	if len(others) > 0 {
		if err := s.fillOthers(ctx, out, others, series, f.Region, a); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillOthers gives relative and assigned targets their second series: the
// compared indicator in the same region, or in the plan's parent region
// (CompareWithParent), or the yearly assignments (AssignedCode).
func (s *Store) fillOthers(ctx context.Context, out []model.TargetSeries, idx []int, series map[seriesKey]*seriesData, region string, a model.AsOf) error {
	plans, err := s.Plans(ctx)
	if err != nil {
		return err
	}
	parent := map[[2]string]string{}
	for _, p := range plans {
		parent[[2]string{p.Region, p.Code}] = p.Parent
	}
	loaded := map[string]bool{region: true}
	for _, i := range idx {
		t := out[i].Target
		key := seriesKey{t.Region, t.AssignedCode()}
		if t.Kind == model.Relative {
			code := t.RelativeTo
			if code == "" {
				code = t.Indicator.Code
			}
			key = seriesKey{t.Region, code}
			if t.CompareWithParent {
				key.region = parent[[2]string{t.Region, t.PlanCode}]
			}
		}
		if region != "" && !loaded[key.region] && key.region != "" {
			// The series were read for one region: read the other too.
			more, err := s.allSeries(ctx, key.region, a)
			if err != nil {
				return err
			}
			for k, v := range more {
				series[k] = v
			}
			loaded[key.region] = true
		}
		if sd, ok := series[key]; ok {
			other := make(model.Series, len(sd.years))
			for j, y := range sd.years {
				other[y] = sd.values[j]
			}
			out[i].Other = other
		}
	}
	return nil
}

// leanTargets reads the targets as Targets does with f.Lean set, tuned for
// hundreds of thousands of rows: it counts them first so that the slice
// of (large) targets is allocated once, and leaves the long texts out of
// the query instead of sending empty columns.
func (s *Store) leanTargets(ctx context.Context, f model.TargetFilter) ([]model.Target, error) {
	inds, err := s.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	from, args := targetsFrom(f)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.region, t.plan_code, t.id, indicator, headline, kind, operator, value, value_high, unit, tolerance,
		t.base_year, base_value, first_year, target_year, path, array_to_string(lead_departments, '、'), chapter, clause,
		attribute, stretch, annual, relative_to, compare_with_parent, assigned_from`+
		from+` ORDER BY p.imported_at, t.region, t.plan_code, t.ord`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]model.Target, 0, n)
	for rows.Next() {
		out = append(out, model.Target{})
		t := &out[len(out)-1]
		var indCode, kind, op, lead, annual string
		var value, high, tol, base, stretch Dec
		var first sql.NullInt64
		if err := rows.Scan(&t.Region, &t.PlanCode, &t.ID, &indCode, &t.Headline, &kind, &op, &value, &high, &t.Unit, &tol,
			&t.BaseYear, &base, &first, &t.TargetYear, &t.PathMethod, &lead, &t.Chapter, &t.Clause,
			&t.Attribute, &stretch, &annual, &t.RelativeTo, &t.CompareWithParent, &t.AssignedFrom); err != nil {
			return nil, err
		}
		t.Stretch = stretch.Ptr()
		if annual != "" {
			ann, err := model.ParseAnnual(annual)
			if err != nil {
				return nil, fmt.Errorf("target %s: stored yearly targets: %w", t.ID, err)
			}
			t.Annual = ann
		}
		t.Indicator = inds[indCode]
		t.Kind, t.Operator = model.Kind(kind), model.Operator(op)
		t.Value, t.ValueHigh, t.Tolerance, t.BaseValue = value.D, high.Ptr(), tol.Ptr(), base.Ptr()
		t.FirstYear = int(first.Int64)
		t.LeadDepartments = splitStored(lead)
	}
	return out, rows.Err()
}
