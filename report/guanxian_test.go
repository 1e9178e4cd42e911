package report

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/store"
)

// guanxianStore is the default plan with the shipped example actuals
// (final 2020–2024, preliminary 2025), loaded as `plangap run` loads them.
var guanxianStore struct {
	once sync.Once
	ins  []analysis.Input
	bat  []model.Batch
	revs []model.Revision
	err  error
}

func loadGuanxian() {
	g := &guanxianStore
	ctx := context.Background()
	s, err := store.Open(ctx, ":memory:")
	if err != nil {
		g.err = err
		return
	}
	defer s.Close()
	c, err := datasets.DefaultPlan()
	if err != nil {
		g.err = err
		return
	}
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		g.err = err
		return
	}
	inds, err := s.Indicators(ctx)
	if err != nil {
		g.err = err
		return
	}
	for _, ex := range []struct {
		name, status string
		data         []byte
	}{
		{datasets.ExampleActualsName, "final", datasets.ExampleActualsCSV},
		{datasets.ExamplePreliminaryName, "preliminary", datasets.ExamplePreliminaryCSV},
	} {
		f, err := actuals.Read(ex.data, actuals.Options{Name: ex.name, Region: "冠县", Indicators: inds, Regions: []string{"冠县"}})
		if err != nil {
			g.err = err
			return
		}
		b := model.Batch{File: f.Name, SHA256: f.SHA256, Source: "示例数据", Status: ex.status, Illustrative: true}
		if _, err := s.LoadActuals(ctx, f.Observations, b, false, nil); err != nil {
			g.err = err
			return
		}
	}
	if g.ins, g.err = s.Inputs(ctx, model.TargetFilter{Region: "冠县"}, model.AsOf{}); g.err != nil {
		return
	}
	if g.bat, g.err = s.Batches(ctx); g.err != nil {
		return
	}
	g.revs, g.err = s.Revisions(ctx, "冠县")
}

// guanxian is the report data for the default plan at report year (0: the
// default, the latest year with final data) in lang.
func guanxian(t *testing.T, year int, lang string) *Data {
	t.Helper()
	guanxianStore.once.Do(loadGuanxian)
	g := &guanxianStore
	if g.err != nil {
		t.Fatal(g.err)
	}
	th, err := charts.NewTheme(lang, "")
	if err != nil {
		t.Skipf("no CJK font: %v", err)
	}
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	cfg := analysis.DefaultConfig()
	cfg.Year = year
	if cfg.Year == 0 {
		cfg.Year = DefaultYear(g.revs, "冠县")
	}
	return &Data{Plan: c.Plan, Inputs: g.ins, Rows: analysis.AnalyseAll(g.ins, cfg), Config: cfg, Batches: g.bat, Revisions: g.revs,
		Theme: th, Now: time.Date(2026, 3, 1, 2, 30, 0, 0, time.UTC)}
}

// row finds a target's row.
func row(t *testing.T, d *Data, id string) (int, analysis.Row) {
	t.Helper()
	for i, r := range d.Rows {
		if r.Target.ID == id {
			return i, r
		}
	}
	t.Fatalf("no target %s", id)
	return 0, analysis.Row{}
}
