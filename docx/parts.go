package docx

import (
	"fmt"
	"strings"
	"time"
)

// Namespaces of the parts.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"

	relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctWord  = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// Relationship ids of word/_rels/document.xml.rels.
const (
	relStyles          = "rIdStyles"
	relSettings        = "rIdSettings"
	relFontTable       = "rIdFontTable"
	relHeaderPortrait  = "rIdHeader1"
	relHeaderLandscape = "rIdHeader2"
	relFooter          = "rIdFooter1"
)

func (d *Document) hasHeader() bool {
	return d.opt.HeaderText != "" || d.opt.Title != "" || d.opt.DocNo != ""
}

func (d *Document) documentXML() string {
	return xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP +
		`" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"><w:body>` + d.body() + `</w:body></w:document>`
}

func (d *Document) contentTypesXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	b.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	b.WriteString(`<Default Extension="jpeg" ContentType="image/jpeg"/>`)
	override := func(part, ct string) {
		fmt.Fprintf(&b, `<Override PartName="%s" ContentType="%s"/>`, part, ct)
	}
	override("/word/document.xml", ctWord+"document.main+xml")
	override("/word/styles.xml", ctWord+"styles+xml")
	override("/word/settings.xml", ctWord+"settings+xml")
	override("/word/fontTable.xml", ctWord+"fontTable+xml")
	if d.hasHeader() {
		override("/word/header1.xml", ctWord+"header+xml")
		override("/word/header2.xml", ctWord+"header+xml")
	}
	override("/word/footer1.xml", ctWord+"footer+xml")
	override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
	override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
	b.WriteString(`</Types>`)
	return b.String()
}

const packageRelsXML = xmlHeader + `<Relationships xmlns="` + nsRel + `">` +
	`<Relationship Id="rId1" Type="` + relType + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relType + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func (d *Document) documentRelsXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<Relationships xmlns="` + nsRel + `">`)
	rel := func(id, typ, target string) {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s%s" Target="%s"/>`, id, relType, typ, target)
	}
	rel(relStyles, "styles", "styles.xml")
	rel(relSettings, "settings", "settings.xml")
	rel(relFontTable, "fontTable", "fontTable.xml")
	if d.hasHeader() {
		rel(relHeaderPortrait, "header", "header1.xml")
		rel(relHeaderLandscape, "header", "header2.xml")
	}
	rel(relFooter, "footer", "footer1.xml")
	for _, m := range d.media {
		rel(m.relID, "image", "media/"+m.name)
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// settingsXML asks Word and WPS to update fields on open, which fills the
// table of contents and its page numbers.
const settingsXML = xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:updateFields w:val="true"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>` +
	`</w:settings>`

// headerXML is the page header: the title (or HeaderText) on the left, the
// 文号 at a right tab on the text's right edge, which differs between
// portrait and landscape pages.
func (d *Document) headerXML(g pageGeometry) string {
	left := d.opt.HeaderText
	if left == "" {
		left = d.opt.Title
	}
	r := &renderer{d: d}
	r.str(xmlHeader + `<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Header"/>`)
	r.printf(`<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs></w:pPr>`, g.textWidth())
	if left != "" {
		r.run("", left)
	}
	if d.opt.DocNo != "" {
		r.str(`<w:r><w:tab/></w:r>`)
		r.run("", d.opt.DocNo)
	}
	r.str(`</w:p></w:hdr>`)
	return r.b.String()
}

// footerXML is 第 X 页 共 Y 页 with PAGE and NUMPAGES fields, under the
// optional FooterText line.
func (d *Document) footerXML() string {
	r := &renderer{d: d}
	r.str(xmlHeader + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">`)
	if d.opt.FooterText != "" {
		r.str(`<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>`)
		r.run("", d.opt.FooterText)
		r.str(`</w:p>`)
	}
	field := func(instr string) {
		r.str(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>`)
		r.printf(`<w:r><w:instrText xml:space="preserve"> %s </w:instrText></w:r>`, instr)
		// Every reader recomputes PAGE and NUMPAGES when it lays out pages;
		// the cached 1 is only what a text extractor sees.
		r.str(`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	}
	r.str(`<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>`)
	r.run("", "第 ")
	field("PAGE")
	r.run("", " 页 共 ")
	field("NUMPAGES")
	r.run("", " 页")
	r.str(`</w:p></w:ftr>`)
	return r.b.String()
}

func (d *Document) coreXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&b, `<dc:title>%s</dc:title>`, esc(d.opt.Title))
	if d.opt.DocNo != "" {
		fmt.Fprintf(&b, `<dc:identifier>%s</dc:identifier>`, esc(d.opt.DocNo))
	}
	fmt.Fprintf(&b, `<dc:creator>%s</dc:creator>`, esc(d.opt.Author))
	if !d.opt.Created.IsZero() {
		t := d.opt.Created.UTC().Format(time.RFC3339)
		fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>`, t)
		fmt.Fprintf(&b, `<dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, t)
	}
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>plangap</Application><DocSecurity>0</DocSecurity></Properties>`
