package store

import (
	"context"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// Two files staged before the transaction begins, as app.LoadFiles does,
// then stored in order: 5,000 values each (past the appender's chunks),
// with statuses, notes and values too long for DECIMAL(18,10) scattered
// through them. The second file revises every 7th value of the first and
// repeats the rest; each count and stored value is worked out by hand.
func TestStageAllThenStore(t *testing.T) {
	s := openMem(t)
	ctx := context.Background()
	const n = 5000
	value := func(i int, second bool) decimal.Decimal {
		v := decimal.New(int64(i)*3+1, -4) // 0.0001 … 1.4998: DECIMAL(18,10)
		if i%500 == 3 {
			v = decimal.RequireFromString(fmt.Sprintf("12345678901234.%010d", i)) // 24 digits: stage_wide
		}
		if second && i%7 == 0 {
			v = v.Add(decimal.New(1, -10))
		}
		return v
	}
	obs := func(i int, second bool) model.Observation {
		o := model.Observation{Indicator: fmt.Sprintf("ind%d", i%3), Region: fmt.Sprintf("R%d", i/10), Year: 2015 + i%10, Value: value(i, second)}
		if i%11 == 0 {
			o.Status = model.Preliminary
		}
		if i%13 == 0 {
			o.Note = fmt.Sprintf("note %d", i)
		}
		return o
	}
	l, err := s.BeginLoad(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	var staged []*Staged
	for _, second := range []bool{false, true} {
		if err := l.StartBatch(model.Final, nil); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if err := l.Add(obs(i, second)); err != nil {
				t.Fatal(err)
			}
		}
		st, err := l.StageDone()
		if err != nil {
			t.Fatal(err)
		}
		staged = append(staged, st)
	}
	r1, err := l.StoreBatch(staged[0], model.Batch{File: "a.csv", SHA256: "a", Source: "t", Status: model.Final})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := l.StoreBatch(staged[1], model.Batch{File: "b.csv", SHA256: "b", Source: "t", Status: model.Final})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Commit(); err != nil {
		t.Fatal(err)
	}
	revised := (n + 6) / 7 // i = 0, 7, 14 … 4998
	if b := r1.Batch; b.ID != 1 || b.RowsRead != n || b.Inserted != n || b.Revised != 0 || b.Unchanged != 0 {
		t.Errorf("batch 1: %+v", b)
	}
	if b := r2.Batch; b.ID != 2 || b.RowsRead != n || b.Inserted != 0 || b.Revised != revised || b.Unchanged != n-revised {
		t.Errorf("batch 2: %+v, want %d revised", b, revised)
	}
	perInd := map[string]int{}
	for i := range n {
		perInd[fmt.Sprintf("ind%d", i%3)]++
	}
	if len(r2.PerIndicator) != 3 || r2.PerIndicator[0].Indicator != "ind0" || r2.PerIndicator[2].Indicator != "ind2" {
		t.Fatalf("per indicator: %+v", r2.PerIndicator)
	}
	for _, is := range r2.PerIndicator {
		if is.Read != perInd[is.Indicator] || is.Read != is.Revised+is.Unchanged {
			t.Errorf("per indicator %+v, want %d read", is, perInd[is.Indicator])
		}
	}
	xs, err := s.Actuals(ctx, "", "", model.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	if len(xs) != n {
		t.Fatalf("%d current values, want %d", len(xs), n)
	}
	got := map[string]model.Actual{}
	for _, x := range xs {
		got[fmt.Sprintf("%s/%s/%d", x.Indicator, x.Region, x.Year)] = x
	}
	for i := range n {
		o := obs(i, true)
		x := got[fmt.Sprintf("%s/%s/%d", o.Indicator, o.Region, o.Year)]
		wantStatus, wantBatch := model.Final, 1
		if o.Status != "" {
			wantStatus = o.Status
		}
		if i%7 == 0 {
			wantBatch = 2
		}
		if !x.Value.Equal(o.Value) || x.Status != wantStatus || x.Note != o.Note || x.Batch != wantBatch {
			t.Errorf("value %d: got %s %s %q batch %d, want %s %s %q batch %d", i, x.Value, x.Status, x.Note, x.Batch, o.Value, wantStatus, o.Note, wantBatch)
		}
	}
}
