package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes one command line in-process and returns stdout.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, &out, &errb)
	return out.String(), err
}

func TestTargetsJSONOnFreshDatabase(t *testing.T) {
	out, err := run(t, "--db", ":memory:", "targets", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var ts []map[string]any
	if err := json.Unmarshal([]byte(out), &ts); err != nil {
		t.Fatal(err)
	}
	if len(ts) < 75 {
		t.Fatalf("%d targets, want at least 75", len(ts))
	}
	for _, field := range []string{"id", "region", "indicator", "name_zh", "name_en", "unit", "kind", "operator", "value",
		"target_year", "base_year", "direction", "chapter", "lead_department", "clause", "source_text", "headline"} {
		if _, ok := ts[0][field]; !ok {
			t.Errorf("JSON lacks %q", field)
		}
	}
	byID := map[string]map[string]any{}
	headline := 0
	for _, tg := range ts {
		byID[tg["id"].(string)] = tg
		if tg["headline"] == true {
			headline++
		}
	}
	if headline != 13 {
		t.Errorf("%d headline targets, want 13 (12 指标事项, item 11 holds two)", headline)
	}
	check := func(id, key string, want any) {
		if got := byID[id][key]; got != want {
			t.Errorf("target %s %s = %v, want %v", id, key, got, want)
		}
	}
	check("6", "value", "50")
	check("6", "unit", "亿元")
	check("6", "kind", "level")
	check("6", "operator", ">=")
	check("6", "lead_department", "县商务投资促进局")
	check("9", "value", "46")
	check("9", "unit", "%")
	check("8", "value", "65.8")
	check("T50", "direction", "lower")
	check("T50", "value", "43")
	check("11a", "kind", "growth")
	check("11a", "operator", "~")
	check("11a", "value", "6")
	check("11b", "value", "1.83")
	check("T65", "kind", "floor")
	check("T65", "value", "13.5")
	check("T65", "unit", "亿斤")
	check("T103", "kind", "floor")
	check("T103", "value", "4500")
	check("T23", "value", "1500")
	check("T23", "target_year", float64(2025))
	check("T23", "lead_department", "县工业和信息化局、县政府办公室")
}

func TestPlanExportImportAnotherRegion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	csvPath := filepath.Join(dir, "plan.csv")
	xlsxPath := filepath.Join(dir, "plan.xlsx")
	if _, err := run(t, "--db", db, "init"); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "--db", db, "plan", "export", "--out", csvPath); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "--db", db, "plan", "export", "--out", xlsxPath); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "--db", db, "plan", "import", csvPath, "--region", "莘县"); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "--db", db, "plan", "import", xlsxPath, "--region", "阳谷县"); err != nil {
		t.Fatal(err)
	}
	norm := func(region string) string {
		out, err := run(t, "--db", db, "targets", "--region", region, "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(out, `"region": "`+region+`"`, `"region": "R"`)
	}
	a, b, c := norm("冠县"), norm("莘县"), norm("阳谷县")
	if a != b || a != c {
		t.Error("targets differ after export and import as another region")
	}
	// Importing again changes nothing.
	out, err := run(t, "--db", db, "plan", "import", csvPath, "--region", "莘县")
	if err != nil || !strings.Contains(out, "unchanged") {
		t.Errorf("re-import: %q %v", out, err)
	}
}

func TestPlanImportBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("plan_code,region,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,kind,operator,value,lead_department\n"+
		"p,X县,2023,2025,2022,a,产业,gdp,地区生产总值,亿元,higher,level,>=,1O0,发改局\n"+
		"p,X县,2023,2025,2022,b,产业,jobs,新增就业,人,higher,levl,>=,100,人社局\n"), 0o644)
	db := filepath.Join(dir, "p.duckdb")
	_, err := run(t, "--db", db, "plan", "import", bad)
	if err == nil {
		t.Fatal("bad catalogue accepted")
	}
	for _, want := range []string{"bad.csv 第2行“value”列 row 2 column value", "bad.csv 第3行“kind”列 row 3 column kind"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	out, _ := run(t, "--db", db, "targets", "--region", "X县", "--format", "csv")
	if strings.Count(out, "\n") != 1 {
		t.Errorf("bad plan partly stored:\n%s", out)
	}
}
