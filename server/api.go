package server

import (
	"context"
	"fmt"
	"math"
	"net/http"

	"github.com/plangap/plangap/app"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
)

func (s *Server) apiTargets(w http.ResponseWriter, r *http.Request) {
	ts, err := s.Store.Targets(r.Context(), s.targetFilter(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]app.TargetJSON, len(ts))
	for i, t := range ts {
		out[i] = app.TargetJSONOf(t)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiActuals(w http.ResponseWriter, r *http.Request) {
	at, err := model.ParseAsOf(r.URL.Query().Get("as_of"))
	if err != nil {
		s.fail(w, r, invalid(err))
		return
	}
	code := ""
	if ind := r.URL.Query().Get("indicator"); ind != "" {
		i, err := s.Store.ResolveIndicator(r.Context(), ind)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		code = i.Code
	}
	xs, err := s.Store.Actuals(r.Context(), r.URL.Query().Get("region"), code, at)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []app.ActualJSON{}
	for _, x := range xs {
		out = append(out, app.ActualJSONOf(x))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) target(r *http.Request, id string) (analysis.Input, analysis.Row, analysis.Config, error) {
	ins, rows, cfg, err := s.analyse(r, model.TargetFilter{ID: id})
	if err != nil {
		return analysis.Input{}, analysis.Row{}, cfg, err
	}
	switch len(rows) {
	case 0:
		return analysis.Input{}, analysis.Row{}, cfg, fmt.Errorf("target %q: %w", id, app.ErrNotFound)
	case 1:
		return ins[0], rows[0], cfg, nil
	}
	return analysis.Input{}, analysis.Row{}, cfg, badRequest("目标 %q 存在于多个地区，请加 ?region= target %q exists in several regions: add ?region=", id, id)
}

func nullable(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func (s *Server) apiPath(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "csv" && format != "xlsx" {
		s.fail(w, r, badRequest("format“%s”无效（json、csv 或 xlsx） format %q: want json, csv or xlsx", format, format))
		return
	}
	_, row, _, err := s.target(r, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if format == "csv" || format == "xlsx" {
		s.pathDownload(w, r, row, format)
		return
	}
	pts := []map[string]any{}
	for _, p := range row.Path() {
		var act *string
		if p.Actual != nil {
			a := p.Actual.String()
			act = &a
		}
		pts = append(pts, map[string]any{"year": p.Year, "planned": nullable(p.Planned), "required": nullable(p.Required), "actual": act})
	}
	shape := "linear"
	if row.Geometric {
		shape = "geometric"
	}
	writeJSON(w, http.StatusOK, map[string]any{"target_id": row.Target.ID, "region": row.Region, "path": shape, "points": pts,
		"illustrative": row.Illustrative})
}

func (s *Server) apiBatches(w http.ResponseWriter, r *http.Request) {
	bs, err := s.Store.Batches(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []app.BatchJSON{}
	for _, b := range bs {
		out = append(out, app.BatchJSONOf(b))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	ind, err := s.Store.ResolveIndicator(r.Context(), r.PathValue("indicator"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hs, err := s.Store.History(r.Context(), ind.Code, r.URL.Query().Get("region"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := []app.ActualJSON{}
	for _, h := range hs {
		out = append(out, app.ActualJSONOf(h))
	}
	writeJSON(w, http.StatusOK, out)
}

// figure builds a chart for ?kind= (trajectory needs ?target=).
func (s *Server) figure(r *http.Request, th *charts.Theme, kind, target string) (charts.Figure, error) {
	q, err := s.query(r)
	if err != nil {
		return charts.Figure{}, err
	}
	q.Filter.ID = target
	if q, err = app.FigureQuery(kind, q); err != nil {
		return charts.Figure{}, err
	}
	a, err := s.analysisOf(r.Context(), q)
	if err != nil {
		return charts.Figure{}, err
	}
	return app.FigureOf(r.Context(), s.app(), th, kind, a)
}

// apiChart serves a chart from the chart cache: rendered once per data
// version and query, with bounded concurrency.
func (s *Server) apiChart(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "svg"
	}
	if format != "svg" && format != "png" {
		s.fail(w, r, badRequest("format: want svg or png"))
		return
	}
	version, err := s.dataVersion(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The rendering is shared with other requests: it must not end when
	// this client goes away.
	shared := r.WithContext(context.WithoutCancel(r.Context()))
	b, err := s.charts.get(version, s.chartKey(r, "api"), func() ([]byte, error) {
		// ?lang=en draws English labels (the key has every parameter).
		th := s.themeFor(q.Get("lang"))
		fig, err := s.figure(shared, th, q.Get("kind"), q.Get("target"))
		if err != nil {
			return nil, err
		}
		return fig.Bytes(format, th)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ct := map[string]string{"svg": "image/svg+xml", "png": "image/png"}[format]
	w.Header().Set("Content-Type", ct)
	w.Write(b)
}
