package docx

import (
	"fmt"
	"io"
	"time"
)

// Options are the document-wide settings. The zero value of every field means
// "use the default" named in its comment.
type Options struct {
	Title    string // 标题: first lines of page 1, document properties, page header
	Subtitle string // 副标题 under the title
	DocNo    string // 文号, e.g. 冠发〔2023〕5号: under the title and right in the header

	// HeaderText is the left part of the page header; Title when empty. The
	// header is left out when HeaderText, Title and DocNo are all empty.
	HeaderText string
	// FooterText is an extra centred footer line above 第 X 页 共 Y 页.
	FooterText string

	Font        string  // East Asian body font; "宋体" (SimSun)
	HeadingFont string  // East Asian font of title and headings; "黑体" (SimHei)
	LatinFont   string  // font of Latin letters and digits; "Times New Roman"
	FontSizePt  float64 // body text size in points; 12 (小四)

	Author  string    // dc:creator; "plangap"
	Created time.Time // creation time in docProps and zip entries; zero leaves it out
}

// Run is a piece of a paragraph with one format.
type Run struct {
	Text   string // "\n" breaks the line, "\t" is a tab
	Bold   bool
	Italic bool
}

// Document is a Word document being built. Its methods append to the body in
// call order.
type Document struct {
	opt       Options
	blocks    []block
	landscape bool // inside Landscape
	media     []media
	err       error
}

// New starts a document; the title block (Title, Subtitle, DocNo) opens its
// first page when Title is set.
func New(opt Options) *Document {
	if opt.Font == "" {
		opt.Font = "宋体"
	}
	if opt.HeadingFont == "" {
		opt.HeadingFont = "黑体"
	}
	if opt.LatinFont == "" {
		opt.LatinFont = "Times New Roman"
	}
	if opt.FontSizePt <= 0 {
		opt.FontSizePt = 12
	}
	if opt.Author == "" {
		opt.Author = "plangap"
	}
	return &Document{opt: opt}
}

// fail keeps the first error for WriteTo.
func (d *Document) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// Heading adds a heading of level 1–3 (styles Heading1–Heading3, outline
// levels 0–2). Levels 1 and 2 appear in the table of contents.
func (d *Document) Heading(level int, text string) {
	if level < 1 || level > 3 {
		d.fail(fmt.Errorf("标题“%s”：级别%d不在1至3之间 heading %q: level %d not in 1–3", clean(text), level, text, level))
		return
	}
	d.blocks = append(d.blocks, &heading{level: level, text: text})
}

// Paragraph adds a body paragraph (style BodyText: first line indented two
// characters).
func (d *Document) Paragraph(text string) {
	d.Runs(Run{Text: text})
}

// Runs adds a body paragraph made of differently formatted runs.
func (d *Document) Runs(runs ...Run) {
	d.blocks = append(d.blocks, &paragraph{style: "BodyText", runs: runs})
}

// Note adds a small unindented paragraph, for 注 and 资料来源 lines.
func (d *Document) Note(text string) {
	d.blocks = append(d.blocks, &paragraph{style: "Note", runs: []Run{{Text: text}}})
}

// Banner adds a boxed, bold, coloured paragraph for what a reader must not
// miss, such as 示例数据 — illustrative, not official statistics.
func (d *Document) Banner(text string) {
	d.blocks = append(d.blocks, &paragraph{style: "Banner", runs: []Run{{Text: text}}})
}

// PageBreak starts a new page.
func (d *Document) PageBreak() {
	d.blocks = append(d.blocks, pageBreak{})
}

// TOC adds a table of contents (目录) over headings of levels 1–2: a Word TOC
// field that Word and WPS refill when the file is opened (settings ask them to
// update fields), holding the headings' text and links as its first content.
func (d *Document) TOC() {
	d.blocks = append(d.blocks, toc{width: d.geometry().textWidth()})
}

// Landscape puts what add adds on landscape A4 pages, in a section of its
// own; the document continues in portrait afterwards. Tables and images added
// inside get the wider text area.
func (d *Document) Landscape(add func()) {
	if d.landscape {
		add()
		return
	}
	d.blocks = append(d.blocks, sectionEnd{geom: portrait})
	d.landscape = true
	add()
	d.landscape = false
	d.blocks = append(d.blocks, sectionEnd{geom: landscape})
}

// geometry is the page of the section being built.
func (d *Document) geometry() pageGeometry {
	if d.landscape {
		return landscape
	}
	return portrait
}

// WriteTo writes the .docx (a zip archive) to w. It returns the first error
// met while building, if any, before writing anything.
func (d *Document) WriteTo(w io.Writer) (int64, error) {
	if d.err != nil {
		return 0, d.err
	}
	cw := &countingWriter{w: w}
	if err := d.writePackage(cw); err != nil {
		return cw.n, fmt.Errorf("write docx: %w", err)
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
