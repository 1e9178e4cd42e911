package charts

import (
	"image"
	"image/color"
	"io"
	"sync"

	"git.sr.ht/~sbinet/gg"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngDPI is the resolution of every PNG chart: a 460-point trajectory is
// 920 pixels wide.
const pngDPI = 144

// pngCanvas is gonum's image canvas with a faster path for upright text
// and a pooled image. vgimg draws every glyph through a general affine
// resampler and makes a new font face for every string; with the canvas
// untransformed (all text but the rotated y-axis titles) a glyph is a
// mask to composite at a whole pixel, which image/draw does directly,
// with the faces kept for the whole chart. The text lands on the same
// pixels; a rotated string still goes through vgimg.
type pngCanvas struct {
	*vgimg.Canvas
	img   *image.RGBA
	st    textState
	stack []textState
	faces map[faceKey]xfont.Face
}

// textState is what upright text needs of the canvas state: the colour,
// and whether the canvas was moved (then vgimg draws the text).
type textState struct {
	col   color.Color
	moved bool
}

type faceKey struct {
	f    *opentype.Font
	size vg.Length
}

// images are the RGBA buffers of finished charts, reused: a trajectory's
// is 2 MB, and allocating and clearing it cost more than the reuse.
var images sync.Pool

func newPNGCanvas(w, h vg.Length) *pngCanvas {
	px := func(l vg.Length) int { return int(l/vg.Inch*pngDPI + 0.5) }
	r := image.Rect(0, 0, px(w), px(h))
	n := 4 * r.Dx() * r.Dy()
	var img *image.RGBA
	if old, ok := images.Get().(*image.RGBA); ok && cap(old.Pix) >= n {
		img = &image.RGBA{Pix: old.Pix[:n], Stride: 4 * r.Dx(), Rect: r}
	} else {
		img = image.NewRGBA(r)
	}
	ctx := gg.NewContextForRGBA(img)
	// As vgimg.NewWith sets up its own context: butt caps, y upwards.
	ctx.SetLineCapButt()
	ctx.InvertY()
	// vgimg fills the image with its background colour, white.
	c := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(pngDPI))
	return &pngCanvas{Canvas: c, img: img, st: textState{col: color.Black}, faces: map[faceKey]xfont.Face{}}
}

// release hands the image back for the next chart.
func (c *pngCanvas) release() {
	images.Put(c.img)
	c.img = nil
}

func (c *pngCanvas) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := encodePNG(cw, c.img)
	return cw.n, err
}

func (c *pngCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.st.col = col
	c.Canvas.SetColor(col)
}

func (c *pngCanvas) Push() {
	c.stack = append(c.stack, c.st)
	c.Canvas.Push()
}

func (c *pngCanvas) Pop() {
	c.st, c.stack = c.stack[len(c.stack)-1], c.stack[:len(c.stack)-1]
	c.Canvas.Pop()
}

func (c *pngCanvas) Rotate(t float64) {
	c.st.moved = c.st.moved || t != 0
	c.Canvas.Rotate(t)
}

func (c *pngCanvas) Translate(pt vg.Point) {
	c.st.moved = c.st.moved || pt != vg.Point{}
	c.Canvas.Translate(pt)
}

func (c *pngCanvas) Scale(x, y float64) {
	c.st.moved = c.st.moved || x != 1 || y != 1
	c.Canvas.Scale(x, y)
}

// FillString draws upright text at pt (its baseline's left end) as
// vgimg does, from the same glyph masks, placed at the same pixels.
func (c *pngCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size == 0 {
		return
	}
	if c.st.moved || f.Face == nil {
		c.Canvas.FillString(f, pt, s)
		return
	}
	k := faceKey{f.Face, f.Font.Size}
	face, ok := c.faces[k]
	if !ok {
		face = f.FontFace(pngDPI)
		c.faces[k] = face
	}
	_, h := c.Size()
	x, y := pt.X.Dots(pngDPI), h.Dots(pngDPI)-pt.Y.Dots(pngDPI)
	d := xfont.Drawer{Dst: c.img, Src: image.NewUniform(c.st.col), Face: face,
		// gg truncates the position to 26.6 fixed point the same way.
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}}
	d.DrawString(s)
}
