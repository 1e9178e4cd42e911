package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
)

type loadOptions struct {
	region, sheet, source, status string
	dryRun, quiet, illustrative   bool
	newRegion, strict             bool
}

func (a *App) loadCommand() *cobra.Command {
	var o loadOptions
	cmd := &cobra.Command{
		Use:   "load FILE...",
		Short: "Load yearly actuals from CSV or XLSX (导入统计数据)",
		Long: `load reads statistics files and stores their values as one batch per file.

Layouts (表式):
  long   one value per row, with columns 指标/indicator, 年份/year, 数值/value and
         optionally 单位/unit, 地区/region, 状态/status, 备注/note
  wide   a yearbook table (年鉴式): one indicator per row, one column per year
         (2022 or 2022年), with an optional 单位/unit column; the unit may also
         stand in the label: 社会消费品零售总额（万元）

Files may be CSV in UTF-8 (with or without BOM) or GBK/GB18030, or XLSX (first
sheet, or --sheet NAME|N). Title rows above the header are skipped. Numbers may
use thousands separators, full-width digits or a trailing % for shares. Empty
cells and — - … / mean "no data", never zero. Values are converted to the
indicator's unit (万元 → 亿元); a value without a unit is refused where the
unit is ambiguous.

Every problem in a file is reported with its row, column and reason, and then
nothing is loaded. A value that differs from the stored one becomes a new
revision (修订); nothing is overwritten. Loading the same file again changes
nothing. --dry-run validates and reports without writing.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, err := a.openSource(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if r, ok := s.(*remote); ok {
				return a.loadRemote(ctx, r, args, o)
			}
			return a.loadFiles(ctx, s.(*app.Service), args, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.region, "region", "", "region (地区) for rows without one; default: the only region with a plan")
	f.StringVar(&o.sheet, "sheet", "", "XLSX sheet name or 1-based index")
	f.StringVar(&o.source, "source", "", "source text (数据来源), e.g. 冠县统计年鉴2024")
	f.StringVar(&o.status, "status", "final", "preliminary (初步核算) or final (最终核实), for rows without a status")
	f.BoolVar(&o.dryRun, "dry-run", false, "validate and report; write nothing")
	f.BoolVar(&o.quiet, "quiet", false, "no progress bar and no per-indicator summary")
	f.BoolVar(&o.illustrative, "illustrative", false, "mark the batch as illustrative, not official (示例数据); the source text does not decide it")
	f.BoolVar(&o.strict, "strict", false, "refuse rows of indicators no target uses instead of skipping them (严格模式)")
	f.BoolVar(&o.newRegion, "new-region", false, "accept regions (地区) that have no plan or data yet; otherwise they are refused as likely typos")
	return cmd
}

func (a *App) loadFiles(ctx context.Context, s *app.Service, paths []string, o loadOptions) error {
	if o.status != model.Preliminary && o.status != model.Final {
		return fmt.Errorf("--status %q: 须为 preliminary（初步核算）或 final（最终核实） want preliminary or final", o.status)
	}
	svc := s
	req := func(p string) app.LoadRequest {
		return app.LoadRequest{Name: filepath.Base(p), Path: p, Sheet: o.sheet, Region: o.region, Source: o.source,
			Status: o.status, Illustrative: o.illustrative, NewRegion: o.newRegion, Strict: o.strict, DryRun: o.dryRun}
	}
	// One transaction for all the files: one bad file loads nothing.
	reqs := make([]app.LoadRequest, len(paths))
	for i, p := range paths {
		reqs[i] = req(p)
		if !o.quiet && isTerminal(a.Stderr) {
			reqs[i].Progress = a.loadProgress(reqs[i].Name)
		}
	}
	files, results, err := svc.LoadFiles(ctx, reqs)
	if err != nil {
		return err
	}
	for i, f := range files {
		a.printLoad(f, results[i], o.quiet)
	}
	return nil
}

// loadProgress counts the values staged from a long file; short files
// show no bar. The total is not known while the file streams.
func (a *App) loadProgress(name string) func(int) {
	var bar *progressbar.ProgressBar
	return func(n int) {
		if bar == nil {
			if n < 50000 {
				return
			}
			bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(a.Stderr),
				progressbar.OptionSetDescription("loading "+name), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		bar.Set(n)
	}
}

func (a *App) printLoad(f *app.File, res model.LoadResult, quiet bool) {
	b := res.Batch
	layout := f.Layout
	if f.Encoding != "" {
		layout += ", " + f.Encoding
	}
	if f.Sheet != "" {
		layout += ", sheet " + f.Sheet
	}
	verb := "loaded as batch " + strconv.Itoa(b.ID)
	switch {
	case res.DryRun && b.Inserted+b.Revised > 0:
		verb = "dry run, nothing written"
	case b.Inserted+b.Revised == 0 && res.AlreadyLoaded > 0:
		verb = fmt.Sprintf("unchanged: every value is already stored (this file was loaded as batch %d); no revision created", res.AlreadyLoaded)
	case b.Inserted+b.Revised == 0:
		verb = "unchanged: every value is already stored; no revision created"
	}
	a.printf("%s (%s, header on row %d): %d values read, %d inserted, %d revised, %d unchanged, %d no-data cells — %s\n",
		f.Name, layout, f.HeaderRow, b.RowsRead, b.Inserted, b.Revised, b.Unchanged, f.NoData, verb)
	if quiet {
		// Even a quiet load says that rows were left out or names guessed.
		if len(f.Skipped)+len(f.Matched) > 0 {
			a.printf("%d行/列跳过，%d个名称匹配 %d rows or columns skipped, %d labels matched (run without --quiet to list them)\n",
				len(f.Skipped), len(f.Matched), len(f.Skipped), len(f.Matched))
		}
		return
	}
	f.WriteSummary(a.Stdout)
	if len(res.PerIndicator) == 0 {
		return
	}
	tb := &table{header: []string{"indicator", "read", "inserted", "revised", "unchanged"}, right: map[int]bool{1: true, 2: true, 3: true, 4: true}}
	for _, is := range res.PerIndicator {
		tb.add(is.Indicator, strconv.Itoa(is.Read), strconv.Itoa(is.Inserted), strconv.Itoa(is.Revised), strconv.Itoa(is.Unchanged))
	}
	tb.writeText(a.Stdout)
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (a *App) batchesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "batches",
		Short: "List the loads (数据批次) with their provenance",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.openSource(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			bs, err := s.Batches(cmd.Context())
			if err != nil {
				return err
			}
			tb := &table{header: []string{"batch", "loaded (UTC)", "file", "status", "source", "values", "inserted", "revised", "sha256"},
				right: map[int]bool{5: true, 6: true, 7: true}, maxWidth: map[int]int{4: 36}}
			for _, b := range bs {
				src := sourceLabel(b.Source, b.Illustrative)
				tb.add(strconv.Itoa(b.ID), b.LoadedAt.Format("2006-01-02 15:04:05"), b.File, b.Status, src,
					strconv.Itoa(b.RowsRead), strconv.Itoa(b.Inserted), strconv.Itoa(b.Revised), b.SHA256[:12])
			}
			tb.writeText(a.Stdout)
			return nil
		},
	}
}

func (a *App) historyCommand() *cobra.Command {
	var region string
	cmd := &cobra.Command{
		Use:   "history INDICATOR",
		Short: "List every revision of an indicator's values (数据修订记录)",
		Long:  `history lists every stored revision of an indicator (by code, Chinese name or alias), year by year, with the batch that brought it. The last revision of a year is the one analysis uses.`,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, err := a.openSource(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			ind, err := s.ResolveIndicator(ctx, args[0])
			if err != nil {
				return err
			}
			hs, err := s.History(ctx, ind.Code, region)
			if err != nil {
				return err
			}
			a.printf("%s %s (%s)\n", ind.Code, ind.NameZh, ind.Unit)
			tb := &table{header: []string{"region", "year", "value", "status", "batch", "loaded (UTC)", "source"}, right: map[int]bool{2: true}}
			for _, h := range hs {
				src := sourceLabel(h.Source, h.Illustrative)
				tb.add(h.Region, strconv.Itoa(h.Year), h.Value.String(), h.Status, strconv.Itoa(h.Batch), h.LoadedAt.Format("2006-01-02 15:04:05"), src)
			}
			tb.writeText(a.Stdout)
			return nil
		},
	}
	cmd.Flags().StringVar(&region, "region", "", "only this region (地区)")
	return cmd
}

func (a *App) actualsCommand() *cobra.Command {
	var region, indicator, asOf, format string
	cmd := &cobra.Command{
		Use:   "actuals",
		Short: "List the stored values, latest revision or --as-of a batch or date (统计实绩)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "table", "csv", "json"); err != nil {
				return err
			}
			ctx := cmd.Context()
			at, err := parseAsOf(asOf)
			if err != nil {
				return err
			}
			s, err := a.openSource(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			code := ""
			if indicator != "" {
				ind, err := s.ResolveIndicator(ctx, indicator)
				if err != nil {
					return err
				}
				code = ind.Code
			}
			xs, err := s.Actuals(ctx, region, code, at)
			if err != nil {
				return err
			}
			if format == "json" {
				out := []app.ActualJSON{}
				for _, x := range xs {
					out = append(out, app.ActualJSONOf(x))
				}
				return writeJSON(a.Stdout, out)
			}
			tb := &table{header: []string{"region", "indicator", "year", "value", "status", "batch", "source"}, right: map[int]bool{3: true}, maxWidth: map[int]int{6: 40}}
			for _, x := range xs {
				src := sourceLabel(x.Source, x.Illustrative)
				tb.add(x.Region, x.Indicator, strconv.Itoa(x.Year), x.Value.String(), x.Status, strconv.Itoa(x.Batch), src)
			}
			if format == "csv" {
				return tb.writeCSV(a.Stdout)
			}
			tb.writeText(a.Stdout)
			return nil
		},
	}
	cmd.Flags().StringVar(&region, "region", "", "only this region (地区)")
	cmd.Flags().StringVar(&indicator, "indicator", "", "only this indicator (code, name or alias)")
	cmd.Flags().StringVar(&asOf, "as-of", "", "the data as they stood after batch N, or on a date (2024-06-30)")
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	return cmd
}

// sourceLabel is a batch's source as shown in tables: illustrative data say
// so even when their source text does not.
func sourceLabel(src string, illustrative bool) string {
	if illustrative && !strings.Contains(src, "示例") {
		return src + " [示例数据 illustrative]"
	}
	return src
}
