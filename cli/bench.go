package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/report"
	"github.com/plangap/plangap/synth"
)

func (a *App) benchCommand() *cobra.Command {
	var quick bool
	var dir string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure loading, analysis, charts and the report on this machine (性能测试)",
		Long: `bench prints a table of:

  load CSV    rows/s for a 1,000,000-row long-format CSV (read, validate, store)
  load XLSX   rows/s for a 100,000-row workbook
  analyse     seconds for 3,000 regions × 80 targets × 10 years (240,000 pairs)
  charts      charts per second for every chart of the default plan, PNG and SVG
  report      seconds to build the HTML report and the workbook
  peak RSS    the process's maximum resident memory

Synthetic data come from the deterministic generator (package synth). --quick
divides the sizes by ten.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				d, err := os.MkdirTemp("", "plangap-bench")
				if err != nil {
					return err
				}
				defer os.RemoveAll(d)
				dir = d
			}
			return a.bench(cmd.Context(), dir, quick)
		},
	}
	cmd.Flags().BoolVar(&quick, "quick", false, "a tenth of the sizes")
	cmd.Flags().StringVar(&dir, "dir", "", "scratch directory (default: a temporary one)")
	return cmd
}

type benchRow struct{ what, figure, note string }

func (a *App) bench(ctx context.Context, dir string, quick bool) error {
	scale := 1
	if quick {
		scale = 10
	}
	var rows []benchRow
	add := func(what, figure, note string) {
		rows = append(rows, benchRow{what, figure, note})
		fmt.Fprintf(a.Stderr, "  %s: %s\n", what, figure)
	}

	// Loading: a long CSV and a workbook over the seed plan's indicators.
	open := func(name string) (*app.Service, error) {
		s, err := app.Open(ctx, filepath.Join(dir, name), nil)
		if err != nil {
			return nil, err
		}
		if err := a.loadDefaultQuiet(ctx, s); err != nil {
			s.Close()
			return nil, err
		}
		return s, nil
	}
	for _, job := range []struct {
		name string
		rows int
		xlsx bool
	}{{"load CSV", 1_000_000 / scale, false}, {"load XLSX", 100_000 / scale, true}} {
		s, err := open(job.name + ".duckdb")
		if err != nil {
			return err
		}
		data, err := benchFile(job.rows, job.xlsx)
		if err != nil {
			s.Close()
			return err
		}
		t0 := time.Now()
		name := "bench.csv"
		if job.xlsx {
			name = "bench.xlsx"
		}
		_, _, err = s.Load(ctx, app.LoadRequest{Name: name, Data: data, Source: "bench", Status: model.Final, NewRegion: true})
		el := time.Since(t0)
		s.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", job.name, err)
		}
		add(job.name, fmt.Sprintf("%.0f rows/s", float64(job.rows)/el.Seconds()), fmt.Sprintf("%d rows in %.2f s", job.rows, el.Seconds()))
	}

	// Analysis at national scale.
	regions := 3000 / scale
	s, err := app.Open(ctx, filepath.Join(dir, "scale.duckdb"), nil)
	if err != nil {
		return err
	}
	names := synth.Regions(regions)
	c := synth.Plan(names[0], 80, 2021, 2030)
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		return err
	}
	if err := s.CopyPlan(ctx, names[0], c.Plan.Code, names[1:]); err != nil {
		return err
	}
	years := []int{2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025}
	sf := synth.Actuals(c, names, years, 1)
	if _, err := s.LoadActuals(ctx, sf.Observations, model.Batch{File: sf.Name, SHA256: sf.SHA256, Source: "synthetic", Status: "final"}, false, nil); err != nil {
		return err
	}
	runtime.GC()
	t0 := time.Now()
	ins, err := s.Inputs(ctx, model.TargetFilter{}, model.AsOf{})
	if err != nil {
		return err
	}
	t1 := time.Now()
	res := analysis.AnalyseAll(ins, analysis.DefaultConfig())
	t2 := time.Now()
	s.Close()
	add("analyse", fmt.Sprintf("%.2f s", t2.Sub(t0).Seconds()), fmt.Sprintf("%d regions × 80 targets × 10 years = %d pairs; read %.2f s, analyse %.2f s",
		regions, len(res), t1.Sub(t0).Seconds(), t2.Sub(t1).Seconds()))

	// Charts and the report on the default plan with the example data.
	s, err = open("default.duckdb")
	if err != nil {
		return err
	}
	defer s.Close()
	quiet := &App{Stdout: io.Discard, Stderr: io.Discard, dbPath: s.Path}
	if err := quiet.loadExampleActuals(ctx, s); err != nil {
		return err
	}
	th, err := a.theme("zh", "")
	if err != nil {
		return err
	}
	q := app.Query{Config: analysis.DefaultConfig()}
	dres, err := s.Analyse(ctx, q)
	if err != nil {
		return err
	}
	t0 = time.Now()
	jobs, err := app.Figures(th, dres)
	if err != nil {
		return err
	}
	chartDir := filepath.Join(dir, "charts")
	os.MkdirAll(chartDir, 0o755)
	n, err := RenderAll(jobs, []string{"png", "svg"}, chartDir, th, func() {})
	if err != nil {
		return err
	}
	el := time.Since(t0)
	add("charts", fmt.Sprintf("%.1f charts/s", float64(n)/el.Seconds()), fmt.Sprintf("%d files in %.2f s", n, el.Seconds()))
	t0 = time.Now()
	d, err := s.ReportData(ctx, th, q)
	if err != nil {
		return err
	}
	var html, xlsx bytes.Buffer
	if err := report.HTML(&html, d); err != nil {
		return err
	}
	if err := report.XLSX(&xlsx, d); err != nil {
		return err
	}
	add("report", fmt.Sprintf("%.2f s", time.Since(t0).Seconds()), fmt.Sprintf("HTML %d KB + XLSX %d KB", html.Len()>>10, xlsx.Len()>>10))

	if peak, ok := peakRSS(); ok {
		add("peak RSS", fmt.Sprintf("%d MB", peak>>20), "maximum resident set of this process")
	}

	tb := &table{header: []string{"what", "figure", "detail"}}
	for _, r := range rows {
		tb.add(r.what, r.figure, r.note)
	}
	tb.footer = []string{fmt.Sprintf("%d cores, %s/%s, %s", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())}
	tb.writeText(a.Stdout)
	return nil
}

// loadDefaultQuiet imports the seed plan without printing.
func (a *App) loadDefaultQuiet(ctx context.Context, s *app.Service) error {
	q := &App{Stdout: io.Discard, Stderr: io.Discard}
	return q.loadDefault(ctx, s)
}

// benchFile makes n long-format rows over the seed plan's 5G indicator and
// synthetic regions, as CSV or as a workbook.
func benchFile(n int, xlsx bool) ([]byte, error) {
	if !xlsx {
		var b bytes.Buffer
		b.WriteString("指标,地区,年份,数值,单位\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "5G基站数量,R%06d,%d,%d,个\n", i/10, 2016+i%10, 100+i%977)
		}
		return b.Bytes(), nil
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return nil, err
	}
	sw.SetRow("A1", []any{"指标", "地区", "年份", "数值", "单位"})
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, []any{"5G基站数量", fmt.Sprintf("R%06d", i/10), 2016 + i%10, 100 + i%977, "个"}); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	_, err = f.WriteTo(&b)
	return b.Bytes(), err
}
