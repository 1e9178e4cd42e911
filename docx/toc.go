package docx

// toc is a TOC field over outline levels 1–2. Its result holds one entry per
// heading, linked to the heading's bookmark, with a PAGEREF field for the
// page: Word and WPS recompute the whole field on open (w:updateFields), and
// readers that do not still show the entries.
type toc struct {
	width int // text width of its section, twips: the page numbers' tab
}

func (t toc) render(r *renderer) {
	r.str(`<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>`)
	r.run("", "目　录")
	r.str(`</w:p>`)

	begin := func() {
		r.str(`<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>`)
		r.str(`<w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r>`)
		r.str(`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
	}
	if len(r.headings) == 0 {
		r.str(`<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>`)
		begin()
		r.run("", "（打开文件时更新目录 update the table of contents）")
		r.str(`<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
		return
	}
	for i, h := range r.headings {
		r.printf(`<w:p><w:pPr><w:pStyle w:val="TOC%d"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="%d"/></w:tabs></w:pPr>`,
			h.level, t.width)
		if i == 0 {
			begin()
		}
		r.printf(`<w:hyperlink w:anchor="%s" w:history="1">`, h.bookmark)
		r.run("", h.text)
		r.str(`<w:r><w:tab/></w:r>`)
		r.str(`<w:r><w:fldChar w:fldCharType="begin"/></w:r>`)
		r.printf(`<w:r><w:instrText xml:space="preserve"> PAGEREF %s \h </w:instrText></w:r>`, h.bookmark)
		r.str(`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
		r.str(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		r.str(`</w:hyperlink></w:p>`)
	}
	r.str(`<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
}
