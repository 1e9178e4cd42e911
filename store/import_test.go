package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/synth"
)

// twoCounties are two plans with chapters Guan County doesn't have, a
// shared indicator, values that need all ten decimals, a milestone and a
// cumulative target.
const twoCounties = "plan_code,region,plan_title,doc_no,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,min,aliases,kind,operator,value,value_high,target_unit,first_year,lead_department\n" +
	"shen-14,莘县,莘县十四五规划,莘政发〔2021〕3号,2021,2025,2020,1,经济发展,gdp,地区生产总值,亿元,higher,0,GDP,level,>=,420.0000000001,,,,县发展改革局\n" +
	",,,,,,,2,创新驱动,rd,研发经费投入强度,%,higher,,,level,between,2.5,3.25,,,县科技局\n" +
	",,,,,,,3,经济发展,jobs,城镇新增就业,人,higher,,,cumulative,>=,30000,,,2021,县人社局\n" +
	",,,,,,,4,民生福祉,plan_done,编制专项规划,项,higher,,,milestone,done,,,,,县发展改革局\n" +
	"yg-act,阳谷县,阳谷县行动方案,阳政发〔2023〕1号,2023,2027,2022,1,绿色生态,pm25,细颗粒物（PM2.5）年均浓度,微克/立方米,lower,,,level,<=,38,,,,生态环境分局\n" +
	",,,,,,,2,共同富裕,gdp,地区生产总值,亿元,higher,0,地区GDP,growth,~,6,,%,,县发展改革局\n"

func readPlans(t *testing.T, csv string) ([]model.Plan, [][]model.Target) {
	t.Helper()
	cs, err := catalogue.ReadAll(strings.NewReader(csv), "two.csv")
	if err != nil {
		t.Fatal(err)
	}
	return split(cs)
}

func split(cs []*catalogue.Catalogue) ([]model.Plan, [][]model.Target) {
	plans, targets := make([]model.Plan, len(cs)), make([][]model.Target, len(cs))
	for i, c := range cs {
		plans[i], targets[i] = c.Plan, c.Targets
	}
	return plans, targets
}

func TestImportPlansStoresEveryValue(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	plans, targets := readPlans(t, twoCounties)
	res, err := s.ImportPlans(ctx, plans, targets, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Targets != 4 || res[1].Targets != 2 || res[0].Unchanged || res[0].Replaced {
		t.Fatalf("results %+v", res)
	}
	stored, err := s.Plans(ctx)
	if err != nil || len(stored) != 2 {
		t.Fatalf("%d plans stored, %v", len(stored), err)
	}
	shen, err := s.Targets(ctx, model.TargetFilter{Region: "莘县"})
	if err != nil || len(shen) != 4 {
		t.Fatalf("%d 莘县 targets, %v", len(shen), err)
	}
	// Values as DuckDB holds them, exact, with the column's ten decimals.
	var gdp, high string
	var first any
	var milestone any
	s.db.QueryRow(`SELECT value::VARCHAR FROM targets WHERE region = '莘县' AND id = '1'`).Scan(&gdp)
	s.db.QueryRow(`SELECT value_high::VARCHAR FROM targets WHERE region = '莘县' AND id = '2'`).Scan(&high)
	s.db.QueryRow(`SELECT first_year FROM targets WHERE region = '莘县' AND id = '1'`).Scan(&first)
	s.db.QueryRow(`SELECT value FROM targets WHERE region = '莘县' AND id = '4'`).Scan(&milestone)
	if gdp != "420.0000000001" || high != "3.2500000000" || first != nil || milestone != nil {
		t.Errorf("stored gdp %s, value_high %s, first_year %v, milestone value %v", gdp, high, first, milestone)
	}
	jobs := shen[2]
	if jobs.Kind != model.Cumulative || jobs.FirstYear != 2021 || !jobs.Value.Equal(decimal.NewFromInt(30000)) || jobs.Chapter != "经济发展" {
		t.Errorf("jobs %+v", jobs)
	}
	yg, _ := s.Targets(ctx, model.TargetFilter{Region: "阳谷县"})
	if len(yg) != 2 || yg[0].Chapter != "绿色生态" || yg[1].Chapter != "共同富裕" || yg[1].Unit != "%" || yg[0].TargetYear != 2027 || yg[0].Operator != model.AtMost {
		t.Errorf("阳谷县 targets %+v", yg)
	}
	// The shared indicator is stored once, with both plans' aliases.
	inds, _ := s.Indicators(ctx)
	if g := inds["gdp"]; strings.Join(g.Aliases, ";") != "GDP;地区GDP" || g.Min == nil || !g.Min.IsZero() || len(inds) != 5 {
		t.Errorf("indicators %+v", inds)
	}
}

func TestImportPlansAgain(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	plans, targets := readPlans(t, twoCounties)
	if _, err := s.ImportPlans(ctx, plans, targets, false); err != nil {
		t.Fatal(err)
	}
	var before time.Time
	s.db.QueryRow(`SELECT max(imported_at) FROM plans`).Scan(&before)
	s.Now = func() time.Time { return before.Add(time.Hour) }

	// The same file again: nothing changes.
	res, err := s.ImportPlans(ctx, plans, targets, false)
	if err != nil || !res[0].Unchanged || !res[1].Unchanged {
		t.Fatalf("identical re-import: %+v %v", res, err)
	}
	var after time.Time
	s.db.QueryRow(`SELECT max(imported_at) FROM plans`).Scan(&after)
	if !after.Equal(before) {
		t.Error("an identical re-import rewrote the plans")
	}

	// One plan changed, and a third plan new: all refused, nothing stored.
	plans2, targets2 := readPlans(t, twoCounties)
	targets2[1][0].Value = decimal.NewFromInt(35)
	plans2 = append(plans2, model.Plan{Code: "new", Region: "东阿县", PeriodStart: 2023, PeriodEnd: 2025, BaseYear: 2022})
	targets2 = append(targets2, []model.Target{{ID: "1", Region: "东阿县", PlanCode: "new", Indicator: targets2[0][0].Indicator,
		Kind: model.Level, Operator: model.AtLeast, Value: decimal.NewFromInt(1), Unit: "亿元", BaseYear: 2022, TargetYear: 2025, Chapter: "x"}})
	_, err = s.ImportPlans(ctx, plans2, targets2, false)
	if !errors.Is(err, ErrPlanExists) || model.ErrorCode(err) != model.Conflict || !strings.Contains(err.Error(), "yg-act") {
		t.Fatalf("changed plan without replace: %v", err)
	}
	if ps, _ := s.Plans(ctx); len(ps) != 2 {
		t.Errorf("%d plans after a refused import, want 2", len(ps))
	}
	// With replace: the changed plan is replaced, the unchanged one left, the new one added.
	res, err = s.ImportPlans(ctx, plans2, targets2, true)
	if err != nil || !res[0].Unchanged || !res[1].Replaced || res[2].Unchanged || res[2].Replaced {
		t.Fatalf("replace: %+v %v", res, err)
	}
	yg, _ := s.Targets(ctx, model.TargetFilter{Region: "阳谷县"})
	if len(yg) != 2 || yg[0].Value.String() != "35" {
		t.Errorf("replaced plan: %+v", yg)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM targets`).Scan(&n)
	if n != 7 {
		t.Errorf("%d targets stored, want 4 + 2 + 1", n)
	}
}

func TestImportPlansAllOrNothing(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	plans, targets := readPlans(t, twoCounties)
	// The second plan defines gdp in another unit than the first.
	targets[1][1].Indicator.Unit = "万元"
	if _, err := s.ImportPlans(ctx, plans, targets, false); err == nil || !strings.Contains(err.Error(), "gdp") {
		t.Fatalf("conflicting indicator: %v", err)
	}
	// The same plan twice.
	plans, targets = readPlans(t, twoCounties)
	if _, err := s.ImportPlans(ctx, append(plans, plans[0]), append(targets, targets[0]), false); err == nil {
		t.Fatal("a plan given twice was accepted")
	}
	// A target whose value does not fit DECIMAL(38,10) fails in the
	// appender, after the first plan's rows were appended: nothing stays.
	plans, targets = readPlans(t, twoCounties)
	targets[1][0].Value = decimal.RequireFromString("1e40")
	if _, err := s.ImportPlans(ctx, plans, targets, false); err == nil {
		t.Fatal("a value too large for DECIMAL(38,10) was accepted")
	}
	var np, nt, ni int
	s.db.QueryRow(`SELECT (SELECT count(*) FROM plans), (SELECT count(*) FROM targets), (SELECT count(*) FROM indicators)`).Scan(&np, &nt, &ni)
	if np+nt+ni != 0 {
		t.Errorf("a failed import left %d plans, %d targets, %d indicators", np, nt, ni)
	}
}

// A multi-plan export read back and imported into another database stores
// the same targets.
func TestImportPlansRoundTrip(t *testing.T) {
	ctx := context.Background()
	a, b := openMem(t), openMem(t)
	plans, targets := readPlans(t, twoCounties)
	if _, err := a.ImportPlans(ctx, plans, targets, false); err != nil {
		t.Fatal(err)
	}
	var cs []*catalogue.Catalogue
	ps, _ := a.Plans(ctx)
	for _, p := range ps {
		ts, _ := a.Targets(ctx, model.TargetFilter{Region: p.Region, Plan: p.Code})
		cs = append(cs, &catalogue.Catalogue{Plan: p, Targets: ts})
	}
	var buf bytes.Buffer
	if err := catalogue.WriteAllCSV(&buf, cs); err != nil {
		t.Fatal(err)
	}
	back, err := catalogue.ReadAll(&buf, "all.csv")
	if err != nil {
		t.Fatal(err)
	}
	p2, t2 := split(back)
	if _, err := b.ImportPlans(ctx, p2, t2, false); err != nil {
		t.Fatal(err)
	}
	// Importing the export into the first database is a no-op.
	res, err := a.ImportPlans(ctx, p2, t2, false)
	if err != nil || !res[0].Unchanged || !res[1].Unchanged {
		t.Errorf("export imported back: %+v %v", res, err)
	}
	ta, _ := a.Targets(ctx, model.TargetFilter{})
	tb, _ := b.Targets(ctx, model.TargetFilter{})
	if !sameTargets(ta, tb) {
		t.Errorf("targets differ after the round trip:\n%+v\n%+v", ta, tb)
	}
}

// BenchmarkImport3000Plans imports 3,000 plans of 80 level targets each
// (240,000 targets), generated in the peers' targets.csv layout and
// converted by synth.ReadPeerPlans, in one ImportPlans call. It reports
// the conversion, the import and an identical re-import, and, as the
// limit measured in the same run, DuckDB inserting the same plans and
// targets straight from the CSV file with one INSERT … SELECT from
// read_csv per table. Run with:
//
//	go test ./store -run x -bench Import3000Plans -benchtime 1x
func BenchmarkImport3000Plans(b *testing.B) {
	data := synth.PeerTargetsCSV(3000, 80, 1)
	path := filepath.Join(b.TempDir(), "targets.csv")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, ":memory:")
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		t0 := time.Now()
		cs, err := synth.ReadPeerPlans(bytes.NewReader(data), "targets.csv")
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		plans, targets := split(cs)
		if _, err := s.ImportPlans(ctx, plans, targets, false); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		res, err := s.ImportPlans(ctx, plans, targets, false)
		if err != nil || !res[len(res)-1].Unchanged {
			b.Fatalf("re-import: %v", err)
		}
		t3 := time.Now()
		b.StopTimer()
		if n := count(b, s, "targets"); n != 240000 {
			b.Fatalf("%d targets stored", n)
		}
		s.Close()
		cs, plans, targets = nil, nil, nil
		runtime.GC()
		sql := sqlImport(b, path)
		b.ReportMetric(t1.Sub(t0).Seconds(), "s-convert")
		b.ReportMetric(t2.Sub(t1).Seconds(), "s-import")
		b.ReportMetric(t3.Sub(t2).Seconds(), "s-reimport")
		b.ReportMetric(sql.Seconds(), "s-sql")
		b.ReportMetric(t2.Sub(t1).Seconds()/sql.Seconds(), "import/sql")
		b.ReportMetric(t2.Sub(t0).Seconds()/sql.Seconds(), "convert+import/sql")
	}
}

func count(tb testing.TB, s *Store, table string) int {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// sqlImport is the peer: DuckDB alone reading the peers' targets.csv into
// the same three tables, in one transaction.
func sqlImport(tb testing.TB, path string) time.Duration {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:")
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	src := `read_csv('` + strings.ReplaceAll(path, "'", "''") + `', all_varchar = true)`
	t0 := time.Now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`INSERT INTO indicators (code, name_zh, name_en, unit, direction, min_value, max_value, aliases) SELECT DISTINCT indicator, '同行基准指标' || indicator, 'peer indicator ' || indicator, '个',
				CASE direction WHEN 'up' THEN 'higher' ELSE 'lower' END, NULL, NULL, []::VARCHAR[] FROM ` + src,
			`INSERT INTO plans (region, code, title, doc_no, period_start, period_end, base_year, imported_at) SELECT DISTINCT region, 'peer-' || region, 'peer', '—', base_year::INTEGER + 1, target_year::INTEGER,
				base_year::INTEGER, now() FROM ` + src,
			`INSERT INTO targets (region, plan_code, id, ord, indicator, headline, kind, operator, value, value_high, unit, tolerance,
				base_year, base_value, first_year, target_year, path, lead_departments, participating_departments, deadline, chapter,
				clause, source_text) SELECT region, 'peer-' || region, indicator,
				(row_number() OVER (PARTITION BY region ORDER BY indicator) - 1)::INTEGER, indicator, false, 'level',
				CASE direction WHEN 'up' THEN '>=' ELSE '<=' END, target::DECIMAL(38,10), NULL, '个', NULL,
				base_year::INTEGER, NULL, NULL, target_year::INTEGER, '', ['统计局'], []::VARCHAR[], '', '同行基准', '', '' FROM ` + src,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	el := time.Since(t0)
	if n := count(tb, s, "targets"); n != 240000 {
		tb.Fatalf("sql import stored %d targets", n)
	}
	return el
}

// TestImportPeerFile imports the peers' own 3000 × 80 targets.csv when it
// is on this machine (PLANGAP_PEER_TARGETS=path) and checks what arrived.
func TestImportPeerFile(t *testing.T) {
	path := os.Getenv("PLANGAP_PEER_TARGETS")
	if path == "" {
		t.Skip("set PLANGAP_PEER_TARGETS to the peers' targets.csv")
	}
	ctx := context.Background()
	t0 := time.Now()
	cs, err := synth.PeerPlans(path)
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Now()
	s := openMem(t)
	plans, targets := split(cs)
	if _, err := s.ImportPlans(ctx, plans, targets, false); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d plans: convert %v, import %v", len(plans), t1.Sub(t0), time.Since(t1))
	var n int
	var v string
	s.db.QueryRow(`SELECT count(*) FROM targets`).Scan(&n)
	s.db.QueryRow(`SELECT value::VARCHAR FROM targets WHERE region = 'R00000' AND id = 'I000'`).Scan(&v)
	if n != 240000 || v != "1071.3672000000" {
		t.Errorf("%d targets, R00000 I000 = %s", n, v)
	}
}
