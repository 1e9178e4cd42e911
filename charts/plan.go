package charts

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// ErrNoData means a chart has nothing to draw yet.
var ErrNoData = errors.New("nothing to draw: no targets with data yet")

// hbars draws horizontal bars, one per row, each from 0 (or the previous
// segment) to its value, in its own colour; stacked when a row has several
// segments. Row i sits at y = i.
type hbars struct {
	rows   [][]segment
	height float64 // bar thickness in data units
}

type segment struct {
	from, to float64
	fill     color.Color
	label    string // drawn inside the segment when it fits
}

func (b hbars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for i, segs := range b.rows {
		for _, s := range segs {
			r := vg.Rectangle{
				Min: vg.Point{X: tx(math.Min(s.from, s.to)), Y: ty(float64(i) - b.height/2)},
				Max: vg.Point{X: tx(math.Max(s.from, s.to)), Y: ty(float64(i) + b.height/2)},
			}
			c.FillPolygon(s.fill, c.ClipPolygonXY([]vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}))
			c.SetLineStyle(draw.LineStyle{Color: color.White, Width: vg.Points(0.5)})
			c.Stroke(r.Path())
		}
	}
}

func (b hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	for _, segs := range b.rows {
		for _, s := range segs {
			xmin, xmax = math.Min(xmin, math.Min(s.from, s.to)), math.Max(xmax, math.Max(s.from, s.to))
		}
	}
	return xmin, xmax, -0.5, float64(len(b.rows)) - 0.5
}

// swatch is a legend thumbnail of one colour, with a mark on it when the
// chart marks its cells.
type swatch struct {
	fill color.Color
	mark string
	th   *Theme
}

func (s swatch) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(s.fill, pts)
	if s.mark != "" {
		s.th.drawMark(*c, c.Center(), min(vg.Points(9), (c.Max.Y-c.Min.Y)*0.75), s.mark, markColor(s.fill))
	}
}

// vline is a vertical reference line.
type vline struct {
	x     float64
	style draw.LineStyle
}

func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	c.StrokeLine2(v.style, tx(v.x), c.Min.Y, tx(v.x), c.Max.Y)
}

func (v vline) Thumbnail(c *draw.Canvas) {
	x := c.Center().X
	c.StrokeLine2(v.style, x, c.Min.Y, x, c.Max.Y)
}

// ticks marks a small vertical tick per row: each target's own time share.
type ticks struct {
	xs    []float64
	style draw.LineStyle
}

func (t ticks) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for i, x := range t.xs {
		if math.IsNaN(x) {
			continue
		}
		c.StrokeLine2(t.style, tx(x), ty(float64(i)-0.45), tx(x), ty(float64(i)+0.45))
	}
}

// shortName is the indicator's name cut to fit a chart's label column;
// callers put the target's ID before it, so two cut names stay apart.
func (th *Theme) shortName(t model.Target) string {
	n := []rune(th.Name(t))
	limit := 16
	if !th.Zh() {
		limit = 34
	}
	if len(n) > limit {
		return string(n[:limit-1]) + "…"
	}
	return string(n)
}

func statusRank(s analysis.Status) int {
	for _, list := range analysis.MethodStatuses {
		for i, x := range list {
			if x == s {
				return i
			}
		}
	}
	return 99
}

// statusLegend adds one swatch per status present, best first.
func (th *Theme) statusLegend(p *plot.Plot, rows []analysis.Row) {
	if len(rows) == 0 {
		return
	}
	present := map[analysis.Status]bool{}
	for _, r := range rows {
		present[r.Status] = true
	}
	for _, s := range analysis.MethodStatuses[rows[0].Method] {
		if present[s] {
			p.Legend.Add(th.StatusLabel(s), swatch{fill: StatusColor(s)})
		}
	}
}

// Progress is the plan against the calendar: each quantitative target's
// completion share (完成进度) as a bar, sorted, coloured by status, with
// the time share (时序进度) as a line (and each target's own time share as
// a tick where it differs). Shares beyond −50% or 150% are cut at the edge.
func (th *Theme) Progress(rows []analysis.Row) (Figure, error) {
	var sel, floors []analysis.Row
	for _, r := range rows {
		switch {
		case r.Target.Kind == model.Milestone:
		case !math.IsNaN(r.Completion):
			sel = append(sel, r)
		case r.Target.Kind == model.Floor && len(r.FailedYears) > 0:
			// A broken floor has no completion share, but it must be seen.
			floors = append(floors, r)
		}
	}
	if len(sel)+len(floors) == 0 {
		return Figure{}, ErrNoData
	}
	sort.SliceStable(sel, func(i, j int) bool { return sel[i].Completion < sel[j].Completion })
	// Broken floors at the bottom, below the slowest targets.
	sel = append(floors, sel...)
	p := th.newPlot()
	region := sel[0].Region
	p.Title.Text = labels.Chart("progress", th.Lang) + " · " + th.Text(region)
	p.Title.Text += "\n" + th.MethodShort(sel[0].Method)
	p.X.Label.Text = th.L(labels.AxisCompletion)
	bars := hbars{height: 0.72}
	var names []string
	tau := ticks{style: draw.LineStyle{Color: ink, Width: vg.Points(1.2)}}
	var broken plotter.XYs
	counts := map[float64]int{}
	illus := false
	for i, r := range sel {
		name := r.Target.ID + " " + th.shortName(r.Target)
		if th.Preliminary != nil && r.Actual != nil && th.Preliminary(r.Target.Indicator.Code, r.Target.Region, r.Year) {
			name += " †"
		}
		if math.IsNaN(r.Completion) {
			bars.rows = append(bars.rows, nil)
			broken = append(broken, plotter.XY{X: 0, Y: float64(i)})
			name += th.T("（底线未守住）", " (floor broken)")
		} else {
			v := math.Max(-50, math.Min(150, r.Completion*100))
			bars.rows = append(bars.rows, []segment{{from: 0, to: v, fill: StatusColor(r.Status)}})
		}
		names = append(names, name)
		tau.xs = append(tau.xs, r.TimeShare*100)
		counts[math.Round(r.TimeShare*1000)/10]++
		illus = illus || r.Illustrative
	}
	mode, best := 0.0, -1
	for k, n := range counts {
		if n > best || n == best && k < mode {
			mode, best = k, n
		}
	}
	p.Add(bars, tau)
	if len(broken) > 0 {
		m, _ := plotter.NewScatter(broken)
		m.GlyphStyle = draw.GlyphStyle{Color: StatusColor(floors[0].Status), Radius: vg.Points(4), Shape: draw.CrossGlyph{}}
		p.Add(m)
		p.Legend.Add(th.L(labels.FloorBroken), m)
	}
	line := vline{x: mode, style: draw.LineStyle{Color: okabeRed, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}}
	p.Add(line)
	p.Legend.Add(fmt.Sprintf("%s %.1f%%", th.L(labels.TimeShare), mode), line)
	th.statusLegend(p, sel)
	// Bottom right: the shortest bars leave that corner free.
	p.Legend.Top = false
	p.NominalY(names...)
	p.X.Min, p.X.Max = -50, 150
	p.X.Tick.Marker = plot.ConstantTicks(percentTicks())
	p.Y.Tick.Label.Font.Size = 7
	h := vg.Points(math.Max(220, 60+11*float64(len(sel))))
	fig := th.withNotes(p, vg.Points(520), h, th.T("完成进度 = (实际 − 基期)/(目标 − 基期)；累计类 = 累计完成/目标；黑色短线为各目标自身的时序进度；超出 −50%～150% 的截于边缘。", "completion = (actual − base)/(target − base); cumulative = sum/target; black ticks: each target's own time share; cut at −50% and 150%.")+" plangap", illus)
	fig.Title = p.Title.Text
	fig.Desc = th.planDesc(labels.Text{Zh: "条形图：各目标完成进度与时序进度对比", En: "Bar chart: each target's completion share against the time share"}, len(sel), sel) +
		fmt.Sprintf(th.T("时序进度 %.1f%%。状态：%s。", "Time share %.1f%%. Statuses: %s."), mode, th.countsText(sel))
	if len(floors) > 0 {
		fig.Desc += fmt.Sprintf(th.T("%d 个底线未守住。", " %d floors broken."), len(floors))
	}
	return fig, nil
}

// percentTicks label the progress axis every 50% with 0 and 100 among
// them, and mark every 10%.
func percentTicks() []plot.Tick {
	var out []plot.Tick
	for v := -50; v <= 150; v += 10 {
		t := plot.Tick{Value: float64(v)}
		if v%50 == 0 {
			t.Label = fmt.Sprint(v)
		}
		out = append(out, t)
	}
	return out
}

// Departments is the scorecard: for each lead department (牵头部门), a
// stacked bar of its targets' statuses, best first.
func (th *Theme) Departments(rows []analysis.Row) (Figure, error) {
	groups := analysis.Aggregate(rows, analysis.ByLeadDepartment)
	if len(groups) == 0 {
		return Figure{}, ErrNoData
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Total > groups[j].Total })
	p := th.newPlot()
	p.Title.Text = labels.Chart("departments", th.Lang)
	illus := false
	for _, r := range rows {
		illus = illus || r.Illustrative
	}
	if len(rows) > 0 {
		p.Title.Text += " · " + th.Text(rows[0].Region) + "\n" + th.MethodShort(rows[0].Method)
	}
	p.X.Label.Text = th.L(labels.Targets)
	p.X.Tick.Marker = valueTicks{integer: true}
	bars := hbars{height: 0.7}
	var names []string
	// Bottom row first in data order: reverse so the busiest department is on top.
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		var segs []segment
		x := 0.0
		statuses := analysis.MethodStatuses[analysis.Schedule]
		if len(rows) > 0 {
			statuses = analysis.MethodStatuses[rows[0].Method]
		}
		for _, s := range statuses {
			if n := g.Counts[s]; n > 0 {
				segs = append(segs, segment{from: x, to: x + float64(n), fill: StatusColor(s)})
				x += float64(n)
			}
		}
		bars.rows = append(bars.rows, segs)
		names = append(names, th.Text(g.Key))
	}
	p.Add(bars)
	th.statusLegend(p, rows)
	p.Legend.Top = false
	p.NominalY(names...)
	p.Y.Tick.Label.Font.Size = 7
	h := vg.Points(math.Max(220, 70+14*float64(len(groups))))
	fig := th.withNotes(p, vg.Points(520), h, th.T("一个目标有多个牵头部门时计入每个部门。", "A target with several lead departments counts for each.")+" plangap", illus)
	fig.Title = p.Title.Text
	fig.Desc = th.planDesc(labels.Text{Zh: "堆积条形图：各牵头部门目标状态", En: "Stacked bars: target status by lead department"}, len(rows), rows) +
		fmt.Sprintf(th.T("%d 个牵头部门", "%d lead departments"), len(groups))
	var per []string
	for _, g := range groups {
		per = append(per, th.Text(g.Key)+th.T("：", ": ")+th.counts(g.Counts, rows[0].Method))
	}
	fig.Desc += th.T("：", ": ") + strings.Join(per, th.T("；", "; ")) + th.T("。", ".")
	return fig, nil
}

// cells is a colour grid: rows × columns, a nil colour left blank. A
// cell with a mark shows it centred in a colour that stands out from
// the fill: the status heatmap's symbols, readable without colour.
type cells struct {
	grid  [][]color.Color // [row][col]
	marks [][]string      // [row][col], or nil
	th    *Theme          // the marks' font
	x0    float64
}

func (g cells) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for i, row := range g.grid {
		for j, fill := range row {
			if fill == nil {
				continue
			}
			x := g.x0 + float64(j)
			r := []vg.Point{{X: tx(x - 0.5), Y: ty(float64(i) - 0.5)}, {X: tx(x + 0.5), Y: ty(float64(i) - 0.5)},
				{X: tx(x + 0.5), Y: ty(float64(i) + 0.5)}, {X: tx(x - 0.5), Y: ty(float64(i) + 0.5)}}
			c.FillPolygon(fill, r)
			c.StrokeLines(draw.LineStyle{Color: color.White, Width: vg.Points(0.8)}, append(r, r[0]))
			if g.marks != nil && g.marks[i][j] != "" {
				// Three quarters of the cell's height, never over 9 points.
				size := min(vg.Points(9), (r[2].Y-r[0].Y)*0.75)
				g.th.drawMark(c, vg.Point{X: tx(x), Y: ty(float64(i))}, size, g.marks[i][j], markColor(fill))
			}
		}
	}
}

// drawMark draws a status symbol centred on pt. The symbols are
// geometric shapes centred about 0.36 em above the baseline in the CJK
// fonts and in Liberation Sans, so the baseline goes that far below pt.
func (th *Theme) drawMark(c draw.Canvas, pt vg.Point, size vg.Length, mark string, col color.Color) {
	if !th.Zh() {
		// Liberation Sans draws these shapes at about three quarters of
		// the CJK fonts' size.
		size *= 1.3
	}
	f := th.fonts.Lookup(th.font(size), size)
	c.SetColor(col)
	c.FillString(f, vg.Point{X: pt.X - f.Width(mark)/2, Y: pt.Y - 0.36*size}, mark)
}

// markColor is white on a dark fill and ink on a light one.
func markColor(fill color.Color) color.Color {
	r, g, b, _ := fill.RGBA()
	// Relative luminance (Rec. 709 weights, on the gamma-encoded values:
	// enough to choose between black and white).
	if 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.55*0xffff {
		return color.White
	}
	return ink
}

func (g cells) DataRange() (xmin, xmax, ymin, ymax float64) {
	cols := 0
	if len(g.grid) > 0 {
		cols = len(g.grid[0])
	}
	return g.x0 - 0.5, g.x0 + float64(cols) - 0.5, -0.5, float64(len(g.grid)) - 0.5
}

// reportYears spans the first plan year to the latest year with data (or
// the report year).
func reportYears(ins []analysis.Input, cfg analysis.Config) (first, last int) {
	for _, in := range ins {
		if in.Target.Kind == model.Milestone {
			continue
		}
		if first == 0 || in.Target.BaseYear+1 < first {
			first = in.Target.BaseYear + 1
		}
		for _, y := range in.Years {
			last = max(last, y)
		}
	}
	if cfg.Year > 0 && cfg.Year < last {
		last = cfg.Year
	}
	return first, last
}

// byYear analyses every quantitative input at each report year.
func byYear(ins []analysis.Input, cfg analysis.Config, first, last int, each func(in analysis.Input, y int, r analysis.Row)) {
	for _, in := range ins {
		if in.Target.Kind == model.Milestone {
			continue
		}
		for y := first; y <= last; y++ {
			c := cfg
			c.Year = y
			each(in, y, analysis.Analyse(in, c))
		}
	}
}

// Heatmap shows each quantitative target's status at each report year
// from the first plan year to the latest with data: how the picture
// changed. The legend is the colour bar.
func (th *Theme) Heatmap(ins []analysis.Input, cfg analysis.Config) (Figure, error) {
	first, last := reportYears(ins, cfg)
	if first == 0 || last < first {
		return Figure{}, ErrNoData
	}
	var grid [][]color.Color
	var marks [][]string
	var names []string
	var latest []analysis.Row
	illus := false
	var row []color.Color
	var mark []string
	shown := map[analysis.Status]bool{}
	byYear(ins, cfg, first, last, func(in analysis.Input, y int, r analysis.Row) {
		if y == first {
			row, mark = make([]color.Color, last-first+1), make([]string, last-first+1)
		}
		// A year without data stays blank, unless the target was already
		// achieved: that does not lapse.
		if r.Year == y || statusRank(r.Status) == 0 && r.Year <= y {
			row[y-first], mark[y-first] = StatusColor(r.Status), labels.StatusSymbol(r.Status)
			shown[r.Status] = true
		}
		if y == last {
			illus = illus || in.Illustrative
			latest = append(latest, r)
			// Top row first: prepend.
			grid, marks = append([][]color.Color{row}, grid...), append([][]string{mark}, marks...)
			names = append([]string{in.Target.ID + " " + th.shortName(in.Target)}, names...)
		}
	})
	if len(grid) == 0 {
		return Figure{}, ErrNoData
	}
	p := th.newPlot()
	p.Title.Text = labels.Chart("heatmap", th.Lang)
	if len(latest) > 0 {
		p.Title.Text += " · " + th.Text(latest[0].Region) + "\n" + th.MethodShort(latest[0].Method)
	}
	p.Add(cells{grid: grid, marks: marks, th: th, x0: float64(first)})
	th.heatAxes(p, names, first, last)
	// The legend (the colour key) gets a column of its own on the right.
	p.X.Max = float64(last) + 2.2
	// The key says that symbol and colour both give the status, and shows
	// each status's symbol on its colour.
	p.Legend.Add(th.L(labels.StatusKey))
	th.symbolLegend(p, latest[0].Method, shown)
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.XOffs = -vg.Points(6)
	h := vg.Points(math.Max(220, 80+9.5*float64(len(grid))))
	w := vg.Points(380 + 40*float64(last-first+1))
	fig := th.withNotes(p, w, h, th.T("格内符号与颜色都表示状态，不辨颜色亦可读。空白：该年无数据。", "Each cell's symbol gives its status as its colour does. Blank: no data that year.")+" plangap", illus)
	fig.Title = p.Title.Text
	fig.Desc = th.planDesc(labels.Text{Zh: "热力图：各目标在各报告年份的状态", En: "Heatmap: each target's status at each report year"}, len(grid), latest) +
		fmt.Sprintf(th.T("行为目标，列为 %d–%d 年；每格以颜色和符号表示状态：%s；空白为该年无数据。%d 年：%s。", "Rows are targets, columns the years %d–%d; each cell shows its status by colour and symbol: %s; blank: no data that year. In %d: %s."),
			first, last, th.symbolKey(latest), last, th.countsText(latest))
	return fig, nil
}

// symbolLegend adds one swatch per status shown, best first, with the
// status's symbol on its colour, as the heatmap's cells show it.
func (th *Theme) symbolLegend(p *plot.Plot, m analysis.Method, shown map[analysis.Status]bool) {
	for _, s := range analysis.MethodStatuses[m] {
		if shown[s] {
			p.Legend.Add(labels.StatusSymbol(s)+" "+th.StatusLabel(s), swatch{fill: StatusColor(s), mark: labels.StatusSymbol(s), th: th})
		}
	}
}

func (th *Theme) heatAxes(p *plot.Plot, names []string, first, last int) {
	p.NominalY(names...)
	var yt []plot.Tick
	for y := first; y <= last; y++ {
		yt = append(yt, plot.Tick{Value: float64(y), Label: fmt.Sprint(y)})
	}
	p.X.Tick.Marker = plot.ConstantTicks(yt)
	p.X.Label.Text = th.L(labels.ReportYear)
	p.Y.Tick.Label.Font.Size = 6.5
	p.X.Min, p.X.Max = float64(first)-0.5, float64(last)+0.5
}

// gapLimit is where the schedule-gap colour scale saturates, in points.
const gapLimit = 30.0

// HeatmapGap shows each quantitative target's schedule gap π−τ (in
// percentage points) at each report year on a diverging scale — orange
// behind, purple ahead — with a colour bar.
func (th *Theme) HeatmapGap(ins []analysis.Input, cfg analysis.Config) (Figure, error) {
	first, last := reportYears(ins, cfg)
	if first == 0 || last < first {
		return Figure{}, ErrNoData
	}
	cm := moreland.SmoothPurpleOrange()
	cm.SetMin(-gapLimit)
	cm.SetMax(gapLimit)
	colorOf := func(v float64) color.Color {
		// Orange for behind (negative), purple for ahead.
		c, err := cm.At(math.Max(-gapLimit, math.Min(gapLimit, -v)))
		if err != nil {
			return nil
		}
		return c
	}
	var grid [][]color.Color
	var names []string
	region, illus := "", false
	var row []color.Color
	var latest []analysis.Row
	behind, ahead := 0, 0
	byYear(ins, cfg, first, last, func(in analysis.Input, y int, r analysis.Row) {
		if y == first {
			row = make([]color.Color, last-first+1)
		}
		if r.Year == y && !math.IsNaN(r.ScheduleGap) {
			row[y-first] = colorOf(r.ScheduleGap)
			if y == last && r.ScheduleGap < 0 {
				behind++
			} else if y == last && r.ScheduleGap > 0 {
				ahead++
			}
		}
		if y == last {
			latest = append(latest, r)
			region, illus = r.Region, illus || in.Illustrative
			grid = append([][]color.Color{row}, grid...)
			names = append([]string{in.Target.ID + " " + th.shortName(in.Target)}, names...)
		}
	})
	if len(grid) == 0 {
		return Figure{}, ErrNoData
	}
	p := th.newPlot()
	p.Title.Text = labels.Chart("heatmap-gap", th.Lang) + " · " + th.Text(region)
	p.Add(cells{grid: grid, x0: float64(first)})
	th.heatAxes(p, names, first, last)
	bar := th.newPlot()
	bar.HideX()
	bar.Y.Label.Text = th.L(labels.AxisScheduleGap)
	rev := moreland.SmoothPurpleOrange()
	rev.SetMin(-gapLimit)
	rev.SetMax(gapLimit)
	bar.Add(&plotter.ColorBar{ColorMap: palette.Reverse(rev), Vertical: true, Colors: 60})
	h := vg.Points(math.Max(220, 80+9.5*float64(len(grid))))
	w := vg.Points(330 + 40*float64(last-first+1) + 90)
	foot := th.T("空白：该年无数据或无完成进度（底线类）。色阶在 ±30 个百分点处饱和。", "blank: no data that year, or no completion share (floors). The scale saturates at ±30 pp.") + " plangap"
	desc := th.planDesc(labels.Text{Zh: "热力图：各目标在各报告年份的时序进度差 π−τ", En: "Heatmap: each target's schedule gap π−τ at each report year"}, len(grid), latest) +
		fmt.Sprintf(th.T("行为目标，列为 %d–%d 年；颜色为 π−τ（百分点）：橙色为滞后，紫色为超前，在 ±30 处饱和；空白为该年无数据或无完成进度。%d 年：滞后 %d 个，超前 %d 个。",
			"Rows are targets, columns the years %d–%d; the colour is π−τ in percentage points: orange behind, purple ahead, saturating at ±30; blank: no data or no completion share that year. In %d: %d behind, %d ahead."),
			first, last, last, behind, ahead)
	return Figure{Width: w, Height: h, Title: p.Title.Text, Desc: desc, draw: func(c draw.Canvas) {
		footH := vg.Points(16)
		main := draw.Crop(c, vg.Points(4), -vg.Points(90), footH, 0)
		p.Draw(main)
		side := draw.Crop(c, c.Max.X-c.Min.X-vg.Points(86), -vg.Points(8), footH+vg.Points(40), -vg.Points(40))
		bar.Draw(side)
		sty := th.textStyle(7, color.RGBA{0x55, 0x55, 0x55, 0xff})
		c.FillText(sty, vg.Point{X: c.Min.X + vg.Points(6), Y: c.Min.Y + vg.Points(5)}, foot)
		if illus {
			th.illustrativeMark(main)
		}
	}}, nil
}

// Dashboard puts the headline indicators' trajectories on one page as
// small multiples.
func (th *Theme) Dashboard(ins []analysis.Input, rows []analysis.Row) (Figure, error) {
	return th.DashboardGrid(ins, rows, 4)
}

// DashboardGrid is the dashboard with cols tiles a row, each 225 points
// wide: two columns print at about their drawn size on A4, so their text
// stays readable on paper.
func (th *Theme) DashboardGrid(ins []analysis.Input, rows []analysis.Row, cols int) (Figure, error) {
	n := len(rows)
	if n == 0 {
		return Figure{}, ErrNoData
	}
	cols = max(1, cols)
	nrows := (n + cols - 1) / cols
	w, h := vg.Points(225*float64(cols)), vg.Points(60+190*float64(nrows))
	illus := false
	for _, r := range rows {
		illus = illus || r.Illustrative
	}
	title := labels.Chart("dashboard", th.Lang) + " · " + th.Text(rows[0].Region) + " · " + th.MethodShort(rows[0].Method)
	desc := th.planDesc(labels.Text{Zh: "主要指标轨迹小图", En: "Small trajectories of the headline indicators"}, n, rows)
	var each []string
	for _, r := range rows {
		each = append(each, fmt.Sprintf(th.T("%s（%s）：%s", "%s (%s): %s"), th.Name(r.Target), th.unit(r.Target.Indicator.Unit), th.StatusLabel(r.Status)))
	}
	desc += th.T("状态：", "Statuses: ") + strings.Join(each, th.T("；", "; ")) + th.T("。", ".")
	return Figure{Width: w, Height: h, Title: title, Desc: desc, draw: func(c draw.Canvas) {
		sty := th.textStyle(13, ink)
		sty.XAlign = draw.XCenter
		c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: c.Max.Y - vg.Points(22)}, title)
		body := draw.Crop(c, 0, 0, vg.Points(16), -vg.Points(36))
		tiles := draw.Tiles{Rows: nrows, Cols: cols, PadX: vg.Points(8), PadY: vg.Points(8), PadLeft: vg.Points(4), PadRight: vg.Points(4)}
		for i := range rows {
			p := th.trajectoryPlot(ins[i], rows[i], true)
			p.Draw(tiles.At(body, i%cols, i/cols))
		}
		foot := th.textStyle(7, color.RGBA{0x55, 0x55, 0x55, 0xff})
		c.FillText(foot, vg.Point{X: c.Min.X + vg.Points(6), Y: c.Min.Y + vg.Points(5)},
			th.T("实线：实际值；虚线：所需路径；点线及阴影：趋势预测与80%/95%区间；红色点划线：目标。", "solid: actual; dashed: required path; dotted with bands: projection, 80%/95%; red dash-dot: target.")+" plangap")
		if illus {
			th.illustrativeMark(c)
		}
	}}, nil
}
