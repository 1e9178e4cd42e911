package app

import (
	"go/build"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/plangap/plangap/"

// layers states which of plangap's own packages each package may import
// (outside its tests): the README's pipeline, made a rule. A package not
// listed may import any of ours except cli.
var layers = map[string][]string{
	"model":    {},
	"sheet":    {},
	"store":    {"model"},          // the DuckDB adapter: model in, model out
	"analysis": {"model"},          // pure: numbers from model types
	"actuals":  {"model", "sheet"}, // statistics files → observations
	"report":   {"analysis", "charts", "docx", "labels", "model"},

	"labels": {"analysis", "model"},           // wording in Chinese and English
	"charts": {"analysis", "labels", "model"}, // pictures of analysed rows
}

// forbidden lists what the front ends must not import: they reach the
// data only through app.
var forbidden = map[string][]string{
	"cli":    {"store", "actuals", "catalogue", "datasets"},
	"server": {"store", "actuals", "catalogue", "datasets", "cli"},
}

func TestImportRules(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dirs := []string{e.Name()}
		if e.Name() == "cmd" {
			sub, _ := os.ReadDir(filepath.Join(root, "cmd"))
			dirs = nil
			for _, s := range sub {
				dirs = append(dirs, "cmd/"+s.Name())
			}
		}
		for _, dir := range dirs {
			pkg, err := build.ImportDir(filepath.Join(root, dir), 0)
			if err != nil {
				continue // not a Go package (docs, datasets' data …)
			}
			var ours []string
			for _, imp := range pkg.Imports {
				if p, ok := strings.CutPrefix(imp, module); ok {
					ours = append(ours, p)
				}
			}
			sort.Strings(ours)
			for _, p := range ours {
				if p == "cli" && dir != "cmd/plangap" {
					t.Errorf("%s imports cli: nothing but cmd/plangap may", dir)
				}
			}
			if allowed, ok := layers[dir]; ok {
				for _, p := range ours {
					if !contains(allowed, p) {
						t.Errorf("%s imports %s; it may import only %v of plangap's packages", dir, p, allowed)
					}
				}
			}
			for _, p := range forbidden[dir] {
				if contains(ours, p) {
					t.Errorf("%s imports %s; it must reach the data through app", dir, p)
				}
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
