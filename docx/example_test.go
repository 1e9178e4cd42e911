package docx_test

import (
	"bytes"
	"fmt"

	"github.com/plangap/plangap/docx"
)

func Example() {
	d := docx.New(docx.Options{
		Title: "中期评估报告",
		DocNo: "冠发〔2023〕5号",
	})
	d.TOC()
	d.Heading(1, "一、总体评价")
	d.Runs(docx.Run{Text: "总体看，", Bold: true}, docx.Run{Text: "多数指标进度正常。"})
	d.Landscape(func() {
		d.Table(docx.Table{
			Caption:      "附表　主要指标（示例数据）",
			Header:       [][]string{{"指标", "2024年", docx.MergeLeft}, {docx.MergeUp, "绝对数", "增长%"}},
			Rows:         [][]string{{"地区生产总值（亿元）", "123.4", "5.6"}},
			ColumnWidths: []float64{6, 3, 3},
			RepeatHeader: true,
		})
	})
	var b bytes.Buffer
	if _, err := d.WriteTo(&b); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b.Bytes()[:2]))
	// Output: PK
}
