package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadOddCorpus loads every unusual-but-valid file of
// actuals/testdata/odd with `plangap load` into a fresh database and
// checks, through `plangap actuals`, that exactly the expected values were
// stored: nothing dropped, nothing displayed-instead-of-stored.
func TestLoadOddCorpus(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "template.duckdb")
	if _, err := run(t, "--db", tmpl, "init"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../actuals/testdata/odd/expect.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if want[f[0]] == nil {
			want[f[0]] = map[string]string{}
		}
		want[f[0]][f[1]+"/"+f[3]] = f[4]
	}
	for name, exp := range want {
		db := filepath.Join(dir, name+".duckdb")
		copyFile(t, tmpl, db)
		if out, err := run(t, "--db", db, "load", filepath.Join("../actuals/testdata/odd", name)); err != nil {
			t.Errorf("%s: %v\n%s", name, err, out)
			continue
		}
		got := actualsJSON(t, db)
		if len(got) != len(exp) {
			t.Errorf("%s stored %d values %v, want %d %v", name, len(got), got, len(exp), exp)
		}
		for k, v := range exp {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %s", name, k, got[k], v)
			}
		}
	}
}
