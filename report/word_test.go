package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"regexp"
	"strings"
	"testing"
)

const nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// wordDoc is what a reader of word/document.xml sees: paragraphs with
// their styles, and tables as rows of cell texts.
type wordDoc struct {
	paras             []wordPara
	tables            [][][]string
	landscapeSections int
}

type wordPara struct{ style, text string }

// readWord opens a .docx and reads its body with encoding/xml.
func readWord(t *testing.T, data []byte) wordDoc {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	var body []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			body, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	if body == nil {
		t.Fatal("no word/document.xml")
	}
	var doc wordDoc
	dec := xml.NewDecoder(bytes.NewReader(body))
	var (
		tblDepth       int
		table          [][]string
		row            []string
		cell, para     strings.Builder
		style          string
		inText, inPara bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Space != nsW {
				continue
			}
			switch e.Name.Local {
			case "tbl":
				tblDepth++
				table = nil
			case "tr":
				row = nil
			case "tc":
				cell.Reset()
			case "p":
				inPara, style = true, ""
				para.Reset()
			case "pStyle":
				for _, a := range e.Attr {
					if a.Name.Local == "val" {
						style = a.Value
					}
				}
			case "t":
				inText = true
			case "pgSz":
				for _, a := range e.Attr {
					if a.Name.Local == "orient" && a.Value == "landscape" {
						doc.landscapeSections++
					}
				}
			}
		case xml.EndElement:
			if e.Name.Space != nsW {
				continue
			}
			switch e.Name.Local {
			case "t":
				inText = false
			case "p":
				inPara = false
				if tblDepth == 0 {
					doc.paras = append(doc.paras, wordPara{style, para.String()})
				}
			case "tc":
				row = append(row, cell.String())
			case "tr":
				table = append(table, row)
			case "tbl":
				tblDepth--
				doc.tables = append(doc.tables, table)
			}
		case xml.CharData:
			if inText && inPara {
				para.Write(e)
				if tblDepth > 0 {
					cell.Write(e)
				}
			}
		}
	}
	return doc
}

// TestWordHoldsAnnexAndNarrative opens the .docx and finds the 附表 with
// one row per target, identical to the annex the HTML shows, on landscape
// pages, and the four narrative sections as headings with the data's
// figures under them.
func TestWordHoldsAnnexAndNarrative(t *testing.T) {
	d := guanxian(t, 0, "zh")
	var b bytes.Buffer
	if err := DOCX(&b, d); err != nil {
		t.Fatal(err)
	}
	doc := readWord(t, b.Bytes())
	an := d.BuildAnnex()

	var annex [][]string
	for _, tb := range doc.tables {
		if len(tb) > 0 && len(tb[0]) == 11 && tb[0][0] == "序号" && tb[0][10] == "评价" {
			annex = tb
		}
	}
	if annex == nil {
		t.Fatal("no 附表 (序号 … 评价) in the Word file")
	}
	if got := len(annex) - 1; got != 117 || got != len(d.Rows) {
		t.Fatalf("附表 has %d rows, want one per target (117)", got)
	}
	wantHead := []string{"序号", "指标", "单位", "属性", "基期值", "目标值", "实绩（2024年）", "年均增速", "完成进度", "时序进度", "评价"}
	if strings.Join(annex[0], "|") != strings.Join(wantHead, "|") {
		t.Errorf("附表 header %q, want %q", annex[0], wantHead)
	}
	for i, cells := range an.Rows {
		if strings.Join(annex[i+1], "|") != strings.Join(cells, "|") {
			t.Errorf("附表 row %d in Word %q, in the report %q", i+1, annex[i+1], cells)
		}
	}
	// 制造业单项冠军企业数量, worked by hand: base 2 (2022), ≥5, 3 in 2024,
	// CAGR (3/2)^(1/2) − 1 = 22.5%, π 33.3%, τ 66.7%.
	found := false
	for _, r := range annex[1:] {
		if strings.HasPrefix(r[1], "制造业单项冠军企业数量") {
			found = true
			want := []string{"家", "—", "2", "≥5", "3", "22.5%", "33.3%", "66.7%", "滞后"}
			if got := r[2:]; strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("T6c row %q, want %q", got, want)
			}
		}
	}
	if !found {
		t.Error("T6c missing from the 附表")
	}
	if doc.landscapeSections == 0 {
		t.Error("no landscape section for the 附表")
	}

	// The four sections, each a Heading1 followed by body text with figures.
	sections := map[string]string{"一、总体评价": "117项", "二、主要成效": "79.5岁", "三、存在问题": "尚差2家", "四、下一步建议": "66.7%"}
	for title, figure := range sections {
		at := -1
		for i, p := range doc.paras {
			if p.text == title && strings.HasPrefix(p.style, "Heading1") {
				at = i
			}
		}
		if at < 0 {
			t.Errorf("no heading %s", title)
			continue
		}
		var text strings.Builder
		for _, p := range doc.paras[at+1:] {
			if strings.HasPrefix(p.style, "Heading") {
				break
			}
			text.WriteString(p.text)
		}
		if !strings.Contains(text.String(), figure) {
			t.Errorf("%s does not state %s: %s", title, figure, text.String())
		}
	}
	// Title and 文号 on the first page.
	head := ""
	for _, p := range doc.paras[:min(6, len(doc.paras))] {
		head += p.text + "\n"
	}
	if !strings.Contains(head, d.Plan.Title) || !strings.Contains(head, "冠发〔2023〕5号") {
		t.Errorf("first page lacks the plan's title and 文号:\n%s", head)
	}
	var pics int
	zr, _ := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "word/media/") && strings.HasSuffix(f.Name, ".png") {
			pics++
		}
	}
	if pics < 3 {
		t.Errorf("%d charts embedded, want the dashboards, progress and departments", pics)
	}
}

// TestHTMLAnnexIsTheAnnex: the HTML report's 附表 shows the same cells as
// the annex built once (and so as the Word file and the workbook).
func TestHTMLAnnexIsTheAnnex(t *testing.T) {
	d := guanxian(t, 2025, "zh")
	var h bytes.Buffer
	if err := HTML(&h, d); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	i := strings.Index(page, `<section class="annex"`)
	if i < 0 {
		t.Fatal("no annex section")
	}
	sec := page[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	tags := regexp.MustCompile(`<[^>]+>`)
	var got [][]string
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(sec, -1) {
		var cells []string
		for _, td := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(tr[1], -1) {
			cells = append(cells, html.UnescapeString(tags.ReplaceAllString(td[1], "")))
		}
		if len(cells) > 0 {
			got = append(got, cells)
		}
	}
	an := d.BuildAnnex()
	if len(got) != len(an.Rows) || len(got) != 117 {
		t.Fatalf("HTML 附表 has %d rows, the annex %d", len(got), len(an.Rows))
	}
	for k, cells := range an.Rows {
		if strings.Join(got[k], "|") != strings.Join(cells, "|") {
			t.Errorf("row %d: HTML %q, annex %q", k+1, got[k], cells)
		}
	}
}
