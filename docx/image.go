package docx

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // charts may come as JPEG photos too
	_ "image/png"
	"math"
)

// media is a picture file stored under word/media.
type media struct {
	name  string // image3.png
	relID string
	data  []byte
}

type picture struct {
	relID   string
	name    string
	id      int   // wp:docPr id, unique in the document
	cx, cy  int64 // EMU
	caption string
}

// Image adds a PNG or JPEG picture, centred, widthCm wide (the text width
// when widthCm is zero or wider than the text), with its height from the
// picture's pixel proportions; a picture taller than the page is shrunk to
// fit. caption goes under it (style Caption) and into the alt text.
func (d *Document) Image(data []byte, widthCm float64, caption string) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		d.fail(fmt.Errorf("图片“%s”：不是PNG或JPEG图片 picture %q: not a PNG or JPEG: %w", clean(caption), caption, err))
		return
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		d.fail(fmt.Errorf("图片“%s”：空图片 picture %q: empty, %d×%d px", clean(caption), caption, cfg.Width, cfg.Height))
		return
	}
	g := d.geometry()
	maxW := float64(g.textWidth() * emuPerTwip)
	// Leave room for the caption line under a full-height picture.
	maxH := float64(g.textHeight()*emuPerTwip) * 0.9
	cx := widthCm * emuPerCm
	if cx <= 0 || cx > maxW || math.IsNaN(cx) {
		cx = maxW
	}
	cy := cx * float64(cfg.Height) / float64(cfg.Width)
	if cy > maxH {
		cx, cy = cx*maxH/cy, maxH
	}
	ext := "png"
	if format == "jpeg" {
		ext = "jpeg"
	}
	n := len(d.media) + 1
	m := media{name: fmt.Sprintf("image%d.%s", n, ext), relID: fmt.Sprintf("rIdImage%d", n), data: data}
	d.media = append(d.media, m)
	d.blocks = append(d.blocks, &picture{
		relID: m.relID, name: m.name, id: n,
		cx: int64(math.Round(cx)), cy: int64(math.Round(cy)), caption: caption,
	})
}

func (p *picture) render(r *renderer) {
	descr := esc(p.caption)
	r.str(`<w:p><w:pPr><w:pStyle w:val="Picture"/></w:pPr><w:r><w:drawing>`)
	r.printf(`<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/>`, p.cx, p.cy)
	r.str(`<wp:effectExtent l="0" t="0" r="0" b="0"/>`)
	r.printf(`<wp:docPr id="%d" name="图片 %d" descr="%s"/>`, p.id, p.id, descr)
	r.str(`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	r.str(`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`)
	r.printf(`<pic:nvPicPr><pic:cNvPr id="%d" name="%s" descr="%s"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>`, p.id, p.name, descr)
	r.printf(`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`, p.relID)
	r.printf(`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`, p.cx, p.cy)
	r.str(`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
	if p.caption != "" {
		(&paragraph{style: "Caption", runs: []Run{{Text: p.caption}}}).render(r)
	}
}
