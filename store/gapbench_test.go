package store

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// BenchmarkGapPeers reads and analyses the database named by
// PLANGAP_PEERS_DB (the peers' 3000 × 80 data loaded with LoadPeerData).
// Run with: PLANGAP_PEERS_DB=… go test ./store -run x -bench GapPeers -benchtime 1x
func BenchmarkGapPeers(b *testing.B) {
	path := os.Getenv("PLANGAP_PEERS_DB")
	if path == "" {
		b.Skip("PLANGAP_PEERS_DB not set")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		ins, err := s.Inputs(ctx, model.TargetFilter{}, model.AsOf{})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		rows := analysis.AnalyseAll(ins, analysis.DefaultConfig())
		b.Logf("%d rows: read %v, analyse %v", len(rows), t1.Sub(t0), time.Since(t1))
	}
}

// BenchmarkReadParts times the two halves of Inputs on PLANGAP_PEERS_DB.
func BenchmarkReadParts(b *testing.B) {
	path := os.Getenv("PLANGAP_PEERS_DB")
	if path == "" {
		b.Skip("PLANGAP_PEERS_DB not set")
	}
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		ts, err := s.Targets(ctx, model.TargetFilter{Lean: true})
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		series, err := s.allSeries(ctx, "", model.AsOf{})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%d targets %v, %d series %v", len(ts), t1.Sub(t0), len(series), time.Since(t1))
	}
}
