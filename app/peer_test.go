package app_test

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/store"
)

// The peers' shape (../shared/peers/gen.py): 3,000 regions R00000–R02999,
// 80 indicators I000–I079 (every third lower-is-better), ten years
// 2016–2025, one value with four decimals per row. These are synthetic
// benchmark data, not statistics.
const (
	peerIndicators = 80
	peerFirstYear  = 2016
	peerLastYear   = 2025
)

func peerRegions() int {
	n := 3000
	if s := os.Getenv("PLANGAP_BENCH_REGIONS"); s != "" {
		fmt.Sscan(s, &n)
	}
	return n
}

// writePeerCSV writes a long file region,indicator,year,value of the
// peers' shape: regions × 80 × 10 rows, values a random walk with four
// decimals like gen.py's.
func writePeerCSV(tb testing.TB, path string, regions int) int {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("region,indicator,year,value\n")
	rng := rand.New(rand.NewPCG(20261128, 11))
	n := 0
	for r := range regions {
		for m := range peerIndicators {
			v := (10 + rng.Float64()*990) * (0.5 + rng.Float64())
			g := rng.Float64()*0.12 - 0.03
			for y := peerFirstYear; y <= peerLastYear; y++ {
				v *= 1 + g + rng.NormFloat64()*0.01
				fmt.Fprintf(w, "R%05d,I%03d,%d,%.4f\n", r, m, y, math.Abs(v))
				n++
			}
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return n
}

// peerStore opens a database at path with the peers' 80 indicators (unit
// 个, a count: no other unit of its kind, so a value needs no unit column)
// and one synthetic plan per region, so that every region is known.
func peerStore(tb testing.TB, path string, regions int) *store.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	names := make([]string, regions)
	for i := range names {
		names[i] = fmt.Sprintf("R%05d", i)
	}
	plan := model.Plan{Code: "peer", Region: names[0], Title: "synthetic peer plan", DocNo: "—",
		PeriodStart: 2021, PeriodEnd: 2030, BaseYear: 2020}
	zero := decimal.Zero
	var targets []model.Target
	for m := range peerIndicators {
		code := fmt.Sprintf("I%03d", m)
		dir, op := model.HigherIsBetter, model.AtLeast
		if m%3 == 2 {
			dir, op = model.LowerIsBetter, model.AtMost
		}
		ind := model.Indicator{Code: code, NameZh: "合成指标" + code, NameEn: "synthetic " + code, Unit: "个", Direction: dir, Min: &zero}
		targets = append(targets, model.Target{ID: code, PlanCode: plan.Code, Region: plan.Region, Indicator: ind,
			Chapter: model.Chapters[m%len(model.Chapters)], Kind: model.Level, Operator: op, Value: decimal.NewFromInt(100),
			Unit: "个", BaseYear: 2020, TargetYear: 2030, LeadDepartments: []string{"统计局"}})
	}
	if _, err := s.ImportPlan(ctx, plan, targets, false); err != nil {
		tb.Fatal(err)
	}
	if err := s.CopyPlan(ctx, names[0], plan.Code, names[1:]); err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestMakePeerDB writes a database and file of the peers' shape for
// measuring plangap load as a whole process (/usr/bin/time -v):
// PLANGAP_PEER_DIR=/tmp/x go test ./app -run MakePeerDB.
func TestMakePeerDB(t *testing.T) {
	dir := os.Getenv("PLANGAP_PEER_DIR")
	if dir == "" {
		t.Skip("PLANGAP_PEER_DIR not set")
	}
	s := peerStore(t, filepath.Join(dir, "peer.duckdb"), peerRegions())
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, "actuals.csv")); err != nil {
		writePeerCSV(t, filepath.Join(dir, "actuals.csv"), peerRegions())
	}
}
