package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"
)

// zeroRate matches a signed rate that rounds to zero: "−0.0%".
var zeroRate = regexp.MustCompile(`[−-]0(\.0+)?([^\d.]|$)`)

// TestDefaultYearIsLatestFinal: the example data hold final figures for
// 2020–2024 and preliminary ones for 2025; the report judges 2024, and no
// row uses a year after it.
func TestDefaultYearIsLatestFinal(t *testing.T) {
	d := guanxian(t, 0, "zh")
	if y := d.ReportYear(); y != 2024 {
		t.Fatalf("report year %d, want 2024 (latest final)", y)
	}
	for _, r := range d.Rows {
		if r.Year > 2024 {
			t.Errorf("%s judged on %d, after the report year", r.Target.ID, r.Year)
		}
		if d.rowPreliminary(r) {
			t.Errorf("%s judged on a preliminary figure in a final-data report", r.Target.ID)
		}
	}
}

// TestPreliminaryMarked: at report year 2025 the ten preliminary figures
// of the example data carry † in the 附表, and the final ones do not.
func TestPreliminaryMarked(t *testing.T) {
	d := guanxian(t, 2025, "zh")
	an := d.BuildAnnex()
	marked := map[string]bool{}
	for i, cells := range an.Rows {
		if strings.Contains(cells[ColActual], PrelimMark) {
			marked[d.Rows[an.Row[i]].Target.ID] = true
		}
	}
	// 社会消费品零售总额 (6) 487600 万元 = 48.76 亿元; 居民人均可支配收入 (11a) 28180 元.
	for _, id := range []string{"6", "8", "10", "11a", "T103"} {
		if !marked[id] {
			t.Errorf("target %s (preliminary 2025 figure) not marked †", id)
		}
	}
	for _, id := range []string{"1", "3", "12", "T6c"} {
		if marked[id] {
			t.Errorf("target %s (final 2024 figure) marked †", id)
		}
	}
	// 487600 万元 = 48.76 亿元, shown with the series' three decimals
	// (386520 万元 = 38.652 亿元 in 2022).
	i := indexOf(an.Row, mustIndex(t, d, "6"))
	if got := an.Rows[i][ColActual]; got != "48.760"+PrelimMark {
		t.Errorf("target 6 actual %q, want 48.760†", got)
	}
	if !strings.Contains(strings.Join(an.Notes, " "), "初步核算") {
		t.Error("annex notes do not explain †")
	}
}

func mustIndex(t *testing.T, d *Data, id string) int {
	i, _ := row(t, d, id)
	return i
}

func indexOf(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// TestRequiredRateWording: worked by hand from the example data at 2024.
func TestRequiredRateWording(t *testing.T) {
	d := guanxian(t, 0, "zh")
	for _, tc := range []struct{ id, want string }{
		// 制造业单项冠军企业数量 3 → 5 in one year, geometric: 5/3 − 1 = 66.7%.
		{"T6c", "66.7%/年"},
		// “四新”经济增加值占GDP比重 29.6% → 32.2% in one year, a share on a linear path.
		{"3", "2.6个百分点/年"},
		// 城乡居民收入比 1.86 → 1.83: a ratio falls 0.03 a year.
		{"11b", "−0.03比值/年"},
		// 人均预期寿命 79.5 is within 80±0.5: achieved, nothing required.
		{"12", "—"},
		// 科技型中小企业数量 95 > 90: achieved; no negative rate.
		{"T7", "—"},
	} {
		_, r := row(t, d, tc.id)
		if got := d.required(r); got != tc.want {
			t.Errorf("%s required %q, want %q", tc.id, got, tc.want)
		}
	}
	for _, r := range d.Rows {
		if s := d.required(r); zeroRate.MatchString(s) {
			t.Errorf("%s required %q: a rate that rounds to zero", r.Target.ID, s)
		}
	}
}

// TestBandExplained: a met 左右 target says which band it is met within.
func TestBandExplained(t *testing.T) {
	d := guanxian(t, 0, "zh")
	_, r := row(t, d, "12")
	if got := d.verdict(r); !strings.Contains(got, "79.5岁，在80岁±0.5岁容差内") {
		t.Errorf("人均预期寿命 verdict %q does not explain its ±0.5岁 band", got)
	}
}

// TestFloorBrokenNamesTheYear: 城镇新增就业人数 fell below 4500 in 2024.
func TestFloorBrokenNamesTheYear(t *testing.T) {
	d := guanxian(t, 0, "zh")
	_, r := row(t, d, "T103")
	if got := d.verdict(r); !strings.Contains(got, "2024年低于底线") {
		t.Errorf("T103 verdict %q does not name the year the floor broke", got)
	}
}

// TestTemplateRegionHasItsOwnTitle: a region whose plan was imported from
// 冠县's template does not carry 冠县's title or 文号 as its own.
func TestTemplateRegionHasItsOwnTitle(t *testing.T) {
	d := guanxian(t, 0, "zh")
	gx := d.Plan
	sx := gx
	sx.Region = "莘县"
	if BorrowedFrom(gx, []model.Plan{gx}) != nil || BorrowedFrom(gx, []model.Plan{gx, sx}) != nil || BorrowedFrom(gx, []model.Plan{sx, gx}) != nil {
		t.Fatal("冠县's own plan taken for a borrowed one")
	}
	d.Plan, d.Template = sx, BorrowedFrom(sx, []model.Plan{gx, sx})
	if d.Template == nil || d.Template.Region != "冠县" {
		t.Fatalf("template not found: %+v", d.Template)
	}
	var h bytes.Buffer
	if err := HTML(&h, d); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	if !strings.Contains(page, "<h1>莘县规划主要目标中期评估报告</h1>") {
		t.Errorf("title is not 莘县's: %s", firstLine(page, "<h1>"))
	}
	// 冠县's 文号 appears only in the note that says where the targets came from.
	if n := strings.Count(page, "冠发〔2023〕5号"); n != strings.Count(page, "的模板导入") {
		t.Errorf("冠县's 文号 appears %d times outside the template note", n)
	}
	var w bytes.Buffer
	if err := DOCX(&w, d); err != nil {
		t.Fatal(err)
	}
	doc := readWord(t, w.Bytes())
	if doc.paras[0].text != "莘县规划主要目标中期评估报告" {
		t.Errorf("Word title %q", doc.paras[0].text)
	}
}

func firstLine(s, sub string) string {
	i := strings.Index(s, sub)
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], '\n')
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

// TestNoChromium: without Chromium the PDF says what to install.
func TestNoChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(ChromiumEnv, "")
	_, err := FindChromium()
	if err == nil || err.Error() != "需要安装Chromium chromium not found: apt-get install chromium" {
		t.Errorf("FindChromium without Chromium: %v", err)
	}
}

// TestChineseReportHasNoEnglishFragments: the Chinese HTML report's own
// words are Chinese (file names and checksums aside), and its times are
// Beijing time.
func TestChineseReportHasNoEnglishFragments(t *testing.T) {
	d := guanxian(t, 2025, "zh")
	var h bytes.Buffer
	if err := HTML(&h, d); err != nil {
		t.Fatal(err)
	}
	page := regexp.MustCompile(`(?s)<svg.*?</svg>|<style>.*?</style>`).ReplaceAllString(h.String(), "")
	for _, bad := range []string{"held every year", "so far", ">final<", ">preliminary<", "UTC", "not assessable", "no data"} {
		if strings.Contains(page, bad) {
			t.Errorf("Chinese report contains %q", bad)
		}
	}
	// Now is 2026-03-01 02:30 UTC: 10:30 in Beijing.
	if !strings.Contains(page, "生成时间（北京时间） 2026-03-01 10:30") {
		t.Error("generation time not in Beijing time")
	}
	for _, want := range []string{"最终核实", "初步核算", "† 初步核算数，待最终核实。"} {
		if !strings.Contains(page, want) {
			t.Errorf("Chinese report lacks %q", want)
		}
	}
}
