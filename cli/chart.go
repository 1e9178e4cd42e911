package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/plangap/plangap/app"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/atomicfile"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
)

// Chart sizes, in points (1/72 inch): a trajectory fits half an A4 page.
var (
	trajW, trajH = vg.Points(460), vg.Points(300)
)

type chartOptions struct {
	analysisFlags
	kind, format, out, lang, font string
	all                           bool
}

func (a *App) chartCommand() *cobra.Command {
	var o chartOptions
	cmd := &cobra.Command{
		Use:   "chart [TARGET]",
		Short: "Draw charts: trajectory, progress, heatmap, departments, dashboard (图表)",
		Long: `chart draws one chart, or with --all every chart of a plan into a directory.

Kinds (--kind):
  trajectory   one target: actuals, base year, target, required path (dashed),
               trend projection with 80% and 95% bands
  progress     every target's completion share (完成进度) against the time share
               (时序进度), coloured by status
  heatmap      targets × report years, coloured by status
  heatmap-gap  targets × report years, coloured by the schedule gap π−τ, with a colour bar
  departments  status counts per lead department (牵头部门)
  dashboard    the headline indicators' trajectories on one page

Formats: png or svg (Chinese text), pdf only with --lang en. Chinese needs a CJK
font: --font PATH or $PLANGAP_FONT, else one installed (Noto Sans CJK SC,
Source Han Sans SC, WenQuanYi Zen Hei, PingFang, Hiragino, Microsoft YaHei).
--lang en draws English labels with the bundled fonts.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			th, err := charts.NewTheme(o.lang, o.font)
			if err != nil {
				return err
			}
			if o.all {
				if o.out == "" {
					o.out = "charts"
				}
				n, err := a.allCharts(cmd, &o, th)
				if err == nil {
					fmt.Fprintf(a.Stdout, "wrote %d charts to %s\n", n, o.out)
				}
				return err
			}
			target := ""
			if len(args) == 1 {
				target = args[0]
			}
			if o.kind == "trajectory" && target == "" {
				return errors.New("a trajectory chart needs a TARGET id (see plangap targets), or use --all")
			}
			q, err := o.query()
			if err != nil {
				return err
			}
			q.Filter.ID = target
			s, err := a.openSource(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			fig, err := figure(cmd.Context(), s, th, o.kind, q)
			if errors.Is(err, charts.ErrNoData) {
				return fmt.Errorf("%s没有可画的内容：所选范围内尚无实绩 %s chart: %w", labels.Chart(o.kind, "zh"), o.kind, err)
			}
			if err != nil {
				return err
			}
			if o.out == "" {
				o.out = fmt.Sprintf("%s-%s.%s", o.kind, strings.ReplaceAll(target, "/", "_"), o.format)
				if target == "" {
					o.out = o.kind + "." + o.format
				}
			}
			return a.writeFile(o.out, func(w io.Writer) error { return fig.Encode(w, o.format, th) })
		},
	}
	o.register(cmd.Flags())
	f := cmd.Flags()
	f.StringVar(&o.kind, "kind", "trajectory", "trajectory, progress, heatmap, heatmap-gap, departments or dashboard")
	f.StringVar(&o.format, "format", "png", "png, svg or pdf (pdf needs --lang en)")
	f.StringVar(&o.out, "out", "", "output file, or directory with --all")
	f.StringVar(&o.lang, "lang", "zh", "label language: zh or en")
	f.StringVar(&o.font, "font", "", "CJK font file (.ttf, .otf or .ttc); default $"+charts.FontEnv+" or an installed one")
	f.BoolVar(&o.all, "all", false, "draw every chart of the plan into --out DIR, in parallel: PNG and SVG, or only the --format given")
	return cmd
}

// allCharts renders a trajectory for every quantitative target and the
// plan-level charts, as PNG and SVG (or in the one --format asked for),
// on all cores.
func (a *App) allCharts(cmd *cobra.Command, o *chartOptions, th *charts.Theme) (int, error) {
	q, err := o.query()
	if err != nil {
		return 0, err
	}
	s, err := a.openSource(cmd.Context())
	if err != nil {
		return 0, err
	}
	defer s.Close()
	res, err := s.Analyse(cmd.Context(), q)
	if err != nil {
		return 0, err
	}
	if len(res.Rows) == 0 {
		return 0, fmt.Errorf("地区“%s”没有规划目标 no targets for region %q (see plangap targets)", o.region, o.region)
	}
	if th, err = app.PreliminaryTheme(cmd.Context(), s, th, res); err != nil {
		return 0, err
	}
	jobs, err := app.Figures(th, res)
	if err != nil {
		return 0, err
	}
	if msg := skippedCharts(jobs); msg != "" {
		fmt.Fprintln(a.Stderr, msg)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return 0, err
	}
	formats := []string{"png", "svg"}
	if cmd.Flags().Changed("format") {
		formats = []string{strings.ToLower(o.format)}
	}
	var bar *progressbar.ProgressBar
	if isTerminal(a.Stderr) {
		bar = progressbar.NewOptions(len(jobs)*len(formats), progressbar.OptionSetWriter(a.Stderr),
			progressbar.OptionSetDescription("charts"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	return RenderAll(jobs, formats, o.out, th, func() {
		if bar != nil {
			bar.Add(1)
		}
	})
}

// skippedCharts names the jobs left out and why, for the user.
func skippedCharts(jobs []app.FigureJob) string {
	var names []string
	var reason error
	for _, j := range jobs {
		if j.Skipped != nil {
			names = append(names, labels.Chart(j.Name, "zh")+" "+j.Name)
			reason = j.Skipped
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("未绘制 not drawn: %s (%v)", strings.Join(names, ", "), reason)
}

// RenderAll writes every job in every format into dir, on all cores.
func RenderAll(jobs []app.FigureJob, formats []string, dir string, th *charts.Theme, tick func()) (int, error) {
	type task struct {
		job    app.FigureJob
		format string
	}
	tasks := make(chan task)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for w := 0; w < max(2, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range tasks {
				path := filepath.Join(dir, t.job.Name+"."+t.format)
				data, err := t.job.Fig.Bytes(t.format, th)
				if err == nil {
					err = atomicfile.Write(path, func(w io.Writer) error {
						_, err := w.Write(data)
						return err
					})
				}
				if err != nil {
					select {
					case errs <- fmt.Errorf("%s: %w", path, err):
					default:
					}
					continue
				}
				mu.Lock()
				n++
				mu.Unlock()
				tick()
			}
		}()
	}
	for _, j := range jobs {
		if j.Skipped != nil {
			continue
		}
		for _, f := range formats {
			tasks <- task{j, f}
		}
	}
	close(tasks)
	wg.Wait()
	select {
	case err := <-errs:
		return n, err
	default:
	}
	return n, nil
}
