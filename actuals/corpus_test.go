package actuals

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadCorpus reads every file in testdata/bad and checks that it is
// refused with the error listed for it in expect.txt.
func TestBadCorpus(t *testing.T) {
	f, err := os.Open("testdata/bad/expect.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("expect.txt: bad line %q", line)
		}
		listed[name] = true
		data, err := os.ReadFile(filepath.Join("testdata/bad", name))
		if err != nil {
			t.Fatal(err)
		}
		_, rerr := Read(data, Options{Name: name, Region: "冠县", Indicators: testIndicators, Regions: []string{"冠县"}, MaxYear: 2026})
		if rerr == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if !strings.Contains(rerr.Error(), want) {
			t.Errorf("%s: error %q lacks %q", name, rerr, want)
		}
	}
	entries, _ := os.ReadDir("testdata/bad")
	for _, e := range entries {
		if e.Name() != "expect.txt" && !listed[e.Name()] {
			t.Errorf("%s has no expected error in expect.txt", e.Name())
		}
	}
}
