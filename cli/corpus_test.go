package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/plangap/plangap/store"
)

// TestBadCorpusLeavesDatabaseUnchanged loads every malformed file of
// actuals/testdata/bad into a database that already holds the example
// data: each load must fail with a message, and the database must dump
// identically before and after.
func TestBadCorpusLeavesDatabaseUnchanged(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	if _, err := run(t, "--db", db, "run", "--out", dir); err != nil {
		t.Fatal(err)
	}
	dump := func() string {
		s, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		d, err := s.Dump(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	before := dump()
	files, _ := filepath.Glob("../actuals/testdata/bad/*")
	n := 0
	for _, f := range files {
		if filepath.Base(f) == "expect.txt" {
			continue
		}
		n++
		_, err := run(t, "--db", db, "load", f)
		if err == nil {
			t.Errorf("%s: loaded", filepath.Base(f))
		} else if err.Error() == "" {
			t.Errorf("%s: empty error message", filepath.Base(f))
		}
	}
	if n < 40 {
		t.Errorf("the corpus has %d files, want at least 40", n)
	}
	if after := dump(); after != before {
		t.Error("the database changed while loading bad files")
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatal(err)
	}
}
