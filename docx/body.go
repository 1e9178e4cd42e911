package docx

import (
	"fmt"
	"strconv"
	"strings"
)

// block is one piece of the body, written in order by render.
type block interface {
	render(r *renderer)
}

// renderer writes word/document.xml's body.
type renderer struct {
	b        strings.Builder
	d        *Document
	headings []*heading // levels 1–2, for the table of contents
}

func (r *renderer) printf(format string, a ...any) { fmt.Fprintf(&r.b, format, a...) }
func (r *renderer) str(s string)                   { r.b.WriteString(s) }

// text writes runs' text: "\n" becomes a line break and "\t" a tab, since
// Word ignores both inside w:t.
func (r *renderer) text(s string) {
	s = clean(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			r.str("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				r.str("<w:tab/>")
			}
			if part != "" {
				r.printf(`<w:t xml:space="preserve">%s</w:t>`, esc(part))
			}
		}
	}
}

// run writes one w:r; rPr is the run properties' inner XML.
func (r *renderer) run(rPr, text string) {
	r.str("<w:r>")
	if rPr != "" {
		r.printf("<w:rPr>%s</w:rPr>", rPr)
	}
	r.text(text)
	r.str("</w:r>")
}

func runProps(run Run) string {
	var p string
	if run.Bold {
		p += "<w:b/><w:bCs/>"
	}
	if run.Italic {
		p += "<w:i/><w:iCs/>"
	}
	return p
}

// halfPoints is w:sz's unit.
func halfPoints(pt float64) string { return strconv.Itoa(int(pt*2 + 0.5)) }

type paragraph struct {
	style string
	align string // w:jc value; the style's when empty
	runs  []Run
}

func (p *paragraph) render(r *renderer) {
	r.printf(`<w:p><w:pPr><w:pStyle w:val="%s"/>`, p.style)
	if p.align != "" {
		r.printf(`<w:jc w:val="%s"/>`, p.align)
	}
	r.str("</w:pPr>")
	for _, run := range p.runs {
		r.run(runProps(run), run.Text)
	}
	r.str("</w:p>")
}

type heading struct {
	level    int
	text     string
	bookmark string // _Toc… name the contents entry links to; set by render
	id       int
}

func (h *heading) render(r *renderer) {
	r.printf(`<w:p><w:pPr><w:pStyle w:val="Heading%d"/></w:pPr>`, h.level)
	if h.bookmark != "" {
		r.printf(`<w:bookmarkStart w:id="%d" w:name="%s"/>`, h.id, h.bookmark)
	}
	r.run("", h.text)
	if h.bookmark != "" {
		r.printf(`<w:bookmarkEnd w:id="%d"/>`, h.id)
	}
	r.str("</w:p>")
}

type pageBreak struct{}

func (pageBreak) render(r *renderer) {
	r.str(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
}

// sectionEnd closes the section before it with the page geometry geom.
type sectionEnd struct{ geom pageGeometry }

// render writes the paragraph that carries the section's properties. It is
// made 1 pt high so that it does not push a full page of table onto a blank
// page of its own.
func (s sectionEnd) render(r *renderer) {
	r.str(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>`)
	r.str(`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>`)
	r.sectPr(s.geom)
	r.str(`</w:pPr></w:p>`)
}

// sectPr writes a section's properties: the page, its margins and the header
// and footer that fit its width.
func (r *renderer) sectPr(g pageGeometry) {
	r.str("<w:sectPr>")
	if r.d.hasHeader() {
		id := relHeaderPortrait
		if g.landscape {
			id = relHeaderLandscape
		}
		r.printf(`<w:headerReference w:type="default" r:id="%s"/>`, id)
	}
	r.printf(`<w:footerReference w:type="default" r:id="%s"/>`, relFooter)
	r.printf(`<w:pgSz w:w="%d" w:h="%d"`, g.w, g.h)
	if g.landscape {
		r.str(` w:orient="landscape"`)
	}
	r.str("/>")
	r.printf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		g.top, g.right, g.bottom, g.left, headerDistance, footerDistance)
	r.str(`<w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>`)
}

// titleBlock is the title, subtitle and 文号 that open page 1.
func (r *renderer) titleBlock() {
	o := r.d.opt
	if o.Title == "" {
		return
	}
	(&paragraph{style: "Title", runs: []Run{{Text: o.Title}}}).render(r)
	if o.Subtitle != "" {
		(&paragraph{style: "Subtitle", runs: []Run{{Text: o.Subtitle}}}).render(r)
	}
	if o.DocNo != "" {
		(&paragraph{style: "DocNo", runs: []Run{{Text: o.DocNo}}}).render(r)
	}
}

// body renders every block and the final section's properties.
func (d *Document) body() string {
	r := &renderer{d: d}
	blocks, final := d.arrangeSections()
	for _, b := range blocks {
		if h, ok := b.(*heading); ok && h.level <= 2 {
			h.id = len(r.headings) + 1
			h.bookmark = fmt.Sprintf("_Toc%09d", 100000000+h.id)
			r.headings = append(r.headings, h)
		}
	}
	r.titleBlock()
	for i, b := range blocks {
		b.render(r)
		// Word joins two tables that touch, and a body cannot end with a
		// table: an empty paragraph keeps them apart.
		if _, ok := b.(*tableBlock); ok {
			if i == len(blocks)-1 {
				r.str("<w:p/>")
			} else if _, next := blocks[i+1].(*tableBlock); next {
				r.str("<w:p/>")
			}
		}
	}
	r.sectPr(final)
	return r.b.String()
}

// arrangeSections drops section breaks that would leave a section empty (a
// Landscape called first or with nothing inside) and returns the page of the
// last section, which Word keeps in the body's own sectPr rather than in a
// paragraph.
func (d *Document) arrangeSections() (blocks []block, final pageGeometry) {
	content := d.opt.Title != ""
	for _, b := range d.blocks {
		if _, ok := b.(sectionEnd); ok {
			if !content {
				continue
			}
			content = false
		} else {
			content = true
		}
		blocks = append(blocks, b)
	}
	final = portrait
	if n := len(blocks); n > 0 {
		if s, ok := blocks[n-1].(sectionEnd); ok {
			blocks, final = blocks[:n-1], s.geom
		}
	}
	return blocks, final
}
