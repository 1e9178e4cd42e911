package docx

import (
	"fmt"
	"strings"
)

// stylesXML defines every style the body uses. Heading1–3 carry outline
// levels 0–2 and Word's built-in names ("heading 1"), which is what a TOC
// field with \o and the navigation pane look for. Chinese sizes: 二号 22 pt
// title, 三号 16 pt, 小三 15 pt, 四号 14 pt headings, 五号 10.5 pt tables.
func (d *Document) stylesXML() string {
	o := d.opt
	latin, body, head := esc(o.LatinFont), esc(o.Font), esc(o.HeadingFont)
	fontsOf := func(eastAsia string) string {
		return fmt.Sprintf(`<w:rFonts w:ascii="%s" w:eastAsia="%s" w:hAnsi="%s" w:cs="%s"/>`, latin, eastAsia, latin, latin)
	}
	size := func(pt float64) string {
		h := halfPoints(pt)
		return `<w:sz w:val="` + h + `"/><w:szCs w:val="` + h + `"/>`
	}
	bodySize := halfPoints(o.FontSizePt)
	// Two characters of first-line indent, also in twips for readers that
	// ignore firstLineChars.
	indent := fmt.Sprintf(`<w:ind w:firstLine="%d" w:firstLineChars="200"/>`, int(o.FontSizePt*2*20+0.5))

	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<w:styles xmlns:w="` + nsW + `">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + fontsOf(body) +
		`<w:kern w:val="2"/><w:sz w:val="` + bodySize + `"/><w:szCs w:val="` + bodySize + `"/>` +
		`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>`)

	style := func(typ, id, name string, def bool, rest string) {
		d := ""
		if def {
			d = ` w:default="1"`
		}
		fmt.Fprintf(&b, `<w:style w:type="%s"%s w:styleId="%s"><w:name w:val="%s"/>%s</w:style>`, typ, d, id, name, rest)
	}
	para := func(id, name, next, pPr, rPr string) {
		rest := `<w:basedOn w:val="Normal"/>`
		if next != "" {
			rest += `<w:next w:val="` + next + `"/>`
		}
		rest += `<w:qFormat/>`
		if pPr != "" {
			rest += `<w:pPr>` + pPr + `</w:pPr>`
		}
		if rPr != "" {
			rest += `<w:rPr>` + rPr + `</w:rPr>`
		}
		style("paragraph", id, name, false, rest)
	}

	style("paragraph", "Normal", "Normal", true, `<w:qFormat/><w:pPr><w:widowControl/></w:pPr>`)
	style("character", "DefaultParagraphFont", "Default Paragraph Font", true, `<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>`)
	style("table", "TableNormal", "Normal Table", true, `<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>`+
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>`+
		`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>`)

	para("Title", "Title", "Normal",
		`<w:spacing w:before="480" w:after="240"/><w:jc w:val="center"/>`, fontsOf(head)+size(22))
	para("Subtitle", "Subtitle", "Normal",
		`<w:spacing w:after="120"/><w:jc w:val="center"/>`, size(16))
	para("DocNo", "Document Number", "Normal",
		`<w:spacing w:after="360"/><w:jc w:val="center"/>`, size(14))
	headings := []struct {
		pt            float64
		before, after int
	}{{16, 240, 120}, {15, 180, 60}, {14, 120, 60}}
	for i, h := range headings {
		para(fmt.Sprintf("Heading%d", i+1), fmt.Sprintf("heading %d", i+1), "BodyText",
			fmt.Sprintf(`<w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="%d"/><w:jc w:val="left"/><w:outlineLvl w:val="%d"/>`, h.before, h.after, i),
			fontsOf(head)+size(h.pt))
	}
	para("BodyText", "Body Text", "BodyText",
		`<w:spacing w:after="0" w:line="360" w:lineRule="auto"/>`+indent, "")
	box := `<w:pBdr>`
	for _, side := range []string{"top", "left", "bottom", "right"} {
		box += `<w:` + side + ` w:val="single" w:sz="12" w:space="4" w:color="D55E00"/>`
	}
	box += `</w:pBdr>`
	para("Banner", "Banner", "", box+`<w:spacing w:before="120" w:after="120"/><w:jc w:val="left"/>`, `<w:b/><w:bCs/><w:color w:val="D55E00"/>`)
	para("Note", "Note", "", `<w:spacing w:before="40" w:after="0"/>`, size(9))
	para("TableCaption", "Table Caption", "", `<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>`, fontsOf(head)+size(12))
	para("Caption", "caption", "", `<w:spacing w:before="60" w:after="240"/><w:jc w:val="center"/>`, fontsOf(head)+size(10.5))
	para("Picture", "Picture", "", `<w:keepNext/><w:spacing w:before="240" w:after="0"/><w:jc w:val="center"/>`, "")
	para("TableText", "Table Text", "", `<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>`, "")
	para("TOCHeading", "TOC Heading", "", `<w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>`, fontsOf(head)+size(16))
	para("TOC1", "toc 1", "", `<w:spacing w:before="60" w:after="60"/>`, "")
	para("TOC2", "toc 2", "", `<w:spacing w:after="60"/><w:ind w:left="480" w:leftChars="200"/>`, "")
	para("Header", "header", "",
		`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr><w:jc w:val="left"/>`, size(9))
	para("Footer", "footer", "", `<w:jc w:val="center"/>`, size(9))
	style("table", "ReportTable", "Report Table", false, `<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>`+
		`<w:tblPr>`+tableBorders+`</w:tblPr>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}
