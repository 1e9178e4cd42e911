package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/labels"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/excelcsv"
	"github.com/plangap/plangap/model"
)

// analysisFlags are the options every analysing command shares: the
// names of app.QueryOptions, read by app.ParseQuery exactly as the server
// reads them from a URL. The threshold flags come from the methods: one
// --<method>-thresholds flag each (--band is the schedule method's).
type analysisFlags struct {
	fs     *pflag.FlagSet
	region string
}

func (o *analysisFlags) register(f *pflag.FlagSet) {
	o.fs = f
	def := analysis.DefaultConfig()
	f.StringVar(&o.region, "region", "", "only this region (地区)")
	f.String("plan", "", "only this plan (规划代码)")
	f.Int("year", 0, "report year (报告年份): ignore data after it; default the latest year with data")
	f.Int("month", 0, "months into the report year for 时序进度 (1–12; 0 = the whole year)")
	f.String("method", "schedule", "status method: "+strings.Join(methodNames(), ", "))
	f.String("as-of", "", "use the data as they stood after batch N or on a date (2024-06-30)")
	for _, j := range analysis.Judges {
		in := j.Info()
		var names []string
		for _, t := range in.Thresholds {
			names = append(names, t.Name)
		}
		f.Float64Slice(string(in.Method)+"-thresholds", def.ThresholdsOf(in.Method), string(in.Method)+": "+strings.Join(names, ", "))
	}
	f.Float64("band", def.ThresholdsOf(analysis.Schedule)[0], "schedule: half-width of 基本符合 around the time share, in percentage points (same as --schedule-thresholds)")
}

func methodNames() []string {
	var out []string
	for _, m := range analysis.Methods {
		out = append(out, string(m))
	}
	return out
}

// query reads the flags given into an app.Query; flags left at their
// defaults take app's defaults.
func (o *analysisFlags) query() (app.Query, error) {
	if fl := o.fs.Lookup("as-of"); fl != nil && fl.Changed {
		if _, err := parseAsOf(fl.Value.String()); err != nil {
			return app.Query{}, err
		}
	}
	return app.ParseQuery(func(name string) (string, bool) {
		fl := o.fs.Lookup(name)
		if fl == nil || !fl.Changed {
			return "", false
		}
		if strings.HasSuffix(name, "-thresholds") {
			vs, _ := o.fs.GetFloat64Slice(name)
			parts := make([]string, len(vs))
			for i, v := range vs {
				parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
			}
			return strings.Join(parts, ","), true
		}
		return fl.Value.String(), true
	})
}

// parseAsOf reads --as-of. Whether a batch exists is checked when the
// data are read (app.UnknownBatchError).
func parseAsOf(s string) (model.AsOf, error) {
	at, err := model.ParseAsOf(s)
	if err != nil {
		return at, fmt.Errorf("--as-of %q: 不是批次号或日期 want a batch id or a date such as 2024-06-30", s)
	}
	return at, nil
}

// analyse runs the flags' query, narrowed by the command's own filter.
func (a *App) analyse(cmd *cobra.Command, o *analysisFlags, f model.TargetFilter) ([]analysis.Row, analysis.Config, error) {
	q, err := o.query()
	if err != nil {
		return nil, q.Config, err
	}
	if f.ID != "" {
		q.Filter.ID = f.ID
	}
	s, err := a.openSource(cmd.Context())
	if err != nil {
		return nil, q.Config, err
	}
	defer s.Close()
	res, err := s.Analyse(cmd.Context(), q)
	if err != nil {
		return nil, q.Config, err
	}
	return res.Rows, q.Config, nil
}

// analyseEach runs the flags' query as analyse does and hands the rows to
// fn one at a time (app.Service.AnalyseEach).
func (a *App) analyseEach(cmd *cobra.Command, o *analysisFlags, f model.TargetFilter, fn func(*analysis.Row) error) (analysis.Config, error) {
	q, err := o.query()
	if err != nil {
		return q.Config, err
	}
	if f.ID != "" {
		q.Filter.ID = f.ID
	}
	s, err := a.openSource(cmd.Context())
	if err != nil {
		return q.Config, err
	}
	defer s.Close()
	return q.Config, s.AnalyseEach(cmd.Context(), q, fn)
}

func decStr(d interface{ String() string }, ok bool) string {
	if !ok {
		return "—"
	}
	return d.String()
}

func (a *App) gapCommand() *cobra.Command {
	var o analysisFlags
	var format, summary string
	var f model.TargetFilter
	cmd := &cobra.Command{
		Use:   "gap",
		Short: "Gap analysis: how far each target is, and what growth it now needs (差距分析)",
		Long: `gap analyses every target of a region at the report year (default: the latest
year with data) and gives, for each:

  actual          the latest value and its year (最新实绩)
  base            the base-year value, or the nearest later year with data (基期值)
  target          the target as a level in the indicator's unit; for growth,
                  multiple, increment and pp_per_year targets computed from the base
  gap             still to go, in the indicator's unit (> 0: not there yet) (差距)
  π               completion share 完成进度 = (actual − base)/(target − base);
                  for cumulative targets the sum of flows / target
  τ               time share 时序进度 = (year − base year)/(target year − base year)
  π−τ             schedule gap in percentage points (快于/慢于时序进度)
  required        growth a year now needed to reach the target (所需年均增速);
                  geometric for quantities, linear for shares and ratios
  observed        CAGR since the base (实际年均增速); R = observed / required (Eurostat)
  projection      log-linear OLS trend (linear for shares) at the target year with
                  80% and 95% prediction intervals; probability of meeting the target
  status          by --method, printed with the method's name:
    schedule  提前实现 achieved, 快于预期 ahead, 基本符合 on schedule (|π−τ| ≤ --band),
              滞后 lagging, 背离 moving away, 未完成 not met, 无法评估 not assessable
    eurostat  R ≥ 0.95 substantial, ≥ 0.60 moderate, ≥ 0 limited, < 0 deterioration
    un        projected ratio ≥ 0.95 on track, ≥ 0.10 fair, else stagnation
    dns       miss < 5% sun, ≤ 20% sun-cloud, > 20% cloud, wrong way thunderstorm

In JSON and CSV, completion_share, time_share, required_rate, observed_rate,
ratio and probability are fractions (0.46, not 46); actual, target, gap and
projection keep the indicator's unit. --summary chapter|department|region
prints counts of statuses and the composite score instead.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "table", "csv", "json"); err != nil {
				return err
			}
			if summary != "" {
				rows, _, err := a.analyse(cmd, &o, f)
				if err != nil {
					return err
				}
				var parentOf func(string) string
				if summary == "region" {
					if parentOf, err = a.parents(cmd.Context()); err != nil {
						return err
					}
				}
				return a.printSummary(rows, summary, format, parentOf)
			}
			// The rows are written as they are analysed, never held, so
			// the live heap stays a few chunks of inputs and rows: let it
			// grow five-fold between collections instead of two-fold
			// (collection took a fifth of the CPU), within a soft limit
			// well under a gigabyte.
			defer debug.SetGCPercent(debug.SetGCPercent(400))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(512 << 20))
			var w gapWriter
			switch format {
			case "json":
				w = app.NewGapJSONWriter(a.Stdout)
			case "csv":
				w = newGapCSV(a.Stdout)
			default:
				w = &gapText{w: a.Stdout, tb: newGapTable()}
			}
			cfg, err := a.analyseEach(cmd, &o, f, w.Write)
			if err != nil {
				return err
			}
			if t, ok := w.(*gapText); ok {
				t.cfg = cfg
			}
			return w.Close()
		},
	}
	o.register(cmd.Flags())
	cmd.Flags().BoolVar(&f.Headline, "headline", false, "only the headline indicators (附件1)")
	cmd.Flags().StringVar(&f.Department, "department", "", "only targets whose lead department contains this text")
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	cmd.Flags().StringVar(&summary, "summary", "", "summarise by chapter, department or region instead")
	return cmd
}

// gapWriter writes the gap table in one format as the rows come.
type gapWriter interface {
	Write(*analysis.Row) error
	Close() error
}

// gapCSV writes the gap CSV a row at a time. The header waits for the
// first row (or Close), so a query failing before it writes nothing.
type gapCSV struct {
	cw      *excelcsv.Writer
	started bool
}

func newGapCSV(w io.Writer) *gapCSV { return &gapCSV{cw: excelcsv.NewWriter(w)} }

func (g *gapCSV) start() {
	if !g.started {
		g.started = true
		g.cw.Write(app.GapCSVHeader)
	}
}

func (g *gapCSV) Write(r *analysis.Row) error {
	g.start()
	return g.cw.Write(app.GapCSVRow(r))
}

func (g *gapCSV) Close() error {
	g.start()
	g.cw.Flush()
	return g.cw.Error()
}

// gapText gathers the aligned table's cells (the column widths need every
// row) and the status counts of its footer.
type gapText struct {
	w      io.Writer
	tb     *table
	cfg    analysis.Config
	counts map[analysis.Status]int
	illus  bool
}

func (g *gapText) Write(r *analysis.Row) error {
	if g.counts == nil {
		g.counts = map[analysis.Status]int{}
	}
	g.counts[r.Status]++
	g.illus = g.illus || r.Illustrative
	g.tb.add(gapCells(r, app.GapStatus(r))...)
	return nil
}

func (g *gapText) Close() error {
	g.tb.footer = gapFooter(len(g.tb.rows), g.counts, g.illus, g.cfg)
	g.tb.writeText(g.w)
	return nil
}

func newGapTable() *table {
	return &table{
		header:    []string{"id", "region", labels.Indicator.Both(), "unit", "year", "actual", "target", "gap", "π", "τ", "π−τ pp", "required", "observed", "status", "method"},
		maxWidth:  map[int]int{2: 28},
		csvHeader: app.GapCSVHeader,
		right:     map[int]bool{4: true, 5: true, 6: true, 7: true, 8: true, 9: true, 10: true, 11: true, 12: true},
	}
}

func gapTable(rows []analysis.Row) *table {
	tb := newGapTable()
	for i := range rows {
		r := &rows[i]
		status := app.GapStatus(r)
		tb.add(gapCells(r, status)...)
		tb.csvRows = append(tb.csvRows, app.GapCSVRow(r))
	}
	return tb
}

// gapCells is a row of the aligned gap table.
func gapCells(r *analysis.Row, status string) []string {
	t := &r.Target
	year := "—"
	if r.Year > 0 {
		year = strconv.Itoa(r.Year)
	}
	actual := decStr(r.Actual, r.Actual != nil)
	if t.Kind == model.Cumulative && r.Outcome != nil {
		actual = "Σ" + r.Outcome.String()
	}
	required := analysis.Percent(r.RequiredRate)
	if !r.Geometric || math.IsNaN(r.RequiredRate) {
		required = analysis.Fixed(r.RequiredIncrement, 2) + "/yr"
		if math.IsNaN(r.RequiredIncrement) {
			required = "—"
		}
	}
	return []string{t.ID, r.Region, t.Indicator.NameZh, t.Indicator.Unit, year, actual,
		decStr(r.TargetLevel, r.TargetLevel != nil), decStr(r.Gap, r.Gap != nil),
		analysis.Percent(r.Completion), analysis.Percent(r.TimeShare), analysis.Fixed(r.ScheduleGap, 1), required, analysis.Percent(r.ObservedRate), status, string(r.Method)}
}

func gapFooter(n int, counts map[analysis.Status]int, illus bool, cfg analysis.Config) []string {
	var parts []string
	for _, s := range analysis.MethodStatuses[cfg.Method] {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %s %d", analysis.Labels[s].Zh, s, counts[s]))
		}
	}
	out := []string{
		fmt.Sprintf("%d targets. Method: %s — %s.", n, analysis.MethodName[cfg.Method].Zh, analysis.MethodName[cfg.Method].En),
		strings.Join(parts, " · "),
	}
	if illus {
		out = append(out, "* 示例数据 illustrative, not official statistics.")
	}
	return out
}

// parents maps each region with a plan to its parent region (县 → 市 →
// 省 → 全国), for summaries rolled up the region tree.
func (a *App) parents(ctx context.Context) (func(string) string, error) {
	s, err := a.openSource(ctx)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	plans, err := s.Plans(ctx)
	if err != nil {
		return nil, err
	}
	up := map[string]string{}
	for _, p := range plans {
		if p.Parent != "" {
			up[p.Region] = p.Parent
		}
	}
	return func(r string) string { return up[r] }, nil
}

// printSummary counts statuses by chapter, department, region or
// attribute; with parentOf, regions also count their descendants.
func (a *App) printSummary(rows []analysis.Row, by, format string, parentOf func(string) string) error {
	var key func(analysis.Row) []string
	switch by {
	case "chapter":
		key = analysis.ByChapter
	case "department":
		key = analysis.ByLeadDepartment
	case "region":
		key = analysis.ByRegion
	case "attribute":
		key = analysis.ByAttribute
	default:
		return fmt.Errorf("--summary %q: want chapter, department, region or attribute", by)
	}
	groups := analysis.Aggregate(rows, key)
	if parentOf != nil {
		groups = analysis.RollUp(groups, parentOf)
	}
	if len(rows) == 0 {
		return nil
	}
	statuses := analysis.MethodStatuses[rows[0].Method]
	header := []string{by, "targets", "assessable", "composite"}
	for _, s := range statuses {
		header = append(header, analysis.Labels[s].Zh)
	}
	tb := &table{header: header, right: map[int]bool{}}
	for i := 1; i < len(header); i++ {
		tb.right[i] = true
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if by == "chapter" {
			return chapterIndex(groups[i].Key) < chapterIndex(groups[j].Key)
		}
		return false
	})
	for _, g := range groups {
		row := []string{g.Key, strconv.Itoa(g.Total), strconv.Itoa(g.Assessable), analysis.Fixed(g.Composite, 1)}
		for _, s := range statuses {
			row = append(row, strconv.Itoa(g.Counts[s]))
		}
		tb.add(row...)
	}
	switch format {
	case "csv":
		return tb.writeCSV(a.Stdout)
	case "json":
		type groupJSON struct {
			Key        string         `json:"key"`
			Total      int            `json:"total"`
			Assessable int            `json:"assessable"`
			Composite  *float64       `json:"composite"`
			Counts     map[string]int `json:"counts"`
		}
		var out []groupJSON
		for _, g := range groups {
			c := map[string]int{}
			for s, n := range g.Counts {
				c[string(s)] = n
			}
			var comp *float64
			if !math.IsNaN(g.Composite) {
				v := g.Composite
				comp = &v
			}
			out = append(out, groupJSON{g.Key, g.Total, g.Assessable, comp, c})
		}
		return writeJSON(a.Stdout, out)
	}
	tb.footer = []string{"composite: mean of min(1, max(0, π/τ)) × 100 over assessable quantitative targets (achieved = 100, broken floor = 0)."}
	tb.writeText(a.Stdout)
	return nil
}

func chapterIndex(c string) int {
	for i, x := range model.Chapters {
		if x == c {
			return i
		}
	}
	return len(model.Chapters)
}

func (a *App) pathCommand() *cobra.Command {
	var o analysisFlags
	var format string
	cmd := &cobra.Command{
		Use:   "path TARGET",
		Short: "The required path year by year, with actuals and gaps (目标路径)",
		Long: `path prints, for each year from the base year to the target year:

  planned   the path from the base value to the target: geometric (constant
            growth) for quantities, linear (equal steps) for shares, ratios
            and series that can be ≤ 0 (规划路径)
  required  the path now needed from the latest actual (所需路径)
  actual    the stored value (cumulative targets: the running sum)
  gap       planned − actual, signed so that > 0 means behind the path`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "csv", "json"); err != nil {
				return err
			}
			rows, _, err := a.analyse(cmd, &o, model.TargetFilter{ID: args[0]})
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				return fmt.Errorf("target %q: %w", args[0], app.ErrNotFound)
			}
			if len(rows) > 1 {
				return fmt.Errorf("target %q exists in %d regions; choose one with --region", args[0], len(rows))
			}
			r := rows[0]
			t := r.Target
			if t.Kind == model.Milestone {
				// Row.Path would run from year 0: a milestone has no base year.
				return fmt.Errorf("目标%s是定性任务，没有路径 target %s is a qualitative milestone: it has no path", t.ID, t.ID)
			}
			type pointJSON struct {
				Year     int      `json:"year"`
				Planned  *float64 `json:"planned"`
				Required *float64 `json:"required"`
				Actual   *string  `json:"actual"`
				Gap      *float64 `json:"gap"`
			}
			var pts []pointJSON
			path := app.PathPoints(r)
			tb := &table{header: []string{"year", "planned", "required", "actual", "gap"}, right: map[int]bool{0: true, 1: true, 2: true, 3: true, 4: true}}
			for _, p := range path {
				pj := pointJSON{Year: p.Year, Planned: nullable(p.Planned), Required: nullable(p.Required), Gap: nullable(p.Gap)}
				if p.Actual != nil {
					s := p.Actual.String()
					pj.Actual = &s
				}
				pts = append(pts, pj)
				tb.add(strconv.Itoa(p.Year), analysis.Fixed(p.Planned, 4), analysis.Fixed(p.Required, 4), decStr(p.Actual, p.Actual != nil), analysis.Fixed(p.Gap, 4))
			}
			shape := "linear"
			if r.Geometric {
				shape = "geometric"
			}
			switch format {
			case "json":
				return writeJSON(a.Stdout, map[string]any{"target_id": t.ID, "region": r.Region, "name_zh": t.Indicator.NameZh,
					"unit": t.Indicator.Unit, "kind": t.Kind, "path": shape, "required_rate": nullable(r.RequiredRate),
					"required_increment": nullable(r.RequiredIncrement), "illustrative": r.Illustrative, "points": pts})
			case "csv":
				return app.WritePathCSV(a.Stdout, path)
			}
			a.printf("%s %s (%s, %s) — %s path; target %s by %d\n", t.ID, t.Indicator.NameZh, r.Region, t.Indicator.Unit, shape, decStr(r.TargetLevel, r.TargetLevel != nil), t.TargetYear)
			if !math.IsNaN(r.RequiredRate) && r.Geometric {
				a.printf("required from %d: %s a year\n", r.Year, analysis.Percent(r.RequiredRate))
			} else if !math.IsNaN(r.RequiredIncrement) {
				a.printf("required from %d: %s %s a year\n", r.Year, analysis.Fixed(r.RequiredIncrement, 4), t.Indicator.Unit)
			}
			if r.Illustrative {
				tb.footer = []string{"示例数据 illustrative, not official statistics."}
			}
			tb.writeText(a.Stdout)
			return nil
		},
	}
	o.register(cmd.Flags())
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	return cmd
}

func nullable(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
