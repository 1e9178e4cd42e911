package actuals

import (
	"fmt"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/sheet"
)

// BenchmarkParseWide parses a 1,000-row yearbook table (ten years), half
// of its rows indicators no target uses, which go through the similarity
// search.
func BenchmarkParseWide(b *testing.B) {
	inds := guanxian(&testing.T{})
	header := []string{"指标", "计量单位"}
	for y := 2015; y < 2025; y++ {
		header = append(header, fmt.Sprintf("%d年", y))
	}
	table := [][]string{header}
	var names []string
	for _, ind := range inds {
		if ind.Unit != "" && ind.Unit != "%" {
			names = append(names, ind.NameZh)
		}
	}
	for i := range 1000 {
		label, unit := names[i%len(names)], inds[codeOf(inds, names[i%len(names)])].Unit
		if i%2 == 1 {
			label, unit = fmt.Sprintf("示例统计项目第%d项", i), "个"
		}
		row := []string{label, unit}
		for y := range 10 {
			row = append(row, fmt.Sprintf("%d.%d", 100+i, y))
		}
		table = append(table, row)
	}
	b.ResetTimer()
	for b.Loop() {
		// Labels repeat across rows: each is a duplicate after the first
		// appearance, which is still full work for the parser.
		Parse(sheet.FromStrings("bench.csv", table), Options{Region: "冠县", Indicators: inds, MaxYear: 2026})
	}
}

func codeOf(inds map[string]model.Indicator, name string) string {
	for c, ind := range inds {
		if strings.EqualFold(ind.NameZh, name) {
			return c
		}
	}
	return ""
}

// BenchmarkResolveUnknown is one similarity search over the default plan's
// names and aliases.
func BenchmarkResolveUnknown(b *testing.B) {
	x := newNameIndex(guanxian(&testing.T{}))
	for b.Loop() {
		x.resolve("城镇居民人均消费支出")
	}
}
