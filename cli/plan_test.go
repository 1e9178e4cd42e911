package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two counties' plans in one file, each with chapters of its own that
// Guan County's plan doesn't have; plan columns only on each plan's first
// row, as a merged office table has them.
const twoCountyPlans = "plan_code,region,plan_title,doc_no,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,kind,operator,value,target_unit,lead_department\n" +
	"shen-14,莘县,莘县十四五规划,莘政发〔2021〕3号,2021,2025,2020,1,经济发展,shen_gdp,地区生产总值,亿元,higher,level,>=,420.5,,县发展改革局\n" +
	",,,,,,,2,创新驱动,shen_rd,研发经费投入强度,%,higher,level,>=,2.5,,县科技局\n" +
	"yg-act,阳谷县,阳谷县行动方案,阳政发〔2023〕1号,2023,2027,2022,1,绿色生态,yg_pm25,细颗粒物（PM2.5）年均浓度,微克/立方米,lower,level,<=,38,,生态环境分局\n" +
	",,,,,,,2,共同富裕,shen_gdp,地区生产总值,亿元,higher,growth,~,6,%,县发展改革局\n"

func TestPlanImportExportAll(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "two.csv")
	if err := os.WriteFile(src, []byte(twoCountyPlans), 0o644); err != nil {
		t.Fatal(err)
	}
	db1, db2 := filepath.Join(dir, "1.duckdb"), filepath.Join(dir, "2.duckdb")
	out, err := run(t, "--db", db1, "plan", "import", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"imported plan shen-14 (莘县): 2 targets", "imported plan yg-act (阳谷县): 2 targets", "2 plans, 4 targets: 2 imported"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	// Each plan keeps its own chapters, period and values.
	js, err := run(t, "--db", db1, "targets", "--region", "阳谷县", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var ts []map[string]any
	if err := json.Unmarshal([]byte(js), &ts); err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0]["chapter"] != "绿色生态" || ts[1]["chapter"] != "共同富裕" || ts[0]["value"] != "38" || ts[1]["value"] != "6" {
		t.Errorf("阳谷县 targets: %v", ts)
	}

	// --all writes the default plan and both counties' plans into one
	// file; imported into a new database and exported again, it is the
	// same file, in CSV and in XLSX.
	for _, ext := range []string{".csv", ".xlsx"} {
		all, again := filepath.Join(dir, "all"+ext), filepath.Join(dir, "again"+ext)
		if _, err := run(t, "--db", db1, "plan", "export", "--all", "--out", all); err != nil {
			t.Fatal(err)
		}
		fresh := db2 + ext
		out, err := run(t, "--db", fresh, "plan", "import", all)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "3 plans, 121 targets: 2 imported, 0 replaced, 1 unchanged") {
			t.Errorf("importing the export: %s", out)
		}
		if _, err := run(t, "--db", fresh, "plan", "export", "--all", "--out", again); err != nil {
			t.Fatal(err)
		}
		a, _ := os.ReadFile(all)
		b, _ := os.ReadFile(again)
		if ext == ".csv" && string(a) != string(b) {
			t.Errorf("export → import → export changed the file")
		}
		if ext == ".xlsx" {
			// Workbooks carry timestamps; compare their CSV renderings.
			x, _ := run(t, "--db", db1, "plan", "export", "--all")
			y, _ := run(t, "--db", fresh, "plan", "export", "--all")
			if x != y || !strings.Contains(x, "共同富裕") {
				t.Errorf("export → import → export (xlsx) changed the plans")
			}
		}
		// Importing it once more changes nothing.
		out, err = run(t, "--db", fresh, "plan", "import", all)
		if err != nil || !strings.Contains(out, "3 unchanged") {
			t.Errorf("re-import: %s %v", out, err)
		}
	}

	// --region applies to a one-plan file only.
	if _, err := run(t, "--db", db1, "plan", "import", src, "--region", "东阿县"); err == nil || !strings.Contains(err.Error(), "holds 2 plans") {
		t.Errorf("--region on a two-plan file: %v", err)
	}
}
