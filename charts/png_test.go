package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestEncodePNGLossless: what encodePNG writes decodes with image/png to
// exactly the pixels it was given, for flat areas, noise, a sub-image
// and an image with transparency (which keeps its alpha).
func TestEncodePNGLossless(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	big := image.NewRGBA(image.Rect(0, 0, 701, 389))
	for y := 0; y < 389; y++ {
		for x := 0; x < 701; x++ {
			c := color.RGBA{0xff, 0xff, 0xff, 0xff}
			switch {
			case x > 100 && x < 300 && y > 50:
				c = color.RGBA{0xE6, 0x9F, 0x00, 0xff}
			case x >= 500:
				c = color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xff}
			case y%7 == 0:
				c = color.RGBA{uint8(x), uint8(y), uint8(x + y), 0xff}
			}
			big.SetRGBA(x, y, c)
		}
	}
	see := func(name string, img *image.RGBA) {
		var buf bytes.Buffer
		if err := encodePNG(&buf, img); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatalf("%s: decode: %v", name, err)
		}
		b := img.Bounds()
		if got.Bounds().Dx() != b.Dx() || got.Bounds().Dy() != b.Dy() {
			t.Fatalf("%s: size %v, want %v", name, got.Bounds(), b)
		}
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				want := img.RGBAAt(b.Min.X+x, b.Min.Y+y)
				r, g, bl, a := got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y).RGBA()
				if have := (color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}); have != want {
					t.Fatalf("%s: pixel (%d,%d) = %v, want %v", name, x, y, have, want)
				}
			}
		}
	}
	see("whole", big)
	see("sub-image", big.SubImage(image.Rect(90, 40, 520, 300)).(*image.RGBA))
	// Transparency goes through image/png (premultiplied alpha, so
	// compare alpha alone).
	glass := image.NewRGBA(image.Rect(0, 0, 40, 30))
	glass.SetRGBA(3, 4, color.RGBA{0x10, 0x20, 0x30, 0x80})
	var buf bytes.Buffer
	if err := encodePNG(&buf, glass); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := got.At(3, 4).RGBA(); a>>8 != 0x80 {
		t.Errorf("alpha %#x, want 0x80", a>>8)
	}
}

// TestChartPNGPixels: a chart's PNG holds exactly the pixels drawn on
// its canvas, and those are vgimg's but for the rounding of text edges:
// the fast path for upright text places the same glyphs at the same
// pixels.
func TestChartPNGPixels(t *testing.T) {
	th, _ := NewTheme("en", "")
	in, r := fixture()
	fig, err := th.Trajectory(in, r, 460, 300)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fig.Bytes("png", th)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	pc := newPNGCanvas(fig.Width, fig.Height)
	fig.draw(draw.New(pc))
	drawn := pc.img
	vc := vgimg.NewWith(vgimg.UseWH(fig.Width, fig.Height), vgimg.UseDPI(144))
	fig.draw(draw.New(vc))
	ref := vc.Image()
	// 460 × 300 points at 144 dpi.
	if img.Bounds() != drawn.Bounds() || img.Bounds() != ref.Bounds() || img.Bounds().Dx() != 920 || img.Bounds().Dy() != 600 {
		t.Fatalf("size %v, canvas %v, vgimg %v", img.Bounds(), drawn.Bounds(), ref.Bounds())
	}
	colours := map[color.Color]bool{}
	differ := 0
	for y := 0; y < 600; y++ {
		for x := 0; x < 920; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			R, G, B, A := drawn.At(x, y).RGBA()
			if r != R || g != G || b != B || a != A {
				t.Fatalf("pixel (%d,%d) = %v, drawn %v", x, y, img.At(x, y), drawn.At(x, y))
			}
			colours[img.At(x, y)] = true
			R, G, B, A = ref.At(x, y).RGBA()
			d := max(absDiff(r, R), absDiff(g, G), absDiff(b, B), absDiff(a, A)) >> 8
			if d > 8 {
				t.Fatalf("pixel (%d,%d) = %v, vgimg draws %v", x, y, img.At(x, y), ref.At(x, y))
			}
			if d > 0 {
				differ++
			}
		}
	}
	if len(colours) < 50 {
		t.Errorf("only %d colours: the chart was not drawn", len(colours))
	}
	// Only the edges of letters may differ: a few percent of the pixels.
	if differ > 600*920/50 {
		t.Errorf("%d pixels differ from vgimg's", differ)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// BenchmarkEncodePNG encodes a trajectory's pixels (920 × 600) with
// encodePNG and, for comparison, with image/png at its fastest level.
//
//	go test ./charts -run x -bench EncodePNG
func BenchmarkEncodePNG(b *testing.B) {
	th, _ := NewTheme("en", "")
	in, r := fixture()
	fig, _ := th.Trajectory(in, r, 460, 300)
	pc := newPNGCanvas(fig.Width, fig.Height)
	fig.draw(draw.New(pc))
	var buf bytes.Buffer
	b.Run("plangap", func(b *testing.B) {
		for b.Loop() {
			buf.Reset()
			if err := encodePNG(&buf, pc.img); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	})
	b.Run("image-png", func(b *testing.B) {
		for b.Loop() {
			buf.Reset()
			if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, pc.img); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	})
}
