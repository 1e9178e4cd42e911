package sheet

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// table is what a reader produced: each row's number and cell texts.
type table struct {
	nums  []int
	texts [][]string
}

func readAll(t *testing.T, rows Rows) (table, error) {
	t.Helper()
	var tb table
	for {
		r, err := rows.Next()
		if err == io.EOF {
			return tb, nil
		}
		if err != nil {
			return tb, err
		}
		texts := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			texts[i] = c.Text
		}
		tb.nums = append(tb.nums, r.Num)
		tb.texts = append(tb.texts, texts)
	}
}

func mustRead(t *testing.T, name string, data []byte, opt Options) (table, Info) {
	t.Helper()
	rows, err := Read(name, data, opt)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	defer rows.Close()
	tb, err := readAll(t, rows)
	if err != nil {
		t.Fatalf("Read(%s): row error: %v", name, err)
	}
	return tb, rows.Info()
}

func readErr(t *testing.T, name string, data []byte, opt Options) error {
	t.Helper()
	rows, err := Read(name, data, opt)
	if err != nil {
		return err
	}
	defer rows.Close()
	_, err = readAll(t, rows)
	return err
}

func wantTexts(t *testing.T, got table, want [][]string) {
	t.Helper()
	if !reflect.DeepEqual(got.texts, want) {
		t.Errorf("cells:\n got %q\nwant %q", got.texts, want)
	}
}

func wantNums(t *testing.T, got table, want []int) {
	t.Helper()
	if !reflect.DeepEqual(got.nums, want) {
		t.Errorf("row numbers: got %v, want %v", got.nums, want)
	}
}

// A yearbook export as Excel on Chinese Windows saves it: GBK, CRLF, a
// title line, a 其中 row, a footnote.
const yearbookCSV = "表3-1 主要经济指标,,,\r\n" +
	"指标,2021,2022,2023\r\n" +
	"地区生产总值（亿元）,245.6,251.3,262.8\r\n" +
	"  其中：第一产业,40.1,41.2,42.0\r\n" +
	"注：2023年为初步核实数。,,,\r\n"

var yearbookWant = [][]string{
	{"表3-1 主要经济指标", "", "", ""},
	{"指标", "2021", "2022", "2023"},
	{"地区生产总值（亿元）", "245.6", "251.3", "262.8"},
	{"  其中：第一产业", "40.1", "41.2", "42.0"},
	{"注：2023年为初步核实数。", "", "", ""},
}

func TestGBKCSV(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(yearbookCSV))
	if err != nil {
		t.Fatal(err)
	}
	tb, info := mustRead(t, "年鉴.csv", gbk, Options{})
	wantTexts(t, tb, yearbookWant)
	wantNums(t, tb, []int{1, 2, 3, 4, 5})
	if info.Encoding != "GBK/GB18030" {
		t.Errorf("encoding %q", info.Encoding)
	}
}

func TestUTF8BOM(t *testing.T) {
	tb, info := mustRead(t, "bom.csv", append([]byte("\xEF\xBB\xBF"), yearbookCSV...), Options{})
	wantTexts(t, tb, yearbookWant)
	if info.Encoding != "UTF-8 (BOM)" {
		t.Errorf("encoding %q", info.Encoding)
	}
	// The BOM must not stick to the first header cell.
	if tb.texts[0][0] != "表3-1 主要经济指标" {
		t.Errorf("first cell %q", tb.texts[0][0])
	}
}

// Excel's “Unicode text” export: UTF-16LE with a BOM, tab-separated.
func TestUTF16LETabs(t *testing.T) {
	text := strings.ReplaceAll(yearbookCSV, ",", "\t")
	data, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		t.Fatal("test data has no BOM")
	}
	tb, info := mustRead(t, "unicode.txt", data, Options{})
	wantTexts(t, tb, yearbookWant)
	if info.Encoding != "UTF-16LE" {
		t.Errorf("encoding %q", info.Encoding)
	}
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	tb, info = mustRead(t, "unicode-be.txt", be, Options{})
	wantTexts(t, tb, yearbookWant)
	if info.Encoding != "UTF-16BE" {
		t.Errorf("encoding %q", info.Encoding)
	}
}

func TestLineEndings(t *testing.T) {
	want := [][]string{{"指标", "年份", "数值"}, {"GDP", "2022", "251.3"}, {"GDP", "2023", "262.8"}, {"人口", "2023", "80.1"}}
	for name, text := range map[string]string{
		"LF":        "指标,年份,数值\nGDP,2022,251.3\nGDP,2023,262.8\n人口,2023,80.1\n",
		"CRLF":      "指标,年份,数值\r\nGDP,2022,251.3\r\nGDP,2023,262.8\r\n人口,2023,80.1",
		"CR":        "指标,年份,数值\rGDP,2022,251.3\rGDP,2023,262.8\r人口,2023,80.1\r",
		"mixed":     "指标,年份,数值\r\nGDP,2022,251.3\rGDP,2023,262.8\n人口,2023,80.1\r\n",
		"no ending": "指标,年份,数值\nGDP,2022,251.3\nGDP,2023,262.8\n人口,2023,80.1",
	} {
		t.Run(name, func(t *testing.T) {
			tb, _ := mustRead(t, "x.csv", []byte(text), Options{})
			wantTexts(t, tb, want)
			wantNums(t, tb, []int{1, 2, 3, 4})
		})
	}
	// A CR that ends one read of the buffer and an LF that starts the next
	// are one line break: a tiny reader forces every split.
	text := "a,b\r\nc,d\r\ne,f\r\n"
	rows, err := openText("x.csv", bytes.NewReader([]byte(text)), &oneByte{r: strings.NewReader(text)}, int64(len(text)), nil, Options{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	tb, err := readAll(t, rows)
	if err != nil {
		t.Fatal(err)
	}
	wantTexts(t, tb, [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}})
	wantNums(t, tb, []int{1, 2, 3})
}

// oneByte reads one byte at a time.
type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

// A stray quote in a 备注 cell must not swallow the rows after it.
func TestStrayQuote(t *testing.T) {
	text := "表1 主要指标,,,\n" +
		"指标,年份,数值,备注\n" +
		"GDP,2021,245.6,\n" +
		"GDP,2022,251.3,\"初步数\n" +
		"GDP,2023,262.8,\n" +
		"人口,2023,80.1,户籍\n"
	tb, info := mustRead(t, "x.csv", []byte(text), Options{})
	wantTexts(t, tb, [][]string{
		{"表1 主要指标", "", "", ""},
		{"指标", "年份", "数值", "备注"},
		{"GDP", "2021", "245.6", ""},
		{"GDP", "2022", "251.3", "\"初步数"},
		{"GDP", "2023", "262.8", ""},
		{"人口", "2023", "80.1", "户籍"},
	})
	wantNums(t, tb, []int{1, 2, 3, 4, 5, 6})
	want := []string{"第4行“备注”列：引号不成对，已按普通字符读取 row 4 column 备注: unbalanced quote read as a literal character"}
	if !reflect.DeepEqual(info.Notices, want) {
		t.Errorf("notices %q, want %q", info.Notices, want)
	}

	// The same at the end of the file, and in a column with no header.
	text = "a,b\n1,\"x\n"
	tb, info = mustRead(t, "x.csv", []byte(text), Options{})
	wantTexts(t, tb, [][]string{{"a", "b"}, {"1", "\"x"}})
	if len(info.Notices) != 1 || !strings.Contains(info.Notices[0], "row 2 column b:") {
		t.Errorf("notices %q", info.Notices)
	}
	text = "\"x,1\n2,3\n"
	tb, info = mustRead(t, "x.csv", []byte(text), Options{})
	wantTexts(t, tb, [][]string{{"\"x", "1"}, {"2", "3"}})
	if len(info.Notices) != 1 || !strings.Contains(info.Notices[0], "第1行第1列") || !strings.Contains(info.Notices[0], "row 1 column 1:") {
		t.Errorf("notices %q", info.Notices)
	}
}

// A quote inside an unquoted cell is a character; doubled quotes inside a
// quoted cell are one quote.
func TestQuotes(t *testing.T) {
	text := "名称,备注\n" +
		"a,5\"屏\n" +
		"b,\"说明 \"\"初步\"\" 数\"\n" +
		"\"c,d\",\"\"\n"
	tb, info := mustRead(t, "x.csv", []byte(text), Options{})
	wantTexts(t, tb, [][]string{{"名称", "备注"}, {"a", "5\"屏"}, {"b", "说明 \"初步\" 数"}, {"c,d", ""}})
	if len(info.Notices) != 0 {
		t.Errorf("notices %q", info.Notices)
	}
}

// A semicolon inside a quoted note must not make the file look
// semicolon-separated.
func TestSemicolonInQuotedNote(t *testing.T) {
	text := "指标,年份,数值,备注\n" +
		"GDP,2021,245.6,\"初步数;待核实;来源：统计局;见附表\"\n" +
		"GDP,2022,251.3,\"a;b;c;d;e\"\n" +
		"GDP,2023,262.8,\n"
	tb, _ := mustRead(t, "x.csv", []byte(text), Options{})
	wantTexts(t, tb, [][]string{
		{"指标", "年份", "数值", "备注"},
		{"GDP", "2021", "245.6", "初步数;待核实;来源：统计局;见附表"},
		{"GDP", "2022", "251.3", "a;b;c;d;e"},
		{"GDP", "2023", "262.8", ""},
	})
	// A semicolon file is still read as one.
	tb, _ = mustRead(t, "x.csv", []byte("a;b;c\n1;2,5;3\n4;5;6\n"), Options{})
	wantTexts(t, tb, [][]string{{"a", "b", "c"}, {"1", "2,5", "3"}, {"4", "5", "6"}})
}

// Excel's Alt+Enter: a quoted cell over several lines is one cell.
func TestMultiLineCell(t *testing.T) {
	text := "指标,年份,数值,备注\r\n" +
		"GDP,2022,251.3,\"第一行\r\n第二行，含逗号\r\n第三行\"\r\n" +
		"\"人口\n（户籍）\",2023,80.1,\r\n" +
		"GDP,2023,262.8,\r\n"
	tb, info := mustRead(t, "x.csv", []byte(text), Options{})
	wantTexts(t, tb, [][]string{
		{"指标", "年份", "数值", "备注"},
		{"GDP", "2022", "251.3", "第一行\n第二行，含逗号\n第三行"},
		{"人口\n（户籍）", "2023", "80.1", ""},
		{"GDP", "2023", "262.8", ""},
	})
	wantNums(t, tb, []int{1, 2, 5, 7})
	if len(info.Notices) != 0 {
		t.Errorf("notices %q", info.Notices)
	}
}

func TestLineCap(t *testing.T) {
	// A >1 MiB line on row 2, then more data that must not be read.
	var b bytes.Buffer
	b.WriteString("指标,数值\n")
	b.WriteString("GDP,")
	b.Write(bytes.Repeat([]byte("9"), 3<<20))
	b.WriteString("\nGDP,1\n")
	start := time.Now()
	err := readErr(t, "long.csv", b.Bytes(), Options{})
	if err == nil || !strings.Contains(err.Error(), "row 2: a line longer than 1048576 bytes") || !strings.Contains(err.Error(), "第2行") {
		t.Fatalf("error %v", err)
	}
	t.Logf("refused in %v", time.Since(start))

	// The cap counts as soon as it is passed: a reader that never ends.
	rows, err := openText("endless.csv", bytes.NewReader([]byte("a,b\n")), io.MultiReader(strings.NewReader("a,b\n"), endless{}), 1<<40, nil, Options{MaxLineBytes: 1000}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	_, err = readAll(t, rows)
	if err == nil || !strings.Contains(err.Error(), "row 2: a line longer than 1000 bytes") {
		t.Fatalf("error %v", err)
	}
}

// endless yields 'x' forever.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestCellCap(t *testing.T) {
	text := "指标,数值,备注\nGDP,1," + strings.Repeat("长", 30000) + "\n"
	err := readErr(t, "x.csv", []byte(text), Options{})
	if err == nil || !strings.Contains(err.Error(), "row 2 column 3: a cell of 90000 bytes (the limit is 65536)") {
		t.Fatalf("error %v", err)
	}
	// A quoted cell counts after unescaping too.
	text = "a,b\n1,\"" + strings.Repeat("x", 100) + "\"\n"
	err = readErr(t, "x.csv", []byte(text), Options{MaxCellBytes: 50})
	if err == nil || !strings.Contains(err.Error(), "row 2 column 2: a cell of 100 bytes") {
		t.Fatalf("error %v", err)
	}
}

func TestRefusedText(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("指标,年份\n"))
	late := append([]byte(strings.Repeat("指标,年份\n", 10000)), 0xFF, 0xFE, '\n')
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"gbk-behind-bom.csv", append([]byte("\xEF\xBB\xBF"), gbk...), "byte-order mark"},
		{"latin1.csv", []byte("caf\xe9,2023,1\n"), "neither UTF-8 nor GBK"},
		{"binary.csv", []byte{0x80, 0xD2, 0xA6, 0x80, 0xE5, 0x8C, 0x80, 0x92}, "neither UTF-8 nor GBK"},
		{"nul.csv", []byte("指标,年份\n5G,2023\x00\n"), "NUL bytes"},
		{"gzip.csv", []byte{0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3}, "neither UTF-8 nor GBK"},
		{"bad-utf16.csv", []byte{0xFF, 0xFE, 0x07, 0x63, 0x00, 0xD8, 0x00, 0xD8}, "neither UTF-8 nor GBK"},
		{"old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "an Excel 97-2003 .xls file: save it as .xlsx"},
		{"late-bad-byte.csv", late, "row 10001: not valid UTF-8"},
	} {
		err := readErr(t, tc.name, tc.data, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
	// A later NUL in a GBK file names its row.
	big := []byte(strings.Repeat("指标,年份\n", 10000) + "a\x00\n")
	big, _ = simplifiedchinese.GBK.NewEncoder().Bytes(big)
	err := readErr(t, "gbk-nul.csv", big, Options{})
	if err == nil || !strings.Contains(err.Error(), "row 10001: contains NUL bytes") {
		t.Errorf("error %v", err)
	}
}

func TestRowReuseDocumented(t *testing.T) {
	// Text strings outlive the next call even though Cells is reused.
	rows, _ := Read("x.csv", []byte("a,b\nc,d\n"), Options{})
	r1, _ := rows.Next()
	first := r1.Cells[0].Text
	if _, err := rows.Next(); err != nil {
		t.Fatal(err)
	}
	if first != "a" {
		t.Errorf("text kept from row 1 is %q", first)
	}
	if _, err := rows.Next(); !errors.Is(err, io.EOF) {
		t.Errorf("after the last row: %v", err)
	}
}

// Many stray quotes give a bounded list of notices and a count of the rest.
func TestStrayQuoteNoticesBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("指标,数值,备注\n")
	for i := 0; i < 30; i++ {
		b.WriteString("GDP,1,\"约\n")
	}
	tb, info := mustRead(t, "x.csv", []byte(b.String()), Options{})
	if len(tb.texts) != 31 {
		t.Errorf("%d rows, want 31", len(tb.texts))
	}
	if len(info.Notices) != 21 || info.Notices[20] != "另有10处引号不成对，已按普通字符读取 10 more unbalanced quotes read as literal characters" {
		t.Errorf("%d notices, last %q", len(info.Notices), info.Notices[len(info.Notices)-1])
	}
}

// The 64 KiB that decide the encoding may end inside a character.
func TestSampleEndsMidCharacter(t *testing.T) {
	body := strings.Repeat("指标名称,数值\n", 8000) // > 64 KiB
	for pad := 0; pad < 3; pad++ {
		text := strings.Repeat("a", pad+1) + "\n" + body
		tb, info := mustRead(t, "utf8.csv", []byte(text), Options{})
		if info.Encoding != "UTF-8" || len(tb.texts) != 8001 {
			t.Errorf("pad %d: %s, %d rows", pad, info.Encoding, len(tb.texts))
		}
		gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(text))
		tb, info = mustRead(t, "gbk.csv", gbk, Options{})
		if info.Encoding != "GBK/GB18030" || len(tb.texts) != 8001 || tb.texts[8000][0] != "指标名称" {
			t.Errorf("pad %d: %s, %d rows", pad, info.Encoding, len(tb.texts))
		}
	}
}
