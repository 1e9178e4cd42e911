package docx

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func write(t *testing.T, d *Document) map[string][]byte {
	t.Helper()
	var b bytes.Buffer
	n, err := d.WriteTo(&b)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(b.Len()) {
		t.Errorf("WriteTo reported %d bytes, wrote %d", n, b.Len())
	}
	return unzip(t, b.Bytes())
}

// Text from a yearbook cell can hold markup characters, Excel's \x0b line
// break, other control characters and stray non-UTF-8 bytes.
func TestTextEscapedAndForbiddenCharactersDropped(t *testing.T) {
	d := New(Options{Title: `R&D <投入> "强度"`, DocNo: "冠发〔2023〕5号"})
	d.Paragraph("A & B < C > D \"q\" 'a'\x01\x0b\uFFFE\xff|第一列\t第二列\n第二行")
	d.Table(Table{Header: [][]string{{"指标", "数值"}}, Rows: [][]string{{"其中：\x1f工业 & 建筑业", "12.5"}}})
	d.Image(testPNG(t, 100, 50, color.Black), 5, `图 "1" <R&D>`)
	parts := write(t, d)
	doc := mustParse(t, parts, "word/document.xml")
	var para *node
	for _, p := range doc.all(nsW, "p") {
		if strings.HasPrefix(p.wtext(), "A & B") {
			para = p
		}
	}
	if para == nil {
		t.Fatal("paragraph not found")
	}
	if got, want := para.wtext(), `A & B < C > D "q" 'a'|第一列第二列第二行`; got != want {
		t.Errorf("paragraph text %q, want %q", got, want)
	}
	if len(para.all(nsW, "tab")) != 1 || len(para.all(nsW, "br")) != 1 {
		t.Errorf("tab and line break not written as w:tab and w:br")
	}
	if got := doc.first(nsW, "tbl").all(nsW, "tc")[2].wtext(); got != "其中：工业 & 建筑业" {
		t.Errorf("table cell %q", got)
	}
	if got := doc.first(nsWP, "docPr").get("", "descr"); got != `图 "1" <R&D>` {
		t.Errorf("alt text %q", got)
	}
	if got := mustParse(t, parts, "word/header1.xml").wtext(); got != `R&D <投入> "强度"冠发〔2023〕5号` {
		t.Errorf("header %q", got)
	}
	mustParse(t, parts, "docProps/core.xml")

	// Windows and old Mac line ends from a pasted cell are line breaks too.
	d = New(Options{})
	d.Paragraph("甲\r\n乙\r丙")
	p := mustParse(t, write(t, d), "word/document.xml").first(nsW, "p")
	if p.wtext() != "甲乙丙" || len(p.all(nsW, "br")) != 2 {
		t.Errorf("line ends: text %q with %d breaks, want 甲乙丙 with 2", p.wtext(), len(p.all(nsW, "br")))
	}
}

func TestCleanKeepsAllowedText(t *testing.T) {
	for in, want := range map[string]string{
		"冠县 2023":       "冠县 2023",
		"a\x00b\x08c":   "abc",
		"tab\tnl\ncr\r": "tab\tnl\ncr\r",
		"\xff\xfe冠":     "冠",
		"\uFFFD":        "\uFFFD", // a real replacement character stays
		"\U0001F600":    "\U0001F600",
		"\uFFFF\uFFFE":  "",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func sections(t *testing.T, d *Document) []string {
	t.Helper()
	doc := mustParse(t, write(t, d), "word/document.xml")
	var out []string
	for _, s := range doc.all(nsW, "sectPr") {
		o := s.first(nsW, "pgSz").get(nsW, "orient")
		if o == "" {
			o = "portrait"
		}
		out = append(out, o)
	}
	return out
}

func TestLandscapeSections(t *testing.T) {
	cases := []struct {
		name  string
		build func(d *Document)
		want  string
	}{
		{"landscape first", func(d *Document) {
			d.Landscape(func() { d.Paragraph("附表") })
			d.Paragraph("正文")
		}, "landscape,portrait"},
		{"landscape last", func(d *Document) {
			d.Paragraph("正文")
			d.Landscape(func() { d.Paragraph("附表") })
		}, "portrait,landscape"},
		{"landscape in the middle", func(d *Document) {
			d.Paragraph("正文")
			d.Landscape(func() { d.Paragraph("附表") })
			d.Paragraph("后记")
		}, "portrait,landscape,portrait"},
		{"empty landscape leaves no blank page", func(d *Document) {
			d.Paragraph("正文")
			d.Landscape(func() {})
		}, "portrait"},
		{"nested landscape is one section", func(d *Document) {
			d.Paragraph("正文")
			d.Landscape(func() {
				d.Paragraph("附表1")
				d.Landscape(func() { d.Paragraph("附表2") })
			})
		}, "portrait,landscape"},
		{"two landscape sections in a row", func(d *Document) {
			d.Landscape(func() { d.Paragraph("附表1") })
			d.Landscape(func() { d.Paragraph("附表2") })
		}, "landscape,landscape"},
	}
	for _, c := range cases {
		d := New(Options{})
		c.build(d)
		if got := strings.Join(sections(t, d), ","); got != c.want {
			t.Errorf("%s: sections %s, want %s", c.name, got, c.want)
		}
	}
}

func TestTableWidthsAndErrors(t *testing.T) {
	// Three 20 cm columns in a portrait text width of 8312 twips
	// (14.66 cm) are scaled to 8312/3 = 2770.7 → 2771 twips each.
	d := New(Options{})
	d.Table(Table{ColumnWidths: []float64{20, 20, 20}, Rows: [][]string{{"a", "b", "c"}}})
	// Without widths, four columns share the width: 8312/4 = 2078.
	d.Table(Table{Header: [][]string{{"a", "b", "c", "d"}}})
	doc := mustParse(t, write(t, d), "word/document.xml")
	tables := doc.all(nsW, "tbl")
	if len(tables) != 2 {
		t.Fatalf("%d tables", len(tables))
	}
	for i, want := range []string{"2771", "2078"} {
		for _, g := range tables[i].all(nsW, "gridCol") {
			if g.get(nsW, "w") != want {
				t.Errorf("table %d column width %s, want %s", i+1, g.get(nsW, "w"), want)
			}
		}
	}
	// Touching tables are kept apart by a paragraph, or Word joins them.
	body := doc.first(nsW, "body")
	for i, k := range body.kids {
		if k.name.Local == "tbl" && i+1 < len(body.kids) && body.kids[i+1].name.Local == "tbl" {
			t.Error("two tables touch")
		}
	}

	for _, c := range []struct {
		t    Table
		want string
	}{
		{Table{Header: [][]string{{"指标", "数值"}}, Rows: [][]string{{"a", "1"}, {"b", "2", "多余"}}}, "第2行有3列"},
		{Table{ColumnWidths: []float64{3}, Header: [][]string{{"指标"}, {"a", "b"}}}, "表头第2行有2列"},
		{Table{ColumnWidths: []float64{2, 0}}, "第2列宽度0不是正数"},
		{Table{}, "no columns"},
		{Table{Rows: [][]string{{"a", "b"}}, Style: func(r, c int, _ string) CellStyle {
			if c == 1 {
				return CellStyle{Fill: "red"}
			}
			return CellStyle{}
		}}, "第1行第2列 row 1 column 2: 颜色\"red\"不是六位十六进制"},
	} {
		d := New(Options{})
		d.Table(c.t)
		_, err := d.WriteTo(&bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one saying %s", err, c.want)
		}
	}
}

func TestNumericColumn(t *testing.T) {
	for _, c := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"12.5", "—", "", "3"}, true},
		{[]string{"1,234", "-3", "+0.5"}, true},
		{[]string{"45.6%", "−3.2", "12 %"}, true},
		{[]string{"12.5", "12.5万"}, false},
		{[]string{"", "—"}, false},
		{[]string{"1,23"}, false},
		{[]string{"2024年"}, false},
	} {
		var rows [][]string
		for _, s := range c.cells {
			rows = append(rows, []string{"x", s})
		}
		if got := numericColumn(rows, 1); got != c.want {
			t.Errorf("numericColumn(%q) = %v, want %v", c.cells, got, c.want)
		}
	}
}

func TestMergeCells(t *testing.T) {
	rows := mergeCells([][]string{
		{MergeLeft, "2024年", MergeLeft, "评价"},
		{MergeUp, "绝对数", "增长%", MergeUp},
		{"x", MergeUp, MergeLeft},
	}, 4)
	var got []string
	for _, row := range rows {
		var cells []string
		for _, c := range row {
			s := c.text
			if c.span > 1 {
				s += "×" + string(rune('0'+c.span))
			}
			if c.vMerge != "" {
				s += "[" + c.vMerge + "]"
			}
			cells = append(cells, s)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	// A MergeLeft with no cell on its left is an empty cell, which the
	// MergeUp under it continues; MergeUp under 绝对数 continues it, and the
	// MergeLeft after it widens the continued cell (not 增长%).
	want := []string{
		"[restart]|2024年×2|评价[restart]",
		"[continue]|绝对数[restart]|增长%|[continue]",
		"x|×2[continue]|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("merged\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestImageSizes(t *testing.T) {
	tall := image.NewGray(image.Rect(0, 0, 100, 1000))
	var b bytes.Buffer
	if err := png.Encode(&b, tall); err != nil {
		t.Fatal(err)
	}
	d := New(Options{})
	// Zero width: the portrait text width, 8312 twips × 635 = 5,278,120
	// EMU; 200×100 px makes it 2,639,060 high.
	d.Image(testPNG(t, 200, 100, color.Black), 0, "")
	// 10 cm of a 1:10 picture would be 36 cm high; it is shrunk to 90% of
	// the text height: 13958 twips × 635 × 0.9 = 7,976,997 EMU, and
	// 797,699.7 → 797,700 wide.
	d.Image(b.Bytes(), 10, "高图")
	doc := mustParse(t, write(t, d), "word/document.xml")
	var got []string
	for _, e := range doc.all(nsWP, "extent") {
		got = append(got, e.get("", "cx")+"×"+e.get("", "cy"))
	}
	if want := "5278120×2639060,797700×7976997"; strings.Join(got, ",") != want {
		t.Errorf("extents %s, want %s", strings.Join(got, ","), want)
	}
	if n := len(doc.all(nsW, "p")); n != 3 {
		t.Errorf("%d paragraphs, want 2 pictures + 1 caption (none for the empty one)", n)
	}

	d = New(Options{})
	d.Image([]byte("GIF89a not really"), 5, "图3")
	if _, err := d.WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "不是PNG或JPEG图片") {
		t.Errorf("error %v, want one refusing the picture", err)
	}
}

func TestHeadingLevel(t *testing.T) {
	d := New(Options{})
	d.Heading(4, "（1）细目")
	if _, err := d.WriteTo(&bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "level 4") {
		t.Errorf("error %v, want one about level 4", err)
	}
}

func TestEmptyDocument(t *testing.T) {
	d := New(Options{})
	d.TOC()
	parts := write(t, d)
	if parts["word/header1.xml"] != nil {
		t.Error("a header part without header text")
	}
	doc := mustParse(t, parts, "word/document.xml")
	if len(doc.all(nsW, "sectPr")) != 1 {
		t.Error("want one section")
	}
	if !strings.Contains(doc.wtext(), "update the table of contents") {
		t.Error("an empty contents field has no placeholder")
	}
}

func TestOutputIsRepeatable(t *testing.T) {
	a, b := buildReport(t), buildReport(t)
	if !bytes.Equal(a, b) {
		t.Error("the same document written twice differs")
	}
}
