package docx

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"
)

// A table laid out as in a county yearbook: units in their own column,
// 其中 rows indented with full-width spaces, dashes for missing figures,
// thousands separators, a footnote and a source line.
func TestYearbookTable(t *testing.T) {
	d := New(Options{})
	d.Table(Table{
		Caption: "表3-1　规模以上工业主要指标（示例数据）",
		Header:  [][]string{{"指标", "单位", "2023年", "2024年", "增长%"}},
		Rows: [][]string{
			{"工业总产值", "万元", "1,234,567", "1,301,020", "5.4"},
			{"　　其中：轻工业", "万元", "456,789", "—", "…"},
			{"  重工业", "万元", "777,778", "801,000", "3.0"},
			{"企业单位数", "个", "312", "318", "1.9"},
		},
		ColumnWidths: []float64{5, 2, 3, 3, 2},
		Notes:        []string{"注：“—”表示数据暂缺。", "资料来源：冠县统计局（示例数据）。"},
	})
	parts := write(t, d)
	doc := mustParse(t, parts, "word/document.xml")
	rows := doc.first(nsW, "tbl").all(nsW, "tr")
	if len(rows) != 5 {
		t.Fatalf("%d rows", len(rows))
	}
	cell := func(r, c int) *node { return rows[r].all(nsW, "tc")[c] }
	if got := cell(2, 0).wtext(); got != "　　其中：轻工业" {
		t.Errorf("其中 row label %q lost its indent", got)
	}
	if got := cell(3, 0).wtext(); got != "  重工业" {
		t.Errorf("ASCII indent not preserved: %q", got)
	}
	if got := cell(2, 3).wtext(); got != "—" {
		t.Errorf("dash cell %q", got)
	}
	for c, want := range []string{"left", "left", "right", "right", "right"} {
		if got := cell(1, c).first(nsW, "jc").get(nsW, "val"); got != want {
			t.Errorf("column %d aligned %s, want %s", c+1, got, want)
		}
	}
	if rows[0].first(nsW, "tblHeader") != nil {
		t.Error("header repeats although RepeatHeader is false")
	}
	// Caption before the table, notes after it, in order.
	var order []string
	for _, k := range doc.first(nsW, "body").kids {
		switch k.name.Local {
		case "tbl":
			order = append(order, "table")
		case "p":
			if s := k.first(nsW, "pStyle"); s != nil {
				order = append(order, s.get(nsW, "val")+":"+k.wtext())
			}
		}
	}
	want := "TableCaption:表3-1　规模以上工业主要指标（示例数据）|table|Note:注：“—”表示数据暂缺。|Note:资料来源：冠县统计局（示例数据）。"
	if got := strings.Join(order, "|"); got != want {
		t.Errorf("body order\n got %s\nwant %s", got, want)
	}
}

func TestJPEGPicture(t *testing.T) {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 300, 200)), nil); err != nil {
		t.Fatal(err)
	}
	d := New(Options{})
	d.Image(b.Bytes(), 6, "照片")
	parts := write(t, d)
	if !bytes.Equal(parts["word/media/image1.jpeg"], b.Bytes()) {
		t.Error("JPEG not stored as word/media/image1.jpeg")
	}
	// 6 cm = 2,160,000 EMU; 300×200 px → 1,440,000 high.
	ext := mustParse(t, parts, "word/document.xml").first(nsWP, "extent")
	if ext.get("", "cx") != "2160000" || ext.get("", "cy") != "1440000" {
		t.Errorf("extent %s × %s", ext.get("", "cx"), ext.get("", "cy"))
	}
}

func BenchmarkWriteReport(b *testing.B) {
	png1 := testPNG(b, 800, 500, color.Black)
	rows := reportRows()
	for b.Loop() {
		d := New(Options{Title: "中期评估报告", DocNo: "冠发〔2023〕5号"})
		d.TOC()
		for i := range 20 {
			d.Heading(1, headingTexts[i%4])
			d.Paragraph(strings.Repeat("各项指标完成进度与时序进度基本匹配。", 20))
		}
		d.Image(png1, 14, "图1")
		d.Landscape(func() {
			d.Table(Table{Header: [][]string{reportColumns}, Rows: rows, RepeatHeader: true})
		})
		if _, err := d.WriteTo(&bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
