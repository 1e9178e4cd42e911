package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

type seriesKey struct{ region, indicator string }

type seriesData struct {
	years        []int
	values       []decimal.Decimal
	illustrative bool
	batch        int
}

// allSeries reads the latest revision (as of a) of every value in one
// query, grouped by region and indicator, years ascending.
func (s *Store) allSeries(ctx context.Context, region string, a AsOf) (map[seriesKey]*seriesData, error) {
	cond, args := a.filter()
	q := `WITH v AS (SELECT * FROM actuals WHERE ` + cond + `),
		latest AS (SELECT indicator, region, year, max(batch_id) AS batch_id FROM v GROUP BY ALL)
		SELECT v.region, v.indicator, v.year, v.value, v.batch_id, b.illustrative
		FROM v JOIN latest USING (indicator, region, year, batch_id) JOIN batches b ON b.id = v.batch_id`
	if region != "" {
		q += ` WHERE v.region = ?`
		args = append(args, region)
	}
	q += ` ORDER BY v.region, v.indicator, v.year`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[seriesKey]*seriesData{}
	var cur *seriesData
	var curKey seriesKey
	var reg, ind string
	var year, batch int
	var illus bool
	var v Dec
	for rows.Next() {
		if err := rows.Scan(&reg, &ind, &year, &v, &batch, &illus); err != nil {
			return nil, err
		}
		if cur == nil || reg != curKey.region || ind != curKey.indicator {
			curKey = seriesKey{reg, ind}
			cur = &seriesData{}
			out[curKey] = cur
		}
		cur.years = append(cur.years, year)
		cur.values = append(cur.values, v.D)
		cur.illustrative = cur.illustrative || illus
		cur.batch = max(cur.batch, batch)
	}
	return out, rows.Err()
}

// Inputs joins targets with their indicators' actuals for analysis: one
// input per (region, target), built from two set-wise queries, never one
// query per target.
func (s *Store) Inputs(ctx context.Context, f TargetFilter, a AsOf) ([]analysis.Input, error) {
	ts, err := s.Targets(ctx, f)
	if err != nil {
		return nil, err
	}
	series, err := s.allSeries(ctx, f.Region, a)
	if err != nil {
		return nil, fmt.Errorf("read actuals: %w", err)
	}
	batches, err := s.Batches(ctx)
	if err != nil {
		return nil, err
	}
	vintage := map[int]string{}
	for _, b := range batches {
		vintage[b.ID] = "batch " + strconv.Itoa(b.ID) + " (" + b.LoadedAt.Format("2006-01-02") + ", " + b.Source + ")"
	}
	out := make([]analysis.Input, len(ts))
	for i, t := range ts {
		in := analysis.Input{Target: t}
		if sd, ok := series[seriesKey{t.Region, t.Indicator.Code}]; ok {
			in.Years, in.Values, in.Illustrative, in.Vintage = sd.years, sd.values, sd.illustrative, vintage[sd.batch]
		}
		out[i] = in
	}
	return out, nil
}

// TargetByID finds one target of a region; with region empty the target
// id must be unique across regions.
func (s *Store) TargetByID(ctx context.Context, id, region string) (model.Target, error) {
	ts, err := s.Targets(ctx, TargetFilter{ID: id, Region: region})
	if err != nil {
		return model.Target{}, err
	}
	switch len(ts) {
	case 0:
		return model.Target{}, fmt.Errorf("target %q: %w", id, ErrNotFound)
	case 1:
		return ts[0], nil
	}
	return model.Target{}, fmt.Errorf("target %q exists in %d regions; choose one with --region", id, len(ts))
}
