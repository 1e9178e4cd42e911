package store

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// longCSV builds a long-format file of n rows over the seed plan's
// quantitative indicators, synthetic regions and years 2016–2025.
func longCSV(b *testing.B, n int) ([]byte, *Store) {
	s, err := Open(context.Background(), ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	c, _ := datasets.DefaultPlan()
	if _, err := s.ImportPlan(context.Background(), c.Plan, c.Targets, false); err != nil {
		b.Fatal(err)
	}
	var codes, units []string
	seen := map[string]bool{}
	for _, t := range c.Targets {
		if t.Quantitative() && !seen[t.Indicator.Code] && t.Indicator.Min == nil {
			continue
		}
		if t.Quantitative() && !seen[t.Indicator.Code] {
			seen[t.Indicator.Code] = true
			codes, units = append(codes, t.Indicator.Code), append(units, t.Indicator.Unit)
		}
	}
	var buf bytes.Buffer
	buf.WriteString("indicator,region,year,value,unit\n")
	for i := 0; i < n; i++ {
		k := i % len(codes)
		region := i / (len(codes) * 10)
		year := 2016 + (i/len(codes))%10
		fmt.Fprintf(&buf, "%s,R%05d,%d,%d.%02d,%s\n", codes[k], region, year, 1+i%97, i%100, units[k])
	}
	return buf.Bytes(), s
}

// BenchmarkLoadLongCSV1M reads, validates and stores 1,000,000 long rows.
// Run with: go test ./store -run x -bench LoadLongCSV1M -benchtime 1x
func BenchmarkLoadLongCSV1M(b *testing.B) {
	const n = 1_000_000
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		data, s := longCSV(b, n)
		inds, _ := s.Indicators(context.Background())
		b.StartTimer()
		f, err := actuals.Read(data, actuals.Options{Name: "bench.csv", Indicators: inds, MaxYear: 2030})
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.LoadActuals(context.Background(), f.Observations, model.Batch{File: "bench.csv", SHA256: f.SHA256, Source: "bench", Status: "final"}, false, nil)
		if err != nil || res.Batch.Inserted != n {
			b.Fatalf("%v inserted %d", err, res.Batch.Inserted)
		}
		b.StopTimer()
		s.Close()
		b.ReportMetric(float64(n)/b.Elapsed().Seconds()*float64(i+1), "rows/s")
	}
}
