package store

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// TestInputChunksAreInputs checks that the chunks InputChunks hands over,
// put together, are the inputs Inputs returns, in the same order, for
// chunks from one target to more than all, under several filters.
func TestInputChunksAreInputs(t *testing.T) {
	ctx := context.Background()
	s := scaleStore(t, 7, 16, 6)
	defer s.Close()
	for _, f := range []model.TargetFilter{{}, {Region: "R00003"}, {Headline: true}, {ID: "s005"}, {Region: "R00001", Department: "部门3"}} {
		want, err := s.Inputs(ctx, f, model.AsOf{})
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 5, 16, 40, 1000} {
			var got []model.TargetSeries
			chunks := 0
			err := s.InputChunks(ctx, f, model.AsOf{}, size, func(ins []model.TargetSeries) error {
				chunks++
				got = append(got, ins...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%+v size %d: %d inputs, want %d", f, size, len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("%+v size %d: input %d is\n%+v\nwant\n%+v", f, size, i, got[i], want[i])
				}
			}
			// Whole plans of 16 targets go together.
			if f == (model.TargetFilter{}) && size == 40 && chunks != 4 {
				t.Errorf("size 40: %d chunks of 7 plans of 16 targets, want 4", chunks)
			}
		}
	}
}

// TestSeriesValuesExact checks that series values come back exact from
// allSeries, at the edges of DECIMAL(38,10) and of int64, through both
// cursors: database/sql (in memory) and DuckDB's chunks (a file).
func TestSeriesValuesExact(t *testing.T) {
	t.Run("rows", func(t *testing.T) { seriesValuesExact(t, openMem(t)) })
	t.Run("chunks", func(t *testing.T) {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "v.duckdb"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.chunks == nil {
			t.Fatal("a database file is not read through chunks")
		}
		seriesValuesExact(t, s)
	})
}

func seriesValuesExact(t *testing.T, s *Store) {
	ctx := context.Background()
	var typ string
	if err := s.db.QueryRowContext(ctx, `SELECT data_type FROM information_schema.columns WHERE table_name = 'actuals' AND column_name = 'value'`).Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "DECIMAL(38,10)" {
		t.Fatalf("actuals.value is %s, want DECIMAL(38,10)", typ)
	}
	series := map[string][]string{
		"small": {"922337203.6854775807", "922337203.6854775808", "-899999999.9999999999", "0.0000000001", "-0.0000000001", "0", "65.8", "1.83"},
		"wide":  {"900000000", "0.0000000001", "-123456789012345678.0123456789", "13.5"},
		"fits":  {"922337203.6854775807", "-922337203.6854775808", "0", "65.8", "-0.0000000001"},
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO batches VALUES (1, now(), 'x.csv', '', 'test', 'final', false, 0, 0, 0, 0)`); err != nil {
		t.Fatal(err)
	}
	for code, vs := range series {
		for i, v := range vs {
			if _, err := s.db.ExecContext(ctx, `INSERT INTO actuals VALUES (?, 'R', ?, 1, ?::DECIMAL(38,10), 'final', '', NULL)`, code, 2030-i, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	r, err := s.newInputReader(ctx, model.AsOf{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.allSeries(ctx, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for code, vs := range series {
		sd := got[seriesKey{"R", code}]
		if sd == nil || len(sd.values()) != len(vs) {
			t.Fatalf("%s: %+v", code, sd)
		}
		for i, v := range vs {
			// Years run backwards from 2030, so the series is reversed.
			j := len(vs) - 1 - i
			if sd.years[j] != 2030-i || sd.values()[j].String() != decimal.RequireFromString(v).String() {
				t.Errorf("%s %d: %s, want %s", code, sd.years[j], sd.values()[j], v)
			}
		}
	}
}
