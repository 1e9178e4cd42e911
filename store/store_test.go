package store

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/plangap/plangap/model"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/datasets"
)

func openMem(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Values that float64 cannot hold exactly must come back from DECIMAL
// unchanged.
func TestDecimalRoundTrip(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE d (v DECIMAL(38,10))`); err != nil {
		t.Fatal(err)
	}
	in := []string{"65.8", "1.83", "13.5", "0.3", "0.1", "123456789012345678.0123456789", "-2.971"}
	for _, v := range in {
		x := decimal.RequireFromString(v)
		if _, err := s.db.ExecContext(ctx, `INSERT INTO d VALUES (?::DECIMAL(38,10))`, decArg(&x)); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT v FROM d`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var got Dec
		if err := rows.Scan(&got); err != nil {
			t.Fatal(err)
		}
		if !got.D.Equal(decimal.RequireFromString(in[i])) {
			t.Errorf("%s came back as %s", in[i], got.D)
		}
		i++
	}
	// And the sum in SQL stays exact: 0.1 + 0.2 = 0.3.
	var sum Dec
	if err := s.db.QueryRowContext(ctx, `SELECT CAST('0.1' AS DECIMAL(38,10)) + CAST('0.2' AS DECIMAL(38,10))`).Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if !sum.D.Equal(decimal.RequireFromString("0.3")) {
		t.Errorf("0.1+0.2 = %s", sum.D)
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.duckdb")
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		s.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
		if n == 0 {
			t.Error("no migrations recorded")
		}
		s.Close()
	}
}

func TestPlanRoundTripAsAnotherRegion(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	orig, err := s.Targets(ctx, model.TargetFilter{Region: "冠县"})
	if err != nil {
		t.Fatal(err)
	}
	// Export as CSV, import as 莘县, compare.
	var buf bytes.Buffer
	if err := catalogue.WriteCSV(&buf, &catalogue.Catalogue{Plan: c.Plan, Targets: orig}); err != nil {
		t.Fatal(err)
	}
	c2, err := catalogue.ReadCSV(&buf, "export.csv")
	if err != nil {
		t.Fatal(err)
	}
	c2.Plan.Region = "莘县"
	for i := range c2.Targets {
		c2.Targets[i].Region = "莘县"
	}
	if _, err := s.ImportPlan(ctx, c2.Plan, c2.Targets, false); err != nil {
		t.Fatal(err)
	}
	other, err := s.Targets(ctx, model.TargetFilter{Region: "莘县"})
	if err != nil {
		t.Fatal(err)
	}
	if len(other) != len(orig) || len(orig) != len(c.Targets) {
		t.Fatalf("%d vs %d targets", len(other), len(orig))
	}
	for i := range orig {
		a, b := orig[i], other[i]
		b.Region = a.Region
		if !reflect.DeepEqual(a, b) {
			t.Errorf("target %s differs:\n%+v\n%+v", a.ID, a, b)
		}
	}
	// A second identical import is a no-op; a changed one is refused.
	res, err := s.ImportPlan(ctx, c2.Plan, c2.Targets, false)
	if err != nil || !res.Unchanged {
		t.Errorf("re-import: %+v %v", res, err)
	}
	c2.Targets[0].Value = decimal.NewFromInt(3)
	if _, err := s.ImportPlan(ctx, c2.Plan, c2.Targets, false); err == nil {
		t.Error("a changed plan was stored without --replace")
	}
	if res, err := s.ImportPlan(ctx, c2.Plan, c2.Targets, true); err != nil || !res.Replaced {
		t.Errorf("replace: %+v %v", res, err)
	}
}

func TestImportIsAtomic(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	c, _ := datasets.DefaultPlan()
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	// A second plan whose last target redefines a stored indicator's unit:
	// the import must fail and leave nothing of the second plan behind.
	c2, _ := datasets.DefaultPlan()
	c2.Plan.Region, c2.Plan.Code = "莘县", "x"
	last := &c2.Targets[len(c2.Targets)-1]
	last.Indicator.Unit = "万元"
	for i := range c2.Targets {
		c2.Targets[i].Region, c2.Targets[i].PlanCode = "莘县", "x"
	}
	if _, err := s.ImportPlan(ctx, c2.Plan, c2.Targets, false); err == nil {
		t.Fatal("conflicting indicator accepted")
	}
	ts, _ := s.Targets(ctx, model.TargetFilter{Region: "莘县"})
	plans, _ := s.Plans(ctx)
	if len(ts) != 0 || len(plans) != 1 {
		t.Errorf("half-imported: %d targets, %d plans", len(ts), len(plans))
	}
}

// The appender takes DECIMAL as the raw unscaled integer: 65.8 must be
// sent as 658000000000 at scale 10, or it is stored 10¹⁰ times too small.
// An unscaled value that fits an int64 goes as an int64, others as a
// duckdb.Decimal.
func TestAppenderDecimalRescale(t *testing.T) {
	for in, want := range map[string]string{"65.8": "658000000000", "1.83": "18300000000", "0.3": "3000000000", "-2.5": "-25000000000",
		"12345678901234567.1234567891": "123456789012345671234567891", "1e3": "10000000000000", "99999999.9999999999": "999999999999999999",
		"999999999.9999999999": "9999999999999999999", "-0.0000000001": "-1", "0": "0", "5.00000000004": "50000000000", "5.00000000005": "50000000001"} {
		var got string
		switch v := toDuckDecimal(decimal.RequireFromString(in)).(type) {
		case int64:
			got = strconv.FormatInt(v, 10)
		case duckdb.Decimal:
			if v.Scale != 10 || v.Width != 38 {
				t.Errorf("%s: scale %d width %d", in, v.Scale, v.Width)
			}
			got = v.Value.String()
		default:
			t.Fatalf("%s: %T", in, v)
		}
		if got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
	}
}

// --as-of a date reads the data as they stood at the end of that day.
func TestAsOfDate(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	c, _ := datasets.DefaultPlan()
	s.ImportPlan(ctx, c.Plan, c.Targets, false)
	inds, _ := s.Indicators(ctx)
	day := func(d string) func() time.Time {
		tm, _ := time.Parse("2006-01-02 15:04", d)
		return func() time.Time { return tm }
	}
	load := func(v string) {
		f, err := actuals.Read([]byte("指标,年份,数值,单位\n社会消费品零售总额,2024,"+v+",亿元\n"), actuals.Options{Name: v + ".csv", Region: "冠县", Indicators: inds})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoadActuals(ctx, f.Observations, model.Batch{File: f.Name, SHA256: f.SHA256, Source: "t", Status: "final"}, false, nil); err != nil {
			t.Fatal(err)
		}
	}
	s.Now = day("2025-03-01 10:00")
	load("45.1")
	s.Now = day("2026-03-01 10:00")
	load("45.28")
	for asOf, want := range map[string]string{"2025-12-31": "45.1", "2026-03-01": "45.28", "1": "45.1", "": "45.28"} {
		at, err := model.ParseAsOf(asOf)
		if err != nil {
			t.Fatal(err)
		}
		xs, _ := s.Actuals(ctx, "冠县", "retail_sales", at)
		if len(xs) != 1 || xs[0].Value.String() != want {
			t.Errorf("as of %q: %v, want %s", asOf, xs, want)
		}
	}
	if xs, _ := s.Actuals(ctx, "冠县", "retail_sales", model.AsOf{Time: day("2024-01-01 00:00")()}); len(xs) != 0 {
		t.Errorf("before any load: %v", xs)
	}
}

// TestMigrationsOnAFilledDatabase replays the migrations that add columns
// on a database already holding a plan and values, as an upgrade does:
// DuckDB refuses several ALTERs of one table with data in one
// transaction, which a fresh database never shows.
func TestMigrationsOnAFilledDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := datasets.DefaultPlan()
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE plans DROP COLUMN parent`, `ALTER TABLE indicators DROP COLUMN growth_rate`,
		`ALTER TABLE targets DROP COLUMN attribute`, `ALTER TABLE targets DROP COLUMN stretch`,
		`ALTER TABLE targets DROP COLUMN annual`, `ALTER TABLE targets DROP COLUMN relative_to`,
		`ALTER TABLE targets DROP COLUMN compare_with_parent`, `ALTER TABLE targets DROP COLUMN assigned_from`,
		`DROP TABLE users`, `DROP TABLE sessions`, `ALTER TABLE tokens DROP COLUMN revoked_at`,
		`DELETE FROM schema_migrations WHERE version >= 'migration/0007'`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrading a filled database: %v", err)
	}
	defer s.Close()
	ts, err := s.Targets(ctx, model.TargetFilter{})
	if err != nil || len(ts) != len(c.Targets) {
		t.Fatalf("%d targets after the upgrade, %v", len(ts), err)
	}
}
