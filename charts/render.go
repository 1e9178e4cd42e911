package charts

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"image/color"
	"io"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is a drawing with its size: a plot plus the notes around it.
type Figure struct {
	Width, Height vg.Length
	// Title names the chart and Desc says in words what it shows: the
	// indicator, unit, years and statuses. An SVG carries them as its
	// <title> and <desc> for screen readers; a page showing the PNG can
	// use them as its alternative text.
	Title, Desc string
	draw        func(draw.Canvas)
}

// Encode renders the figure as png, svg or pdf. PDF is refused for
// Chinese text: gonum's PDF backend cannot encode CJK glyphs, and a chart
// with missing characters is worse than none.
func (f Figure) Encode(w io.Writer, format string, th *Theme) error {
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	switch strings.ToLower(format) {
	case "png":
		pc := newPNGCanvas(f.Width, f.Height)
		defer pc.release()
		c = pc
	case "svg":
		c = vgsvg.New(f.Width, f.Height)
	case "pdf":
		if th.Zh() {
			return fmt.Errorf("PDF cannot show Chinese text (gonum's PDF backend has no CJK support): use --format svg or png, or --lang en for an English PDF")
		}
		c = vgpdf.New(f.Width, f.Height)
	default:
		return fmt.Errorf("unknown chart format %q (want png, svg or pdf)", format)
	}
	dc := draw.New(c)
	if _, raster := c.(*pngCanvas); !raster {
		// A white page (the PNG canvas starts white; filling it again
		// took a tenth of a chart's time).
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	f.draw(dc)
	if _, ok := c.(*vgsvg.Canvas); ok {
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return err
		}
		_, err := w.Write(f.accessibleSVG(buf.Bytes()))
		return err
	}
	_, err := c.WriteTo(w)
	return err
}

// accessibleSVG gives gonum's SVG a <title> and a <desc> as the first
// children of <svg>, with role="img" and aria-labelledby naming them
// (WAI-ARIA's pattern for a graphic). The ids come from the text, so the
// same chart gets the same ids and several charts on one page do not
// clash.
func (f Figure) accessibleSVG(svg []byte) []byte {
	start := bytes.Index(svg, []byte("<svg"))
	if start < 0 {
		return svg
	}
	end := bytes.IndexByte(svg[start:], '>')
	if end < 0 {
		return svg
	}
	end += start
	title := strings.Join(strings.Fields(strings.ReplaceAll(f.Title, "\n", " · ")), " ")
	h := fnv.New32a()
	io.WriteString(h, title+"\x00"+f.Desc)
	id := fmt.Sprintf("plangap-%08x", h.Sum32())
	var b bytes.Buffer
	b.Grow(len(svg) + len(title) + len(f.Desc) + 200)
	b.Write(svg[:end])
	fmt.Fprintf(&b, ` role="img" aria-labelledby="%s-title %s-desc">`, id, id)
	fmt.Fprintf(&b, "\n<title id=\"%s-title\">", id)
	xml.EscapeText(&b, []byte(title))
	fmt.Fprintf(&b, "</title>\n<desc id=\"%s-desc\">", id)
	xml.EscapeText(&b, []byte(f.Desc))
	b.WriteString("</desc>")
	b.Write(svg[end+1:])
	return b.Bytes()
}

// Bytes renders the figure into memory.
func (f Figure) Bytes(format string, th *Theme) ([]byte, error) {
	var buf bytes.Buffer
	err := f.Encode(&buf, format, th)
	return buf.Bytes(), err
}

// svgProlog matches what precedes <svg in gonum's output.
var svgProlog = regexp.MustCompile(`(?s)^.*?(<svg)`)

// InlineSVG renders the figure as SVG markup to place inside an HTML page:
// without the XML prolog, scaling with its container.
func (f Figure) InlineSVG(th *Theme) (string, error) {
	b, err := f.Bytes("svg", th)
	if err != nil {
		return "", err
	}
	s := svgProlog.ReplaceAllString(string(b), "$1")
	return strings.Replace(s, "<svg ", `<svg class="chart" preserveAspectRatio="xMidYMin meet" `, 1), nil
}

// withNotes draws p above a footnote line and, for illustrative data, a
// visible 示例数据 mark in the top-right corner of the plot.
func (th *Theme) withNotes(p *plot.Plot, w, h vg.Length, footnote string, illustrative bool) Figure {
	return Figure{Width: w, Height: h, draw: func(c draw.Canvas) {
		foot := vg.Length(0)
		if footnote != "" {
			foot = vg.Points(16)
		}
		area := draw.Crop(c, vg.Points(4), 0, foot, 0)
		p.Draw(area)
		if footnote != "" {
			sty := th.textStyle(7, color.RGBA{0x55, 0x55, 0x55, 0xff})
			c.FillText(sty, vg.Point{X: c.Min.X + vg.Points(6), Y: c.Min.Y + vg.Points(5)}, footnote)
		}
		if illustrative {
			th.illustrativeMark(area)
		}
	}}
}

// illustrativeMark stamps 示例数据 illustrative in a box at the top left,
// clear of the centred title.
func (th *Theme) illustrativeMark(c draw.Canvas) {
	label := th.T("示例数据 illustrative", "ILLUSTRATIVE DATA")
	sty := th.textStyle(8, okabeRed)
	w, h := sty.Width(label), sty.Height(label)
	pt := vg.Point{X: c.Min.X + vg.Points(8), Y: c.Max.Y - h - vg.Points(6)}
	box := vg.Rectangle{Min: vg.Point{X: pt.X - vg.Points(3), Y: pt.Y - vg.Points(3)}, Max: vg.Point{X: pt.X + w + vg.Points(3), Y: pt.Y + h + vg.Points(1)}}
	c.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xe8})
	c.Fill(box.Path())
	c.SetLineStyle(draw.LineStyle{Color: okabeRed, Width: vg.Points(0.8)})
	c.Stroke(box.Path())
	c.FillText(sty, pt, label)
}

// yearTicks labels whole years only.
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	step := 1
	if max-min > 12 {
		step = 2
	}
	for y := int(min + 0.999); float64(y) <= max; y++ {
		t := plot.Tick{Value: float64(y)}
		if (y-int(min+0.999))%step == 0 {
			t.Label = fmt.Sprint(y)
		}
		out = append(out, t)
	}
	return out
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
