package sheet

import (
	"bytes"
	"io"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// longCSV is a long-form table of n rows: region,indicator,year,value.
func longCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("地区,指标,年份,数值\n")
	regions := []string{"冠县", "东古城镇", "柳林镇", "清水镇", "烟庄街道"}
	indicators := []string{"地区生产总值", "一般公共预算收入", "5G基站数量", "常住人口城镇化率"}
	for i := 0; i < n; i++ {
		b.WriteString(regions[i%len(regions)])
		b.WriteByte(',')
		b.WriteString(indicators[i/len(regions)%len(indicators)])
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(2000 + i%26))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(float64(i%100000)/100, 'f', -1, 64))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// reportRows reports rows per second of wall time and, because the
// machine may be shared, per second of this process's CPU time.
func reportRows(b *testing.B, rows int, cpuStart time.Duration) {
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/(cpuTime()-cpuStart).Seconds(), "rows/cpu-s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func drain(b *testing.B, rows Rows) int {
	n := 0
	for {
		_, err := rows.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

func BenchmarkCSVLong(b *testing.B) {
	data := longCSV(1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	rowsRead := 0
	for b.Loop() {
		rows, err := Read("long.csv", data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		rowsRead += drain(b, rows)
	}
	reportRows(b, rowsRead, cpu)
}

func BenchmarkXLSX(b *testing.B) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"地区", "指标", "年份", "数值"})
	for i := 2; i <= 100_001; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{"冠县", "地区生产总值", 2000 + i%26, float64(i%100000) / 100})
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	rowsRead := 0
	for b.Loop() {
		rows, err := Read("long.xlsx", data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		rowsRead += drain(b, rows)
	}
	reportRows(b, rowsRead, cpu)
}
