package app_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
)

// Several files load in one transaction: a bad file loads nothing of any
// file and every file's problems are listed; good files become one batch
// each, the second revising the first.
func TestLoadFilesAllOrNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := peerStore(t, filepath.Join(dir, "p.duckdb"), 2)
	defer s.Close()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.csv", "region,indicator,year,value\nR00000,I000,2023,1.5\nR00001,I001,2023,2\n")
	b := write("b.csv", "region,indicator,year,value\nR00000,I000,2023,1.75\nR00001,I001,2023,2\nR00001,I001,2024,3\n")
	bad := write("bad.csv", "region,indicator,year,value\nR00000,I000,2024,abc\nR00009,I000,2024,1\n")
	req := func(p string) app.LoadRequest { return app.LoadRequest{Name: filepath.Base(p), Path: p} }
	svc := app.New(s)

	_, _, err := svc.LoadFiles(ctx, []app.LoadRequest{req(a), req(bad), req(b)})
	probs, ok := err.(model.Problems)
	if !ok || len(probs) != 2 || probs[0].Row != 2 || probs[1].Row != 3 || probs[0].File != "bad.csv" {
		t.Fatalf("want bad.csv's two problems, got %v", err)
	}
	if xs, _ := s.Actuals(ctx, "", "", model.AsOf{}); len(xs) != 0 {
		t.Fatalf("a bad file among others stored %d values", len(xs))
	}

	files, res, err := svc.LoadFiles(ctx, []app.LoadRequest{req(a), req(b)})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Values != 2 || files[1].Values != 3 {
		t.Fatalf("files: %+v", files)
	}
	if r := res[0].Batch; r.ID != 1 || r.Inserted != 2 {
		t.Errorf("a.csv: %+v", r)
	}
	if r := res[1].Batch; r.ID != 2 || r.Inserted != 1 || r.Revised != 1 || r.Unchanged != 1 {
		t.Errorf("b.csv: %+v", r)
	}
	hist, _ := s.History(ctx, "I000", "R00000")
	if len(hist) != 2 || hist[0].Value.String() != "1.5" || hist[1].Value.String() != "1.75" || hist[1].Batch != 2 {
		t.Errorf("history: %+v", hist)
	}
}
