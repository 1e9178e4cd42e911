package store

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

type seriesKey struct{ region, indicator string }

// seriesData is one stored series, compact: a value whose unscaled
// integer fits in an int64 (every value below about 9.2 × 10⁸ at scale
// 10) is kept as that integer, the rare wider series as decimals. The
// decimals an input carries are made a chunk at a time (values).
type seriesData struct {
	years        []int
	unscaled     []int64
	exp          int32
	wide         []decimal.Decimal // nil unless some value is too wide for unscaled
	illustrative bool
	batch        int
}

// values is the series' exact values, in year order.
func (sd *seriesData) values() []decimal.Decimal {
	if sd.wide != nil {
		return sd.wide
	}
	out := make([]decimal.Decimal, len(sd.unscaled))
	for i, u := range sd.unscaled {
		out[i] = decimal.New(u, sd.exp)
	}
	return out
}

// inputReader reads inputs for one call of Inputs or InputChunks: what
// every chunk needs (the indicators, the batches' vintages, the plans'
// parents) is read once.
type inputReader struct {
	s       *Store
	a       model.AsOf
	inds    map[string]model.Indicator
	vintage map[int]string
	// illustrative holds the illustrative batches: few and known, so a
	// value's batch is looked up here rather than joined.
	illustrative map[int]bool
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
	r := &inputReader{s: s, a: a, vintage: map[int]string{}, illustrative: map[int]bool{}}
	for _, b := range bs {
		r.vintage[b.ID] = "batch " + strconv.Itoa(b.ID) + " (" + b.LoadedAt.Format("2006-01-02") + ", " + b.Source + ")"
		if b.Illustrative {
			r.illustrative[b.ID] = true
		}
	}
	if r.inds, err = s.Indicators(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// allSeries reads the latest revision (as of r.a) of every value of the
// regions (nil: of every region) into one series per (region, indicator).
// The values stream from a plain scan of actuals, as numbers — a DECIMAL
// arrives as its integer and scale, never as text — and are grouped here:
// a file's values come an indicator and region at a time, so a row mostly
// extends the series of the row before it, which is checked without
// copying a string. (Grouping in DuckDB into two lists per series took
// four times the CPU and held three times the memory.)
func (r *inputReader) allSeries(ctx context.Context, regions []string, hint int) (map[seriesKey]*seriesData, error) {
	cond, args := asOfFilter(r.a)
	if regions != nil {
		cond += ` AND region IN (` + placeholders(len(regions)) + `)`
		for _, reg := range regions {
			args = append(args, reg)
		}
	}
	c, err := r.s.query(ctx, `SELECT region, indicator, year, value, batch_id FROM actuals WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	out := make(map[seriesKey]*seriesData, hint)
	var k seriesKey
	var sd *seriesData
	for c.Next() {
		if sd == nil || !c.StrIs(0, k.region) || !c.StrIs(1, k.indicator) {
			k = seriesKey{c.Str(0), c.Str(1)}
			if sd = out[k]; sd == nil {
				sd = &seriesData{years: make([]int, 0, 10), unscaled: make([]int64, 0, 10)}
				out[k] = sd
			}
		}
		y, _ := c.Int(2)
		batch, _ := c.Int(4)
		sd.add(c, int(y), int(batch))
		if r.illustrative[int(batch)] {
			sd.illustrative = true
		}
	}
	if err := c.Err(); err != nil {
		return nil, err
	}
	for k, sd := range out {
		if err := sd.sort(); err != nil {
			return nil, fmt.Errorf("series %s/%s: %w", k.region, k.indicator, err)
		}
	}
	return out, nil
}

// add appends the cursor's value (column 3) of year, from batch, keeping
// the series compact while every value fits an int64 at one scale.
func (sd *seriesData) add(c cursor, year, batch int) {
	sd.years = append(sd.years, year)
	sd.batch = max(sd.batch, batch)
	if sd.wide == nil {
		u, exp, fits := c.Unscaled(3)
		if fits && (len(sd.unscaled) == 0 || exp == sd.exp) {
			sd.unscaled, sd.exp = append(sd.unscaled, u), exp
			return
		}
		sd.wide = make([]decimal.Decimal, len(sd.unscaled), len(sd.years))
		for i, u := range sd.unscaled {
			sd.wide[i] = decimal.New(u, sd.exp)
		}
		sd.unscaled = nil
	}
	d, _ := c.Dec(3)
	sd.wide = append(sd.wide, d)
}

// placeholders is n question marks separated by commas.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// sort puts a series in year order; a year twice is an error (actuals
// hold one current value per year).
func (sd *seriesData) sort() error {
	// Insertion sort: a series has a dozen years at most, mostly in order.
	for i := 1; i < len(sd.years); i++ {
		for j := i; j > 0 && sd.years[j] <= sd.years[j-1]; j-- {
			if sd.years[j] == sd.years[j-1] {
				return fmt.Errorf("two current values for %d", sd.years[j])
			}
			sd.years[j], sd.years[j-1] = sd.years[j-1], sd.years[j]
			if sd.wide != nil {
				sd.wide[j], sd.wide[j-1] = sd.wide[j-1], sd.wide[j]
			} else {
				sd.unscaled[j], sd.unscaled[j-1] = sd.unscaled[j-1], sd.unscaled[j]
			}
		}
	}
	return nil
}

// Inputs joins targets with their indicators' actuals for analysis: one
// input per (region, target), built from two set-wise queries, never one
// query per target. The targets come without their long texts (source
// text, deadline, participating departments): read those with Targets.
func (s *Store) Inputs(ctx context.Context, f model.TargetFilter, a model.AsOf) ([]model.TargetSeries, error) {
	var out []model.TargetSeries
	err := s.InputChunks(ctx, f, a, math.MaxInt, func(ins []model.TargetSeries) error {
		out = append(out, ins...)
		return nil
	})
	return out, err
}

// InputChunks reads what Inputs reads, in the same order, a few plans at
// a time: fn gets the inputs of whole plans, about size at a time, and
// may keep them. Memory then grows with the chunk, not with the number
// of targets, and a chunk can be analysed while the next is read. The
// first error from fn stops the reading and is returned.
//
// Two queries do the reading, both at once: the targets, in plan order,
// streamed; and the series, held compact in a map that every chunk takes
// its decimals from.
func (s *Store) InputChunks(ctx context.Context, f model.TargetFilter, a model.AsOf, size int, fn func([]model.TargetSeries) error) error {
	r, err := s.newInputReader(ctx, a)
	if err != nil {
		return err
	}
	var regions []string // nil: every region
	if f.Region != "" {
		regions = []string{f.Region}
	}
	var series map[seriesKey]*seriesData
	var serr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Size the map of every series once: there is about one series
		// per target.
		var hint int
		if regions == nil {
			if serr = s.db.QueryRowContext(ctx, `SELECT count(*) FROM targets`).Scan(&hint); serr != nil {
				return
			}
		}
		series, serr = r.allSeries(ctx, regions, hint)
	}()
	defer func() { <-done }()
	c, err := r.targets(ctx, f)
	if err != nil {
		return err
	}
	defer c.Close()
	// chunk holds whole plans; plan, the targets of the plan being read.
	// A chunk is allocated once at its size (growing one would copy
	// every input it holds again and again); the size of all the inputs
	// is counted first.
	if size == math.MaxInt {
		from, args := targetsFrom(f)
		if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&size); err != nil {
			return err
		}
	}
	var chunk, plan []model.TargetSeries
	flush := func() error {
		<-done
		if serr != nil {
			return fmt.Errorf("read actuals: %w", serr)
		}
		if err := r.attach(ctx, chunk, series, regions); err != nil {
			return err
		}
		err := fn(chunk)
		chunk = nil
		return err
	}
	// endPlan adds the plan just read to the chunk, handing the chunk on
	// first if the plan would take it past size.
	endPlan := func() error {
		if len(chunk) > 0 && len(chunk)+len(plan) > size {
			if err := flush(); err != nil {
				return err
			}
		}
		if chunk == nil {
			chunk = make([]model.TargetSeries, 0, max(size, len(plan)))
		}
		chunk = append(chunk, plan...)
		plan = plan[:0]
		return nil
	}
	for c.Next() {
		var t model.Target
		if err := r.scanTarget(c, &t); err != nil {
			return err
		}
		if n := len(plan); n > 0 && (plan[n-1].Target.Region != t.Region || plan[n-1].Target.PlanCode != t.PlanCode) {
			if err := endPlan(); err != nil {
				return err
			}
		}
		plan = append(plan, model.TargetSeries{Target: t})
	}
	if err := c.Err(); err != nil {
		return err
	}
	if err := endPlan(); err != nil {
		return err
	}
	if len(chunk) > 0 {
		return flush()
	}
	return nil
}

// attach gives a chunk of inputs their series, and relative and assigned
// targets their second series. The series were read for the regions
// named (nil: every region).
func (r *inputReader) attach(ctx context.Context, out []model.TargetSeries, series map[seriesKey]*seriesData, regions []string) error {
	var others []int
	for i := range out {
		in := &out[i]
		t := &in.Target
		if sd, ok := series[seriesKey{t.Region, t.Indicator.Code}]; ok {
			// A series is shared by every target of its indicator: the
			// years are read-only, the decimals made for each.
			in.Years, in.Values, in.Illustrative, in.Vintage = sd.years, sd.values(), sd.illustrative, r.vintage[sd.batch]
		}
		if model.NeedsOther(t.Kind) {
			others = append(others, i)
		}
	}
	if len(others) == 0 {
		return nil
	}
	var loaded map[string]bool // nil: every region is loaded
	if regions != nil {
		loaded = map[string]bool{}
		for _, reg := range regions {
			loaded[reg] = true
		}
	}
	return r.fillOthers(ctx, out, others, series, loaded)
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
			out[i].Other = model.NewSeries(sd.years, sd.values())
		}
	}
	return nil
}

// targets queries the targets as Targets does with f.Lean set, in the
// order Inputs gives them, for scanTarget: the long texts are left out of
// the query instead of sent as empty columns.
func (r *inputReader) targets(ctx context.Context, f model.TargetFilter) (cursor, error) {
	from, args := targetsFrom(f)
	return r.s.query(ctx, `SELECT t.region, t.plan_code, t.id, indicator, headline, kind, operator, value, value_high, unit, tolerance,
		t.base_year, base_value, first_year, target_year, path, array_to_string(lead_departments, '、'), chapter, clause,
		attribute, stretch, annual, relative_to, compare_with_parent, assigned_from`+
		from+` ORDER BY p.imported_at, t.region, t.plan_code, t.ord`, args...)
}

// scanTarget reads the cursor's row of the targets query into t.
func (r *inputReader) scanTarget(c cursor, t *model.Target) error {
	dec := func(col int) *decimal.Decimal {
		if d, ok := c.Dec(col); ok {
			return &d
		}
		return nil
	}
	t.Region, t.PlanCode, t.ID = c.Str(0), c.Str(1), c.Str(2)
	t.Indicator = r.inds[c.Str(3)]
	t.Headline = c.Bool(4)
	t.Kind, t.Operator = model.Kind(c.Str(5)), model.Operator(c.Str(6))
	t.Value, _ = c.Dec(7)
	t.ValueHigh = dec(8)
	t.Unit = c.Str(9)
	t.Tolerance = dec(10)
	by, _ := c.Int(11)
	t.BaseYear = int(by)
	t.BaseValue = dec(12)
	first, _ := c.Int(13)
	t.FirstYear = int(first)
	ty, _ := c.Int(14)
	t.TargetYear = int(ty)
	t.PathMethod = c.Str(15)
	t.LeadDepartments = splitStored(c.Str(16))
	t.Chapter, t.Clause, t.Attribute = c.Str(17), c.Str(18), c.Str(19)
	t.Stretch = dec(20)
	if annual := c.Str(21); annual != "" {
		ann, err := model.ParseAnnual(annual)
		if err != nil {
			return fmt.Errorf("target %s: stored yearly targets: %w", t.ID, err)
		}
		t.Annual = ann
	}
	t.RelativeTo = c.Str(22)
	t.CompareWithParent = c.Bool(23)
	t.AssignedFrom = c.Str(24)
	return nil
}
