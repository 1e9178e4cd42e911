package store

import (
	"context"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// Two files staged in one load: the second revises, keeps and adds
// values of the first, each counted by hand; a rolled-back load leaves
// nothing.
func TestLoadBatchesInOneTransaction(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	obs := func(region string, year int, v, status string) model.Observation {
		return model.Observation{Indicator: "gdp", Region: region, Year: year, Value: decimal.RequireFromString(v), Status: status}
	}
	stage := func(l *Load, b model.Batch, os ...model.Observation) model.LoadResult {
		t.Helper()
		if err := l.StartBatch(b.Status, nil); err != nil {
			t.Fatal(err)
		}
		for _, o := range os {
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		res, err := l.EndBatch(b)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// Rolled back: nothing stays.
	l, err := s.BeginLoad(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	stage(l, model.Batch{File: "x.csv", SHA256: "x", Source: "t", Status: "final"}, obs("甲", 2023, "1", ""))
	l.Rollback()
	if xs, _ := s.Actuals(ctx, "", "", model.AsOf{}); len(xs) != 0 {
		t.Fatalf("rolled back load stored %v", xs)
	}

	l, err = s.BeginLoad(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	r1 := stage(l, model.Batch{File: "a.csv", SHA256: "a", Source: "t", Status: "preliminary"},
		obs("甲", 2022, "10.5", ""), obs("甲", 2023, "11", ""), obs("乙", 2023, "7", "final"), obs("乙", 2024, "123456789012.0123456789", ""))
	// b.csv: 甲2022 same value and status (unchanged), 甲2023 new value
	// (revised), 乙2023 same value, other status (revised), 乙2024 same
	// (unchanged), 丙2023 new (inserted).
	r2 := stage(l, model.Batch{File: "b.csv", SHA256: "b", Source: "t", Status: "final"},
		obs("甲", 2022, "10.50", "preliminary"), obs("甲", 2023, "11.2", ""), obs("乙", 2023, "7", "preliminary"),
		obs("乙", 2024, "123456789012.0123456789", "preliminary"), obs("丙", 2023, "0.0000000001", ""))
	if err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	if b := r1.Batch; b.ID != 1 || b.RowsRead != 4 || b.Inserted != 4 || b.Revised != 0 || b.Unchanged != 0 {
		t.Errorf("batch 1: %+v", b)
	}
	if b := r2.Batch; b.ID != 2 || b.RowsRead != 5 || b.Inserted != 1 || b.Revised != 2 || b.Unchanged != 2 {
		t.Errorf("batch 2: %+v", b)
	}
	if len(r2.PerIndicator) != 1 || r2.PerIndicator[0] != (model.IndicatorSummary{Indicator: "gdp", Read: 5, Inserted: 1, Revised: 2, Unchanged: 2}) {
		t.Errorf("per indicator: %+v", r2.PerIndicator)
	}
	want := map[string]string{"甲/2022": "10.5 preliminary 1", "甲/2023": "11.2 final 2", "乙/2023": "7 preliminary 2",
		"乙/2024": "123456789012.0123456789 preliminary 1", "丙/2023": "0.0000000001 final 2"}
	xs, err := s.Actuals(ctx, "", "", model.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	if len(xs) != len(want) {
		t.Errorf("%d current values, want %d: %+v", len(xs), len(want), xs)
	}
	for _, x := range xs {
		k := x.Region + "/" + strconv.Itoa(x.Year)
		if got := x.Value.String() + " " + x.Status + " " + strconv.Itoa(x.Batch); got != want[k] {
			t.Errorf("%s = %s, want %s", k, got, want[k])
		}
	}
	revs, _ := s.Revisions(ctx, "")
	if len(revs) != 7 {
		t.Errorf("%d revisions, want 7", len(revs))
	}
}
