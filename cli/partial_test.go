package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// partialState is one database a command must cope with.
type partialState struct {
	name string
	// db returns the database path for one command: a copy when the
	// command may change it, a new path for the state with no file.
	db func(t *testing.T, mutates bool) string
	// flags are added to commands that take analysis flags.
	flags []string
	// noData: no value of the analysed plan falls in range.
	noData bool
	// regions: more than one plan stored.
	regions bool
}

// matrixCommand is one command line; OUT in it becomes a path in a fresh
// directory.
type matrixCommand struct {
	args     []string
	analysis bool // takes --year and --as-of
	asOf     bool // takes --as-of only
	mutates  bool
	// needsData: fails without data, with a message containing this.
	needsData string
	// needsRegion: fails with several plans stored, with this message.
	needsRegion string
	onlyRegions bool // only in a state with several regions
	// mayRefuse: with several plans stored the command may either pick
	// one or refuse, with this message.
	mayRefuse string
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runCaught runs a command line and turns a panic into an error.
func runCaught(args []string) (out, errOut string, err error) {
	var o, e bytes.Buffer
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("PANIC: %v", r)
			}
		}()
		err = Run(context.Background(), args, &o, &e)
	}()
	return o.String(), e.String(), err
}

// badFiles lists zero-byte and temporary files under dir.
func badFiles(dir string) []string {
	var bad []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		info, _ := e.Info()
		if info.Size() == 0 || strings.Contains(e.Name(), ".tmp-") {
			bad = append(bad, p)
		}
		return nil
	})
	return bad
}

// TestEveryCommandOnPartialData runs every command on every partial state
// (issue 10 §3): no panic, a clear message where a command cannot do its
// job, no empty or half-written file left behind.
func TestEveryCommandOnPartialData(t *testing.T) {
	if testing.Short() {
		t.Skip("builds six databases and runs every command on each")
	}
	base := t.TempDir()
	must := func(args ...string) {
		t.Helper()
		if _, errOut, err := runCaught(args); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut)
		}
	}
	initDB := filepath.Join(base, "init.duckdb")
	must("--db", initDB, "init")
	oneDB := filepath.Join(base, "one.duckdb")
	copyFile(t, initDB, oneDB)
	one := filepath.Join(base, "one.csv")
	os.WriteFile(one, []byte("指标,单位,2023年\n万人高价值发明专利拥有量,件/万人,1.9\n"), 0o644)
	must("--db", oneDB, "load", one, "--region", "冠县")
	regionDB := filepath.Join(base, "region.duckdb")
	copyFile(t, initDB, regionDB)
	plan := filepath.Join(base, "plan.csv")
	must("--db", initDB, "plan", "export", "--out", plan)
	must("--db", regionDB, "plan", "import", plan, "--region", "莘县")
	fullDB := filepath.Join(base, "full.duckdb")
	must("--db", fullDB, "run", "--out", filepath.Join(base, "runout"))

	fixed := func(path string) func(*testing.T, bool) string {
		return func(t *testing.T, mutates bool) string {
			if !mutates {
				return path
			}
			c := filepath.Join(t.TempDir(), "copy.duckdb")
			copyFile(t, path, c)
			return c
		}
	}
	states := []partialState{
		{name: "a-init-only", db: fixed(initDB), noData: true},
		{name: "b-no-database-file", db: func(t *testing.T, _ bool) string { return filepath.Join(t.TempDir(), "new.duckdb") }, noData: true},
		{name: "c-one-actual", db: fixed(oneDB)},
		{name: "d-second-region", db: fixed(regionDB), noData: true, regions: true},
		{name: "e-year-before-base", db: fixed(fullDB), flags: []string{"--year", "2019"}, noData: true},
		{name: "f-as-of-before-first-batch", db: fixed(fullDB), flags: []string{"--as-of", "2000-01-01"}, noData: true},
	}
	const noData = "nothing to draw"
	const choose = "--region"
	commands := []matrixCommand{
		{args: []string{"targets"}},
		{args: []string{"targets", "--format", "csv"}},
		{args: []string{"targets", "--format", "json"}},
		{args: []string{"plan", "export"}, needsRegion: choose},
		{args: []string{"plan", "export", "--out", "OUT/plan.csv"}, needsRegion: choose},
		{args: []string{"plan", "export", "--out", "OUT/plan.xlsx"}, needsRegion: choose},
		{args: []string{"plan", "export", "--region", "莘县", "--out", "OUT/plan.csv"}, onlyRegions: true},
		{args: []string{"units"}},
		{args: []string{"batches"}},
		{args: []string{"actuals"}, asOf: true},
		{args: []string{"actuals", "--format", "csv"}, asOf: true},
		{args: []string{"actuals", "--format", "json"}, asOf: true},
		{args: []string{"history", "patents_high_value_per_10k"}},
		{args: []string{"gap"}, analysis: true},
		{args: []string{"gap", "--format", "csv"}, analysis: true},
		{args: []string{"gap", "--format", "json"}, analysis: true},
		{args: []string{"gap", "--summary", "chapter"}, analysis: true},
		{args: []string{"gap", "--summary", "department", "--format", "csv"}, analysis: true},
		{args: []string{"gap", "--summary", "region", "--format", "json"}, analysis: true},
		{args: []string{"path", "6"}, analysis: true, needsRegion: choose},
		{args: []string{"path", "11a", "--format", "json"}, analysis: true, needsRegion: choose},
		{args: []string{"path", "6", "--region", "莘县"}, analysis: true, onlyRegions: true},
		{args: []string{"chart", "6", "--lang", "en", "--out", "OUT/t6.png"}, analysis: true, needsRegion: choose},
		{args: []string{"chart", "11a", "--lang", "en", "--format", "svg", "--out", "OUT/t11a.svg"}, analysis: true, needsRegion: choose},
		{args: []string{"chart", "--kind", "progress", "--lang", "en", "--out", "OUT/p.png"}, analysis: true, needsData: noData},
		{args: []string{"chart", "--kind", "heatmap", "--lang", "en", "--out", "OUT/h.png"}, analysis: true, needsData: noData},
		{args: []string{"chart", "--kind", "heatmap-gap", "--lang", "en", "--out", "OUT/hg.svg", "--format", "svg"}, analysis: true, needsData: noData},
		{args: []string{"chart", "--kind", "departments", "--lang", "en", "--out", "OUT/d.png"}, analysis: true},
		{args: []string{"chart", "--kind", "dashboard", "--lang", "en", "--out", "OUT/db.png"}, analysis: true},
		{args: []string{"chart", "--all", "--lang", "en", "--out", "OUT/charts"}, analysis: true},
		{args: []string{"report", "--format", "html", "--lang", "en", "--out", "OUT/r.html"}, analysis: true, needsRegion: choose},
		{args: []string{"report", "--format", "xlsx", "--lang", "en", "--out", "OUT/r.xlsx"}, analysis: true, needsRegion: choose},
		{args: []string{"report", "--format", "html", "--lang", "en", "--region", "莘县", "--out", "OUT/r.html"}, analysis: true, onlyRegions: true},
		{args: []string{"export", "--format", "csv", "--out", "OUT/export"}},
		{args: []string{"export", "--format", "parquet", "--out", "OUT/export"}},
		{args: []string{"run", "--lang", "en", "--out", "OUT/run"}, mutates: true, mayRefuse: choose},
	}
	var cells atomic.Int64
	for _, st := range states {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel() // states share nothing that a command writes
			for _, c := range commands {
				if c.onlyRegions && !st.regions {
					continue
				}
				// run has no --year or --as-of: it is the whole job on the default data.
				if c.args[0] == "run" && st.flags != nil {
					continue
				}
				cells.Add(1)
				name := strings.Join(c.args, " ")
				t.Run(name, func(t *testing.T) {
					dir := t.TempDir()
					args := []string{"--db", st.db(t, c.mutates)}
					var outs []string
					for _, a := range c.args {
						if strings.HasPrefix(a, "OUT/") {
							a = filepath.Join(dir, strings.TrimPrefix(a, "OUT/"))
							outs = append(outs, a)
						}
						args = append(args, a)
					}
					if c.analysis {
						args = append(args, st.flags...)
					}
					if c.asOf && len(st.flags) > 0 && st.flags[0] == "--as-of" {
						args = append(args, st.flags...)
					}
					out, errOut, err := runCaught(args)
					want := ""
					if c.needsData != "" && st.noData {
						want = c.needsData
					}
					if c.needsRegion != "" && st.regions {
						want = c.needsRegion
					}
					if c.mayRefuse != "" && st.regions && err != nil && strings.Contains(err.Error(), c.mayRefuse) {
						want = c.mayRefuse
					}
					switch {
					case err != nil && strings.HasPrefix(err.Error(), "PANIC"):
						t.Fatalf("%v", err)
					case err != nil && want == "":
						t.Errorf("failed: %v\n%s", err, errOut)
					case err == nil && want != "":
						t.Errorf("succeeded; want a refusal mentioning %q", want)
					case err != nil && !strings.Contains(err.Error(), want):
						t.Errorf("message %q lacks %q", err, want)
					}
					if err != nil {
						for _, bad := range []string{"runtime error", "nil pointer", "index out of range"} {
							if strings.Contains(err.Error(), bad) {
								t.Errorf("message is not for people: %v", err)
							}
						}
						// A failed single-file command leaves no file.
						for _, o := range outs {
							if filepath.Ext(o) != "" {
								if _, serr := os.Stat(o); serr == nil {
									t.Errorf("failed command left %s", o)
								}
							}
						}
					} else {
						for _, o := range outs {
							if _, serr := os.Stat(o); serr != nil {
								t.Errorf("no output %s: %v", o, serr)
							}
						}
						if len(outs) == 0 && strings.TrimSpace(out) == "" && c.args[0] != "export" {
							t.Errorf("printed nothing")
						}
					}
					if bad := badFiles(dir); len(bad) > 0 {
						t.Errorf("empty or temporary files left: %v", bad)
					}
				})
			}
		})
	}
	t.Cleanup(func() { t.Logf("%d commands × %d states: %d cells", len(commands), len(states), cells.Load()) })
}

// TestCSVForExcelRoundTrips: the CSV files people open in Excel start
// with a BOM and read back unchanged by plan import.
func TestCSVForExcelRoundTrips(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	plan := filepath.Join(dir, "plan.csv")
	if _, _, err := runCaught([]string{"--db", db, "plan", "export", "--out", plan}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(plan)
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("plan export lacks the BOM: %q", data[:10])
	}
	if _, _, err := runCaught([]string{"--db", db, "plan", "import", plan, "--region", "莘县"}); err != nil {
		t.Fatalf("the exported plan does not import: %v", err)
	}
	for _, args := range [][]string{
		{"targets", "--format", "csv"}, {"gap", "--format", "csv"}, {"actuals", "--format", "csv"}, {"plan", "export", "--region", "莘县"},
	} {
		out, _, err := runCaught(append([]string{"--db", db}, args...))
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if !strings.HasPrefix(out, "\ufeff") || strings.Count(out, "\ufeff") != 1 {
			t.Errorf("%v: want exactly one BOM at the start: %q", args, out[:min(20, len(out))])
		}
	}
	// export --format csv: every file with a BOM, read back by import whole.
	exp := filepath.Join(dir, "export")
	if _, _, err := runCaught([]string{"--db", db, "export", "--format", "csv", "--out", exp}); err != nil {
		t.Fatal(err)
	}
	plans, _ := os.ReadFile(filepath.Join(exp, "plans.csv"))
	if !bytes.HasPrefix(plans, []byte("\ufeff")) {
		t.Errorf("plans.csv lacks the BOM")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".export.tmp-*")); len(leftovers) > 0 {
		t.Errorf("temporary export directories left: %v", leftovers)
	}
	db2 := filepath.Join(dir, "restored.duckdb")
	if _, _, err := runCaught([]string{"--db", db2, "import", exp}); err != nil {
		t.Fatalf("import of the CSV export: %v", err)
	}
	want, _, _ := runCaught([]string{"--db", db, "targets", "--format", "json"})
	got, _, _ := runCaught([]string{"--db", db2, "targets", "--format", "json"})
	if got != want || len(got) < 1000 {
		t.Errorf("targets differ after export and import (%d vs %d bytes)", len(got), len(want))
	}
}

// TestOutputsNeverDestroy: chart --out /dev/full used to delete the
// device node. A failed write now leaves /dev as it was, and a symlinked
// output stays a link to the file it names.
func TestOutputsNeverDestroy(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	if info, err := os.Stat("/dev/full"); err == nil && info.Mode()&fs.ModeCharDevice != 0 {
		before, _ := os.ReadDir("/dev")
		_, _, err := runCaught([]string{"--db", db, "chart", "6", "--lang", "en", "--out", "/dev/full"})
		if err == nil || !strings.Contains(err.Error(), "no space left") {
			t.Errorf("chart to /dev/full: %v, want no space left on device", err)
		}
		if info, err := os.Stat("/dev/full"); err != nil || info.Mode()&fs.ModeCharDevice == 0 {
			t.Fatalf("/dev/full damaged: %v", err)
		}
		after, _ := os.ReadDir("/dev")
		if len(after) != len(before) {
			t.Errorf("/dev had %d entries, now %d", len(before), len(after))
		}
	}
	real := filepath.Join(dir, "reports", "latest.html")
	os.Mkdir(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("old report"), 0o644)
	link := filepath.Join(dir, "report.html")
	os.Symlink("reports/latest.html", link)
	if _, _, err := runCaught([]string{"--db", db, "report", "--lang", "en", "--out", link}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v", err)
	}
	data, _ := os.ReadFile(real)
	if !bytes.Contains(data, []byte("</html>")) {
		t.Errorf("the linked file was not rewritten: %q", data[:min(40, len(data))])
	}
}
