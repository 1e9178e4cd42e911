package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// Query is one analysis request: which targets, judged at which report
// year by which method with which thresholds, on the data as of when.
type Query struct {
	Filter model.TargetFilter
	Config analysis.Config
	AsOf   model.AsOf
}

// QueryOptions names the options ParseQuery reads, with what each means.
// The CLI registers them as flags and the server reads them from the URL
// (where as-of may also be spelt as_of), so both accept the same options
// with the same checks.
var QueryOptions = []struct{ Name, Doc string }{
	{"region", "地区 region; default: every region"},
	{"plan", "plan code"},
	{"method", "status method: " + strings.Join(methodNames(), ", ")},
	{"year", "report year (报告年份): ignore data after it; default the latest year with data"},
	{"month", "months into the report year for 时序进度 (1–12; 0 = the whole year)"},
	{"as-of", "the data as they stood after batch N or on a date (2024-06-30)"},
	{"band", "schedule: half-width of 基本符合 around the time share, in percentage points"},
	{"headline", "only the headline indicators (附件1): true or false"},
	{"department", "only targets whose lead department contains this text"},
	{"id", "one target"},
}

func methodNames() []string {
	var out []string
	for _, m := range analysis.Methods {
		out = append(out, string(m))
	}
	return out
}

// ParseQuery reads a query from named values: get returns an option's
// value and whether it was given. Besides QueryOptions it reads
// "<method>-thresholds" for every method (numbers separated by commas).
func ParseQuery(get func(name string) (string, bool)) (Query, error) {
	q := Query{Config: analysis.DefaultConfig()}
	str := func(name string) string { v, _ := get(name); return strings.TrimSpace(v) }
	q.Filter.Region, q.Filter.Plan = str("region"), str("plan")
	q.Filter.Department, q.Filter.ID = str("department"), str("id")
	if v, ok := get("headline"); ok && v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return q, model.Errorf(model.Invalid, "headline“%s”须为 true 或 false headline %q: want true or false", v, v)
		}
		q.Filter.Headline = b
	}
	if v := str("method"); v != "" {
		m, err := analysis.ParseMethod(v)
		if err != nil {
			return q, model.Errorf(model.Invalid, "%w", err)
		}
		q.Config.Method = m
	}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"year", &q.Config.Year}, {"month", &q.Config.Month}} {
		if v := str(f.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return q, model.Errorf(model.Invalid, "%s“%s”不是整数 %s %q is not a whole number", f.name, v, f.name, v)
			}
			*f.dst = n
		}
	}
	for _, j := range analysis.Judges {
		m := j.Info().Method
		v, ok := get(string(m) + "-thresholds")
		if m == analysis.Schedule {
			if b, bok := get("band"); bok && b != "" {
				v, ok = b, true
			}
		}
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		var th []float64
		for _, part := range strings.Split(v, ",") {
			x, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
			if err != nil {
				return q, model.Errorf(model.Invalid, "%s阈值“%s”不是数字 %s threshold %q is not a number", m, part, m, part)
			}
			th = append(th, x)
		}
		q.Config.SetThresholds(m, th)
	}
	if err := q.Config.Validate(); err != nil {
		return q, err
	}
	asOf, ok := get("as-of")
	if !ok || asOf == "" {
		asOf, _ = get("as_of")
	}
	at, err := model.ParseAsOf(asOf)
	if err != nil {
		return q, err
	}
	q.AsOf = at
	return q, nil
}

// Analysis is the result of a query: one row per (region, target), each
// carrying its series.
type Analysis struct {
	Query Query
	Rows  []analysis.Row
}

// Analyse runs a query.
func (s *Service) Analyse(ctx context.Context, q Query) (*Analysis, error) {
	ins, err := s.Inputs(ctx, q.Filter, q.AsOf)
	if err != nil {
		return nil, err
	}
	return AnalyseInputs(ins, q), nil
}

// AnalyseInputs analyses inputs already read for q (a server's, for the
// CLI beside it): the same rows Analyse gives.
func AnalyseInputs(ins []analysis.Input, q Query) *Analysis {
	return &Analysis{Query: q, Rows: analysis.AnalyseAll(ins, q.Config)}
}

// inputChunk is about how many targets AnalyseEach reads at a time: a
// few tens of megabytes of inputs and rows.
const inputChunk = 16384

// AnalyseEach runs a query and hands its rows to fn one at a time, in
// the order Analyse returns them, without holding them all: the inputs
// are read a chunk of plans at a time, the next chunk while this one is
// analysed, and the gap table of 240,000 pairs is written as it is
// analysed. The row is fn's only for the call (see analysis.AnalyseEach).
func (s *Service) AnalyseEach(ctx context.Context, q Query, fn func(*analysis.Row) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan []model.TargetSeries, 1)
	var readErr error
	go func() {
		defer close(chunks)
		readErr = s.InputChunks(ctx, q.Filter, q.AsOf, inputChunk, func(ins []model.TargetSeries) error {
			select {
			case chunks <- ins:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var err error
	for ins := range chunks {
		if err == nil {
			if err = analysis.AnalyseEach(ins, q.Config, fn); err != nil {
				cancel() // stop the reading; drain what it has sent
			}
		}
	}
	if err != nil {
		return err
	}
	return readErr // set before chunks was closed
}

// Inputs returns the rows' inputs, in row order.
func (a *Analysis) Inputs() []analysis.Input {
	out := make([]analysis.Input, len(a.Rows))
	for i, r := range a.Rows {
		out[i] = r.Input
	}
	return out
}

// One returns the single row of a query for one target, or an error that
// says why there is none or several.
func (a *Analysis) One() (analysis.Row, error) {
	id := a.Query.Filter.ID
	switch len(a.Rows) {
	case 0:
		return analysis.Row{}, fmt.Errorf("目标“%s”不存在 target %q: %w", id, id, ErrNotFound)
	case 1:
		return a.Rows[0], nil
	}
	var regions []string
	for _, r := range a.Rows {
		regions = append(regions, r.Region)
	}
	return analysis.Row{}, fmt.Errorf("目标“%s” target %q: %w", id, id, &ChoiceError{What: "region", Choices: regions})
}
