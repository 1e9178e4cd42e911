package actuals

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzReadCSV checks that no input makes the CSV reader panic, and that
// whatever it accepts is consistent: a value per observation, years in range.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(wideYearbook))
	f.Add([]byte("指标,年份,数值,单位\n社会消费品零售总额,2023,42.1,亿元\n"))
	f.Add([]byte("\ufeff指标,年份,数值\n5G基站数量,２０２３,１,２３４\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read(data, Options{Name: "fuzz.csv", Region: "冠县", Indicators: testIndicators, MaxYear: 2026})
		if err != nil {
			return
		}
		for _, o := range file.Observations {
			if o.Year < 1949 || o.Year > 2026 || o.Indicator == "" {
				t.Fatalf("accepted a bad observation %+v", o)
			}
		}
	})
}

// FuzzReadXLSX mutates a small workbook.
func FuzzReadXLSX(f *testing.F) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"指标", "单位", "2022年", "2023年"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"社会消费品零售总额", "万元", 386520, 421300})
	var buf bytes.Buffer
	x.Write(&buf)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		Read(data, Options{Name: "fuzz.xlsx", Region: "冠县", Indicators: testIndicators, MaxYear: 2026})
	})
}
