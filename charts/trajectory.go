package charts

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// Name is the indicator's name in the theme's language.
func (th *Theme) Name(t model.Target) string {
	if th.Zh() || t.Indicator.NameEn == "" {
		return t.Indicator.NameZh
	}
	return t.Indicator.NameEn
}

func (th *Theme) unit(u string) string { return labels.Unit(u, th.Lang) }

// band is a filled region between two lines: the projection intervals.
type band struct {
	xs, lo, hi []float64
	fill       color.Color
	// lim bounds the range the band claims on the axis (the band itself is
	// clipped to the plot); zero means unbounded.
	lim [2]float64
}

func (b band) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	clamp := func(v float64) float64 {
		if b.lim == [2]float64{} {
			return v
		}
		return math.Max(b.lim[0], math.Min(b.lim[1], v))
	}
	var pts []vg.Point
	for i := range b.xs {
		pts = append(pts, vg.Point{X: tx(b.xs[i]), Y: ty(clamp(b.hi[i]))})
	}
	for i := len(b.xs) - 1; i >= 0; i-- {
		pts = append(pts, vg.Point{X: tx(b.xs[i]), Y: ty(clamp(b.lo[i]))})
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
	if b.lim != [2]float64{} {
		ymin, ymax = math.Max(ymin, b.lim[0]), math.Min(ymax, b.lim[1])
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
	fig := th.withNotes(p, w, h, th.footnote(r), r.Illustrative)
	fig.Title, fig.Desc = p.Title.Text, th.trajectoryDesc(in, r)
	return fig, nil
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
	p.Y.Tick.Marker = valueTicks{integer: countUnit(t.Indicator.Unit)}
	p.Y.Label.Text = unit
	// Every series drawn, for placing the legend where there are none.
	var drawn []plotter.XYs
	entries := 0
	p.Legend.ThumbnailWidth = vg.Points(18)
	p.Add(plotter.NewGrid())

	// Actuals (running sums for cumulative targets, the compounded
	// reduction so far for reduction targets).
	var pts plotter.XYs
	if t.Kind == model.Cumulative || t.Kind == model.Reduction {
		// The running sum starts from nothing before the first year.
		if t.Kind == model.Cumulative {
			pts = append(pts, plotter.XY{X: float64(t.FirstYear - 1), Y: 0})
		}
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
	switch t.Kind {
	case model.Relative:
		// The line to beat is the compared indicator's own yearly rate.
		var other plotter.XYs
		for _, y := range in.Other.Years() {
			if r.Year == 0 || y <= r.Year {
				other = append(other, plotter.XY{X: float64(y), Y: in.Other.Value(y).InexactFloat64()})
			}
		}
		if len(other) > 0 {
			l, _ := plotter.NewLine(other)
			l.LineStyle = draw.LineStyle{Color: okabeRed, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(3), vg.Points(2), vg.Points(3)}}
			p.Add(l)
			what := t.RelativeTo
			if t.CompareWithParent {
				what = th.L(labels.ParentRegion)
			}
			p.Legend.Add(th.L(labels.ComparedWith)+what, l)
			entries++
			drawn = append(drawn, other)
		}
	case model.Annual:
		// Each year has its own target: a short bar per year.
		for _, a := range t.Annual {
			seg := plotter.XYs{{X: float64(a.Year) - 0.3, Y: a.Value.InexactFloat64()}, {X: float64(a.Year) + 0.3, Y: a.Value.InexactFloat64()}}
			l, _ := plotter.NewLine(seg)
			l.LineStyle = targetStyle
			p.Add(l)
			drawn = append(drawn, seg)
			if entries == 0 || a.Year == t.Annual[0].Year {
				p.Legend.Add(th.L(labels.EachYearTarget), l)
				entries++
			}
		}
	}
	if r.TargetLevel != nil && t.Kind != model.Relative && t.Kind != model.Annual {
		T := r.TargetLevel.InexactFloat64()
		label := th.L(labels.Target)
		if t.Kind == model.Floor {
			label = th.L(labels.FloorEveryYear)
		} else if t.Kind == model.Cumulative {
			label = th.L(labels.TargetSum)
		} else if t.Kind == model.Reduction {
			label = th.L(labels.TargetReduction)
		}
		g := guide{y: T, style: targetStyle}
		p.Add(g)
		p.Legend.Add(fmt.Sprintf("%s %s", label, FormatValue(T, TargetPrecision(r))), g)
		entries++
		drawn = append(drawn, plotter.XYs{{X: float64(t.BaseYear), Y: T}, {X: float64(t.TargetYear), Y: T}})
		if t.Kind != model.Floor {
			tm, _ := plotter.NewScatter(plotter.XYs{{X: float64(t.TargetYear), Y: T}})
			tm.GlyphStyle = draw.GlyphStyle{Color: okabeRed, Radius: vg.Points(4.5), Shape: draw.PyramidGlyph{}}
			p.Add(tm)
		}
	}

	// The planned path from the base: for growth targets this is the
	// implied level path.
	if t.Kind == model.Growth || t.Kind == model.PointsPerYear || t.Kind == model.Multiple || t.Kind == model.Reduction {
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
			p.Legend.Add(th.L(labels.PlannedPath), l)
			entries++
			drawn = append(drawn, pl)
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
			if nonNegative(t.Indicator) {
				// A count or a quantity cannot fall below zero.
				pr.Low80, pr.Low95, pr.Value = math.Max(0, pr.Low80), math.Max(0, pr.Low95), math.Max(0, pr.Value)
			}
			b80.xs, b80.lo, b80.hi = append(b80.xs, float64(y)), append(b80.lo, pr.Low80), append(b80.hi, pr.High80)
			b95.xs, b95.lo, b95.hi = append(b95.xs, float64(y)), append(b95.lo, pr.Low95), append(b95.hi, pr.High95)
			mid = append(mid, plotter.XY{X: float64(y), Y: pr.Value})
		}
		if len(mid) > 1 {
			// The bands widen fast on short series (3–5 firms): they may
			// not set the axis beyond what the data and the target need.
			lo, hi := plausibleRange(pts, r, mid)
			b80.lim, b95.lim = [2]float64{lo, hi}, [2]float64{lo, hi}
			p.Add(b95, b80)
			l, _ := plotter.NewLine(mid)
			l.LineStyle = projStyle
			p.Add(l)
			p.Legend.Add(th.L(labels.Projection), l)
			p.Legend.Add(th.L(labels.Interval80), b80)
			p.Legend.Add(th.L(labels.Interval95), b95)
			entries += 3
			drawn = append(drawn, mid, bandEdge(b95.xs, b95.lo, lo, hi), bandEdge(b95.xs, b95.hi, lo, hi))
		}
	}

	// The required path from the latest actual.
	var req plotter.XYs
	for _, pp := range path {
		if !math.IsNaN(pp.Required) {
			req = append(req, plotter.XY{X: float64(pp.Year), Y: pp.Required})
		}
	}
	// An achieved target needs no path: drawing one would slope back
	// down to a target already passed.
	passed := r.Gap != nil && !r.Gap.IsPositive()
	if len(req) > 1 && t.Kind != model.Floor && analysis.Tones[r.Status] != analysis.ToneAchieved && !passed {
		l, _ := plotter.NewLine(req)
		l.LineStyle = requiredStyle
		p.Add(l)
		p.Legend.Add(th.L(labels.RequiredPath), l)
		entries++
		drawn = append(drawn, req)
	}

	if len(pts) > 0 {
		l, s, _ := plotter.NewLinePoints(pts)
		l.LineStyle = actualStyle
		s.GlyphStyle = draw.GlyphStyle{Color: ink, Radius: vg.Points(2.2), Shape: draw.CircleGlyph{}}
		p.Add(l, s)
		name := th.L(labels.Actual)
		if t.Kind == model.Cumulative {
			name = th.L(labels.RunningSum)
		}
		p.Legend.Add(name, l, s)
		entries++
		drawn = append(drawn, pts)
		// Preliminary figures (初步核算) get a hollow marker and a †.
		var pre plotter.XYs
		for _, q := range pts {
			if th.Preliminary != nil && th.Preliminary(t.Indicator.Code, t.Region, int(q.X)) && (t.Kind != model.Cumulative || int(q.X) >= t.FirstYear) {
				pre = append(pre, q)
			}
		}
		if len(pre) > 0 {
			m, _ := plotter.NewScatter(pre)
			m.GlyphStyle = draw.GlyphStyle{Color: okabeOrange, Radius: vg.Points(4), Shape: draw.RingGlyph{}}
			p.Add(m)
			p.Legend.Add(th.L(labels.PreliminaryMark), m)
			entries++
		}
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
			p.Legend.Add(th.L(labels.YearsBelowFloor), m)
			entries++
		}
	}
	if r.BaseValue != nil && t.Kind != model.Cumulative && t.Kind != model.Floor {
		bm, _ := plotter.NewScatter(plotter.XYs{{X: float64(r.BaseYear), Y: r.BaseValue.InexactFloat64()}})
		bm.GlyphStyle = draw.GlyphStyle{Color: okabeBlue, Radius: vg.Points(4), Shape: draw.BoxGlyph{}}
		p.Add(bm)
		p.Legend.Add(fmt.Sprintf("%s %d", th.L(labels.BaseYear), r.BaseYear), bm)
		entries++
	}
	p.X.Min, p.X.Max = xmin-0.3, xmax+0.3
	if !compact {
		placeLegend(p, drawn, entries)
	}
	if t.Indicator.Direction == model.LowerIsBetter {
		// Lower is better: say so on the axis, so a falling line reads as
		// progress.
		p.Y.Label.Text = unit + th.L(labels.LowerIsBetter)
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
		src = th.L(labels.NoData)
	}
	if th.Zh() {
		// The store's vintage reads “batch 1 (2026-03-01, 示例数据 (illustrative,
		// not official))”: no English in a Chinese chart.
		src = strings.NewReplacer("batch ", "批次", " (illustrative, not official)", "", "(illustrative, not official)", "", " )", "）", " (", "（", ")", "）").Replace(src)
	}
	return th.T("数据：", "Data: ") + th.Text(src) + th.T("　· 方法：", " · method: ") + th.MethodLabel(r.Method) + " · plangap"
}

// plausibleRange is the span of values a trajectory's axis may show: the
// actuals, the base, the target and the projection's centre line, widened
// by half their spread each way (never below zero for counts and
// quantities).
func plausibleRange(pts plotter.XYs, r analysis.Row, mid plotter.XYs) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(v float64) { lo, hi = math.Min(lo, v), math.Max(hi, v) }
	for _, q := range pts {
		see(q.Y)
	}
	for _, q := range mid {
		see(q.Y)
	}
	if r.TargetLevel != nil {
		see(r.TargetLevel.InexactFloat64())
	}
	if r.BaseValue != nil {
		see(r.BaseValue.InexactFloat64())
	}
	spread := math.Max(hi-lo, math.Abs(hi)*0.05)
	lo, hi = lo-spread/2, hi+spread/2
	if nonNegative(r.Target.Indicator) {
		lo = math.Max(0, lo)
	}
	return lo, hi
}

// bandEdge is one edge of a band kept inside [lo, hi], for legend placement.
func bandEdge(xs, ys []float64, lo, hi float64) plotter.XYs {
	var out plotter.XYs
	for i := range xs {
		out = append(out, plotter.XY{X: xs[i], Y: math.Max(lo, math.Min(hi, ys[i]))})
	}
	return out
}

// placeLegend puts the legend in the corner of the plot that the drawn
// series cross least. When every corner holds data, the y axis is raised
// to make room at the top, so the legend never hides a point or a line.
func placeLegend(p *plot.Plot, drawn []plotter.XYs, entries int) {
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for _, s := range drawn {
		for _, q := range s {
			ymin, ymax = math.Min(ymin, q.Y), math.Max(ymax, q.Y)
		}
	}
	if !math.IsInf(p.Y.Min, 0) && p.Y.Min < p.Y.Max {
		ymin, ymax = math.Min(ymin, p.Y.Min), math.Max(ymax, p.Y.Max)
	}
	if math.IsInf(ymin, 0) || ymin == ymax {
		return
	}
	xmin, xmax := p.X.Min, p.X.Max
	// The legend's share of the plot area: about 44% of the width and one
	// line of 10.5 points per entry over a plot about 210 points tall.
	wf, hf := 0.44, math.Min(0.9, float64(entries)*10.5/210+0.04)
	type corner struct{ top, left bool }
	count := func(c corner) int {
		x0, x1 := xmax-(xmax-xmin)*wf, xmax
		if c.left {
			x0, x1 = xmin, xmin+(xmax-xmin)*wf
		}
		y0, y1 := ymin, ymin+(ymax-ymin)*hf
		if c.top {
			y0, y1 = ymax-(ymax-ymin)*hf, ymax
		}
		n := 0
		for _, s := range drawn {
			for i := range s {
				// Sample each segment, so that a line crossing the corner counts.
				for k := 0; k <= 8; k++ {
					q := s[i]
					if i+1 < len(s) {
						f := float64(k) / 8
						q = plotter.XY{X: s[i].X + f*(s[i+1].X-s[i].X), Y: s[i].Y + f*(s[i+1].Y-s[i].Y)}
					} else if k > 0 {
						break
					}
					if q.X >= x0 && q.X <= x1 && q.Y >= y0 && q.Y <= y1 {
						n++
					}
				}
			}
		}
		return n
	}
	best, bestN := corner{top: true, left: false}, -1
	for _, c := range []corner{{true, false}, {true, true}, {false, false}, {false, true}} {
		if n := count(c); bestN < 0 || n < bestN {
			best, bestN = c, n
		}
	}
	if bestN > 0 {
		// No free corner: make one above the data.
		best = corner{top: true, left: false}
		p.Y.Min, p.Y.Max = ymin, ymax+(ymax-ymin)*hf/(1-hf)
	}
	p.Legend.Top, p.Legend.Left = best.top, best.left
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(4), vg.Points(4)
	if best.left {
		p.Legend.XOffs = vg.Points(4)
	}
	if best.top {
		p.Legend.YOffs = -vg.Points(4)
	}
}
