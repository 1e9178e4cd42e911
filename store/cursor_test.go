package store

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/plangap/plangap/model"
)

// TestCursorsAgree reads the inputs of a database file through DuckDB's
// chunks and again through database/sql, under filters that bind every
// kind of argument (a region, a department, a batch, a date), and wants
// the same inputs, value for value.
func TestCursorsAgree(t *testing.T) {
	ctx := context.Background()
	s := scaleStoreAt(t, filepath.Join(t.TempDir(), "c.duckdb"), 6, 16, 8)
	defer s.Close()
	if s.chunks == nil {
		t.Fatal("a database file is not read through chunks")
	}
	cases := []struct {
		f model.TargetFilter
		a model.AsOf
	}{
		{model.TargetFilter{}, model.AsOf{}},
		{model.TargetFilter{Region: "R00002"}, model.AsOf{}},
		{model.TargetFilter{Region: "R00001", Department: "部门3"}, model.AsOf{}},
		{model.TargetFilter{Headline: true}, model.AsOf{}},
		{model.TargetFilter{}, model.AsOf{Batch: 1}},
		{model.TargetFilter{}, model.AsOf{Time: time.Now().Add(time.Hour)}},
		{model.TargetFilter{}, model.AsOf{Time: time.Now().Add(-time.Hour)}},
	}
	for _, c := range cases {
		chunked, err := s.Inputs(ctx, c.f, c.a)
		if err != nil {
			t.Fatal(err)
		}
		keep := s.chunks
		s.chunks = nil
		rowed, err := s.Inputs(ctx, c.f, c.a)
		s.chunks = keep
		if err != nil {
			t.Fatal(err)
		}
		if len(chunked) != len(rowed) {
			t.Fatalf("%+v %+v: %d inputs through chunks, %d through rows", c.f, c.a, len(chunked), len(rowed))
		}
		values := 0
		for i := range rowed {
			if !reflect.DeepEqual(chunked[i], rowed[i]) {
				t.Fatalf("%+v %+v: input %d through chunks\n%+v\nthrough rows\n%+v", c.f, c.a, i, chunked[i], rowed[i])
			}
			values += len(rowed[i].Values)
		}
		if c.a.Time.IsZero() || c.a.Time.After(time.Now()) {
			if values == 0 && !c.f.Headline { // the synthetic plan has no headline targets
				t.Errorf("%+v %+v: no values read", c.f, c.a)
			}
		} else if values != 0 {
			t.Errorf("as of an hour ago: %d values, want none", values)
		}
	}
}

// TestCursorCancel checks that a cancelled context stops a chunked query
// with an error, and that the store stays usable.
func TestCursorCancel(t *testing.T) {
	s := scaleStoreAt(t, filepath.Join(t.TempDir(), "c.duckdb"), 2, 4, 3)
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Inputs(ctx, model.TargetFilter{}, model.AsOf{}); err == nil {
		t.Error("a cancelled read gave no error")
	}
	if _, err := s.Inputs(context.Background(), model.TargetFilter{}, model.AsOf{}); err != nil {
		t.Fatal(err)
	}
}

// TestCursorCancelWhileReading cancels the context after the first chunk
// of inputs: the read must end with the context's error, not look like
// the end of the data.
func TestCursorCancelWhileReading(t *testing.T) {
	s := scaleStoreAt(t, filepath.Join(t.TempDir(), "c.duckdb"), 40, 16, 8)
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	chunks := 0
	err := s.InputChunks(ctx, model.TargetFilter{}, model.AsOf{}, 16, func([]model.TargetSeries) error {
		chunks++
		cancel()
		return nil
	})
	if err == nil {
		t.Fatalf("cancelled after the first of 40 chunks: %d chunks and no error", chunks)
	}
}
