//go:build unix

package store

import (
	"context"
	"os"
	"syscall"
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
		t0, c0 := time.Now(), cpu()
		ins, err := s.Inputs(ctx, model.TargetFilter{}, model.AsOf{})
		if err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cpu()
		rows := analysis.AnalyseAll(ins, analysis.DefaultConfig())
		b.Logf("%d rows: read %v (CPU %v), analyse %v (CPU %v)", len(rows), t1.Sub(t0), c1-c0, time.Since(t1), cpu()-c1)
	}
}

// cpu is the CPU time this process has used, DuckDB's threads included:
// on a shared machine it says more than the wall clock.
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
