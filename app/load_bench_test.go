package app_test

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/store"
)

// BenchmarkLoadPeerCSV loads a long CSV of the peers' shape (3,000 regions
// × 80 indicators × 10 years = 2.4M rows; PLANGAP_BENCH_REGIONS changes the
// regions) with full validation into an on-disk database holding every
// region's plan, and in the same process lets DuckDB's read_csv load the
// same file into a table: rows/s of both and their ratio (issue 11 wants
// plangap ≥ 0.5× read_csv).
//
//	go test ./app -run x -bench LoadPeerCSV -benchtime 1x
func BenchmarkLoadPeerCSV(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	regions := peerRegions()
	csv := filepath.Join(dir, "actuals.csv")
	n := writePeerCSV(b, csv, regions)
	seed := filepath.Join(dir, "seed.duckdb")
	peerStore(b, seed, regions).Close()
	var plangap, duck, plangapCPU, duckCPU time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		db := filepath.Join(dir, "load.duckdb")
		copyFile(b, seed, db)
		s, err := store.Open(ctx, db)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		_, res, err := app.New(s).Load(ctx, app.LoadRequest{Name: "actuals.csv", Path: csv, Source: "bench"})
		plangap += time.Since(t0)
		plangapCPU += cpuTime() - c0
		b.StopTimer()
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		if res.Batch.Inserted != n {
			b.Fatalf("inserted %d of %d", res.Batch.Inserted, n)
		}
		c0 = cpuTime()
		duck += readCSV(b, filepath.Join(dir, "duck.duckdb"), csv, n)
		duckCPU += cpuTime() - c0
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/plangap.Seconds(), "rows/s")
	b.ReportMetric(float64(n*b.N)/duck.Seconds(), "read_csv-rows/s")
	b.ReportMetric(duck.Seconds()/plangap.Seconds(), "ratio")
	// On a shared machine wall times swing; CPU time (all threads) less so.
	b.ReportMetric(duckCPU.Seconds()/plangapCPU.Seconds(), "cpu-ratio")
	b.ReportMetric(plangapCPU.Seconds(), "cpu-s")
}

// readCSV times DuckDB's own CSV load of the file into a new on-disk
// database: the limit for the same bytes.
func readCSV(b *testing.B, path, csv string, n int) time.Duration {
	os.Remove(path)
	db, err := sql.Open("duckdb", path)
	if err != nil {
		b.Fatal(err)
	}
	defer os.Remove(path)
	defer db.Close()
	t0 := time.Now()
	_, err = db.Exec(`CREATE TABLE x AS SELECT * FROM read_csv('` + csv + `')`)
	el := time.Since(t0)
	if err != nil {
		b.Fatal(err)
	}
	var got int
	if err := db.QueryRow(`SELECT count(*) FROM x`).Scan(&got); err != nil || got != n {
		b.Fatalf("read_csv: %d rows of %d", got, n)
	}
	return el
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
