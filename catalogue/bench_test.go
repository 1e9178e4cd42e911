package catalogue_test

import (
	"bytes"
	"testing"

	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/synth"
)

// BenchmarkReadAll3000Plans reads a multi-plan catalogue of 3,000 plans ×
// 80 targets (the peers' layout converted by synth, written by
// WriteAllCSV). Run with:
//
//	go test ./catalogue -run x -bench ReadAll3000Plans -benchtime 1x
func BenchmarkReadAll3000Plans(b *testing.B) {
	cs, err := synth.ReadPeerPlans(bytes.NewReader(synth.PeerTargetsCSV(3000, 80, 1)), "targets.csv")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := catalogue.WriteAllCSV(&buf, cs); err != nil {
		b.Fatal(err)
	}
	cs = nil
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		back, err := catalogue.ReadAll(bytes.NewReader(buf.Bytes()), "all.csv")
		if err != nil || len(back) != 3000 {
			b.Fatalf("%d plans, %v", len(back), err)
		}
	}
	b.ReportMetric(float64(240000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
