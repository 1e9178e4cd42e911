package store

import (
	"context"
	"reflect"
	"testing"

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
