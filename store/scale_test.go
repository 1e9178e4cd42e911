package store

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/synth"
)

// scaleStore loads regions × targets × years of synthetic data.
func scaleStore(tb testing.TB, regions, targets, years int) *Store {
	return scaleStoreAt(tb, ":memory:", regions, targets, years)
}

// scaleStoreAt is scaleStore in the database file path.
func scaleStoreAt(tb testing.TB, path string, regions, targets, years int) *Store {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	names := synth.Regions(regions)
	c := synth.Plan(names[0], targets, 2021, 2030)
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		tb.Fatal(err)
	}
	if err := s.CopyPlan(ctx, names[0], c.Plan.Code, names[1:]); err != nil {
		tb.Fatal(err)
	}
	ys := make([]int, years)
	for i := range ys {
		ys[i] = 2020 - years + 1 + i + 5 // the last five years fall inside the plan
	}
	f := synth.Actuals(c, names, ys, 1)
	if _, err := s.LoadActuals(ctx, f.Observations, model.Batch{File: f.Name, SHA256: f.SHA256, Source: "synthetic", Status: "final"}, false, nil); err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestScaleSmall(t *testing.T) {
	s := scaleStore(t, 20, 16, 10)
	defer s.Close()
	ins, err := s.Inputs(context.Background(), model.TargetFilter{}, model.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != 320 {
		t.Fatalf("%d inputs, want 320", len(ins))
	}
	rows := analysis.AnalyseAll(ins, analysis.DefaultConfig())
	assessable := 0
	for _, r := range rows {
		if len(ins[0].Years) != 10 {
			t.Fatalf("series of %d years", len(ins[0].Years))
		}
		if r.Status != analysis.NotAssessable {
			assessable++
		}
	}
	if assessable < 300 {
		t.Errorf("only %d of 320 assessable", assessable)
	}
}

// BenchmarkAnalyse240k analyses 3,000 regions × 80 targets × 10 years
// (240,000 pairs, 2.4 million actuals): read targets and actuals from
// DuckDB, then analyse on all cores.
// Run with: go test ./store -run x -bench Analyse240k -benchtime 3x
func BenchmarkAnalyse240k(b *testing.B) {
	t0 := time.Now()
	s := scaleStore(b, 3000, 80, 10)
	defer s.Close()
	b.Logf("setup (plans, 2.4M actuals) %v", time.Since(t0))
	ctx := context.Background()
	runtime.GC()
	b.ResetTimer()
	var read, compute time.Duration
	for i := 0; i < b.N; i++ {
		t1 := time.Now()
		ins, err := s.Inputs(ctx, model.TargetFilter{}, model.AsOf{})
		if err != nil || len(ins) != 240000 {
			b.Fatalf("%v, %d inputs", err, len(ins))
		}
		t2 := time.Now()
		rows := analysis.AnalyseAll(ins, analysis.DefaultConfig())
		compute += time.Since(t2)
		read += t2.Sub(t1)
		if len(rows) != 240000 {
			b.Fatal(len(rows))
		}
	}
	b.ReportMetric(read.Seconds()/float64(b.N), "s-read/op")
	b.ReportMetric(compute.Seconds()/float64(b.N), "s-analyse/op")
}
