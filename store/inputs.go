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

// inputReader reads inputs for one call of Inputs or InputChunks: what
// every chunk needs (the indicators, the batches' vintages, the plans'
// parents) is read once.
type inputReader struct {
	s       *Store
	a       model.AsOf
	inds    map[string]model.Indicator
	vintage map[int]string
	// illustrative is the SQL for a series' illustrative flag: the
	// illustrative batches are few and known, so they are named in the
	// query rather than every value joined with its batch.
	illustrative string
	parent       map[[2]string]string // (region, plan) → parent region; read when first needed
}

func (s *Store) newInputReader(ctx context.Context, a model.AsOf) (*inputReader, error) {
	if err := s.CheckAsOf(ctx, a); err != nil {
		return nil, err
	}
	bs, err := s.Batches(ctx)
	if err != nil {
		return nil, err
	}
	r := &inputReader{s: s, a: a, vintage: map[int]string{}, illustrative: "false"}
	var ids []string
	for _, b := range bs {
		r.vintage[b.ID] = "batch " + strconv.Itoa(b.ID) + " (" + b.LoadedAt.Format("2006-01-02") + ", " + b.Source + ")"
		if b.Illustrative {
			ids = append(ids, strconv.Itoa(b.ID))
		}
	}
	if len(ids) > 0 {
		r.illustrative = "bool_or(batch_id IN (" + strings.Join(ids, ",") + "))"
	}
	if r.inds, err = s.Indicators(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// allSeries reads the latest revision (as of r.a) of every value of the
// regions (nil: of every region), one row per (region, indicator) with
// its years and exact values as two DuckDB lists, so that millions of
// values cross into Go as a few hundred thousand rows, as numbers: a
// DECIMAL arrives as its unscaled integer and scale, never as text
// (casting millions of decimals to text and parsing them back cost more
// than the rest of the read).
func (r *inputReader) allSeries(ctx context.Context, regions []string, hint int) (map[seriesKey]*seriesData, error) {
	cond, args := asOfFilter(r.a)
	if regions != nil {
		cond += ` AND region IN (` + placeholders(len(regions)) + `)`
		for _, reg := range regions {
			args = append(args, reg)
		}
	}
	// The lists are built in the same order, so years and values stay
	// aligned; Go sorts the ten-odd pairs (cheaper than ORDER BY inside
	// the aggregate).
	q := `SELECT region, indicator, list(year), list(value), max(batch_id), ` + r.illustrative + `
		FROM actuals WHERE ` + cond + ` GROUP BY region, indicator`
	rows, err := r.s.db.QueryContext(ctx, q, args...)
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

// placeholders is n question marks separated by commas.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
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
	r, err := s.newInputReader(ctx, a)
	if err != nil {
		return nil, err
	}
	var regions []string
	if f.Region != "" {
		regions = []string{f.Region}
	}
	return r.read(ctx, f, nil, regions)
}

// InputChunks reads what Inputs reads, in the same order, a few plans at
// a time: fn gets the inputs of whole plans, about size at a time, and
// may keep them. Memory then grows with the chunk, not with the number
// of targets, and a chunk can be analysed while the next is read. The
// first error from fn stops the reading and is returned.
func (s *Store) InputChunks(ctx context.Context, f model.TargetFilter, a model.AsOf, size int, fn func([]model.TargetSeries) error) error {
	r, err := s.newInputReader(ctx, a)
	if err != nil {
		return err
	}
	// The plans in the order Inputs gives their targets, with how many
	// targets each has under the filter.
	from, args := targetsFrom(f)
	rows, err := s.db.QueryContext(ctx, `SELECT t.region, t.plan_code, count(*)`+from+
		` GROUP BY p.imported_at, t.region, t.plan_code ORDER BY p.imported_at, t.region, t.plan_code`, args...)
	if err != nil {
		return err
	}
	type plan struct {
		region, code string
		n            int
	}
	var plans []plan
	for rows.Next() {
		var p plan
		if err := rows.Scan(&p.region, &p.code, &p.n); err != nil {
			rows.Close()
			return err
		}
		plans = append(plans, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for lo := 0; lo < len(plans); {
		hi, n := lo, 0
		for hi < len(plans) && (hi == lo || n+plans[hi].n <= size) {
			n += plans[hi].n
			hi++
		}
		var keys [][2]string
		var regions []string
		seen := map[string]bool{}
		for _, p := range plans[lo:hi] {
			keys = append(keys, [2]string{p.region, p.code})
			if !seen[p.region] {
				seen[p.region] = true
				regions = append(regions, p.region)
			}
		}
		ins, err := r.read(ctx, f, keys, regions)
		if err != nil {
			return err
		}
		if err := fn(ins); err != nil {
			return err
		}
		lo = hi
	}
	return nil
}

// read reads the inputs of the targets under f — of the plans named
// (region, code), or of every plan when plans is nil — with the series
// of the regions named (nil: every region).
func (r *inputReader) read(ctx context.Context, f model.TargetFilter, plans [][2]string, regions []string) ([]model.TargetSeries, error) {
	// The two reads are independent: run them on two connections at once,
	// since each spends most of its time moving rows into Go.
	var out []model.TargetSeries
	var series map[seriesKey]*seriesData
	var terr, serr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		// Size the map of every series once: there is about one series
		// per target. A chunk's map is small enough to grow.
		var hint int
		if plans == nil {
			if serr = r.s.db.QueryRowContext(ctx, `SELECT count(*) FROM targets`).Scan(&hint); serr != nil {
				return
			}
		}
		series, serr = r.allSeries(ctx, regions, hint)
	}()
	out, terr = r.leanTargets(ctx, f, plans)
	wg.Wait()
	if terr != nil {
		return nil, terr
	}
	if serr != nil {
		return nil, fmt.Errorf("read actuals: %w", serr)
	}
	var others []int
	for i := range out {
		in := &out[i]
		t := &in.Target
		if sd, ok := series[seriesKey{t.Region, t.Indicator.Code}]; ok {
			in.Years, in.Values, in.Illustrative, in.Vintage = sd.years, sd.values, sd.illustrative, r.vintage[sd.batch]
		}
		if model.NeedsOther(t.Kind) {
			others = append(others, i)
		}
	}
	if len(others) > 0 {
		var loaded map[string]bool // nil: every region is loaded
		if regions != nil {
			loaded = map[string]bool{}
			for _, reg := range regions {
				loaded[reg] = true
			}
		}
		if err := r.fillOthers(ctx, out, others, series, loaded); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// fillOthers gives relative and assigned targets their second series: the
// compared indicator in the same region, or in the plan's parent region
// (CompareWithParent), or the yearly assignments (AssignedCode). Regions
// not in loaded (nil: all are) are read when first needed.
func (r *inputReader) fillOthers(ctx context.Context, out []model.TargetSeries, idx []int, series map[seriesKey]*seriesData, loaded map[string]bool) error {
	if r.parent == nil {
		plans, err := r.s.Plans(ctx)
		if err != nil {
			return err
		}
		r.parent = map[[2]string]string{}
		for _, p := range plans {
			r.parent[[2]string{p.Region, p.Code}] = p.Parent
		}
	}
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
				key.region = r.parent[[2]string{t.Region, t.PlanCode}]
			}
		}
		if loaded != nil && !loaded[key.region] && key.region != "" {
			// The series were read for some regions: read this one too.
			more, err := r.allSeries(ctx, []string{key.region}, 0)
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

// leanTargets reads the targets as Targets does with f.Lean set — of the
// plans named (region, code), or of every plan when plans is nil — into
// inputs without their series, tuned for hundreds of thousands of rows:
// the inputs are allocated once, and the long texts are left out of the
// query instead of sent as empty columns.
func (r *inputReader) leanTargets(ctx context.Context, f model.TargetFilter, plans [][2]string) ([]model.TargetSeries, error) {
	from, args := targetsFrom(f)
	if plans != nil {
		from += ` AND (t.region, t.plan_code) IN (SELECT * FROM (VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?, ?),", len(plans)), ",") + `))`
		for _, p := range plans {
			args = append(args, p[0], p[1])
		}
	}
	var n int
	if err := r.s.db.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&n); err != nil {
		return nil, err
	}
	rows, err := r.s.db.QueryContext(ctx, `SELECT t.region, t.plan_code, t.id, indicator, headline, kind, operator, value, value_high, unit, tolerance,
		t.base_year, base_value, first_year, target_year, path, array_to_string(lead_departments, '、'), chapter, clause,
		attribute, stretch, annual, relative_to, compare_with_parent, assigned_from`+
		from+` ORDER BY p.imported_at, t.region, t.plan_code, t.ord`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]model.TargetSeries, 0, n)
	for rows.Next() {
		out = append(out, model.TargetSeries{})
		t := &out[len(out)-1].Target
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
		t.Indicator = r.inds[indCode]
		t.Kind, t.Operator = model.Kind(kind), model.Operator(op)
		t.Value, t.ValueHigh, t.Tolerance, t.BaseValue = value.D, high.Ptr(), tol.Ptr(), base.Ptr()
		t.FirstYear = int(first.Int64)
		t.LeadDepartments = splitStored(lead)
	}
	return out, rows.Err()
}
