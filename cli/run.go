package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/report"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/atomicfile"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
)

func (a *App) runCommand() *cobra.Command {
	var out, lang, fontPath, region, plan string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Do the main job: analyse a plan and write every output (一键评估)",
		Long: `run analyses every target of one plan and writes into --out:

  targets.csv       the target catalogue
  gap.csv, gap.json the gap table (schedule method)
  charts/           a trajectory per quantitative target, the progress chart,
                    the status and schedule-gap heatmaps, the department
                    scorecard and the dashboard, as PNG and SVG
  report.html       the mid-term evaluation report (中期评估报告), self-contained
  report.xlsx       the same as a workbook, with the standard 附表
  report.docx       the same for Word and WPS, to edit and stamp
  report.pdf        the HTML printed by Chromium (skipped, and said, without it)

On a new database run loads the embedded default plan and its illustrative
example actuals (示例数据, not official statistics) first. A database that
already holds data is analysed as it is: the examples never go into it.
With plans of several regions, --region chooses one (and --plan, when the
region has several); run says which exist before it writes anything.

Chinese labels need a CJK font; without one, run says which package to install
and draws English labels instead.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			p, err := s.ChoosePlan(ctx, region, plan)
			if err != nil {
				return err
			}
			if err := a.exampleDataIfEmpty(ctx, s, p); err != nil {
				return err
			}
			// Everything that can fail is computed before the first file is
			// written, so that run never leaves half its outputs behind.
			c, err := s.Catalogue(ctx, p.Region, p.Code)
			if err != nil {
				return err
			}
			th, err := a.theme(lang, fontPath)
			if err != nil {
				return err
			}
			// One report year for every output: the report's (the latest
			// year with final figures), so the gap table, the charts and
			// the report judge the same year.
			q := app.Query{Filter: model.TargetFilter{Region: p.Region, Plan: p.Code}, Config: analysis.DefaultConfig()}
			d, err := s.ReportData(ctx, th, q)
			if err != nil {
				return err
			}
			q.Config.Year = d.Config.Year
			res, err := s.Analyse(ctx, q)
			if err != nil {
				return err
			}
			rows := res.Rows
			marked, err := s.MarkPreliminary(ctx, th, res)
			if err != nil {
				return err
			}
			jobs, err := app.Figures(marked, res)
			if err != nil {
				return err
			}

			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			if err := a.writeFile(filepath.Join(out, "targets.csv"), func(w io.Writer) error { return app.WriteCatalogue(w, c, "csv") }); err != nil {
				return err
			}
			if err := a.writeFile(filepath.Join(out, "gap.csv"), func(w io.Writer) error { return gapTable(rows).writeCSV(w) }); err != nil {
				return err
			}
			if err := a.writeFile(filepath.Join(out, "gap.json"), func(w io.Writer) error {
				return app.WriteGapJSON(w, rows)
			}); err != nil {
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
			for _, format := range []string{"html", "xlsx", "docx"} {
				path := filepath.Join(out, "report."+format)
				if err := a.writeFile(path, func(w io.Writer) error { return app.WriteReport(w, format, d) }); err != nil {
					return err
				}
			}
			// The PDF is the HTML printed by Chromium, where it is installed.
			if err := a.writePDF(ctx, filepath.Join(out, "report.pdf"), d); errors.Is(err, report.ErrNoChromium) {
				fmt.Fprintf(a.Stderr, "未生成PDF：%v skipped report.pdf\n", err)
			} else if err != nil {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "out", "directory for the outputs")
	cmd.Flags().StringVar(&lang, "lang", "zh", "label language: zh or en")
	cmd.Flags().StringVar(&fontPath, "font", "", "CJK font file; default $"+charts.FontEnv+" or an installed one")
	cmd.Flags().StringVar(&region, "region", "", "region (地区) whose plan to analyse; needed when several regions have plans")
	cmd.Flags().StringVar(&plan, "plan", "", "plan code; needed when the region has several plans")
	return cmd
}

// exampleDataIfEmpty loads the illustrative example actuals, but only into
// a database that holds no data at all and only for the default plan they
// belong to: examples must never mix with, or revise, a bureau's figures.
// On a database with data it says that it analyses what is there.
func (a *App) exampleDataIfEmpty(ctx context.Context, s *app.Service, p model.Plan) error {
	bs, err := s.Batches(ctx)
	if err != nil {
		return err
	}
	if len(bs) > 0 {
		real := 0
		for _, b := range bs {
			if !b.Illustrative {
				real++
			}
		}
		fmt.Fprintf(a.Stderr, "数据库已有%d批数据（其中真实数据%d批），分析现有数据，不加载示例数据 the database holds %d batches (%d of them real data): analysing them; no example data loaded\n",
			len(bs), real, len(bs), real)
		return nil
	}
	def, err := app.DefaultPlan()
	if err != nil {
		return err
	}
	if p.Region != def.Plan.Region || p.Code != def.Plan.Code || s.ReadOnly {
		fmt.Fprintf(a.Stderr, "数据库中还没有统计数据，先用 plangap load 导入 no statistics are loaded yet (plangap load FILE): every target is not assessable\n")
		return nil
	}
	fmt.Fprintf(a.Stderr, "新数据库：加载示例数据（非官方统计） new database: loading the illustrative example data (示例数据, not official statistics)\n")
	return a.loadExampleActuals(ctx, s)
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
func (a *App) loadExampleActuals(ctx context.Context, s *app.Service) error {
	files, results, err := s.LoadExamples(ctx)
	for i := range results {
		a.printLoad(files[i], results[i], true)
	}
	return err
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
