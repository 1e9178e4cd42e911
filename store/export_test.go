package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/datasets"
)

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := openMem(t)
	c, _ := datasets.DefaultPlan()
	if _, err := a.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	inds, _ := a.Indicators(ctx)
	f, err := actuals.Read(datasets.ExampleActualsCSV, actuals.Options{Name: "x.csv", Region: "冠县", Indicators: inds})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.LoadActuals(ctx, f.Observations, model.Batch{File: "x.csv", SHA256: f.SHA256, Source: "示例", Status: "final", Illustrative: true}, false, nil); err != nil {
		t.Fatal(err)
	}
	// A revision, so that superseded_by travels too.
	f2, _ := actuals.Read([]byte("指标,年份,数值,单位\n社会消费品零售总额,2024,45.2801,亿元\n"), actuals.Options{Name: "r.csv", Region: "冠县", Indicators: inds})
	a.LoadActuals(ctx, f2.Observations, model.Batch{File: "r.csv", SHA256: f2.SHA256, Source: "修订", Status: "final"}, false, nil)
	want, err := a.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"parquet", "csv"} {
		dir := filepath.Join(t.TempDir(), "export")
		if err := a.Export(ctx, dir, format); err != nil {
			t.Fatal(err)
		}
		if err := a.Export(ctx, dir, format); err == nil {
			t.Errorf("%s: exporting over an existing export was allowed", format)
		}
		if format == "csv" {
			// Every CSV file opens in Excel as UTF-8: it starts with the BOM.
			files, _ := filepath.Glob(filepath.Join(dir, "*", "*", "*.csv"))
			top, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
			files = append(files, top...)
			if len(files) < 5 {
				t.Errorf("only %d CSV files: %v", len(files), files)
			}
			for _, p := range files {
				data, _ := os.ReadFile(p)
				if !bytes.HasPrefix(data, []byte("\ufeff")) || bytes.HasPrefix(data[3:], []byte("\ufeff")) {
					t.Errorf("%s does not start with exactly one BOM: %q", p, data[:min(8, len(data))])
				}
			}
		}
		b := openMem(t)
		if err := b.Import(ctx, dir); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		got, _ := b.Dump(ctx)
		if got != want {
			t.Errorf("%s round trip changed the data (%d vs %d bytes)", format, len(got), len(want))
		}
		if err := b.Import(ctx, dir); err == nil {
			t.Errorf("%s: importing twice was allowed", format)
		}
	}
}
