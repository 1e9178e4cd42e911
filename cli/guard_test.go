package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/fillin"
)

// runErr executes one command line and returns stdout, stderr and the error.
func runErr(args ...string) (string, string, error) {
	var out, errb bytes.Buffer
	err := Run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// illustrativeValues counts the stored values by their batch's
// illustrative flag, through actuals --format json.
func illustrativeValues(t *testing.T, db string) (real, illustrative int) {
	t.Helper()
	out, _, err := runErr("--db", db, "actuals", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Illustrative bool `json:"illustrative"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Illustrative {
			illustrative++
		} else {
			real++
		}
	}
	return real, illustrative
}

// The bureau's real 134.5 must survive run: the examples (45.28 for 2024)
// never go into a database that holds data.
func TestRunKeepsRealData(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bureau.duckdb")
	// The bureau's own yearbook table: the example layout, but its own
	// retail figure for 2024 (1345000 万元 = 134.5 亿元), loaded as real
	// data. (A table of that one figure alone would do, but the report
	// cannot yet draw growth targets without data: see the final report.)
	yearbook := strings.Replace(string(datasets.ExampleActualsCSV), "386520,421300,452800", "386520,421300,1345000", 1)
	if yearbook == string(datasets.ExampleActualsCSV) {
		t.Fatal("the example yearbook changed: update this test")
	}
	yearbook = strings.Replace(yearbook, "示例数据 illustrative, not official", "冠县统计局", 1)
	csv := write(t, dir, "yearbook.csv", yearbook)
	if _, _, err := runErr("--db", db, "load", csv, "--source", "冠县统计年鉴2024"); err != nil {
		t.Fatal(err)
	}
	before := actualsJSON(t, db)
	_, stderr, err := runErr("--db", db, "run", "--out", filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "no example data loaded") {
		t.Errorf("run does not say it analyses the stored data: %s", stderr)
	}
	after := actualsJSON(t, db)
	if after["retail_sales/2024"] != "134.5" || len(after) != len(before) {
		t.Errorf("after run: retail_sales/2024 = %s and %d values, want 134.5 and %d", after["retail_sales/2024"], len(after), len(before))
	}
	if real, ill := illustrativeValues(t, db); real != len(before) || ill != 0 {
		t.Errorf("%d real and %d illustrative values, want %d and 0", real, ill, len(before))
	}
	gap, err := os.ReadFile(filepath.Join(dir, "out", "gap.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(gap), `"134.5"`) {
		t.Error("gap.json does not analyse the stored 134.5")
	}
}

// On an empty database run loads the examples, marked illustrative.
func TestRunExamplesOnlyIntoEmptyDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new.duckdb")
	// The steps run takes before its outputs (TestRunWritesEveryChart runs
	// the whole of it on a new database), without drawing 208 charts.
	a := &App{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, dbPath: db}
	s, err := a.open(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.ChoosePlan(context.Background(), "", "")
	if err == nil {
		err = a.exampleDataIfEmpty(context.Background(), s, p)
	}
	if err == nil {
		// A second call finds data and loads nothing more.
		err = a.exampleDataIfEmpty(context.Background(), s, p)
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	real, ill := illustrativeValues(t, db)
	if real != 0 || ill == 0 {
		t.Errorf("%d real and %d illustrative values, want only illustrative ones", real, ill)
	}
	// The example yearbook has 452800 万元 for 2024: 45.28 亿元.
	if got := actualsJSON(t, db); got["retail_sales/2024"] != "45.28" {
		t.Errorf("example retail sales 2024 = %q, want 45.28", got["retail_sales/2024"])
	}
	out, _, _ := runErr("--db", db, "batches")
	if strings.Count(out, "示例数据") != 2 {
		t.Errorf("want two illustrative batches:\n%s", out)
	}
}

func TestRunSeveralRegionsRefusedBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	plan := filepath.Join(dir, "plan.csv")
	for _, args := range [][]string{{"init"}, {"plan", "export", "--out", plan}, {"plan", "import", plan, "--region", "莘县"}} {
		if _, _, err := runErr(append([]string{"--db", db}, args...)...); err != nil {
			t.Fatal(args, err)
		}
	}
	out := filepath.Join(dir, "out")
	_, _, err := runErr("--db", db, "run", "--out", out)
	if err == nil || !strings.Contains(err.Error(), "--region") || !strings.Contains(err.Error(), "冠县, 莘县") {
		t.Errorf("run with two regions: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("run wrote %s before refusing", out)
	}
	if real, ill := illustrativeValues(t, db); real+ill != 0 {
		t.Error("run loaded data before refusing")
	}
	_, _, err = runErr("--db", db, "run", "--out", out, "--region", "阳谷县")
	if err == nil || !strings.Contains(err.Error(), "阳谷县") || !strings.Contains(err.Error(), "冠县, 莘县") {
		t.Errorf("run for an unknown region: %v", err)
	}
	_, _, err = runErr("--db", db, "template", "--out", filepath.Join(dir, "t.xlsx"))
	if err == nil || !strings.Contains(err.Error(), "--region") {
		t.Errorf("template with two regions: %v", err)
	}
}

func TestDatabaseFileChecks(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runErr("--db", "", "targets"); err == nil || err.Error() != "--db 不能为空 --db must not be empty" {
		t.Errorf("--db \"\": %v", err)
	}
	sqlite := write(t, dir, "x.db", "SQLite format 3\x00"+strings.Repeat("\x00", 4096))
	_, _, err := runErr("--db", sqlite, "targets")
	if err == nil || !strings.Contains(err.Error(), "“x.db”不是DuckDB数据库文件") {
		t.Errorf("sqlite file: %v", err)
	}

	// A read-only database can be read, not written.
	db := filepath.Join(dir, "ro.duckdb")
	csv := write(t, dir, "a.csv", "指标,年份,数值,单位\n社会消费品零售总额,2022,40.2,亿元\n社会消费品零售总额,2024,134.5,亿元\n")
	if _, _, err := runErr("--db", db, "load", csv, "--source", "冠县统计年鉴2024"); err != nil {
		t.Fatal(err)
	}
	os.Chmod(db, 0o444)
	t.Cleanup(func() { os.Chmod(db, 0o644) })
	out, stderr, err := runErr("--db", db, "targets", "--format", "json")
	if err != nil || !strings.Contains(out, "retail_sales") || !strings.Contains(stderr, "read-only") {
		t.Errorf("targets on a read-only file: %v %s", err, stderr)
	}
	out, _, err = runErr("--db", db, "gap", "--format", "json")
	if err != nil || !strings.Contains(out, `"134.5"`) {
		t.Errorf("gap on a read-only file: %v", err)
	}
	csv2 := write(t, dir, "b.csv", "指标,年份,数值,单位\n社会消费品零售总额,2023,45.1,亿元\n")
	_, _, err = runErr("--db", db, "load", csv2)
	if err == nil || !strings.Contains(err.Error(), "ro.duckdb") || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("load into a read-only file: %v", err)
	}
}

func TestAnalysisFlagsChecked(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	csv := write(t, dir, "a.csv", "指标,年份,数值,单位\n社会消费品零售总额,2024,134.5,亿元\n")
	if _, _, err := runErr("--db", db, "load", csv, "--source", "t"); err != nil {
		t.Fatal(err)
	}
	_, _, err := runErr("--db", db, "gap", "--as-of", "9")
	if err == nil || !strings.Contains(err.Error(), "没有第9批数据 no batch 9 (the latest is 1)") {
		t.Errorf("--as-of 9: %v", err)
	}
	if _, _, err := runErr("--db", db, "actuals", "--as-of", "9"); err == nil {
		t.Error("actuals --as-of 9 accepted")
	}
	// Before the first batch: no data, no error.
	if out, _, err := runErr("--db", db, "actuals", "--as-of", "2000-01-01", "--format", "json"); err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("--as-of 2000-01-01: %q %v", out, err)
	}
	for _, args := range [][]string{
		{"--band", "-1"}, {"--band", "NaN"}, {"--year", "1800"}, {"--year", "3000"},
		{"--eurostat-thresholds", "0,0.6,0.95"}, {"--un-thresholds", "0.1,0.95"}, {"--dns-thresholds", "0.2,0.05"},
	} {
		if _, _, err := runErr(append([]string{"--db", db, "gap"}, args...)...); err == nil {
			t.Errorf("gap %v accepted", args)
		}
	}
}

// A source that mentions 示例 does not make real figures illustrative.
func TestIllustrativeOnlyByFlag(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	a := write(t, dir, "a.csv", "指标,年份,数值,单位\n社会消费品零售总额,2024,134.5,亿元\n")
	b := write(t, dir, "b.csv", "指标,年份,数值,单位\n常住人口城镇化率,2024,45.6,%\n")
	if _, _, err := runErr("--db", db, "load", a, "--source", "县统计局（示例乡镇汇总） illustrative town"); err != nil {
		t.Fatal(err)
	}
	if real, ill := illustrativeValues(t, db); real != 1 || ill != 0 {
		t.Errorf("source with 示例: %d real, %d illustrative", real, ill)
	}
	if _, _, err := runErr("--db", db, "load", b, "--illustrative"); err != nil {
		t.Fatal(err)
	}
	if real, ill := illustrativeValues(t, db); real != 1 || ill != 1 {
		t.Errorf("with --illustrative: %d real, %d illustrative", real, ill)
	}
}

func TestLoadUnknownRegion(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	csv := write(t, dir, "towns.csv", "地区,指标,年份,数值,单位\n冠县,社会消费品零售总额,2024,134.5,亿元\n冠 县城,社会消费品零售总额,2024,20.1,亿元\n")
	_, _, err := runErr("--db", db, "load", csv)
	if err == nil || !strings.Contains(err.Error(), "row 3") || !strings.Contains(err.Error(), "--new-region") || !strings.Contains(err.Error(), "冠县") {
		t.Errorf("unknown region: %v", err)
	}
	if got := actualsJSON(t, db); len(got) != 0 {
		t.Errorf("a refused file stored %v", got)
	}
	if _, _, err := runErr("--db", db, "load", csv, "--new-region"); err != nil {
		t.Fatal(err)
	}
	if got := actualsJSON(t, db, "--region", "冠 县城"); got["retail_sales/2024"] != "20.1" {
		t.Errorf("new region: %v", got)
	}
}

func TestAliasCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	csv := write(t, dir, "a.csv", "指标,年份,数值,单位\n全县社会消费品零售额,2024,134.5,亿元\n")
	if _, _, err := runErr("--db", db, "load", csv); err == nil {
		t.Fatal("an unknown name loaded")
	}
	if out, _, err := runErr("--db", db, "alias", "add", "全县社会消费品零售额", "retail_sales"); err != nil || !strings.Contains(out, "added") {
		t.Fatalf("alias add: %q %v", out, err)
	}
	if out, _, err := runErr("--db", db, "alias", "add", "全县社会消费品零售额", "社会消费品零售总额"); err != nil || !strings.Contains(out, "nothing changed") {
		t.Errorf("alias add twice: %q %v", out, err)
	}
	if _, _, err := runErr("--db", db, "alias", "add", "全县社会消费品零售额", "urbanization_rate"); err == nil || !strings.Contains(err.Error(), "retail_sales") {
		t.Errorf("alias of another indicator: %v", err)
	}
	if _, _, err := runErr("--db", db, "alias", "add", "零售", "no_such"); err == nil || !strings.Contains(err.Error(), "no indicator") {
		t.Errorf("unknown indicator: %v", err)
	}
	out, _, err := runErr("--db", db, "alias", "list")
	if err != nil || !strings.Contains(out, "全县社会消费品零售额") || !strings.Contains(out, "社零总额") {
		t.Errorf("alias list: %q %v", out, err)
	}
	if _, _, err := runErr("--db", db, "load", csv, "--source", "冠县统计年鉴2024"); err != nil {
		t.Fatal(err)
	}
	if got := actualsJSON(t, db); got["retail_sales/2024"] != "134.5" {
		t.Errorf("loaded by alias: %v", got)
	}
	if _, _, err := runErr("--db", db, "alias", "remove", "全县社会消费品零售额"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runErr("--db", db, "alias", "remove", "全县社会消费品零售额"); err == nil {
		t.Error("removed twice")
	}
	out, _, _ = runErr("--db", db, "alias", "list", "--history")
	if strings.Count(out, "全县社会消费品零售额") != 2 || !strings.Contains(out, "remove") {
		t.Errorf("history:\n%s", out)
	}
}

func TestTemplateFilledInLoads(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	path := filepath.Join(dir, "填报模板.xlsx")
	if _, _, err := runErr("--db", db, "template", "--out", path, "--from", "2020", "--to", "2025"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runErr("--db", db, "template", "--out", path); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("overwrote an existing template: %v", err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(fillin.DataSheet)
	rowOf := func(code string) int {
		for i, r := range rows {
			if len(r) > 1 && r[1] == code {
				return i + 1
			}
		}
		t.Fatalf("no row for %s", code)
		return 0
	}
	// 2024 is the tenth column (J); 2023 the ninth (I).
	f.SetCellValue(fillin.DataSheet, "J"+itoa(rowOf("retail_sales")), 134.5)
	f.SetCellValue(fillin.DataSheet, "I"+itoa(rowOf("retail_sales")), fillin.NoData)
	f.SetCellValue(fillin.DataSheet, "J"+itoa(rowOf("urbanization_rate")), 45.63)
	f.SetCellValue(fillin.DataSheet, "J"+itoa(rowOf("m_lingzhi_base")), fillin.Done)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, _, err := runErr("--db", db, "load", path, "--source", "冠县统计局填报"); err != nil {
		t.Fatalf("the filled-in template does not load: %v", err)
	}
	got := actualsJSON(t, db)
	want := map[string]string{"retail_sales/2024": "134.5", "urbanization_rate/2024": "45.63", "m_lingzhi_base/2024": "1"}
	if len(got) != len(want) {
		t.Errorf("loaded %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %s", k, got[k], v)
		}
	}
}
