package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
)

func TestRunWritesEveryChart(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "--db", filepath.Join(dir, "p.duckdb"), "run", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "charts to") {
		t.Errorf("run output: %s", out)
	}
	files, _ := os.ReadDir(filepath.Join(dir, "charts"))
	var traj, plan int
	for _, f := range files {
		switch {
		case strings.HasPrefix(f.Name(), "trajectory-"):
			traj++
		default:
			plan++
		}
	}
	// 99 quantitative targets and 5 plan charts, each as PNG and SVG.
	if traj != 2*99 || plan != 2*5 {
		t.Errorf("%d trajectory files and %d plan-chart files, want 198 and 10", traj, plan)
	}
	for _, name := range []string{"targets.csv", "gap.csv", "gap.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	// chart --all with a --format draws that format alone.
	pngs := filepath.Join(dir, "png")
	if _, err := run(t, "--db", filepath.Join(dir, "p.duckdb"), "chart", "--all", "--format", "png", "--out", pngs); err != nil {
		t.Fatal(err)
	}
	files, _ = os.ReadDir(pngs)
	for _, f := range files {
		if filepath.Ext(f.Name()) != ".png" {
			t.Errorf("chart --all --format png wrote %s", f.Name())
		}
	}
	if len(files) != 99+5 {
		t.Errorf("chart --all --format png wrote %d files, want 104", len(files))
	}
}

// BenchmarkChartsAll renders every chart of the default plan, PNG and SVG,
// on all cores. Run with: go test ./cli -run x -bench ChartsAll
func BenchmarkChartsAll(b *testing.B) {
	dir := b.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	var o, e strings.Builder
	if err := Run(context.Background(), []string{"--db", db, "run", "--out", dir}, &o, &e); err != nil {
		b.Fatal(err)
	}
	s, _ := app.Open(context.Background(), db, nil)
	res, _ := s.Analyse(context.Background(), app.Query{Config: analysis.DefaultConfig()})
	s.Close()
	th, err := charts.NewTheme("zh", "")
	if err != nil {
		b.Skip(err)
	}
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		jobs, err := app.Figures(th, res)
		if err != nil {
			b.Fatal(err)
		}
		n, err := RenderAll(jobs, []string{"png", "svg"}, b.TempDir(), th, func() {})
		if err != nil {
			b.Fatal(err)
		}
		total += n
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "charts/s")
}

// TestBenchQuick runs "plangap bench --quick" and checks that every
// measurement is reported. Timings are printed, never asserted.
func TestBenchQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("bench takes a few seconds")
	}
	out, err := run(t, "bench", "--quick", "--dir", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"load CSV", "load XLSX", "read_csv", "peer SQL", "progress.sql", "gap in process", "statuses", "agree", "charts", "report", "peak RSS", "rows/s", "PNG/s"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}
