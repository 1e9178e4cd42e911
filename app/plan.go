package app

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/store"
)

// Catalogue is a plan with its targets, as catalogue files hold them.
type Catalogue = catalogue.Catalogue

// File is a validated statistics file with what its load summary says.
type File = actuals.File

// DefaultPlan is the embedded default plan (冠县).
func DefaultPlan() (*Catalogue, error) { return datasets.DefaultPlan() }

// ReadCatalogue reads a plan catalogue file (CSV or XLSX).
func ReadCatalogue(path string) (*Catalogue, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return catalogue.Read(bufio.NewReader(f), filepath.Base(path))
}

// ReadCatalogues reads a catalogue file holding one plan or many.
func ReadCatalogues(path string) ([]*Catalogue, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return catalogue.ReadAll(bufio.NewReader(f), filepath.Base(path))
}

// WriteCatalogues writes several plans as one catalogue file, CSV or XLSX.
func WriteCatalogues(w io.Writer, cs []*Catalogue, format string) error {
	if format == "xlsx" {
		return catalogue.WriteAllXLSX(w, cs)
	}
	return catalogue.WriteAllCSV(w, cs)
}

// ImportResult says what importing one plan did.
type ImportResult = store.ImportResult

// Catalogues returns every stored plan matching region and code (either
// may be empty), in stored order, with its targets.
func (s *Service) Catalogues(ctx context.Context, region, code string) ([]*Catalogue, error) {
	plans, err := s.Plans(ctx)
	if err != nil {
		return nil, err
	}
	ts, err := s.Targets(ctx, model.TargetFilter{Region: region, Plan: code})
	if err != nil {
		return nil, err
	}
	byPlan := map[[2]string][]model.Target{}
	for _, t := range ts {
		k := [2]string{t.Region, t.PlanCode}
		byPlan[k] = append(byPlan[k], t)
	}
	var out []*Catalogue
	for _, p := range plans {
		if (region == "" || p.Region == region) && (code == "" || p.Code == code) {
			out = append(out, &Catalogue{Plan: p, Targets: byPlan[[2]string{p.Region, p.Code}]})
		}
	}
	if len(out) == 0 {
		return nil, model.Errorf(model.NotFound, "没有符合地区“%s”和规划“%s”的规划 no stored plan matches region %q and plan %q", region, code, region, code)
	}
	return out, nil
}

// WriteCatalogue writes a catalogue as CSV (for Excel: with a BOM) or XLSX.
func WriteCatalogue(w io.Writer, c *Catalogue, format string) error {
	if format == "xlsx" {
		return catalogue.WriteXLSX(w, c)
	}
	return catalogue.WriteCSV(w, c)
}

// Catalogue returns the stored plan matching region and code (either may
// be empty when only one plan fits) with its targets.
func (s *Service) Catalogue(ctx context.Context, region, code string) (*Catalogue, error) {
	p, err := s.ChoosePlan(ctx, region, code)
	if err != nil {
		return nil, err
	}
	ts, err := s.Targets(ctx, model.TargetFilter{Region: p.Region, Plan: p.Code})
	if err != nil {
		return nil, err
	}
	return &Catalogue{Plan: p, Targets: ts}, nil
}

// IllustrativeSource marks the example data shipped with plangap.
const IllustrativeSource = "示例数据 (illustrative, not official)"

// LoadExamples loads the embedded illustrative actuals of the default
// plan — the final 2020–2024 yearbook table and the preliminary 2025
// figures — each as a batch flagged illustrative. Loading them again
// changes nothing. The caller decides whether the database may take
// them (only a new, empty one).
func (s *Service) LoadExamples(ctx context.Context) ([]*File, []model.LoadResult, error) {
	var files []*File
	var results []model.LoadResult
	for _, ex := range []struct {
		name, status string
		data         []byte
	}{
		{datasets.ExampleActualsName, model.Final, datasets.ExampleActualsCSV},
		{datasets.ExamplePreliminaryName, model.Preliminary, datasets.ExamplePreliminaryCSV},
	} {
		req := LoadRequest{Name: ex.name, Data: ex.data, Region: "冠县", Source: IllustrativeSource, Status: ex.status, Illustrative: true}
		f, res, err := s.Load(ctx, req)
		if err != nil {
			return files, results, err
		}
		files, results = append(files, f), append(results, res)
	}
	return files, results, nil
}
