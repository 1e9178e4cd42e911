package cli

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBenchPeersSmall runs the peers' part of plangap bench on 20 regions
// of generated data: the peer query, progress.sql and the engine must
// give the same status counts, and the generator must write gen.py's
// layout.
func TestBenchPeersSmall(t *testing.T) {
	dir := t.TempDir()
	got := map[string][2]string{}
	add := func(what, figure, note string) { got[what] = [2]string{figure, note} }
	a := &App{Stdout: io.Discard, Stderr: io.Discard}
	if err := a.benchPeers(context.Background(), dir, "", 20, add); err != nil {
		t.Fatal(err)
	}
	if got["statuses"][0] != "agree" {
		t.Fatalf("statuses: %v", got["statuses"])
	}
	for _, what := range []string{"peer SQL", "progress.sql", "gap in process"} {
		if !strings.HasSuffix(got[what][0], " s") {
			t.Errorf("%s: %v", what, got[what])
		}
	}
	if !strings.Contains(got["peer SQL"][1], "1600 pairs, 16000 values") {
		t.Errorf("peer SQL: %v", got["peer SQL"])
	}
	// gen.py's layout: headers, 80 indicators a region, a third lower is better.
	f, err := os.Open(filepath.Join(dir, "peers", "targets.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	if sc.Text() != "region,indicator,direction,base_year,target,target_year" {
		t.Fatalf("header %q", sc.Text())
	}
	n, down := 0, 0
	for sc.Scan() {
		c := strings.Split(sc.Text(), ",")
		if len(c) != 6 || c[3] != "2020" || c[5] != "2030" {
			t.Fatalf("row %q", sc.Text())
		}
		if v, err := strconv.ParseFloat(c[4], 64); err != nil || v <= 0 {
			t.Fatalf("target %q", c[4])
		}
		if c[2] == "down" {
			down++
		}
		n++
	}
	if n != 1600 || down != 20*26 {
		t.Errorf("%d targets, %d lower is better; want 1600, 520", n, down)
	}
}
