package app_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
)

// BenchmarkFiguresPNG draws every chart of a plan (what `plangap chart
// --all --format png` writes) as PNG on all cores: the default plan with
// its example data, and the national plan with its published figures.
// Besides ns/op it reports PNG/s by the wall clock and PNG per CPU-second
// (on a shared machine the second is the steadier; issue 11 wants ≥ 60
// PNG/s on 2 cores, that is ≥ 30 per CPU-second).
//
//	go test ./app -run x -bench FiguresPNG -benchtime 3x -cpuprofile cpu.out
func BenchmarkFiguresPNG(b *testing.B) {
	for _, plan := range []struct{ name, region string }{{"default", "冠县"}, {"national", "全国"}} {
		b.Run(plan.name, func(b *testing.B) {
			th, err := charts.NewTheme("zh", "")
			if errors.Is(err, charts.ErrNoCJKFont) {
				b.Skip("no CJK font installed")
			}
			if err != nil {
				b.Fatal(err)
			}
			s, a := figureAnalysis(b, plan.region)
			if th, err = s.MarkPreliminary(context.Background(), th, a); err != nil {
				b.Fatal(err)
			}
			files := 0
			var wall, cpu time.Duration
			for b.Loop() {
				t0, c0 := time.Now(), cpuTime()
				jobs, err := app.Figures(th, a)
				if err != nil {
					b.Fatal(err)
				}
				files += renderPNGs(b, jobs, th)
				wall += time.Since(t0)
				cpu += cpuTime() - c0
			}
			b.ReportMetric(float64(files)/wall.Seconds(), "png/s")
			if cpu > 0 {
				b.ReportMetric(float64(files)/cpu.Seconds(), "png/cpu-s")
			}
		})
	}
}

// figureAnalysis is a fresh in-memory database with the plan of region
// and its data, analysed once.
func figureAnalysis(b *testing.B, region string) (*app.Service, *app.Analysis) {
	ctx := context.Background()
	s, err := app.Open(ctx, ":memory:", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if region == "全国" {
		_, err = s.LoadNational(ctx)
	} else {
		_, _, err = s.LoadExamples(ctx)
	}
	if err != nil {
		b.Fatal(err)
	}
	a, err := s.Analyse(ctx, app.Query{Filter: model.TargetFilter{Region: region}, Config: analysis.DefaultConfig()})
	if err != nil {
		b.Fatal(err)
	}
	if len(a.Rows) == 0 {
		b.Fatalf("no rows for %s", region)
	}
	return s, a
}

// renderPNGs encodes every job as PNG on GOMAXPROCS workers and returns
// the count.
func renderPNGs(b *testing.B, jobs []app.FigureJob, th *charts.Theme) int {
	work := make(chan charts.Figure)
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				data, err := f.Bytes("png", th)
				if err != nil || len(data) < 1000 {
					b.Errorf("png: %d bytes, %v", len(data), err)
				}
				mu.Lock()
				n++
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		if j.Skipped == nil {
			work <- j.Fig
		}
	}
	close(work)
	wg.Wait()
	return n
}
