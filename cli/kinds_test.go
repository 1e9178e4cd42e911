package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryPlanKindEndToEnd imports a two-level catalogue (a province
// under the nation) with the kinds national plans use, loads a statistics
// file, and reads the verdicts back through `gap`: the catalogue columns,
// the store, the analysis and the output carry them all.
func TestEveryPlanKindEndToEnd(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	head := "plan_code,region,plan_title,doc_no,period_start,period_end,base_year,parent,id,attribute,chapter,indicator,name_zh,unit,direction,growth_rate,kind,operator,value,stretch,annual,relative_to,compare_with_parent,target_year,lead_department\n"
	rows := "" +
		"n14,全国,全国规划,,2021,2025,2020,,1,预期性,经济发展,gdp_growth,国内生产总值增长,%,higher,yes,annual,>=,0,,2021:>=6;2022:~5.5;2023:~5,,,2025,国家发展改革委\n" +
		",,,,,,,,2,预期性,经济发展,productivity_growth,全员劳动生产率增长,%,higher,yes,relative,>,0,,,gdp_growth,,2025,国家统计局\n" +
		",,,,,,,,3,约束性,绿色生态,energy_intensity_cut,单位GDP能源消耗降低,%,higher,yes,reduction,>=,13.5,,,,,2025,国家发展改革委\n" +
		",,,,,,,,4,预期性,创新驱动,rd_growth,研发经费投入增长,%,higher,yes,average,>,7,,,,,2025,科技部\n" +
		"s14,山东,山东规划,,2021,2025,2020,全国,1,预期性,经济发展,gdp_growth,国内生产总值增长,%,higher,yes,relative,>,0,,,,yes,2025,省发展改革委\n" +
		",,,,,,,,2,约束性,经济发展,urban_rate,常住人口城镇化率,%,higher,,level,>=,65,67,,,,2025,省住建厅\n"
	cat := write(t, dir, "plans.csv", head+rows)
	if out, err := run(t, "--db", db, "plan", "import", cat); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	data := "地区,指标,年份,数值,单位\n" +
		"全国,国内生产总值增长,2021,8.4,%\n全国,国内生产总值增长,2022,3.0,%\n全国,国内生产总值增长,2023,5.2,%\n" +
		"全国,全员劳动生产率增长,2021,8.7,%\n全国,全员劳动生产率增长,2022,4.2,%\n全国,全员劳动生产率增长,2023,5.7,%\n" +
		"全国,单位GDP能源消耗降低,2021,2.7,%\n全国,单位GDP能源消耗降低,2022,0.1,%\n全国,单位GDP能源消耗降低,2023,0.5,%\n" +
		"全国,研发经费投入增长,2021,14.6,%\n全国,研发经费投入增长,2022,10.1,%\n全国,研发经费投入增长,2023,8.1,%\n" +
		"山东,国内生产总值增长,2021,8.3,%\n山东,国内生产总值增长,2022,3.9,%\n山东,国内生产总值增长,2023,6.0,%\n" +
		"山东,常住人口城镇化率,2020,63.1,%\n山东,常住人口城镇化率,2023,65.5,%\n"
	if out, err := run(t, "--db", db, "load", write(t, dir, "data.csv", data)); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err := run(t, "--db", db, "gap", "--format", "json", "--year", "2023")
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	by := map[string]map[string]any{}
	for _, r := range got {
		by[r["region"].(string)+"/"+r["target_id"].(string)] = r
	}
	// The reduction: 1 − 0.973 × 0.999 × 0.995 = 3.2833135% of 13.5%.
	red := by["全国/3"]
	if pi, _ := red["completion_share"].(float64); pi < 0.243208-1e-6 || pi > 0.243208+1e-6 {
		t.Errorf("reduction π %v, want 0.032833135/0.135 = 0.243208", red["completion_share"])
	}
	if red["attribute"] != "binding" {
		t.Errorf("attribute %v", red["attribute"])
	}
	// The annual target: 2021 met (8.4 ≥ 6), 2022 missed (3.0 against
	// 5.5 ± 0.5), 2023 met (5.2 within 5 ± 0.5).
	ann, _ := by["全国/1"]["yearly"].([]any)
	var met []bool
	for _, y := range ann {
		met = append(met, y.(map[string]any)["met"] == true)
	}
	if len(met) != 3 || !met[0] || met[1] || !met[2] {
		t.Errorf("annual verdicts %v, want met, missed, met", ann)
	}
	// The province's growth against the nation's, year by year: 8.3 < 8.4,
	// 3.9 > 3.0, 6.0 > 5.2.
	rel, _ := by["山东/1"]["yearly"].([]any)
	if len(rel) != 3 || rel[0].(map[string]any)["met"] == true || rel[1].(map[string]any)["met"] != true {
		t.Errorf("compared with the parent: %v", rel)
	}
	// The 力争 tier: 65.5 meets 65 but not 67.
	urb := by["山东/2"]
	if urb["stretch"] != "67" || urb["stretch_met"] == true || urb["status"] != "achieved" {
		t.Errorf("two tiers: stretch %v met %v status %v", urb["stretch"], urb["stretch_met"], urb["status"])
	}
	// Every target has a status from the schedule method.
	for k, r := range by {
		if r["status"] == "" {
			t.Errorf("%s has no status", k)
		}
	}
	sum, err := run(t, "--db", db, "gap", "--summary", "region", "--year", "2023")
	if err != nil {
		t.Fatal(err)
	}
	// The nation's line counts its own 4 targets and the province's 2.
	for _, line := range strings.Split(sum, "\n") {
		if strings.HasPrefix(line, "全国") && !strings.Contains(line, " 6 ") {
			t.Errorf("the nation's roll-up does not count 6 targets: %q", line)
		}
	}
	if out, err := run(t, "--db", db, "gap", "--summary", "attribute"); err != nil || !strings.Contains(out, "binding") {
		t.Errorf("summary by attribute: %v\n%s", err, out)
	}
}
