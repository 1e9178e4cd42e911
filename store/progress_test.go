package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// peerCSVs writes a small gen.py-shaped pair of files: up and down
// indicators, a pair met, one moving away, one without its base year's
// value, one whose target equals its base, one with a zero base.
func peerCSVs(t *testing.T) string {
	dir := t.TempDir()
	targets := `region,indicator,direction,base_year,target,target_year
R1,A,up,2020,200.0000,2030
R1,B,down,2020,50.0000,2030
R1,C,up,2020,120.0000,2025
R1,D,up,2020,300.0000,2030
R1,E,up,2020,100.0000,2030
R2,A,up,2020,150.5000,2030
R2,B,down,2020,80.2500,2030
R2,F,up,2020,10.0000,2030
`
	acts := "region,indicator,year,value\n"
	series := map[string][]string{
		"R1,A": {"2019:90", "2020:100.0000", "2021:104.1", "2022:110.25", "2023:111", "2024:118.3333", "2025:121.0001"},
		"R1,B": {"2020:100", "2021:96", "2022:93.5", "2023:90.1", "2024:87", "2025:85.5"},
		"R1,C": {"2020:100", "2022:110", "2024:125.5", "2025:119"},
		"R1,D": {"2021:110", "2022:120", "2023:130", "2024:140", "2025:150"},
		"R1,E": {"2020:100", "2021:101", "2022:99", "2023:100.5", "2024:102", "2025:103"},
		"R2,A": {"2020:100", "2021:99", "2022:97", "2023:96", "2024:95.5", "2025:94"},
		"R2,B": {"2020:100", "2021:95", "2022:88", "2023:83", "2024:80.25", "2025:79.9999"},
		"R2,F": {"2020:0", "2021:1", "2022:3", "2023:4", "2024:6", "2025:7"},
	}
	for k, ps := range series {
		for _, p := range ps {
			y, v, _ := strings.Cut(p, ":")
			acts += fmt.Sprintf("%s,%s,%s\n", k, y, v)
		}
	}
	os.WriteFile(filepath.Join(dir, "targets.csv"), []byte(targets), 0o644)
	os.WriteFile(filepath.Join(dir, "actuals.csv"), []byte(acts), 0o644)
	return dir
}

// progressStore holds the default plan with the example data (and a
// revision), and the small peer set.
func progressStore(t *testing.T) *Store {
	ctx := context.Background()
	s := openMem(t)
	c, _ := datasets.DefaultPlan()
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	inds, _ := s.Indicators(ctx)
	for _, ex := range []struct {
		name, status string
		data         []byte
	}{
		{datasets.ExampleActualsName, "final", datasets.ExampleActualsCSV},
		{datasets.ExamplePreliminaryName, "preliminary", datasets.ExamplePreliminaryCSV},
		{"r.csv", "final", []byte("指标,年份,数值,单位\n社会消费品零售总额,2024,45.2801,亿元\n")},
	} {
		f, err := actuals.Read(ex.data, actuals.Options{Name: ex.name, Region: "冠县", Indicators: inds})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoadActuals(ctx, f.Observations, model.Batch{File: ex.name, SHA256: f.SHA256, Source: "示例", Status: ex.status, Illustrative: true}, false, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.LoadPeerData(ctx, peerCSVs(t)); err != nil {
		t.Fatal(err)
	}
	return s
}

// close reports whether two floats agree within 1e-9 relative, NaN with NaN.
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func sameDec(a, b interface{ String() string }) bool { return a.String() == b.String() }

// TestProgressMatchesAnalyse checks the SQL columns against the engine,
// field by field, for every level target whose base year has data.
func TestProgressMatchesAnalyse(t *testing.T) {
	ctx := context.Background()
	s := progressStore(t)
	got, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ins, err := s.Inputs(ctx, model.TargetFilter{}, model.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := analysis.Config{Method: analysis.Eurostat}
	want := map[string]analysis.Row{}
	for _, in := range ins {
		want[in.Target.Region+"/"+in.Target.PlanCode+"/"+in.Target.ID] = analysis.Analyse(in, cfg)
	}
	compared, peers := 0, 0
	for _, g := range got {
		w, ok := want[g.Region+"/"+g.Plan+"/"+g.ID]
		if !ok {
			t.Errorf("%s/%s: not an engine row", g.Region, g.ID)
			continue
		}
		if w.BaseNote != "" || w.BaseValue == nil {
			// The engine took a later year for the base; the query does not.
			if g.BaseValue != nil || !math.IsNaN(g.Ratio) {
				t.Errorf("%s/%s: base should be undefined in SQL", g.Region, g.ID)
			}
			continue
		}
		compared++
		if g.Plan == "peer" {
			peers++
		}
		where := g.Region + "/" + g.ID
		if g.Year != w.Year || !sameDec(*g.Actual, *w.Actual) || !sameDec(*g.BaseValue, *w.BaseValue) || !sameDec(*g.Target, *w.TargetLevel) || !sameDec(*g.Gap, *w.Gap) {
			t.Errorf("%s: year %d actual %v base %v target %v gap %v; engine %d %v %v %v %v", where,
				g.Year, g.Actual, g.BaseValue, g.Target, g.Gap, w.Year, w.Actual, w.BaseValue, w.TargetLevel, w.Gap)
		}
		for _, f := range []struct {
			name      string
			got, want float64
		}{
			{"π", g.Completion, w.Completion}, {"τ", g.TimeShare, w.TimeShare}, {"π−τ", g.ScheduleGap, w.ScheduleGap},
			{"required", g.RequiredRate, w.RequiredRate}, {"observed", g.ObservedRate, w.ObservedRate}, {"R", g.Ratio, w.Ratio},
		} {
			if !near(f.got, f.want) {
				t.Errorf("%s %s: SQL %v, engine %v", where, f.name, f.got, f.want)
			}
		}
		if g.Met != w.Met || g.Status != string(w.Status) {
			t.Errorf("%s: met %v status %s; engine %v %s (%s)", where, g.Met, g.Status, w.Met, w.Status, w.Note)
		}
	}
	t.Logf("%d rows compared, %d from the peer set", compared, peers)
	if compared < 10 || peers != 7 {
		t.Fatalf("compared %d rows (%d peer rows): too few", compared, peers)
	}
	// Hand-worked: R1/A 2020→2025 from 100 to 121.0001 towards 200 in 2030.
	for _, g := range got {
		if g.Region == "R1" && g.ID == "A" {
			if g.Gap.String() != "78.9999" || !near(g.Completion, 21.0001/100) || !near(g.TimeShare, 0.5) ||
				!near(g.ObservedRate, math.Pow(1.210001, 0.2)-1) || !near(g.RequiredRate, math.Pow(200/121.0001, 0.2)-1) ||
				!near(g.Ratio, (math.Pow(1.210001, 0.2)-1)/(math.Pow(2, 0.1)-1)) || g.Status != "limited_progress" {
				t.Errorf("R1/A: %+v", g)
			}
		}
	}
}

// TestProgressOverParquet exports the database, registers the Parquet
// files as targets, indicators and actuals in a fresh DuckDB, runs
// progress.sql there unchanged and compares it with the engine's run row
// for row.
func TestProgressOverParquet(t *testing.T) {
	ctx := context.Background()
	s := progressStore(t)
	want, err := s.Progress(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "export")
	if err := s.Export(ctx, dir, "parquet"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range ParquetViews(dir) {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	got, err := queryProgress(ctx, db, `SELECT * FROM (`+ProgressSQL+`) ORDER BY region, plan_code, id`)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d rows over Parquet, %d in the engine", len(got), len(want))
	}
	for i := range got {
		g, w := fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i])
		if g != w {
			t.Errorf("row %d:\nparquet %s\nengine  %s", i, g, w)
		}
	}
}

// TestInputsRead checks the tuned read against Targets and Actuals: the
// same targets in the same order, and every series exact and in year
// order, revisions and illustrative batches included.
func TestInputsRead(t *testing.T) {
	ctx := context.Background()
	s := progressStore(t)
	ins, err := s.Inputs(ctx, model.TargetFilter{}, model.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := s.Targets(ctx, model.TargetFilter{Lean: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != len(ts) {
		t.Fatalf("%d inputs, %d targets", len(ins), len(ts))
	}
	withData := 0
	for i, in := range ins {
		if g, w := fmt.Sprintf("%+v", in.Target), fmt.Sprintf("%+v", ts[i]); g != w {
			t.Fatalf("target %d:\n%s\n%s", i, g, w)
		}
		as, err := s.Actuals(ctx, in.Target.Region, in.Target.Indicator.Code, model.AsOf{})
		if err != nil {
			t.Fatal(err)
		}
		if len(as) != len(in.Years) {
			t.Fatalf("%s/%s: %d values, Actuals has %d", in.Target.Region, in.Target.ID, len(in.Years), len(as))
		}
		for j, a := range as {
			if a.Year != in.Years[j] || a.Value.String() != in.Values[j].String() {
				t.Errorf("%s/%s %d: %d %s, Actuals %d %s", in.Target.Region, in.Target.ID, j, in.Years[j], in.Values[j], a.Year, a.Value)
			}
		}
		if len(as) > 0 {
			withData++
			if in.Illustrative != (in.Target.Region == "冠县" || in.Target.PlanCode == "peer") {
				t.Errorf("%s/%s: illustrative %v", in.Target.Region, in.Target.ID, in.Illustrative)
			}
		}
	}
	if withData < 20 {
		t.Fatalf("only %d series with data", withData)
	}
	// The revision 45.2801 (2024) replaced the example value.
	for _, in := range ins {
		if in.Target.Indicator.NameZh == "社会消费品零售总额" && in.Target.Region == "冠县" {
			for j, y := range in.Years {
				if y == 2024 && in.Values[j].String() != "45.2801" {
					t.Errorf("2024 retail sales %s, want the revision 45.2801", in.Values[j])
				}
			}
		}
	}
}
