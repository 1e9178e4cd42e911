package docx

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testPNG draws a w×h bar chart-like picture.
func testPNG(t testing.TB, w, h int, bar color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.White)
			if x%(w/5) > w/20 && y > h-(x/(w/5)+1)*h/6 {
				img.Set(x, y, bar)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var reportColumns = []string{"序号", "指标", "单位", "属性", "基期值", "目标值", "实绩", "年均增速", "完成进度", "时序进度", "评价"}

// reportRows are 12 illustrative indicator rows (示例数据, not statistics).
func reportRows() [][]string {
	names := []string{"地区生产总值", "规模以上工业增加值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额",
		"城镇居民人均可支配收入", "农村居民人均可支配收入", "单位GDP能耗降低", "森林覆盖率", "PM2.5平均浓度",
		"新能源装机容量", "研发经费投入强度"}
	units := []string{"亿元", "%", "亿元", "%", "亿元", "元", "元", "%", "%", "微克/立方米", "万千瓦", "%"}
	var rows [][]string
	for i, n := range names {
		base := 100 + 10*i
		rows = append(rows, []string{
			strconv.Itoa(i + 1), n, units[i], []string{"预期性", "约束性"}[i%2],
			fmt.Sprintf("%d.0", base), fmt.Sprintf("%d.0", base+30), fmt.Sprintf("%d.5", base+20),
			fmt.Sprintf("%.1f%%", 5.0+float64(i)/10), fmt.Sprintf("%d.2%%", 60+i), "66.7%",
			[]string{"正常推进", "滞后 & 需关注", "提前完成"}[i%3],
		})
	}
	return rows
}

var headingTexts = []string{"一、总体评价", "二、主要成效", "三、存在问题", "四、下一步建议"}

// buildReport is the test document of the brief: title, contents, four
// headings with paragraphs, two pictures and a landscape 附表 of 12 rows ×
// 11 columns under a two-row header.
func buildReport(t *testing.T) []byte {
	t.Helper()
	d := New(Options{
		Title:      "冠县绿色低碳高质量发展三年行动计划（2023—2025年）中期评估报告",
		Subtitle:   "（示例数据 illustrative data）",
		DocNo:      "冠发〔2023〕5号",
		FooterText: "冠县统计局",
		Created:    time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC),
	})
	d.Banner("本报告所用数据为示例数据，不是官方统计 illustrative data, not official statistics")
	d.TOC()
	d.PageBreak()
	d.Heading(1, headingTexts[0])
	d.Paragraph("行动计划实施以来，12项主要指标中8项进度正常。本报告所用数据均为示例数据，不是官方统计。")
	d.Heading(2, "（一）指标完成情况")
	d.Runs(Run{Text: "总体看，", Bold: true}, Run{Text: "各项指标完成进度与时序进度基本匹配 <R&D> 投入强度稳步提高。"})
	d.Image(testPNG(t, 800, 500, color.RGBA{200, 30, 30, 255}), 14, "图1　指标完成进度（示例数据）")
	d.Heading(1, headingTexts[1])
	d.Paragraph(strings.Repeat("产业结构持续优化，新能源装机容量较快增长。", 12))
	d.Heading(2, "（一）绿色低碳转型")
	d.Paragraph(strings.Repeat("单位GDP能耗持续下降。", 10))
	d.Image(testPNG(t, 600, 600, color.RGBA{30, 90, 200, 255}), 10, "图2　时序进度与完成进度对比（示例数据）")
	d.Heading(1, headingTexts[2])
	d.Paragraph("部分指标进度滞后于时序进度。")
	d.Heading(1, headingTexts[3])
	d.Paragraph("加快推进滞后指标，强化统计监测。")
	d.Landscape(func() {
		d.Heading(1, "附表　主要指标完成情况")
		header2 := []string{MergeUp, MergeUp, MergeUp, MergeUp, "2022年", "2025年", "2024年", "年均增速", "完成进度", "时序进度", MergeUp}
		header1 := append([]string{}, reportColumns[:7]...)
		header1 = append(header1, "进度", MergeLeft, MergeLeft, "评价")
		d.Table(Table{
			Caption:      "附表　主要指标完成情况（示例数据）",
			Header:       [][]string{header1, header2},
			Rows:         reportRows(),
			ColumnWidths: []float64{1.2, 5.2, 2.2, 1.6, 1.8, 1.8, 1.8, 1.9, 1.9, 1.9, 2.6},
			Align:        []Align{AlignCenter, AlignLeft, AlignCenter, AlignCenter},
			RepeatHeader: true,
			Style: func(row, col int, text string) CellStyle {
				if col == 10 && strings.HasPrefix(text, "滞后") {
					return CellStyle{Fill: "D55E00", Color: "FFFFFF", Bold: true}
				}
				return CellStyle{}
			},
			Notes: []string{"注：示例数据，不是官方统计。完成进度=（实绩−基期值）/（目标值−基期值）。"},
		})
	})
	var b bytes.Buffer
	if _, err := d.WriteTo(&b); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	return b.Bytes()
}
