package charts

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// Name is the indicator's name in the theme's language.
func (th *Theme) Name(t model.Target) string {
	if th.Zh() || t.Indicator.NameEn == "" {
		return t.Indicator.NameZh
	}
	return t.Indicator.NameEn
}

func (th *Theme) unit(u string) string {
	if th.Zh() {
		return u
	}
	if x, err := model.LookupUnit(u); err == nil {
		return x.English
	}
	return u
}

// band is a filled region between two lines: the projection intervals.
type band struct {
	xs, lo, hi []float64
	fill       color.Color
}

func (b band) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	var pts []vg.Point
	for i := range b.xs {
		pts = append(pts, vg.Point{X: tx(b.xs[i]), Y: ty(b.hi[i])})
	}
	for i := len(b.xs) - 1; i >= 0; i-- {
		pts = append(pts, vg.Point{X: tx(b.xs[i]), Y: ty(b.lo[i])})
	}
	if len(pts) < 3 {
		return
	}
	c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
}

func (b band) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range b.xs {
		xmin, xmax = math.Min(xmin, b.xs[i]), math.Max(xmax, b.xs[i])
		ymin, ymax = math.Min(ymin, b.lo[i]), math.Max(ymax, b.hi[i])
	}
	return
}

func (b band) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.fill, []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}})
}

// guide is a horizontal line across the whole plot: the target, or a floor.
type guide struct {
	y     float64
	style draw.LineStyle
}

func (g guide) Plot(c draw.Canvas, p *plot.Plot) {
	_, ty := p.Transforms(&c)
	y := ty(g.y)
	c.StrokeLine2(g.style, c.Min.X, y, c.Max.X, y)
}

func (g guide) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), g.y, g.y
}

func (g guide) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(g.style, c.Min.X, y, c.Max.X, y)
}

var (
	actualStyle   = draw.LineStyle{Color: ink, Width: vg.Points(1.6)}
	requiredStyle = draw.LineStyle{Color: okabeBlue, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	plannedStyle  = draw.LineStyle{Color: color.RGBA{0x88, 0x88, 0x88, 0xff}, Width: vg.Points(0.9), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}
	projStyle     = draw.LineStyle{Color: okabeOrange, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
	targetStyle   = draw.LineStyle{Color: okabeRed, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(6), vg.Points(2), vg.Points(1), vg.Points(2)}}
	band80        = color.NRGBA{0xE6, 0x9F, 0x00, 0x70}
	band95        = color.NRGBA{0xE6, 0x9F, 0x00, 0x30}
)

// Trajectory is one target's picture: where the indicator has been (the
// actuals, with the base year marked), where the target is (marker and
// guide line), the path it now has to take (dashed, from the latest
// actual) and where the trend is heading (projection with 80% and 95%
// bands). Floors draw as a line that must hold every year; growth targets
// also show the implied level path from the base; cumulative targets show
// the running sum of the yearly flows.
func (th *Theme) Trajectory(in analysis.Input, r analysis.Row, w, h vg.Length) (Figure, error) {
	p := th.trajectoryPlot(in, r, false)
	return th.withNotes(p, w, h, th.footnote(r), r.Illustrative), nil
}

// trajectoryPlot builds the plot; compact drops the legend and the method
// name, for the dashboard's small multiples.
func (th *Theme) trajectoryPlot(in analysis.Input, r analysis.Row, compact bool) *plot.Plot {
	t := r.Target
	path := r.Path()
	p := th.newPlot()
	unit := th.unit(t.Indicator.Unit)
	title := fmt.Sprintf("%s（%s）· %s", th.Name(t), unit, r.Region)
	if !th.Zh() {
		title = fmt.Sprintf("%s (%s)", th.Name(t), unit)
		if reg := th.Text(r.Region); reg != "" {
			title += " · " + reg
		}
	}
	p.Title.Text = title + "\n" + th.T("状态：", "status: ") + th.StatusLabel(r.Status) + " — " + th.MethodShort(r.Method)
	if compact {
		p.Title.Text = th.Name(t) + "（" + unit + "）\n" + th.StatusLabel(r.Status)
		p.Title.TextStyle.Font.Size = 9
	}
	p.X.Tick.Marker = yearTicks{}
	p.Y.Label.Text = unit
	// The legend goes where a series heading for its target leaves room.
	p.Legend.Top = t.Indicator.Direction == model.LowerIsBetter
	p.Legend.Left = false
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(4), vg.Points(4)
	if p.Legend.Top {
		p.Legend.YOffs = -vg.Points(4)
	}
	p.Legend.ThumbnailWidth = vg.Points(18)
	p.Add(plotter.NewGrid())

	// Actuals (running sums for cumulative targets).
	var pts plotter.XYs
	if t.Kind == model.Cumulative {
		// The running sum starts from nothing before the first year.
		pts = append(pts, plotter.XY{X: float64(t.FirstYear - 1), Y: 0})
		p.Y.Min = 0
		for _, pp := range path {
			if pp.Actual != nil {
				pts = append(pts, plotter.XY{X: float64(pp.Year), Y: pp.Actual.InexactFloat64()})
			}
		}
	} else {
		for i, y := range in.Years {
			// Only what the analysis saw: nothing after the judged year.
			if r.Year == 0 || y <= r.Year {
				pts = append(pts, plotter.XY{X: float64(y), Y: in.Values[i].InexactFloat64()})
			}
		}
	}
	xmin, xmax := float64(t.BaseYear), float64(t.TargetYear)
	for _, q := range pts {
		xmin, xmax = math.Min(xmin, q.X), math.Max(xmax, q.X)
	}
	if r.TargetLevel != nil {
		T := r.TargetLevel.InexactFloat64()
		label := th.T("目标", "target")
		if t.Kind == model.Floor {
			label = th.T("底线（每年）", "floor (every year)")
		} else if t.Kind == model.Cumulative {
			label = th.T("目标（累计）", "target (cumulative)")
		}
		g := guide{y: T, style: targetStyle}
		p.Add(g)
		p.Legend.Add(fmt.Sprintf("%s %s", label, trim(T)), g)
		if t.Kind != model.Floor {
			tm, _ := plotter.NewScatter(plotter.XYs{{X: float64(t.TargetYear), Y: T}})
			tm.GlyphStyle = draw.GlyphStyle{Color: okabeRed, Radius: vg.Points(4.5), Shape: draw.PyramidGlyph{}}
			p.Add(tm)
		}
	}

	// The planned path from the base: for growth targets this is the
	// implied level path.
	if t.Kind == model.Growth || t.Kind == model.PointsPerYear || t.Kind == model.Multiple {
		var pl plotter.XYs
		for _, pp := range path {
			if !math.IsNaN(pp.Planned) {
				pl = append(pl, plotter.XY{X: float64(pp.Year), Y: pp.Planned})
			}
		}
		if len(pl) > 1 {
			l, _ := plotter.NewLine(pl)
			l.LineStyle = plannedStyle
			p.Add(l)
			p.Legend.Add(th.T("规划路径（隐含水平）", "planned path (implied level)"), l)
		}
	}

	// Projection with prediction bands, from the latest actual to the
	// target year.
	if r.Projections.FitOK && r.Year < t.TargetYear && len(pts) >= 3 && t.Kind != model.Floor {
		xs := make([]float64, len(pts))
		ys := make([]float64, len(pts))
		for i, q := range pts {
			xs[i], ys[i] = q.X, q.Y
		}
		b80, b95 := band{fill: band80}, band{fill: band95}
		var mid plotter.XYs
		for y := r.Year; y <= t.TargetYear; y++ {
			pr, ok := analysis.FitProjection(xs, ys, float64(y), r.Projections.Fit.LogLinear, math.NaN(), 1)
			if !ok {
				continue
			}
			pr = pr.Clip(t.Indicator)
			b80.xs, b80.lo, b80.hi = append(b80.xs, float64(y)), append(b80.lo, pr.Low80), append(b80.hi, pr.High80)
			b95.xs, b95.lo, b95.hi = append(b95.xs, float64(y)), append(b95.lo, pr.Low95), append(b95.hi, pr.High95)
			mid = append(mid, plotter.XY{X: float64(y), Y: pr.Value})
		}
		if len(mid) > 1 {
			p.Add(b95, b80)
			l, _ := plotter.NewLine(mid)
			l.LineStyle = projStyle
			p.Add(l)
			p.Legend.Add(th.T("趋势预测", "trend projection"), l)
			p.Legend.Add(th.T("80% 预测区间", "80% interval"), b80)
			p.Legend.Add(th.T("95% 预测区间", "95% interval"), b95)
		}
	}

	// The required path from the latest actual.
	var req plotter.XYs
	for _, pp := range path {
		if !math.IsNaN(pp.Required) {
			req = append(req, plotter.XY{X: float64(pp.Year), Y: pp.Required})
		}
	}
	if len(req) > 1 && t.Kind != model.Floor {
		l, _ := plotter.NewLine(req)
		l.LineStyle = requiredStyle
		p.Add(l)
		p.Legend.Add(th.T("所需路径", "required path"), l)
	}

	if len(pts) > 0 {
		l, s, _ := plotter.NewLinePoints(pts)
		l.LineStyle = actualStyle
		s.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
		p.Add(l, s)
		name := th.T("实际值", "actual")
		if t.Kind == model.Cumulative {
			name = th.T("累计完成", "running sum")
		}
		p.Legend.Add(name, l, s)
	}
	if len(r.FailedYears) > 0 {
		var fy plotter.XYs
		for _, y := range r.FailedYears {
			for _, q := range pts {
				if int(q.X) == y {
					fy = append(fy, q)
				}
			}
		}
		if m, err := plotter.NewScatter(fy); err == nil && len(fy) > 0 {
			m.GlyphStyle = draw.GlyphStyle{Color: okabeRed, Radius: vg.Points(5), Shape: draw.CrossGlyph{}}
			p.Add(m)
			p.Legend.Add(th.T("未守住底线的年份", "years below the floor"), m)
		}
	}
	if r.BaseValue != nil && t.Kind != model.Cumulative && t.Kind != model.Floor {
		bm, _ := plotter.NewScatter(plotter.XYs{{X: float64(r.BaseYear), Y: r.BaseValue.InexactFloat64()}})
		bm.GlyphStyle = draw.GlyphStyle{Color: okabeBlue, Radius: vg.Points(4), Shape: draw.BoxGlyph{}}
		p.Add(bm)
		p.Legend.Add(fmt.Sprintf("%s %d", th.T("基期", "base"), r.BaseYear), bm)
	}
	p.X.Min, p.X.Max = xmin-0.3, xmax+0.3
	if t.Indicator.Direction == model.LowerIsBetter {
		// Lower is better: say so on the axis, so a falling line reads as
		// progress.
		p.Y.Label.Text = unit + th.T("（越低越好）", " (lower is better)")
	}
	if compact {
		p.Legend = plot.NewLegend()
		p.Legend.TextStyle.Handler = th.handler
		p.Legend.TextStyle.Font = th.font(1)
	}
	return p
}

func (th *Theme) footnote(r analysis.Row) string {
	src := r.Vintage
	if src == "" {
		src = th.T("无数据", "no data")
	}
	return th.T("数据：", "Data: ") + th.Text(src) + th.T("　· 方法：", " · method: ") + th.MethodLabel(r.Method) + " · plangap"
}

// trim prints a number to at most four decimals, without trailing zeros.
func trim(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}
