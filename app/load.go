package app

import (
	"context"
	"fmt"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/model"
)

// LoadRequest is one statistics file to load, from the command line or an
// upload.
type LoadRequest struct {
	Name string // file name, for messages and the batch
	Path string // a file on disk, streamed; or
	Data []byte // an upload held in memory

	Sheet  string // XLSX sheet name or 1-based index
	Region string // for rows without a region; default the only region
	Source string // 数据来源; default the file name
	Status string // model.Preliminary or model.Final for rows without one
	// Illustrative marks the batch as 示例数据. Only this flag does: a
	// source text that mentions 示例 does not.
	Illustrative bool
	NewRegion    bool // accept regions with no plan yet
	Strict       bool // refuse rows of indicators no target uses
	DryRun       bool
	Progress     func(int) // values staged so far, or nil
}

// Read validates a file against the stored catalogue and regions without
// storing anything: every problem comes back as model.Problems.
func (s *Service) Read(ctx context.Context, req LoadRequest) (*actuals.File, error) {
	if req.Status == "" {
		req.Status = model.Final
	}
	if req.Status != model.Final && req.Status != model.Preliminary {
		return nil, model.Problems{{File: req.Name, Reason: fmt.Sprintf("数据状态“%s”无效，须为 preliminary（初步核算）或 final（最终核实） status %q: want preliminary or final", req.Status, req.Status)}}
	}
	inds, err := s.Store.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	regions, err := s.Store.Regions(ctx)
	if err != nil {
		return nil, err
	}
	if req.Region == "" {
		req.Region = s.SoleRegion(ctx)
	}
	opt := actuals.Options{Name: req.Name, Sheet: req.Sheet, Region: req.Region, Indicators: inds,
		Regions: regions, NewRegion: req.NewRegion, Strict: req.Strict}
	if regions == nil {
		opt.Regions = []string{} // no region yet: every region is new
	}
	if req.Path != "" {
		return actuals.ReadFile(req.Path, opt)
	}
	return actuals.Read(req.Data, opt)
}

// Save stores a validated file as one batch, atomically.
func (s *Service) Save(ctx context.Context, f *actuals.File, req LoadRequest) (model.LoadResult, error) {
	if req.Status == "" {
		req.Status = model.Final
	}
	src := req.Source
	if src == "" {
		src = f.Name
	}
	b := model.Batch{File: f.Name, SHA256: f.SHA256, Source: src, Status: req.Status, Illustrative: req.Illustrative}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	res, err := s.Store.LoadActuals(ctx, f.Observations, b, req.DryRun, req.Progress)
	if err != nil {
		return res, fmt.Errorf("load %s: %w", f.Name, err)
	}
	return res, nil
}

// Load reads, validates and stores one file.
func (s *Service) Load(ctx context.Context, req LoadRequest) (*actuals.File, model.LoadResult, error) {
	f, err := s.Read(ctx, req)
	if err != nil {
		return nil, model.LoadResult{}, err
	}
	res, err := s.Save(ctx, f, req)
	return f, res, err
}

// AddAlias records a clerk's choice that a name in the bureau's files means
// an indicator, so that next year's file loads without asking. It is a
// write, queued behind loads.
func (s *Service) AddAlias(ctx context.Context, alias, code string) error {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	return s.Store.AddAlias(ctx, alias, code)
}
