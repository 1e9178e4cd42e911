package app

import (
	"context"
	"fmt"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/store"
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
	c, err := s.readContext(ctx)
	if err != nil {
		return nil, err
	}
	return c.read(req, nil)
}

// readContext is what reading files checks against: the stored catalogue
// and regions, fetched once for all the files of a load.
type readContext struct {
	inds    map[string]model.Indicator
	regions []string
	sole    string // the only region with a plan, or ""
}

func (s *Service) readContext(ctx context.Context) (*readContext, error) {
	inds, err := s.Store.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	regions, err := s.Store.Regions(ctx)
	if err != nil {
		return nil, err
	}
	if regions == nil {
		regions = []string{} // no region yet: every region is new
	}
	return &readContext{inds: inds, regions: regions, sole: s.SoleRegion(ctx)}, nil
}

// read parses and validates one file; sink, if not nil, receives the
// observations instead of File.Observations.
func (c *readContext) read(req LoadRequest, sink func(model.Observation) error) (*actuals.File, error) {
	if req.Status == "" {
		req.Status = model.Final
	}
	if req.Status != model.Final && req.Status != model.Preliminary {
		return nil, model.Problems{{File: req.Name, Reason: fmt.Sprintf("数据状态“%s”无效，须为 preliminary（初步核算）或 final（最终核实） status %q: want preliminary or final", req.Status, req.Status)}}
	}
	if req.Region == "" {
		req.Region = c.sole
	}
	opt := actuals.Options{Name: req.Name, Sheet: req.Sheet, Region: req.Region, Indicators: c.inds,
		Regions: c.regions, NewRegion: req.NewRegion, Strict: req.Strict, Sink: sink}
	if req.Path != "" {
		return actuals.ReadFile(req.Path, opt)
	}
	return actuals.Read(req.Data, opt)
}

// batch is the batch a validated file becomes.
func (req LoadRequest) batch(f *actuals.File) model.Batch {
	if req.Status == "" {
		req.Status = model.Final
	}
	src := req.Source
	if src == "" {
		src = f.Name
	}
	return model.Batch{File: f.Name, SHA256: f.SHA256, Source: src, Status: req.Status, Illustrative: req.Illustrative}
}

// Save stores a validated file as one batch, atomically.
func (s *Service) Save(ctx context.Context, f *actuals.File, req LoadRequest) (model.LoadResult, error) {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	res, err := s.Store.LoadActuals(ctx, f.Observations, req.batch(f), req.DryRun, req.Progress)
	if err != nil {
		return res, fmt.Errorf("load %s: %w", f.Name, err)
	}
	return res, nil
}

// Load reads, validates and stores one file, streaming its values into
// the store as they are validated.
func (s *Service) Load(ctx context.Context, req LoadRequest) (*actuals.File, model.LoadResult, error) {
	files, results, err := s.LoadFiles(ctx, []LoadRequest{req})
	if err != nil {
		return nil, model.LoadResult{}, err
	}
	return files[0], results[0], nil
}

// LoadFiles reads, validates and stores several files, one batch each, in
// one transaction: if any file has a problem, nothing of any file is
// stored, and the problems of every file come back as model.Problems. A
// file's values stream from the reader into the store as they are
// validated, so memory stays bounded however long the files are; the
// Observations of the files returned are empty (File.Values counts them).
// The load is a dry run when the first request says so.
func (s *Service) LoadFiles(ctx context.Context, reqs []LoadRequest) ([]*actuals.File, []model.LoadResult, error) {
	if len(reqs) == 0 {
		return nil, nil, nil
	}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	c, err := s.readContext(ctx)
	if err != nil {
		return nil, nil, err
	}
	dryRun := reqs[0].DryRun
	ld, err := s.Store.BeginLoad(ctx, dryRun)
	if err != nil {
		return nil, nil, err
	}
	defer ld.Rollback()
	var (
		files  []*actuals.File
		staged []*store.Staged
		all    model.Problems
	)
	for _, req := range reqs {
		if len(all) > 0 {
			// Nothing will be stored: validate only, to list every problem.
			if _, err := c.read(req, nil); err != nil {
				if probs, ok := err.(model.Problems); ok {
					all = append(all, probs...)
					continue
				}
				return nil, nil, err
			}
			continue
		}
		status := req.Status
		if status == "" {
			status = model.Final
		}
		if err := ld.StartBatch(status, req.Progress); err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", req.Name, err)
		}
		f, err := c.read(req, ld.Add)
		if probs, ok := err.(model.Problems); ok {
			all = append(all, probs...)
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", req.Name, err)
		}
		st, err := ld.StageDone()
		if err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", f.Name, err)
		}
		files, staged = append(files, f), append(staged, st)
	}
	if len(all) > 0 {
		return nil, nil, all
	}
	// Every file is staged and valid: store them, one batch each, in
	// the order given.
	results := make([]model.LoadResult, len(files))
	for i, f := range files {
		res, err := ld.StoreBatch(staged[i], reqs[i].batch(f))
		if err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", f.Name, err)
		}
		results[i] = res
	}
	if err := ld.Commit(); err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	return files, results, nil
}

// AddAlias records a clerk's choice that a name in the bureau's files means
// an indicator, so that next year's file loads without asking. It is a
// write, queued behind loads.
func (s *Service) AddAlias(ctx context.Context, alias, code string) error {
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	return s.Store.AddAlias(ctx, alias, code)
}
