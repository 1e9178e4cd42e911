package charts

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/analysis"
)

// svgNode is an element of a parsed SVG: name, attributes, its text and
// its children in order.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func parseSVG(t *testing.T, b []byte) svgNode {
	t.Helper()
	var root svgNode
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	if err := d.Decode(&root); err != nil && err != io.EOF {
		t.Fatalf("SVG does not parse: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element %q", root.XMLName.Local)
	}
	return root
}

// texts lists every <text> element's content.
func (n svgNode) texts() []string {
	var out []string
	if n.XMLName.Local == "text" {
		out = append(out, n.Text)
	}
	for _, c := range n.Children {
		out = append(out, c.texts()...)
	}
	return out
}

// twoTargets is the fixture and a second target that lags far behind.
func twoTargets() ([]analysis.Input, []analysis.Row) {
	in, r := fixture()
	in2 := in
	in2.Target.ID, in2.Target.Indicator.NameZh, in2.Target.Indicator.NameEn = "T1", "另一个指标", "Another indicator"
	in2.Target.LeadDepartments = []string{"县工业和信息化局"}
	in2.Values = append([]decimal.Decimal{}, in.Values...)
	in2.Values[4] = decimal.RequireFromString("30")
	return []analysis.Input{in, in2}, []analysis.Row{r, analysis.Analyse(in2, analysis.DefaultConfig())}
}

// TestSVGTitleAndDesc: every chart's SVG, in both languages, opens with a
// <title> and a <desc> that the <svg> element names through
// aria-labelledby, with role="img"; the description names what is drawn
// and the status in words.
func TestSVGTitleAndDesc(t *testing.T) {
	ins, rows := twoTargets()
	for _, lang := range []string{"zh", "en"} {
		th, err := NewTheme(lang, "")
		if err != nil {
			t.Skip(err)
		}
		figs := map[string]func() (Figure, error){
			"trajectory":  func() (Figure, error) { return th.Trajectory(ins[0], rows[0], 460, 300) },
			"progress":    func() (Figure, error) { return th.Progress(rows) },
			"departments": func() (Figure, error) { return th.Departments(rows) },
			"heatmap":     func() (Figure, error) { return th.Heatmap(ins, analysis.DefaultConfig()) },
			"heatmap-gap": func() (Figure, error) { return th.HeatmapGap(ins, analysis.DefaultConfig()) },
			"dashboard":   func() (Figure, error) { return th.Dashboard(ins, rows) },
		}
		// What each description must say, beside the region (冠县, only in
		// Chinese: English drops Chinese text) and the status in words.
		want := map[string]map[string][]string{
			"zh": {
				"trajectory":  {"社会消费品零售总额", "亿元", "冠县", "2020–2024", "45.28", "目标年 2025", "不低于 50", "基期 2022 年 38.652", "状态：滞后"},
				"progress":    {"2 个目标", "冠县", "时序进度", "滞后 1个", "背离 1个"},
				"departments": {"2 个牵头部门", "县商务投资促进局：滞后 1个", "县工业和信息化局：背离 1个"},
				"heatmap":     {"2 个目标", "2023–2024", "■ 提前实现", "▼ 滞后", "2024 年：滞后 1个、背离 1个"},
				"heatmap-gap": {"π−τ", "2023–2024", "滞后 2 个"},
				"dashboard":   {"社会消费品零售总额（亿元）：滞后", "另一个指标（亿元）：背离"},
			},
			"en": {
				"trajectory":  {"Total retail sales of consumer goods", "(100m yuan)", "2020–2024", "45.28", "by 2025", "at least 50", "from 38.652 in 2022", "Status: lagging"},
				"progress":    {"2 targets", "Time share", "lagging 1"},
				"departments": {"2 lead departments"},
				"heatmap":     {"2 targets", "2023–2024", "▼ lagging", "In 2024: lagging 1"},
				"heatmap-gap": {"π−τ", "2 behind"},
				"dashboard":   {"Total retail sales of consumer goods (100m yuan): lagging", "Another indicator"},
			},
		}[lang]
		for name, mk := range figs {
			fig, err := mk()
			if err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			b, err := fig.Bytes("svg", th)
			if err != nil {
				t.Fatal(err)
			}
			svg := parseSVG(t, b)
			if svg.attr("role") != "img" {
				t.Errorf("%s %s: role=%q", lang, name, svg.attr("role"))
			}
			if len(svg.Children) < 2 || svg.Children[0].XMLName.Local != "title" || svg.Children[1].XMLName.Local != "desc" {
				t.Fatalf("%s %s: the first children of <svg> are not <title>, <desc>", lang, name)
			}
			title, desc := svg.Children[0], svg.Children[1]
			if ids := strings.Fields(svg.attr("aria-labelledby")); len(ids) != 2 || ids[0] != title.attr("id") || ids[1] != desc.attr("id") || ids[0] == "" {
				t.Errorf("%s %s: aria-labelledby=%q, title id %q, desc id %q", lang, name, svg.attr("aria-labelledby"), title.attr("id"), desc.attr("id"))
			}
			if strings.TrimSpace(title.Text) == "" || strings.Contains(title.Text, "\n") {
				t.Errorf("%s %s: title %q", lang, name, title.Text)
			}
			for _, w := range want[name] {
				if !strings.Contains(desc.Text, w) {
					t.Errorf("%s %s: desc lacks %q:\n%s", lang, name, w, desc.Text)
				}
			}
			if fig.Desc != desc.Text {
				t.Errorf("%s %s: Figure.Desc and the SVG's <desc> differ", lang, name)
			}
		}
	}
}

// TestHeatmapCellsCarrySymbols: each status cell of the heatmap shows its
// status's symbol as well as its colour, and the legend shows the same
// symbols and says that they give the status.
func TestHeatmapCellsCarrySymbols(t *testing.T) {
	ins, rows := twoTargets()
	th, _ := NewTheme("en", "")
	fig, err := th.Heatmap(ins, analysis.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	b, err := fig.Bytes("svg", th)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, s := range parseSVG(t, b).texts() {
		count[strings.TrimSpace(s)]++
	}
	// Worked by hand (base 2022 → ≥ 50 in 2025, time share 1/3 in 2023,
	// 2/3 in 2024, schedule band ±5 points): in 2023 both targets have
	// 42.13, π = (42.13 − 38.652)/(50 − 38.652) = 30.6% against 33.3%,
	// on track (●); in 2024 the fixture has 45.28, π = 58.4% against
	// 66.7%, lagging (▼), and the second 30, below its base, moving away
	// (×). Each symbol shown is also on its legend swatch.
	if rows[0].Status != "lagging" || rows[1].Status != "moving_away" {
		t.Fatalf("fixture statuses changed: %s, %s", rows[0].Status, rows[1].Status)
	}
	if count["●"] != 2+1 || count["▼"] != 1+1 || count["×"] != 1+1 {
		t.Errorf("symbols drawn: ● %d (want 3), ▼ %d (want 2), × %d (want 2)", count["●"], count["▼"], count["×"])
	}
	for _, w := range []string{"● on schedule", "▼ lagging", "× moving away", "status (colour and symbol)"} {
		if count[w] != 1 {
			t.Errorf("legend lacks %q", w)
		}
	}
}
