package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/datasets"
)

func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	sqlite := append([]byte("SQLite format 3\x00"), make([]byte, 4096)...)
	for name, body := range map[string][]byte{
		"x.db":       sqlite,
		"data.csv":   []byte("指标,年份,数值\n社会消费品零售总额,2024,134.5\n"),
		"short.db":   []byte("DUCK"),
		"report.zip": []byte("PK\x03\x04 a workbook, not a database"),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Open(context.Background(), p)
		if err == nil {
			s.Close()
			t.Errorf("%s opened as a database", name)
			continue
		}
		if !errors.Is(err, ErrNotDuckDB) || !strings.Contains(err.Error(), "“"+name+"”不是DuckDB数据库文件") {
			t.Errorf("%s: %v", name, err)
		}
		// The file is left as it was.
		if got, _ := os.ReadFile(p); string(got) != string(body) {
			t.Errorf("%s was changed", name)
		}
	}
}

// An empty file, as touch or mktemp leave it, holds nothing: it becomes a
// new database.
func TestOpenEmptyFileIsNew(t *testing.T) {
	p := filepath.Join(t.TempDir(), "new.duckdb")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ReadOnly {
		t.Error("a writable empty file opened read-only")
	}
	if ps, err := s.Plans(context.Background()); err != nil || len(ps) != 0 {
		t.Errorf("plans %v, %v", ps, err)
	}
}

// seeded writes a database file with the default plan and one value.
func seeded(t *testing.T, p string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, _ := datasets.DefaultPlan()
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	inds, _ := s.Indicators(ctx)
	f, err := actuals.Read([]byte("指标,年份,数值,单位\n社会消费品零售总额,2024,134.5,亿元\n"), actuals.Options{Name: "a.csv", Region: "冠县", Indicators: inds})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadActuals(ctx, f.Observations, model.Batch{File: f.Name, SHA256: f.SHA256, Source: "冠县统计年鉴2024", Status: "final"}, false, nil); err != nil {
		t.Fatal(err)
	}
}

func TestOpenReadOnlyFile(t *testing.T) {
	ctx := context.Background()
	for _, how := range []string{"file", "directory"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "bureau.duckdb")
			seeded(t, p)
			if how == "file" {
				os.Chmod(p, 0o444)
			} else {
				os.Chmod(dir, 0o555)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o755); os.Chmod(p, 0o644) })
			s, err := Open(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if !s.ReadOnly {
				t.Fatal("opened for writing")
			}
			ts, err := s.Targets(ctx, model.TargetFilter{})
			if err != nil || len(ts) != 117 {
				t.Errorf("targets: %d, %v", len(ts), err)
			}
			ins, err := s.Inputs(ctx, model.TargetFilter{Region: "冠县"}, model.AsOf{})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, in := range ins {
				if in.Target.Indicator.Code == "retail_sales" && len(in.Values) == 1 && in.Values[0].String() == "134.5" {
					found = true
				}
			}
			if !found {
				t.Error("the stored 134.5 is not read")
			}
			err = s.AddAlias(ctx, "零售额", "retail_sales")
			if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "bureau.duckdb") || !strings.Contains(err.Error(), "只读") {
				t.Errorf("write on a read-only file: %v", err)
			}
			// A dry run only reads: it works, and stores nothing.
			inds, _ := s.Indicators(ctx)
			f, err := actuals.Read([]byte("指标,年份,数值,单位\n社会消费品零售总额,2023,45.1,亿元\n"), actuals.Options{Name: "b.csv", Region: "冠县", Indicators: inds})
			if err != nil {
				t.Fatal(err)
			}
			b := model.Batch{File: f.Name, SHA256: f.SHA256, Source: "t", Status: "final"}
			if res, err := s.LoadActuals(ctx, f.Observations, b, true, nil); err != nil || res.Batch.Inserted != 1 {
				t.Errorf("dry run on a read-only file: %+v, %v", res.Batch, err)
			}
			if _, err := s.LoadActuals(ctx, f.Observations, b, false, nil); !errors.Is(err, ErrReadOnly) {
				t.Errorf("load on a read-only file: %v", err)
			}
			c, _ := datasets.DefaultPlan()
			c.Plan.Region = "莘县"
			if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); !errors.Is(err, ErrReadOnly) {
				t.Errorf("import on a read-only file: %v", err)
			}
		})
	}
}

func TestAsOfUnknownBatch(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "b.duckdb")
	seeded(t, p)
	s, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Inputs(ctx, model.TargetFilter{}, model.AsOf{Batch: 9})
	var ub *UnknownBatchError
	if !errors.As(err, &ub) || err.Error() != "没有第9批数据 no batch 9 (the latest is 1)" {
		t.Errorf("as of batch 9: %v", err)
	}
	if _, err := s.Actuals(ctx, "", "", model.AsOf{Batch: 9}); !errors.As(err, &ub) {
		t.Errorf("actuals as of batch 9: %v", err)
	}
	if xs, err := s.Actuals(ctx, "", "", model.AsOf{Batch: 1}); err != nil || len(xs) != 1 {
		t.Errorf("as of batch 1: %v, %v", xs, err)
	}
	// A date before the first batch means no data, not an error.
	at, _ := model.ParseAsOf("2000-01-01")
	if xs, err := s.Actuals(ctx, "", "", at); err != nil || len(xs) != 0 {
		t.Errorf("as of 2000: %v, %v", xs, err)
	}
}

// A read-only file made before the alias history (migration 0005) is still
// read; one made before a migration reads need is refused with a reason.
func TestOpenReadOnlyOlderFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "2025.duckdb")
	seeded(t, p)
	s, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE alias_log`, `DELETE FROM schema_migrations WHERE version = 'migration/0005_alias_log.sql'`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	os.Chmod(p, 0o444)
	s, err = Open(ctx, p)
	if err != nil {
		t.Fatalf("older read-only file: %v", err)
	}
	if xs, err := s.Actuals(ctx, "", "", model.AsOf{}); err != nil || len(xs) != 1 {
		t.Errorf("actuals: %v, %v", xs, err)
	}
	as, err := s.Aliases(ctx)
	if err != nil || len(as) == 0 {
		t.Errorf("aliases of an older file: %d, %v", len(as), err)
	}
	if h, err := s.AliasHistory(ctx); err != nil || len(h) != 0 {
		t.Errorf("history of an older file: %v, %v", h, err)
	}
	s.Close()

	os.Chmod(p, 0o644)
	s, _ = Open(ctx, p)
	s.db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = 'migration/0003_superseded.sql'`)
	s.Close()
	os.Chmod(p, 0o444)
	t.Cleanup(func() { os.Chmod(p, 0o644) })
	if _, err := Open(ctx, p); err == nil || !strings.Contains(err.Error(), "0003_superseded.sql") {
		t.Errorf("a file needing an upgrade reads needs: %v", err)
	}
}
