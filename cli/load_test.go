package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// actualsJSON returns "indicator/year" → value for one indicator.
func actualsJSON(t *testing.T, db string, extra ...string) map[string]string {
	t.Helper()
	out, err := run(t, append([]string{"--db", db, "actuals", "--format", "json"}, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Indicator string `json:"indicator"`
		Year      int    `json:"year"`
		Value     string `json:"value"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, r := range rows {
		m[r.Indicator+"/"+itoa(r.Year)] = r.Value
	}
	return m
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestLoadLifecycle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	gbkBytes, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("冠县统计年鉴摘录\n指标,单位,2022年,2023年\n社会消费品零售总额,万元,386520,421300\n常住人口城镇化率,%,42.1,—\n"))
	first := filepath.Join(dir, "yearbook-gbk.csv")
	os.WriteFile(first, gbkBytes, 0o644)

	// Dry run writes nothing.
	if out, err := run(t, "--db", db, "load", first, "--dry-run"); err != nil || !strings.Contains(out, "dry run") {
		t.Fatalf("dry run: %q %v", out, err)
	}
	if got := actualsJSON(t, db); len(got) != 0 {
		t.Fatalf("dry run stored %v", got)
	}

	out, err := run(t, "--db", db, "load", first, "--status", "preliminary", "--source", "冠县统计局 初步核算")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "3 inserted") || !strings.Contains(out, "batch 1") {
		t.Errorf("first load: %s", out)
	}
	got := actualsJSON(t, db)
	if got["retail_sales/2022"] != "38.652" || got["retail_sales/2023"] != "42.13" || got["urbanization_rate/2022"] != "42.1" || len(got) != 3 {
		t.Errorf("values: %v", got)
	}

	// The same file again: unchanged, no batch.
	out, err = run(t, "--db", db, "load", first, "--status", "preliminary")
	if err != nil || !strings.Contains(out, "unchanged") || !strings.Contains(out, "no revision") {
		t.Errorf("reload: %q %v", out, err)
	}
	if out, _ := run(t, "--db", db, "batches"); strings.Count(out, "yearbook") != 1 {
		t.Errorf("a second batch appeared:\n%s", out)
	}

	// A final figure revises 2023.
	revised := write(t, dir, "final.csv", "指标,年份,数值,单位,状态\n社会消费品零售总额,2023,42.3,亿元,最终核实\n")
	if out, err := run(t, "--db", db, "load", revised); err != nil || !strings.Contains(out, "1 revised") {
		t.Fatalf("revision: %q %v", out, err)
	}
	if got := actualsJSON(t, db); got["retail_sales/2023"] != "42.3" {
		t.Errorf("latest 2023 = %s, want 42.3", got["retail_sales/2023"])
	}
	if got := actualsJSON(t, db, "--as-of", "1"); got["retail_sales/2023"] != "42.13" {
		t.Errorf("as of batch 1, 2023 = %s, want 42.13", got["retail_sales/2023"])
	}
	hist, err := run(t, "--db", db, "history", "社会消费品零售总额")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hist, "42.13") || !strings.Contains(hist, "42.3") || !strings.Contains(hist, "preliminary") || !strings.Contains(hist, "final") {
		t.Errorf("history lacks a revision:\n%s", hist)
	}

	// A file with three bad rows in different places is refused whole.
	bad := write(t, dir, "bad.csv", "指标,年份,数值,单位\n"+
		"社会消费品零售总额,2024,45.1,亿元\n"+
		"5G基站数量,2024,abc,个\n"+ // row 3
		"常住人口城镇化率,2024,44.6,%\n"+
		"5G基站总数,2024,1,个\n"+ // row 5: close to 5G基站数量, refused with it suggested
		"城镇新增就业人数,2024,4490,人\n"+
		"常住人口城镇化率,2023,130,%\n") // row 7
	before := actualsJSON(t, db)
	_, err = run(t, "--db", db, "load", bad)
	if err == nil {
		t.Fatal("bad file loaded")
	}
	for _, want := range []string{"bad.csv 第3行“数值”列 row 3 column 数值", "bad.csv 第5行“指标”列 row 5 column 指标", "bad.csv 第7行“数值”列 row 7 column 数值", "3 problems"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	after := actualsJSON(t, db)
	if len(before) != len(after) {
		t.Errorf("database changed by a refused file: %d → %d values", len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed: %s → %s", k, v, after[k])
		}
	}
}
