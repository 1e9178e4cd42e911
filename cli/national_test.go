package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
)

// TestNationalPlanLoadsItsOfficialFigures loads the built-in national plan
// on a fresh database and checks the batches, a few stored values against
// the source files (datasets/cn14/actuals), that a second run changes
// nothing, and the 2022 (mid-term) verdicts of gap.
func TestNationalPlanLoadsItsOfficialFigures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "n.duckdb")
	out, err := run(t, "--db", db, "national")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// Capacities and the 15th plan's constant-price R&D growth are listed
	// as not loaded, with the reason.
	for _, want := range []string{"粮食综合生产能力 2025年 1.39", "能源综合生产能力 2025年 51.3", "全社会研发经费投入增长 2025年 9.1: 按不变价格计算"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output does not list the skipped row %q:\n%s", want, out)
		}
	}

	ctx := context.Background()
	s, err := app.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, src := range app.NationalSources {
		titles[src.Title] = true
	}
	bs, err := s.Batches(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 26 source files; three of them (the 2023 and 2025 government work
	// reports, the 2026 NHC press conference) only repeat figures already
	// stored, so they make no batch: 23 batches, all official.
	if len(bs) != 23 {
		t.Errorf("%d batches, want 23", len(bs))
	}
	for _, b := range bs {
		if b.Illustrative || !titles[b.Source] {
			t.Errorf("batch %d (%s): illustrative %v, source %q", b.ID, b.File, b.Illustrative, b.Source)
		}
	}

	// GDP growth 2021: 8.1 (2021 bulletin, 初步核算) → 8.4 (2022 bulletin,
	// 图1) → 8.6 (2024 bulletin, after the 5th economic census).
	hist, err := s.History(ctx, "cn_gdp_growth", "全国")
	if err != nil {
		t.Fatal(err)
	}
	var gdp2021 []string
	for _, h := range hist {
		if h.Year == 2021 {
			gdp2021 = append(gdp2021, h.Value.String()+" "+h.Status)
		}
	}
	if strings.Join(gdp2021, ", ") != "8.1 preliminary, 8.4 final, 8.6 final" {
		t.Errorf("GDP growth 2021 history %v, want 8.1 preliminary, 8.4 final, 8.6 final", gdp2021)
	}
	latest := func(code string, year int) string {
		t.Helper()
		vs, err := s.Actuals(ctx, "全国", code, model.AsOf{})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			if v.Year == year {
				return v.Value.String()
			}
		}
		return "none"
	}
	for _, c := range []struct {
		code string
		year int
		want string
	}{
		{"cn_gdp_growth", 2021, "8.6"},
		{"cn_gdp_growth", 2020, "2.3"},                 // 2.3 → 2.2 → 2.3
		{"urbanization_rate", 2025, "67.89"},           // the 15th plan's 67.9 only restates it
		{"cn_rd_growth", 2025, "8.1"},                  // nominal, as every other year; 9.1 is at constant prices
		{"cn_rd_growth", 2021, "14.6"},                 // 14.2 → 14.6
		{"patents_high_value_per_10k", 2024, "14"},     // “14件” per 10 000 people
		{"cn_physicians_per_1k", 2023, "3.4"},          // 3.40 人 per 1 000 people
		{"cn_childcare_places_per_1k", 2022, "2.57"},   // 2.57 个 per 1 000 people
		{"cn_urban_unemployment", 2022, "5.6"},         // the annual average
		{"cn_co2_intensity_cut", 2023, "0"},            // “与上年持平”
		{"life_expectancy", 2025, "79.25"},             // 2026 NHC press conference, 15th plan
		{"cn_grain_capacity", 2025, "none"},            // a capacity: no figure loaded
		{"cn_energy_capacity", 2025, "none"},           // likewise
		{"cn_air_good_days", 2023, "85.5"},             // raw, not the 86.8 net of dust
		{"cn_digital_core_share", 2024, "10.5"},        // the 15th plan's 2024 figure
		{"cn_schooling_years", 2025, "11.3"},           // 2025 bulletin and 15th plan
		{"cn_energy_intensity_cut", 2024, "3.8"},       // 2024 bulletin
		{"cn_surface_water_good", 2020, "83.4"},        // 2020 bulletin
		{"cn_labour_productivity_growth", 2020, "2.5"}, // 预计数 in the 2020 bulletin
		{"cn_income_growth", 2022, "2.9"},              // real growth
		{"cn_forest_coverage", 2022, "24.02"},          // 2022 greening bulletin
		{"cn_pension_coverage", 2025, "none"},          // no yearly rate published
		{"cn_income_growth", 2025, "5"},                // 5.0 in the bulletin
		{"cn_labour_productivity_growth", 2025, "6.1"}, // 2025 bulletin
		{"cn_physicians_per_1k", 2020, "2.9"},          // 2.90
		{"cn_surface_water_good", 2025, "91.4"},        // 2025 bulletin
		{"cn_energy_intensity_cut", 2021, "2.7"},       // 2021 bulletin
		{"cn_co2_intensity_cut", 2021, "3.8"},          // 2021 bulletin
		{"cn_urban_unemployment", 2020, "5.2"},         // year-end, the plan's base
		{"patents_high_value_per_10k", 2021, "7.5"},    // 2021 bulletin
		{"cn_childcare_places_per_1k", 2024, "4.08"},   // 2024 child-development monitoring
		{"cn_air_good_days", 2025, "89.3"},             // net of dust, as stated
		{"cn_digital_core_share", 2023, "9.9"},         // 5th economic census
		{"cn_rd_growth", 2024, "8.9"},                  // 8.3 → 8.9
		{"urbanization_rate", 2020, "63.89"},           // 7th census
		{"life_expectancy", 2020, "77.93"},             // NHC bulletin
		{"cn_schooling_years", 2021, "10.9"},           // MOE press conference
		{"cn_gdp_growth", 2023, "5.4"},                 // 5.2 → 5.4
		{"cn_gdp_growth", 2025, "5"},                   // 5.0 in the 2025 bulletin
		{"cn_labour_productivity_growth", 2022, "4.2"}, // 2022 bulletin
		{"cn_income_growth", 2021, "8.1"},              // 2021 bulletin
		{"cn_surface_water_good", 2022, "87.9"},        // 2022 bulletin
		{"cn_urban_unemployment", 2025, "5.2"},         // 2025 bulletin
		{"cn_co2_intensity_cut", 2025, "5"},            // 5.0, scope widened
		{"cn_energy_intensity_cut", 2025, "5.1"},       // 2025 bulletin
		{"cn_forest_coverage", 2024, "25.1"},           // 15th plan, 2024 figure
		{"cn_air_good_days", 2022, "86.5"},             // MEE and the 2023 report
		{"cn_physicians_per_1k", 2024, "3.61"},         // 2024 NHC bulletin
		{"patents_high_value_per_10k", 2025, "16"},     // 2025 bulletin
		{"cn_childcare_places_per_1k", 2023, "none"},   // not found
	} {
		if got := latest(c.code, c.year); got != c.want {
			t.Errorf("%s %d = %s, want %s", c.code, c.year, got, c.want)
		}
	}
	s.Close()

	// Loading again changes nothing: no new batch, no revision.
	again, err := run(t, "--db", db, "national")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(again, "0个新批次，新增0、修订0") {
		t.Errorf("a second run changed the data:\n%s", again)
	}

	// The mid-term picture: report year 2022.
	js, err := run(t, "--db", db, "gap", "--region", "全国", "--year", "2022", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(js), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 20 {
		t.Fatalf("%d rows, want the plan's 20", len(rows))
	}
	// Indicators with figures for both 2021 and 2022 (see SOURCES.md,
	// Coverage), or with one figure after the base value the plan states
	// (9: 10.8 in 2020, 10.9 in 2021 — π 20%, τ 20%, on schedule; 12: 1.8
	// in 2020, 2.57 in 2022 — π 0.77/2.7 = 28.5%, τ 40%, lagging), get a
	// status; the others are not assessable and say why: 6 and 11 have no
	// data, 18 one point and no 2020 base, 19 and 20 are capacities left
	// empty.
	assessable := map[string]bool{"1": true, "2": true, "3": true, "4": true, "5": true, "7": true, "8": true,
		"9": true, "10": true, "12": true, "14": true, "15": true, "16": true, "17": true, "13": true}
	by := map[string]map[string]any{}
	for _, r := range rows {
		id := r["target_id"].(string)
		by[id] = r
		na := r["status"] == "not_assessable"
		switch {
		case assessable[id] && na:
			t.Errorf("target %s (%s) is not assessable at 2022: %v", id, r["name_zh"], r["note"])
		case !assessable[id] && !na:
			t.Errorf("target %s (%s) has status %v at 2022, want not_assessable", id, r["name_zh"], r["status"])
		case na && r["note"] == "":
			t.Errorf("target %s (%s) is not assessable without a reason", id, r["name_zh"])
		}
	}
	// GDP growth 2022: 3.1 against the year's 5.5%左右 (±0.5) — missed, and
	// a missed year cannot be mended.
	if by["1"]["status"] != "not_met" {
		t.Errorf("GDP growth at 2022: %v, want not_met (3.1 against 5.5 ± 0.5)", by["1"]["status"])
	}
	// Unemployment 2022: the annual average 5.6 > 5.5.
	if by["8"]["status"] != "not_met" {
		t.Errorf("unemployment at 2022: %v, want not_met (5.6 > 5.5)", by["8"]["status"])
	}
	// Energy intensity: C = 1 − 0.973 × 0.999 = 2.7973%; π = 2.7973/13.5.
	if pi, _ := by["14"]["completion_share"].(float64); pi < 0.207207-1e-6 || pi > 0.207207+1e-6 {
		t.Errorf("energy intensity π %v, want 0.027973/0.135 = 0.207207", by["14"]["completion_share"])
	}
	// Life expectancy: +1 year over 77.3 (2019) is 78.3; 78.2 in 2021 is
	// 0.9 of the way: π = 0.9.
	if pi, _ := by["13"]["completion_share"].(float64); pi < 0.9-1e-9 || pi > 0.9+1e-9 {
		t.Errorf("life expectancy π %v, want (78.2 − 77.3)/1 = 0.9", by["13"]["completion_share"])
	}
	if by["13"]["attribute"] != "indicative" || by["14"]["attribute"] != "binding" {
		t.Errorf("attributes %v %v", by["13"]["attribute"], by["14"]["attribute"])
	}

	// The latest picture, 2025, worked by hand from the stored figures.
	js, err = run(t, "--db", db, "gap", "--region", "全国", "--year", "2025", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	rows = nil
	if err := json.Unmarshal([]byte(js), &rows); err != nil {
		t.Fatal(err)
	}
	by = map[string]map[string]any{}
	for _, r := range rows {
		by[r["target_id"].(string)] = r
	}
	for _, c := range []struct {
		id     string
		pi     float64
		status string
		why    string
	}{
		// 1 − 0.973·0.999·0.995·0.962·0.949 = 11.7037% of 13.5%.
		{"14", 0.866938, "not_met", "energy intensity"},
		// 1 − 0.962·0.992·1·0.966·0.950 = 12.4235% of 18%.
		{"15", 0.690196, "not_met", "CO2 intensity"},
		// (14.6 + 10.1 + 8.4 + 8.9 + 8.1)/(5 × 7) = 50.1/35; mean 10.02 > 7.
		{"4", 1.431429, "achieved", "R&D growth"},
		// own − GDP: 0.1, 1.1, 0.3, −0.1, 1.1: 4 of 5 years above, mean 0.5 > 0.
		{"2", 0.8, "achieved", "labour productivity"},
		// income − GDP: −0.5, −0.2, 0.7, 0.1, 0: every year within 0.5 pp.
		{"7", 1, "achieved", "income growth"},
	} {
		r := by[c.id]
		if pi, _ := r["completion_share"].(float64); pi < c.pi-1e-6 || pi > c.pi+1e-6 || r["status"] != c.status {
			t.Errorf("%s at 2025: π %v status %v, want %v %s", c.why, r["completion_share"], r["status"], c.pi, c.status)
		}
	}
	for _, id := range []string{"11", "19", "20"} {
		if by[id]["status"] != "not_assessable" {
			t.Errorf("target %s at 2025: %v, want not_assessable (no data)", id, by[id]["status"])
		}
	}

	// run draws the national plan's charts and report from these figures,
	// without loading the county's illustrative examples.
	outDir := filepath.Join(t.TempDir(), "out")
	if out, err := run(t, "--db", db, "run", "--region", "全国", "--out", outDir); err != nil {
		t.Fatalf("run --region 全国: %v\n%s", err, out)
	}
	html, err := os.ReadFile(filepath.Join(outDir, "report.html"))
	if err != nil || !strings.Contains(string(html), "全国") {
		t.Errorf("report.html: %v", err)
	}
	s, err = app.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if bs, err := s.Batches(ctx); err != nil || len(bs) != 23 {
		t.Errorf("after run: %d batches (%v), want the 23 official ones", len(bs), err)
	}
}
