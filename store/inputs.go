package store

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

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
// per (region, indicator) with the years and values aggregated by DuckDB,
// so that millions of values cross into Go as a few hundred thousand
// rows. The exact decimals are parsed on all cores.
func (s *Store) allSeries(ctx context.Context, region string, a model.AsOf) (map[seriesKey]*seriesData, error) {
	cond, args := asOfFilter(a)
	if region != "" {
		cond += ` AND region = ?`
		args = append(args, region)
	}
	// One "year:value" list per series keeps years and values aligned
	// without an ORDER BY inside the aggregate (which costs more than
	// sorting ten pairs in Go).
	q := `SELECT region, indicator, string_agg(year::VARCHAR || ':' || value::VARCHAR, ','),
			max(batch_id), string_agg(DISTINCT batch_id::VARCHAR, ',')
		FROM actuals WHERE ` + cond + ` GROUP BY region, indicator`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type raw struct {
		key     seriesKey
		pairs   string
		batches string
		sd      *seriesData
	}
	var raws []raw
	for rows.Next() {
		var r raw
		r.sd = &seriesData{}
		if err := rows.Scan(&r.key.region, &r.key.indicator, &r.pairs, &r.sd.batch, &r.batches); err != nil {
			return nil, err
		}
		raws = append(raws, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	illustrative := map[int]bool{}
	bs, err := s.Batches(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range bs {
		illustrative[b.ID] = b.Illustrative
	}
	errs := make([]error, len(raws))
	parallel(len(raws), func(i int) {
		r := raws[i]
		pairs := strings.Split(r.pairs, ",")
		sort.Strings(pairs) // years are four digits: text order is year order
		r.sd.years = make([]int, len(pairs))
		r.sd.values = make([]decimal.Decimal, len(pairs))
		for j, p := range pairs {
			ys, vs, _ := strings.Cut(p, ":")
			y, err := strconv.Atoi(ys)
			v, err2 := decimal.NewFromString(vs)
			if err != nil || err2 != nil {
				errs[i] = fmt.Errorf("series %s/%s: bad stored value %q", r.key.region, r.key.indicator, p)
				return
			}
			r.sd.years[j], r.sd.values[j] = y, v
		}
		for _, b := range strings.Split(r.batches, ",") {
			if n, _ := strconv.Atoi(b); illustrative[n] {
				r.sd.illustrative = true
			}
		}
	})
	out := make(map[seriesKey]*seriesData, len(raws))
	for i, r := range raws {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[r.key] = r.sd
	}
	return out, nil
}

// parallel runs fn(0..n-1) on all cores.
func parallel(n int, fn func(int)) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
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
	lean := f
	lean.Lean = true
	ts, terr = s.Targets(ctx, lean)
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
	for i, t := range ts {
		in := model.TargetSeries{Target: t}
		if sd, ok := series[seriesKey{t.Region, t.Indicator.Code}]; ok {
			in.Years, in.Values, in.Illustrative, in.Vintage = sd.years, sd.values, sd.illustrative, vintage[sd.batch]
		}
		out[i] = in
	}
	return out, nil
}
