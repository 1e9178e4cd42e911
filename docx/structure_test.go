package docx

import (
	"path"
	"strings"
	"testing"
)

func TestReportParts(t *testing.T) {
	parts := unzip(t, buildReport(t))
	for name, data := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if _, err := parseXML(data); err != nil {
				t.Errorf("%s does not parse: %v", name, err)
			}
		}
	}
	// Every part but the content types is named in [Content_Types].xml,
	// by an Override or by its extension's Default.
	types := mustParse(t, parts, "[Content_Types].xml")
	const nsCT = "http://schemas.openxmlformats.org/package/2006/content-types"
	overrides, defaults := map[string]bool{}, map[string]bool{}
	for _, o := range types.all(nsCT, "Override") {
		overrides[o.get("", "PartName")] = true
	}
	for _, d := range types.all(nsCT, "Default") {
		defaults[d.get("", "Extension")] = true
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		if !overrides["/"+name] && !defaults[strings.TrimPrefix(path.Ext(name), ".")] {
			t.Errorf("%s has no content type", name)
		}
	}
	for _, want := range []string{"/word/document.xml", "/word/styles.xml", "/word/settings.xml", "/word/header1.xml", "/word/footer1.xml", "/docProps/core.xml", "/docProps/app.xml"} {
		if !overrides[want] {
			t.Errorf("no content type override for %s", want)
		}
	}
	// Every relationship points at a part that exists.
	for relsName, dir := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word/"} {
		rels := mustParse(t, parts, relsName)
		for _, r := range rels.all(nsRel, "Relationship") {
			if target := dir + r.get("", "Target"); parts[target] == nil {
				t.Errorf("%s: %s → %s, which is not in the package", relsName, r.get("", "Id"), target)
			}
		}
	}
	core := mustParse(t, parts, "docProps/core.xml")
	if got := core.first("http://purl.org/dc/elements/1.1/", "title").text; !strings.HasPrefix(got, "冠县绿色低碳") {
		t.Errorf("core title = %q", got)
	}
	// East Asian fonts: 宋体 for text, 黑体 for headings, each with its
	// English name beside it in the font table.
	styles := mustParse(t, parts, "word/styles.xml")
	if f := styles.first(nsW, "docDefaults").first(nsW, "rFonts"); f.get(nsW, "eastAsia") != "宋体" || f.get(nsW, "ascii") != "Times New Roman" {
		t.Errorf("default fonts eastAsia %q ascii %q", f.get(nsW, "eastAsia"), f.get(nsW, "ascii"))
	}
	for _, st := range styles.all(nsW, "style") {
		if id := st.get(nsW, "styleId"); id == "Heading1" || id == "Title" {
			if f := st.first(nsW, "rFonts"); f == nil || f.get(nsW, "eastAsia") != "黑体" {
				t.Errorf("style %s is not in 黑体", id)
			}
		}
	}
	alt := map[string]string{}
	for _, f := range mustParse(t, parts, "word/fontTable.xml").all(nsW, "font") {
		if a := f.first(nsW, "altName"); a != nil {
			alt[f.get(nsW, "name")] = a.get(nsW, "val")
		}
	}
	if alt["宋体"] != "SimSun" || alt["黑体"] != "SimHei" {
		t.Errorf("font table alternates %v", alt)
	}
	settings := mustParse(t, parts, "word/settings.xml")
	if u := settings.first(nsW, "updateFields"); u == nil || u.get(nsW, "val") != "true" {
		t.Error("settings lack w:updateFields true: the contents would not fill on open")
	}
}

func TestReportHeadingsAndTOC(t *testing.T) {
	parts := unzip(t, buildReport(t))
	doc := mustParse(t, parts, "word/document.xml")
	styleOf := map[string]string{}
	bookmarks := map[string]bool{}
	for _, p := range doc.all(nsW, "p") {
		if s := p.first(nsW, "pStyle"); s != nil {
			styleOf[p.wtext()] = s.get(nsW, "val")
		}
		for _, b := range p.all(nsW, "bookmarkStart") {
			bookmarks[b.get(nsW, "name")] = true
		}
	}
	for _, h := range headingTexts {
		if styleOf[h] != "Heading1" {
			t.Errorf("heading %q has style %q, want Heading1", h, styleOf[h])
		}
	}
	if s := styleOf["（一）指标完成情况"]; s != "Heading2" {
		t.Errorf("level-2 heading has style %q", s)
	}
	if s := styleOf["冠县绿色低碳高质量发展三年行动计划（2023—2025年）中期评估报告"]; s != "Title" {
		t.Errorf("title has style %q", s)
	}

	// The headings' styles carry the outline levels the TOC field reads.
	styles := mustParse(t, parts, "word/styles.xml")
	levels := map[string]string{}
	for _, s := range styles.all(nsW, "style") {
		if o := s.first(nsW, "outlineLvl"); o != nil {
			levels[s.get(nsW, "styleId")] = o.get(nsW, "val")
		}
	}
	for id, want := range map[string]string{"Heading1": "0", "Heading2": "1", "Heading3": "2"} {
		if levels[id] != want {
			t.Errorf("style %s outline level %q, want %q", id, levels[id], want)
		}
	}

	var instr []string
	for _, it := range doc.all(nsW, "instrText") {
		instr = append(instr, strings.TrimSpace(it.text))
	}
	if len(instr) == 0 || instr[0] != `TOC \o "1-2" \h \z \u` {
		t.Fatalf("first field is %q, want the TOC field", instr)
	}
	// Static entries: 4 headings + 附表 at level 1, 2 at level 2, each a link
	// to its heading's bookmark.
	var entries []string
	for _, p := range doc.all(nsW, "p") {
		s := p.first(nsW, "pStyle")
		if s == nil || !strings.HasPrefix(s.get(nsW, "val"), "TOC") || s.get(nsW, "val") == "TOCHeading" {
			continue
		}
		link := p.first(nsW, "hyperlink")
		if link == nil || !bookmarks[link.get(nsW, "anchor")] {
			t.Errorf("contents entry %q does not link to a heading bookmark", p.wtext())
		}
		entries = append(entries, s.get(nsW, "val")+":"+p.wtext())
	}
	want := []string{"TOC1:一、总体评价", "TOC2:（一）指标完成情况", "TOC1:二、主要成效", "TOC2:（一）绿色低碳转型",
		"TOC1:三、存在问题", "TOC1:四、下一步建议", "TOC1:附表　主要指标完成情况"}
	if strings.Join(entries, "|") != strings.Join(want, "|") {
		t.Errorf("contents entries\n got %q\nwant %q", entries, want)
	}
	// Field characters balance: every begin has its end.
	depth := 0
	for _, f := range doc.all(nsW, "fldChar") {
		switch f.get(nsW, "fldCharType") {
		case "begin":
			depth++
		case "end":
			depth--
		}
		if depth < 0 {
			t.Fatal("field end before its begin")
		}
	}
	if depth != 0 {
		t.Errorf("%d fields left open", depth)
	}
}

func TestReportTable(t *testing.T) {
	parts := unzip(t, buildReport(t))
	doc := mustParse(t, parts, "word/document.xml")
	tables := doc.all(nsW, "tbl")
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tbl := tables[0]
	grid := tbl.all(nsW, "gridCol")
	if len(grid) != 11 {
		t.Fatalf("%d grid columns, want 11", len(grid))
	}
	// 1.2 cm = 680 twips, 5.2 cm = 2948 twips (× 1440/2.54); their sum
	// 23.9 cm fits the landscape text width 24.62 cm, so no scaling.
	if grid[0].get(nsW, "w") != "680" || grid[1].get(nsW, "w") != "2948" {
		t.Errorf("column widths %s, %s twips, want 680, 2948", grid[0].get(nsW, "w"), grid[1].get(nsW, "w"))
	}
	rows := tbl.all(nsW, "tr")
	if len(rows) != 14 {
		t.Fatalf("%d rows, want 2 header + 12 body", len(rows))
	}
	for i, tr := range rows {
		header := tr.first(nsW, "tblHeader") != nil
		if header != (i < 2) {
			t.Errorf("row %d: tblHeader %v", i+1, header)
		}
		if tr.first(nsW, "cantSplit") == nil {
			t.Errorf("row %d may split across pages", i+1)
		}
	}
	// Header row 1: 进度 spans three columns; 序号…实绩 and 评价 run down
	// into row 2.
	h1 := rows[0].all(nsW, "tc")
	if len(h1) != 9 {
		t.Fatalf("header row 1 has %d cells, want 9", len(h1))
	}
	if h1[7].wtext() != "进度" || h1[7].first(nsW, "gridSpan").get(nsW, "val") != "3" {
		t.Errorf("header cell 8 = %q, want 进度 spanning 3", h1[7].wtext())
	}
	h2 := rows[1].all(nsW, "tc")
	var continued []string
	for _, c := range h2 {
		if v := c.first(nsW, "vMerge"); v != nil && v.get(nsW, "val") == "continue" {
			continued = append(continued, "↑")
		} else {
			continued = append(continued, c.wtext())
		}
	}
	if got := strings.Join(continued, ","); got != "↑,↑,↑,↑,2022年,2025年,2024年,年均增速,完成进度,时序进度,↑" {
		t.Errorf("header row 2 = %s", got)
	}
	// Body values come through unchanged, numbers aligned right, text left.
	want := reportRows()
	for i, tr := range rows[2:] {
		cells := tr.all(nsW, "tc")
		for j, c := range cells {
			if c.wtext() != want[i][j] {
				t.Errorf("row %d column %s = %q, want %q", i+1, reportColumns[j], c.wtext(), want[i][j])
			}
		}
	}
	// 滞后 in 评价 (rows 2, 5, 8, 11) is white bold on orange.
	for i, tr := range rows[2:] {
		c := tr.all(nsW, "tc")[10]
		fill, color := "", ""
		if s := c.first(nsW, "shd"); s != nil {
			fill = s.get(nsW, "fill")
		}
		if s := c.first(nsW, "color"); s != nil {
			color = s.get(nsW, "val")
		}
		want := ""
		if i%3 == 1 {
			want = "D55E00"
		}
		if fill != want || (want != "") != (color == "FFFFFF" && c.first(nsW, "b") != nil) {
			t.Errorf("row %d 评价 %q: fill %q colour %q", i+1, c.wtext(), fill, color)
		}
	}
	jc := func(c *node) string { return c.first(nsW, "jc").get(nsW, "val") }
	r3 := rows[4].all(nsW, "tc")
	for j, w := range map[int]string{0: "center", 1: "left", 4: "right", 7: "right", 8: "right", 10: "left"} {
		if jc(r3[j]) != w {
			t.Errorf("column %s aligned %s, want %s", reportColumns[j], jc(r3[j]), w)
		}
	}
}

func TestReportImages(t *testing.T) {
	parts := unzip(t, buildReport(t))
	doc := mustParse(t, parts, "word/document.xml")
	rels := map[string]string{}
	for _, r := range mustParse(t, parts, "word/_rels/document.xml.rels").all(nsRel, "Relationship") {
		rels[r.get("", "Id")] = r.get("", "Target")
	}
	inlines := doc.all(nsWP, "inline")
	if len(inlines) != 2 {
		t.Fatalf("%d pictures, want 2", len(inlines))
	}
	// 14 cm = 5,040,000 EMU wide; 800×500 px gives 3,150,000 EMU high.
	// 10 cm square: 3,600,000 × 3,600,000.
	want := []struct{ cx, cy, descr string }{
		{"5040000", "3150000", "图1　指标完成进度（示例数据）"},
		{"3600000", "3600000", "图2　时序进度与完成进度对比（示例数据）"},
	}
	ids := map[string]bool{}
	for i, in := range inlines {
		ext := in.first(nsWP, "extent")
		if ext.get("", "cx") != want[i].cx || ext.get("", "cy") != want[i].cy {
			t.Errorf("picture %d is %s × %s EMU, want %s × %s", i+1, ext.get("", "cx"), ext.get("", "cy"), want[i].cx, want[i].cy)
		}
		pr := in.first(nsWP, "docPr")
		if pr.get("", "descr") != want[i].descr {
			t.Errorf("picture %d alt text %q", i+1, pr.get("", "descr"))
		}
		if ids[pr.get("", "id")] {
			t.Errorf("picture %d repeats docPr id %s", i+1, pr.get("", "id"))
		}
		ids[pr.get("", "id")] = true
		blip := in.first(nsA, "blip")
		target, ok := rels[blip.get(nsR, "embed")]
		if !ok {
			t.Errorf("picture %d: relationship %q missing", i+1, blip.get(nsR, "embed"))
			continue
		}
		if data := parts["word/"+target]; len(data) < 8 || string(data[1:4]) != "PNG" {
			t.Errorf("picture %d: %s is not a PNG in the package", i+1, target)
		}
	}
}

func TestReportSections(t *testing.T) {
	parts := unzip(t, buildReport(t))
	doc := mustParse(t, parts, "word/document.xml")
	sects := doc.all(nsW, "sectPr")
	// The text before the 附表 is portrait; the 附表 section is the last
	// and landscape.
	if len(sects) != 2 {
		t.Fatalf("%d sections, want 2", len(sects))
	}
	body := doc.first(nsW, "body")
	if last := body.kids[len(body.kids)-1]; last != sects[1] {
		t.Error("the last section's properties are not the body's last child")
	}
	type page struct{ w, h, orient, top, right, bottom, left string }
	got := func(s *node) page {
		sz, mar := s.first(nsW, "pgSz"), s.first(nsW, "pgMar")
		return page{sz.get(nsW, "w"), sz.get(nsW, "h"), sz.get(nsW, "orient"),
			mar.get(nsW, "top"), mar.get(nsW, "right"), mar.get(nsW, "bottom"), mar.get(nsW, "left")}
	}
	// A4 210 × 297 mm; 2.54 cm = 1440 twips, 3.17 cm = 1797 twips.
	if p := got(sects[0]); p != (page{"11906", "16838", "", "1440", "1797", "1440", "1797"}) {
		t.Errorf("portrait section %+v", p)
	}
	if p := got(sects[1]); p != (page{"16838", "11906", "landscape", "1797", "1440", "1797", "1440"}) {
		t.Errorf("landscape section %+v", p)
	}
	// Each section has the header that fits its width and the footer.
	for i, want := range []string{relHeaderPortrait, relHeaderLandscape} {
		var hdr, ftr string
		for _, ref := range sects[i].all(nsW, "headerReference") {
			hdr = ref.get(nsR, "id")
		}
		for _, ref := range sects[i].all(nsW, "footerReference") {
			ftr = ref.get(nsR, "id")
		}
		if hdr != want || ftr != relFooter {
			t.Errorf("section %d header %q footer %q", i+1, hdr, ftr)
		}
	}

	header := mustParse(t, parts, "word/header1.xml")
	if got := header.wtext(); !strings.Contains(got, "中期评估报告") || !strings.HasSuffix(got, "冠发〔2023〕5号") {
		t.Errorf("header text %q lacks title and 文号", got)
	}
	footer := mustParse(t, parts, "word/footer1.xml")
	var instr []string
	for _, it := range footer.all(nsW, "instrText") {
		instr = append(instr, strings.TrimSpace(it.text))
	}
	if strings.Join(instr, ",") != "PAGE,NUMPAGES" {
		t.Errorf("footer fields %q, want PAGE and NUMPAGES", instr)
	}
	if got := footer.wtext(); got != "冠县统计局第 1 页 共 1 页" {
		t.Errorf("footer text %q", got)
	}
}
