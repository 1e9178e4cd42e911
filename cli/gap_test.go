package cli

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// A target loaded with hand-made actuals: the methods.md §2 example as a
// county plan. Hand results: gap 0.9, π 0.40, τ 0.60, π−τ −20 pp,
// required 10.43%, observed 5.416%, R 0.7324 → eurostat moderate progress.
func TestGapJSONMatchesHandCalculation(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	plan := write(t, dir, "plan.csv", "plan_code,region,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,min,kind,operator,value,lead_department\n"+
		"demo,演示县,2021,2025,2020,D1,内需,demo_sales,演示销售额,亿元,higher,0,level,>=,5.0,县商务局\n")
	if _, err := run(t, "--db", db, "plan", "import", plan); err != nil {
		t.Fatal(err)
	}
	data := write(t, dir, "actuals.csv", "指标,地区,年份,数值,单位\n演示销售额,演示县,2020,3.5,亿元\n演示销售额,演示县,2021,3.7,亿元\n演示销售额,演示县,2022,3.9,亿元\n演示销售额,演示县,2023,4.1,亿元\n")
	if _, err := run(t, "--db", db, "load", data); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "--db", db, "gap", "--region", "演示县", "--method", "eurostat", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[0]
	for _, f := range []string{"target_id", "region", "indicator", "name_zh", "unit", "kind", "year", "actual", "base_year", "base_value",
		"target", "target_year", "gap", "completion_share", "time_share", "schedule_gap_pp", "required_rate", "observed_rate", "ratio",
		"projection", "projection_low", "projection_high", "probability", "status", "status_zh", "method", "illustrative"} {
		if _, ok := r[f]; !ok {
			t.Errorf("JSON lacks %q", f)
		}
	}
	if r["gap"] != "0.9" || r["actual"] != "4.1" || r["target"] != "5" || r["year"] != float64(2023) || r["base_value"] != "3.5" {
		t.Errorf("values: gap %v actual %v target %v year %v base %v", r["gap"], r["actual"], r["target"], r["year"], r["base_value"])
	}
	for k, want := range map[string]float64{"completion_share": 0.40, "time_share": 0.60, "schedule_gap_pp": -20, "required_rate": 0.1043, "observed_rate": 0.05416, "ratio": 0.7324} {
		got, _ := r[k].(float64)
		if math.Abs(got-want)/math.Abs(want) > 5e-4 {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
	if r["status"] != "moderate_progress" || r["method"] != "eurostat" || r["illustrative"] != false {
		t.Errorf("status %v method %v illustrative %v", r["status"], r["method"], r["illustrative"])
	}
}

func TestDefaultPlanGapEveryStatus(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.duckdb")
	if _, err := run(t, "--db", db, "run", "--out", t.TempDir()); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, "--db", db, "gap", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	json.Unmarshal([]byte(out), &rows)
	seen := map[string]bool{}
	quant := 0
	for _, r := range rows {
		seen[r["status"].(string)] = true
		if r["kind"] != "milestone" {
			quant++
		}
		if r["year"] != nil && r["illustrative"] != true {
			t.Errorf("%v: example data not flagged illustrative", r["target_id"])
		}
	}
	if quant != 99 {
		t.Errorf("%d quantitative rows, want 99", quant)
	}
	for _, s := range []string{"achieved", "ahead", "on_schedule", "lagging", "moving_away", "not_assessable"} {
		if !seen[s] {
			t.Errorf("status %s never appears", s)
		}
	}
}

func TestPathShapes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.duckdb")
	if _, err := run(t, "--db", db, "run", "--out", t.TempDir()); err != nil {
		t.Fatal(err)
	}
	// 社会消费品零售总额: base 38.652 (2022) → 50 (2025), geometric:
	// r = (50/38.652)^(1/3) − 1 = exp(ln(1.293594)/3) − 1 = 8.9597%;
	// 2023 = 42.1151, 2024 = 45.8886.
	out, err := run(t, "--db", db, "path", "6", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Path   string `json:"path"`
		Points []struct {
			Year    int      `json:"year"`
			Planned *float64 `json:"planned"`
		} `json:"points"`
	}
	json.Unmarshal([]byte(out), &p)
	if p.Path != "geometric" || len(p.Points) != 4 {
		t.Fatalf("path %q with %d points", p.Path, len(p.Points))
	}
	for i, want := range []float64{38.652, 42.1151, 45.8886, 50} {
		if got := *p.Points[i].Planned; math.Abs(got-want) > 2e-5*want {
			t.Errorf("%d planned %.4f, want %.4f", p.Points[i].Year, got, want)
		}
	}
	// 常住人口城镇化率: 42.1 (2022) → 46 (2025), linear: +1.3 a year.
	out, _ = run(t, "--db", db, "path", "9", "--format", "json")
	json.Unmarshal([]byte(out), &p)
	if p.Path != "linear" {
		t.Errorf("share path %q", p.Path)
	}
	for i, want := range []float64{42.1, 43.4, 44.7, 46} {
		if got := *p.Points[i].Planned; math.Abs(got-want) > 1e-9 {
			t.Errorf("%d planned %.4f, want %.4f", p.Points[i].Year, got, want)
		}
	}
	if table, _ := run(t, "--db", db, "path", "6"); !strings.Contains(table, "geometric") || !strings.Contains(table, "示例数据") {
		t.Errorf("path table:\n%s", table)
	}
}
