package charts

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot/cmpimg"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// regen is cmpimg's -regen flag: go test ./charts -regen rewrites the golden images.
var regen = cmpimg.GenerateTestData

func dp(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }

// fixture is 社会消费品零售总额 with hand-made values: 38.652 (2022) →
// ≥ 50 亿元 (2025), mid-term in 2024.
func fixture() (analysis.Input, analysis.Row) {
	t := model.Target{ID: "6", Region: "冠县", Kind: model.Level, Operator: model.AtLeast, Value: decimal.NewFromInt(50), Unit: "亿元",
		Indicator: model.Indicator{Code: "retail_sales", NameZh: "社会消费品零售总额", NameEn: "Total retail sales of consumer goods",
			Unit: "亿元", Direction: model.HigherIsBetter, Min: dp("0")},
		BaseYear: 2022, TargetYear: 2025, Chapter: "内需", LeadDepartments: []string{"县商务投资促进局"}}
	in := analysis.Input{Target: t, Illustrative: true, Vintage: "batch 1 (test)"}
	for i, v := range []string{"34.5", "37.21", "38.652", "42.13", "45.28"} {
		in.Years = append(in.Years, 2020+i)
		in.Values = append(in.Values, decimal.RequireFromString(v))
	}
	return in, analysis.Analyse(in, analysis.DefaultConfig())
}

func zhTheme(t *testing.T) *Theme {
	th, err := NewTheme("zh", "")
	if errors.Is(err, ErrNoCJKFont) {
		t.Skip("no CJK font installed")
	}
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func TestTrajectorySVGStructure(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		var th *Theme
		if lang == "zh" {
			th = zhTheme(t)
		} else {
			th, _ = NewTheme("en", "")
		}
		in, r := fixture()
		fig, err := th.Trajectory(in, r, vg.Points(460), vg.Points(300))
		if err != nil {
			t.Fatal(err)
		}
		svg, err := fig.Bytes("svg", th)
		if err != nil {
			t.Fatal(err)
		}
		s := string(svg)
		want := map[string][]string{
			"zh": {"社会消费品零售总额", "冠县", "示例数据 illustrative", "实际值", "所需路径", "趋势预测", "80% 预测区间", "目标 50", "基期 2022", "滞后", "时序进度法", "2023"},
			"en": {"Total retail sales of consumer goods", "ILLUSTRATIVE DATA", "actual", "required path", "trend projection", "lagging", "target 50"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(s, w) {
				t.Errorf("%s SVG lacks %q", lang, w)
			}
		}
		if strings.Count(s, "<path") < 10 {
			t.Errorf("%s SVG has only %d paths", lang, strings.Count(s, "<path"))
		}
	}
}

func TestPDFRefusedForChinese(t *testing.T) {
	th := zhTheme(t)
	in, r := fixture()
	fig, _ := th.Trajectory(in, r, vg.Points(460), vg.Points(300))
	if _, err := fig.Bytes("pdf", th); err == nil || !strings.Contains(err.Error(), "PDF") {
		t.Errorf("Chinese PDF: %v", err)
	}
	en, _ := NewTheme("en", "")
	fig, _ = en.Trajectory(in, r, vg.Points(460), vg.Points(300))
	pdf, err := fig.Bytes("pdf", en)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("English PDF: %v", err)
	}
}

func TestMissingFontMessage(t *testing.T) {
	_, err := NewTheme("zh", filepath.Join(t.TempDir(), "none.ttc"))
	if err == nil {
		t.Fatal("a missing font file was accepted")
	}
	if !strings.Contains(ErrNoCJKFont.Error(), "fonts-noto-cjk") || !strings.Contains(ErrNoCJKFont.Error(), "--lang en") {
		t.Errorf("the no-font message must name the package and the way out: %v", ErrNoCJKFont)
	}
	// A Latin-only font is refused: it cannot draw Chinese.
	latin := filepath.Join(t.TempDir(), "latin.ttf")
	os.WriteFile(latin, []byte("not a font"), 0o644)
	if _, err := NewTheme("zh", latin); err == nil {
		t.Error("a file that is not a CJK font was accepted")
	}
}

func TestPlanChartsStructure(t *testing.T) {
	th := zhTheme(t)
	in, r := fixture()
	in2 := in
	in2.Target.ID, in2.Target.Indicator.NameZh, in2.Target.LeadDepartments = "T1", "另一个指标", []string{"县工业和信息化局"}
	in2.Values = append([]decimal.Decimal{}, in.Values...)
	in2.Values[4] = decimal.RequireFromString("30")
	r2 := analysis.Analyse(in2, analysis.DefaultConfig())
	rows := []analysis.Row{r, r2}
	figs := map[string]func() (Figure, error){
		"progress":    func() (Figure, error) { return th.Progress(rows) },
		"departments": func() (Figure, error) { return th.Departments(rows) },
		"heatmap":     func() (Figure, error) { return th.Heatmap([]analysis.Input{in, in2}, analysis.DefaultConfig()) },
		"heatmap-gap": func() (Figure, error) { return th.HeatmapGap([]analysis.Input{in, in2}, analysis.DefaultConfig()) },
		"dashboard":   func() (Figure, error) { return th.Dashboard([]analysis.Input{in, in2}, rows) },
	}
	want := map[string][]string{
		"progress":    {"时序进度", "社会消费品零售总额", "另一个指标", "滞后", "背离"},
		"departments": {"县商务投资促进局", "县工业和信息化局", "目标数"},
		"heatmap":     {"报告年份", "6 社会消费品零售总额", "2023", "2024"},
		"heatmap-gap": {"π−τ", "百分点", "6 社会消费品零售总额", "2024"},
		"dashboard":   {"主要指标一览", "社会消费品零售总额", "另一个指标"},
	}
	for name, mk := range figs {
		fig, err := mk()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		svg, err := fig.Bytes("svg", th)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range append(want[name], "示例数据") {
			if !strings.Contains(string(svg), w) {
				t.Errorf("%s SVG lacks %q", name, w)
			}
		}
	}
}

// TestTrajectoryGolden compares the PNG with testdata/trajectory.png;
// go test ./charts -run Golden -regen rewrites it.
func TestTrajectoryGolden(t *testing.T) {
	th := zhTheme(t)
	in, r := fixture()
	fig, _ := th.Trajectory(in, r, vg.Points(460), vg.Points(300))
	checkGolden(t, fig, th, "trajectory")
}

// TestHeatmapGolden compares the status heatmap, with its symbols, with
// testdata/heatmap.png.
func TestHeatmapGolden(t *testing.T) {
	th := zhTheme(t)
	ins, _ := twoTargets()
	fig, err := th.Heatmap(ins, analysis.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, fig, th, "heatmap")
}

// checkGolden compares fig's PNG with testdata/NAME.png; a differing
// image is kept as testdata/NAME.failed.png for a person to look at.
func checkGolden(t *testing.T, fig Figure, th *Theme, name string) {
	t.Helper()
	got, err := fig.Bytes("png", th)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", name+".png")
	if *regen {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -regen to create it)", err)
	}
	ok, err := cmpimg.EqualApprox("png", got, want, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		failed := filepath.Join("testdata", name+".failed.png")
		os.WriteFile(failed, got, 0o644)
		t.Errorf("%s.png differs from the golden image: see %s (run with -regen after checking it by eye)", name, failed)
	}
}

func TestNoFontFound(t *testing.T) {
	saved := candidates
	candidates = nil
	defer func() { candidates = saved }()
	t.Setenv(FontEnv, "")
	if _, err := NewTheme("zh", ""); !errors.Is(err, ErrNoCJKFont) {
		t.Errorf("want ErrNoCJKFont, got %v", err)
	}
	if _, err := NewTheme("en", ""); err != nil {
		t.Errorf("--lang en must work without a CJK font: %v", err)
	}
}

// TestFontParsedOnce: a second theme reuses the parsed CJK font.
func TestFontParsedOnce(t *testing.T) {
	a, b := zhTheme(t), zhTheme(t)
	fa := a.handler.(text.Plain).Fonts.Lookup(a.font(8), 8).Face
	fb := b.handler.(text.Plain).Fonts.Lookup(b.font(8), 8).Face
	if fa == nil || fa != fb {
		t.Errorf("each theme parsed the font again (%p, %p)", fa, fb)
	}
}
