package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// yearbookBook builds a workbook the way a bureau's file looks: a hidden
// first sheet, then a yearbook table with a two-row header (指标 merged
// down two rows, 绝对数 merged across the three year columns), numbers in
// display formats that hide their stored value, a date, a formula, and a
// missing row.
func yearbookBook(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "隐藏"))
	must(f.SetCellValue("隐藏", "A1", "旧口径"))
	idx, err := f.NewSheet("数据")
	must(err)
	f.SetActiveSheet(idx) // Excel will not hide the active sheet
	must(f.SetSheetVisible("隐藏", false))
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		must(err)
		return id
	}
	custom := func(code string) int { return style(&excelize.Style{CustomNumFmt: &code}) }
	set := func(cell string, v any, styleID int) {
		must(f.SetCellValue("数据", cell, v))
		if styleID != 0 {
			must(f.SetCellStyle("数据", cell, cell, styleID))
		}
	}
	set("A1", "指标", 0)
	set("B1", "绝对数", 0)
	set("E1", "备注", 0)
	must(f.MergeCell("数据", "A1", "A2"))
	must(f.MergeCell("数据", "B1", "D1"))
	set("B2", 2021, 0)
	set("C2", 2022, 0)
	set("D2", 2023, 0)
	set("A3", "完成率", 0)
	set("B3", 0.4567, style(&excelize.Style{NumFmt: 9}))  // 0%
	set("C3", 0.4567, style(&excelize.Style{NumFmt: 10})) // 0.00%
	set("D3", 3.14159, custom("0.0"))
	set("E3", 0.125, custom(`0.0"%"`)) // a quoted % is text, not a percentage
	set("A4", "地区生产总值（万元）", 0)
	set("B4", 41234.56, style(&excelize.Style{NumFmt: 3})) // #,##0
	set("C4", 123456, custom("0.00E+00"))
	set("D4", 45291, style(&excelize.Style{NumFmt: 14})) // a date
	set("E4", 45291.5, custom(`yyyy"年"m"月"d"日" [Red]`))
	set("A5", "合计", 0)
	set("B5", 82469.12, 0)
	must(f.SetCellFormula("数据", "B5", "B4*2"))
	set("C5", true, 0)
	set("D5", "指标", 0) // a repeated shared string
	set("E5", 0.456, custom("[Red]0.0%;[Blue]-0.0%"))
	// Row 6 is left out of the file; row 7 has only a value in D.
	set("D7", 1.5, 0)
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestXLSXYearbook(t *testing.T) {
	data := yearbookBook(t)
	rows, err := Read("年鉴.xlsx", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []Row
	for {
		r, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, Row{Num: r.Num, Cells: append([]Cell(nil), r.Cells...)})
	}
	info := rows.Info()
	if info.Sheet != "数据" {
		t.Errorf("sheet %q, want the first visible one, 数据", info.Sheet)
	}
	wantNotices := []string{"已跳过隐藏工作表“隐藏” skipped hidden sheet “隐藏”"}
	if !reflect.DeepEqual(info.Notices, wantNotices) {
		t.Errorf("notices %q", info.Notices)
	}
	m := func(text string) Cell { return Cell{Text: text, Merged: true} }
	want := []Row{
		{1, []Cell{{Text: "指标"}, {Text: "绝对数"}, m("绝对数"), m("绝对数"), {Text: "备注"}}},
		{2, []Cell{m("指标"), {Text: "2021"}, {Text: "2022"}, {Text: "2023"}}},
		{3, []Cell{{Text: "完成率"}, {Text: "0.4567", Percent: true}, {Text: "0.4567", Percent: true}, {Text: "3.14159"}, {Text: "0.125"}}},
		{4, []Cell{{Text: "地区生产总值（万元）"}, {Text: "41234.56"}, {Text: "123456"}, {Text: "45291", Date: true}, {Text: "45291.5", Date: true}}},
		{5, []Cell{{Text: "合计"}, {Text: "82469.12", Formula: "B4*2"}, {Text: "TRUE"}, {Text: "指标"}, {Text: "0.456", Percent: true}}},
		{7, []Cell{{}, {}, {}, {Text: "1.5"}}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", want[i].Num, got[i], want[i])
		}
	}
}

func TestXLSXSheetChoice(t *testing.T) {
	data := yearbookBook(t)
	for _, tc := range []struct {
		sheet, name, first string
		notices            []string
	}{
		{"1", "隐藏", "旧口径", []string{"工作表“隐藏”是隐藏的 sheet “隐藏” is hidden"}},
		{"隐藏", "隐藏", "旧口径", []string{"工作表“隐藏”是隐藏的 sheet “隐藏” is hidden"}},
		{"2", "数据", "指标", nil},
		{"数据", "数据", "指标", nil},
	} {
		tb, info := mustRead(t, "年鉴.xlsx", data, Options{Sheet: tc.sheet})
		if info.Sheet != tc.name || tb.texts[0][0] != tc.first || !reflect.DeepEqual(info.Notices, tc.notices) {
			t.Errorf("sheet %q: read %q first cell %q notices %q", tc.sheet, info.Sheet, tb.texts[0][0], info.Notices)
		}
	}
	_, err := Read("年鉴.xlsx", data, Options{Sheet: "表3"})
	if err == nil || !strings.Contains(err.Error(), "没有工作表“表3”") || !strings.Contains(err.Error(), "no sheet “表3” (the workbook has 隐藏, 数据)") {
		t.Errorf("error %v", err)
	}
	_, err = Read("年鉴.xlsx", data, Options{Sheet: "3"})
	if err == nil || !strings.Contains(err.Error(), "no sheet “3”") {
		t.Errorf("error %v", err)
	}
}

// A stream-written sheet stores strings inline.
func TestXLSXInlineStrings(t *testing.T) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"指标", "年份", "数值"}); err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A3", []any{[]excelize.RichTextRun{{Text: "5G"}, {Text: "基站"}}, 2023, 0.30000000000000004}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(unzipPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml"), []byte(`t="inlineStr"`)) {
		t.Fatal("the test workbook has no inline strings")
	}
	tb, _ := mustRead(t, "x.xlsx", buf.Bytes(), Options{})
	wantTexts(t, tb, [][]string{{"指标", "年份", "数值"}, {"5G基站", "2023", "0.3"}})
	wantNums(t, tb, []int{1, 3})
}

func unzipPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// handBook is a workbook as other writers make it: namespace prefixes,
// numbers with Excel's 17 significant digits, a shared formula, rich and
// phonetic text, error and boolean cells, no styles part.
func handBook(t testing.TB, sheetXML string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/book.xml"/></Relationships>`,
		"xl/book.xml": `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<x:sheets><x:sheet name="表1" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`,
		"xl/_rels/book.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>` +
			`<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
		"xl/strings.xml": `<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<x:si><x:t>指标</x:t></x:si>` +
			`<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>地区</x:t></x:r><x:r><x:t xml:space="preserve">生产总值 &amp; 增速</x:t></x:r><x:rPh sb="0" eb="2"><x:t>ちく</x:t></x:rPh></x:si>` +
			`</x:sst>`,
		"xl/worksheets/data.xml": sheetXML,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const handSheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2"><x:v>0.45669999999999999</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3"><x:f t="shared" ref="B3:B4" si="0">C3*2</x:f><x:v>0.60000000000000009</x:v></x:c><x:c r="C3"><x:v>1.2E-7</x:v></x:c></x:row>
<x:row r="4"><x:c r="B4"><x:f t="shared" si="0"/><x:v>2</x:v></x:c><x:c r="C4" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="D4" t="b"><x:v>0</x:v></x:c><x:c r="E4" t="inlineStr"><x:is><x:t>mergeCells 不是标签</x:t></x:is></x:c></x:row>
<x:row r="5"><x:c r="A5"><x:v>-1234567890123456789</x:v></x:c><x:c r="B5"><x:v>12345678901234.5</x:v></x:c><x:c r="D5"><x:v>7</x:v></x:c><x:c r="E5"><x:v>99999999999999.99</x:v></x:c><x:c r="C5"><x:v>-0</x:v></x:c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="C4:D5"/></x:mergeCells></x:worksheet>`

func TestXLSXOtherWriters(t *testing.T) {
	tb, info := mustRead(t, "hand.xlsx", handBook(t, handSheet), Options{})
	if info.Sheet != "表1" {
		t.Errorf("sheet %q", info.Sheet)
	}
	wantTexts(t, tb, [][]string{
		{"指标", "", "0.4567"},
		{"地区生产总值 & 增速", "0.6", "0.00000012"},
		{"", "2", "#DIV/0!", "#DIV/0!", "mergeCells 不是标签"},
		// D5's own value is hidden under the merge, as in Excel; E5 has
		// 16 significant digits, more than Excel keeps: rounded to 15.
		{"-1234567890123460000", "12345678901234.5", "#DIV/0!", "#DIV/0!", "100000000000000"},
	})
	wantNums(t, tb, []int{2, 3, 4, 5})
	rows, _ := Read("hand.xlsx", handBook(t, handSheet), Options{})
	defer rows.Close()
	rows.Next()
	r, _ := rows.Next()
	if r.Cells[1].Formula != "C3*2" {
		t.Errorf("B3 formula %q", r.Cells[1].Formula)
	}
	r, _ = rows.Next()
	if r.Cells[1].Formula != "C3*2" || r.Cells[3].Merged != true || r.Cells[2].Merged {
		t.Errorf("row 4 %+v", r.Cells)
	}
}

func TestStoredNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0.45669999999999999": "0.4567",
		"0.30000000000000004": "0.3",
		"41234.56":            "41234.56",
		"123456":              "123456",
		"1.23456E5":           "123456",
		"45291":               "45291",
		"-2.5":                "-2.5",
		"1E-3":                "0.001",
		"1e21":                "1000000000000000000000",
		"123456789012345678":  "123456789012346000",
		"0.1234567890123456":  "0.123456789012346",
		"-0":                  "0",
		"7.0000000000000009":  "7",
		"NaN":                 "NaN",
		"abc":                 "abc",
	} {
		if got := storedNumber(in); got != want {
			t.Errorf("storedNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumberFormats(t *testing.T) {
	for code, want := range map[string]fmtKind{
		"0%":                         fmtPercent,
		"0.0%":                       fmtPercent,
		`0.0"%"`:                     fmtPlain,
		`0.0\%`:                      fmtPlain,
		"#,##0.00_);[Red](#,##0.00)": fmtPlain,
		"0.00E+00":                   fmtPlain,
		"General":                    fmtPlain,
		`yyyy"年"m"月"d"日"`:            fmtDate,
		"yyyy年m月":                    fmtDate,
		"[$-804]aaaa":                fmtPlain,
		"[h]:mm:ss":                  fmtDate,
		"h:mm AM/PM":                 fmtDate,
		`0.00"万元"`:                   fmtPlain,
		"[DBNum1][$-804]General":     fmtPlain,
		"m/d/yy":                     fmtDate,
		`[Red]0.0%`:                  fmtPercent,
		`"到期日"@`:                     fmtPlain,
	} {
		if got := customKind(code); got != want {
			t.Errorf("customKind(%q) = %d, want %d", code, got, want)
		}
	}
	for id, want := range map[int]fmtKind{0: fmtPlain, 3: fmtPlain, 9: fmtPercent, 10: fmtPercent, 11: fmtPlain, 14: fmtDate, 22: fmtDate, 31: fmtDate, 45: fmtDate, 49: fmtPlain} {
		if got := builtinKind(id); got != want {
			t.Errorf("builtinKind(%d) = %d, want %d", id, got, want)
		}
	}
}

func TestRefusedXLSX(t *testing.T) {
	good := yearbookBook(t)
	bomb := handBook(t, `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>`+strings.Repeat("炸", 400000)+`</t></is></c></row></sheetData></worksheet>`)
	for _, tc := range []struct {
		name string
		data []byte
		opt  Options
		want string
	}{
		{"truncated.xlsx", good[:len(good)/2], Options{}, "not a readable XLSX workbook"},
		{"not-a-zip.xlsx", []byte("指标,年份,数值\n5G基站数量,2023,100\n"), Options{}, "not a readable XLSX workbook"},
		{"magic-only.xlsx", []byte("PK\x03\x04truncated"), Options{}, "not a readable XLSX workbook"},
		{"bomb.xlsx", bomb, Options{MaxXLSXBytes: 1 << 20}, "not a readable XLSX workbook"},
		{"big-cell.xlsx", bomb, Options{}, "row 1 column 1: a cell of more than 589824 bytes"},
		{"big-cell.xlsx", bomb, Options{MaxCellBytes: 1 << 20}, "row 1 column 1: a cell of 1200000 bytes (the limit is 1048576)"},
	} {
		err := readErr(t, tc.name, tc.data, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
}

// A zip whose part claims a small size but inflates past the budget is
// stopped by counting, not by trusting the header.
func TestXLSXBudgetCounts(t *testing.T) {
	sheet := `<worksheet><sheetData>` + strings.Repeat(`<row><c><v>1</v></c></row>`, 100000) + `</sheetData></worksheet>`
	data := handBook(t, sheet)
	rows, err := Read("x.xlsx", data, Options{MaxXLSXBytes: int64(len(sheet)) + 4000})
	if err != nil {
		t.Fatalf("within the budget: %v", err)
	}
	if _, err := readAll(t, rows); err != nil {
		t.Fatalf("within the budget: %v", err)
	}
	err = readErr(t, "x.xlsx", data, Options{MaxXLSXBytes: int64(len(sheet)) / 2})
	if err == nil || !strings.Contains(err.Error(), "not a readable XLSX workbook") {
		t.Errorf("error %v", err)
	}
	// The counting reader itself, under a lying header.
	left := int64(10)
	br := &budgetReader{rc: io.NopCloser(strings.NewReader(strings.Repeat("x", 100))), left: &left, name: "p"}
	if _, err := io.ReadAll(br); err == nil || !strings.Contains(err.Error(), "zip bomb") {
		t.Errorf("budget reader: %v", err)
	}
}

// The sheet scanner meets the rarer XML forms a writer may use.
func TestXLSXScannerForms(t *testing.T) {
	sheet := `<?xml version="1.0"?>
<!-- written by hand -->
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r='1' spans="1:3"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b>&c]]></t></is></c><c r="B1" t="inlineStr" note="x > y"><is><t>&#x4E2D;&#22269; &lt;1&gt; &quot;q&quot; &apos;s&apos;</t></is></c><c r="C1" s="0"/></row>
<row r="2"/>
<row r="3"><c r="C3"><v>1</v></c><?pi x?><c><v>2</v></c></row>
</sheetData></worksheet>`
	tb, _ := mustRead(t, "x.xlsx", handBook(t, sheet), Options{})
	wantTexts(t, tb, [][]string{{"a<b>&c", `中国 <1> "q" 's'`}, {"", "", "1", "2"}})
	wantNums(t, tb, []int{1, 3})

	for _, bad := range []string{
		`<!DOCTYPE x [<!ENTITY e "boom">]><worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>`,
		`<worksheet><sheetData><row r="1"><c t="s"><v>9</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="x"></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>`,
	} {
		err := readErr(t, "x.xlsx", handBook(t, bad), Options{})
		if err == nil || !strings.Contains(err.Error(), "not a readable XLSX workbook") {
			t.Errorf("%s: error %v", bad, err)
		}
	}
}

// The shortcut for numbers already in their shortest form must agree with
// the general rounding on every input it takes.
func TestCanonicalShortAgrees(t *testing.T) {
	inputs := []string{"0", "-0", "0.5", "-.5", ".5", "1.", "1.50", "007", "-12.25", "123456789012345", "1234567890123456",
		"0.000000000000001", "99999999999999.9", "1e5", "+1", "1,5", "12345678901234567890", "0.1", "-0.0001"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		var b strings.Builder
		if rng.IntN(4) == 0 {
			b.WriteByte('-')
		}
		for range 1 + rng.IntN(16) {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		if rng.IntN(2) == 0 {
			b.WriteByte('.')
			for range rng.IntN(8) {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
		inputs = append(inputs, b.String())
	}
	taken := 0
	for _, v := range inputs {
		if canonicalShort(v) {
			taken++
			if slow := roundedNumber(v); slow != v {
				t.Errorf("canonicalShort(%q) but the general rule gives %q", v, slow)
			}
		}
	}
	if taken < 10000 {
		t.Errorf("the shortcut took only %d inputs", taken)
	}
}

// A chart sheet has no cells: the default read passes over it, naming it.
func TestXLSXChartSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range [][]any{{"年份", "数值"}, {2022, 251.3}, {2023, 262.8}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	chart := &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{{Name: "Sheet1!$B$1", Categories: "Sheet1!$A$2:$A$3", Values: "Sheet1!$B$2:$B$3"}}}
	if err := f.AddChartSheet("趋势图", chart); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// Put the chart first, as a bureau's workbook often has it
	// (excelize's MoveSheet fails on chart sheets).
	book := string(unzipPart(t, buf.Bytes(), "xl/workbook.xml"))
	i, j := strings.Index(book, "<sheet "), strings.Index(book, "</sheets>")
	first, second, ok := strings.Cut(book[i:j], "</sheet>")
	if !ok {
		t.Fatalf("workbook.xml: %s", book)
	}
	book = book[:i] + second + first + "</sheet>" + book[j:]
	data := replacePart(t, buf.Bytes(), "xl/workbook.xml", book)
	buf.Reset()
	buf.Write(data)
	tb, info := mustRead(t, "chart.xlsx", buf.Bytes(), Options{})
	if info.Sheet != "Sheet1" || !reflect.DeepEqual(info.Notices, []string{"已跳过图表工作表“趋势图” skipped chart sheet “趋势图”"}) {
		t.Errorf("read %q, notices %q", info.Sheet, info.Notices)
	}
	wantTexts(t, tb, [][]string{{"年份", "数值"}, {"2022", "251.3"}, {"2023", "262.8"}})
	_, err := Read("chart.xlsx", buf.Bytes(), Options{Sheet: "1"})
	if err == nil || !strings.Contains(err.Error(), "sheet “1” is a chart, not a table") {
		t.Errorf("error %v", err)
	}
}

// replacePart returns the zip with one part's content replaced.
func replacePart(t *testing.T, data []byte, name, content string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			io.WriteString(w, content)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
