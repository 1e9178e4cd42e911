package cli

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/synth"
)

// regenGap is go test ./cli -run GapGolden -regen-gap: rewrite
// testdata/gap/ from the current output.
var regenGap = flag.Bool("regen-gap", false, "rewrite testdata/gap/ from the gap output")

// TestGapGolden pins the whole gap output — table, CSV and JSON, under
// every status method — for the default plan with its example data, the
// national plan with its sourced figures, and a synthetic set of several
// regions cycling through every quantitative kind. Any change to a digit
// of any row fails it: the output was captured before the gap was made
// set-wise and streaming, and must stay as it was.
func TestGapGolden(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	sets := []struct {
		name  string
		build func(*app.Service) error
	}{
		{"default", func(s *app.Service) error { _, _, err := s.LoadExamples(ctx); return err }},
		{"national", func(s *app.Service) error { _, err := s.LoadNational(ctx); return err }},
		{"synth", func(s *app.Service) error { return loadSynth(ctx, s) }},
	}
	for _, set := range sets {
		db := filepath.Join(dir, set.name+".duckdb")
		s, err := app.Open(ctx, db, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Batches carry their load date into the rows' vintage.
		s.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }
		err = set.build(s)
		s.Close()
		if err != nil {
			t.Fatalf("%s: %v", set.name, err)
		}
		for _, method := range methodNames() {
			for _, format := range []string{"table", "csv", "json"} {
				if format == "table" && method != "schedule" || format == "json" && method != "schedule" && method != "eurostat" {
					continue // the JSON holds every method's measures; the table, the CSV's
				}
				name := set.name + "-" + method + "." + format
				args := []string{"--db", db, "gap", "--method", method, "--format", format}
				if set.name == "synth" && method == "schedule" {
					// A report year inside the series, so later data are cut.
					args = append(args, "--year", "2023")
				}
				got, err := run(t, args...)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				golden := filepath.Join("testdata", "gap", name)
				if *regenGap {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if got != string(want) {
					os.WriteFile(golden+".got", []byte(got), 0o644)
					t.Errorf("%s differs from %s (the output is in %s.got)", name, golden, golden)
				}
			}
		}
	}
}

// loadSynth stores synth's plan in six regions with seven years of
// actuals, 2017–2023, around the plan's base year 2020.
func loadSynth(ctx context.Context, s *app.Service) error {
	names := synth.Regions(6)
	c := synth.Plan(names[0], 24, 2021, 2025)
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		return err
	}
	if err := s.CopyPlan(ctx, names[0], c.Plan.Code, names[1:]); err != nil {
		return err
	}
	f := synth.Actuals(c, names, []int{2017, 2018, 2019, 2020, 2021, 2022, 2023}, 7)
	_, err := s.LoadActuals(ctx, f.Observations, model.Batch{File: f.Name, SHA256: f.SHA256, Source: "synthetic", Status: model.Final}, false, nil)
	return err
}

// TestGapFailingQueryWritesNothing checks that the streaming gap writes
// nothing when its query fails before the first row: no CSV header, no
// opening bracket.
func TestGapFailingQueryWritesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.duckdb")
	for _, format := range []string{"table", "csv", "json"} {
		out, err := run(t, "--db", db, "gap", "--as-of", "99", "--format", format)
		if err == nil || out != "" {
			t.Errorf("%s: as of an unknown batch: %v, output %q", format, err, out)
		}
	}
}
