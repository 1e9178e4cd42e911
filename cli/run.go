package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/atomicfile"
	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/store"
)

func (a *App) runCommand() *cobra.Command {
	var out, lang, fontPath string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Do the main job on the embedded default plan (一键评估)",
		Long: `run initialises the database, loads the default plan and its illustrative
example actuals (示例数据, not official statistics), analyses every target, and
writes into --out:

  targets.csv       the target catalogue
  gap.csv, gap.json the gap table (schedule method)
  charts/           a trajectory per quantitative target, the progress chart,
                    the status and schedule-gap heatmaps, the department
                    scorecard and the dashboard, as PNG and SVG
  report.html       the mid-term evaluation report (中期评估报告), self-contained
  report.xlsx       the same as a workbook

Chinese labels need a CJK font; without one, run says which package to install
and draws English labels instead.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := a.loadDefault(ctx, s); err != nil {
				return err
			}
			if err := a.loadExampleActuals(ctx, s); err != nil {
				return err
			}
			c, err := exportCatalogue(ctx, s, "", "")
			if err != nil {
				return err
			}
			if err := a.writeFile(filepath.Join(out, "targets.csv"), func(w io.Writer) error { return catalogue.WriteCSV(w, c) }); err != nil {
				return err
			}
			ins, err := s.Inputs(ctx, store.TargetFilter{Region: c.Plan.Region, Plan: c.Plan.Code}, store.AsOf{})
			if err != nil {
				return err
			}
			cfg := analysis.DefaultConfig()
			rows := analysis.AnalyseAll(ins, cfg)
			if err := a.writeFile(filepath.Join(out, "gap.csv"), func(w io.Writer) error { return gapTable(rows).writeCSV(w) }); err != nil {
				return err
			}
			if err := a.writeFile(filepath.Join(out, "gap.json"), func(w io.Writer) error {
				js := make([]analysis.RowJSON, len(rows))
				for i, r := range rows {
					js[i] = r.JSON()
				}
				return writeJSON(w, js)
			}); err != nil {
				return err
			}
			th, err := a.theme(lang, fontPath)
			if err != nil {
				return err
			}
			jobs, err := chartJobs(th, ins, rows, cfg)
			if err != nil {
				return err
			}
			dir := filepath.Join(out, "charts")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			n, err := RenderAll(jobs, []string{"png", "svg"}, dir, th, func() {})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.Stdout, "wrote %d charts to %s\n", n, dir)
			d, err := reportData(ctx, s, c.Plan.Region, cfg, store.AsOf{}, th, "")
			if err != nil {
				return err
			}
			for _, format := range []string{"html", "xlsx"} {
				path := filepath.Join(out, "report."+format)
				if err := a.writeFile(path, func(w io.Writer) error { return writeReport(w, format, d) }); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "out", "directory for the outputs")
	cmd.Flags().StringVar(&lang, "lang", "zh", "label language: zh or en")
	cmd.Flags().StringVar(&fontPath, "font", "", "CJK font file; default $"+charts.FontEnv+" or an installed one")
	return cmd
}

// theme prepares the chart theme. Without a CJK font it falls back to
// English labels and says what to install, so the main job never fails
// for a missing font.
func (a *App) theme(lang, fontPath string) (*charts.Theme, error) {
	th, err := charts.NewTheme(lang, fontPath)
	if errors.Is(err, charts.ErrNoCJKFont) && lang == "zh" {
		fmt.Fprintf(a.Stderr, "warning: %v\nwarning: drawing the charts with English labels instead\n", err)
		return charts.NewTheme("en", "")
	}
	return th, err
}

// loadExampleActuals loads the embedded illustrative actuals: the final
// 2020–2024 yearbook table and the preliminary 2025 figures. Loading them
// again changes nothing.
func (a *App) loadExampleActuals(ctx context.Context, s *store.Store) error {
	inds, err := s.Indicators(ctx)
	if err != nil {
		return err
	}
	for _, ex := range []struct {
		name, status string
		data         []byte
	}{
		{datasets.ExampleActualsName, "final", datasets.ExampleActualsCSV},
		{datasets.ExamplePreliminaryName, "preliminary", datasets.ExamplePreliminaryCSV},
	} {
		f, err := actuals.Read(ex.data, actuals.Options{Name: ex.name, Region: "冠县", Indicators: inds})
		if err != nil {
			return err
		}
		b := store.Batch{File: f.Name, SHA256: f.SHA256, Source: IllustrativeSource, Status: ex.status, Illustrative: true}
		res, err := s.LoadActuals(ctx, f, b, false, nil)
		if err != nil {
			return err
		}
		a.printLoad(f, res, true)
	}
	return nil
}

// writeFile writes path atomically (see atomicfile): a failed write
// leaves whatever was there before, never a half-written or empty file.
func (a *App) writeFile(path string, fill func(io.Writer) error) error {
	if err := atomicfile.Write(path, fill); err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "wrote %s\n", path)
	return nil
}
