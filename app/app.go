// Package app holds plangap's use cases — load a file, analyse with
// options, draw a figure, assemble a report — written once, so that the
// command line and the web server do the same thing for the same request.
// cli holds only flags and printing; server holds only HTTP. Neither
// reaches the store but through a Service.
package app

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/store"
)

// Service runs the use cases on one database. The store's reads (plans,
// targets, batches, history, tokens …) are reached through it.
type Service struct {
	*store.Store
	// loadMu serialises writes: DuckDB allows one writer at a time, and a
	// queue is kinder than a write conflict.
	loadMu sync.Mutex
}

// New returns a service over an open store.
func New(s *store.Store) *Service { return &Service{Store: s} }

// The store's errors and roles, for callers that word them.
var (
	ErrNotFound   = store.ErrNotFound
	ErrPlanExists = store.ErrPlanExists
	ErrNotEmpty   = store.ErrNotEmpty
	ErrAliasTaken = store.ErrAliasTaken
	ErrReadOnly   = store.ErrReadOnly
)

// Roles of API tokens.
const (
	RoleBureau = store.RoleBureau
	RoleAdmin  = store.RoleAdmin
)

type (
	// UnknownBatchError is the store's error for an as-of batch never loaded.
	UnknownBatchError = store.UnknownBatchError
	// AliasTakenError says which indicator already has the alias.
	AliasTakenError = store.AliasTakenError
)

// WithActor records who makes a change, for the alias history.
func WithActor(ctx context.Context, who string) context.Context { return store.WithActor(ctx, who) }

// Open opens (creating if needed) the database at path. A writable
// database holding no plan gets the embedded default plan, so every
// command works on a fresh file or on :memory:; notice, if not nil, is
// told so.
func Open(ctx context.Context, path string, notice func(string)) (*Service, error) {
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	svc := New(s)
	if err := svc.ensureDefaultPlan(ctx, notice); err != nil {
		s.Close()
		return nil, err
	}
	return svc, nil
}

// OpenAsIs opens the database at path without adding the default plan:
// an import restores into a database that must stay empty until then.
func OpenAsIs(ctx context.Context, path string) (*Service, error) {
	s, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return New(s), nil
}

func (s *Service) ensureDefaultPlan(ctx context.Context, notice func(string)) error {
	plans, err := s.Plans(ctx)
	if err != nil || len(plans) > 0 || s.ReadOnly {
		return err
	}
	c, err := datasets.DefaultPlan()
	if err != nil {
		return err
	}
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		return err
	}
	if notice != nil {
		notice(fmt.Sprintf("新数据库已载入默认规划 new database %s: loaded the default plan %s (%s)", s.Path, c.Plan.Code, c.Plan.Region))
	}
	return nil
}

// SoleRegion is the one region with a plan, or "" when there are none or
// several (the caller must then ask which).
func (s *Service) SoleRegion(ctx context.Context) string {
	plans, err := s.Plans(ctx)
	if err != nil {
		return ""
	}
	return SoleRegionOf(plans)
}

// SoleRegionOf is SoleRegion for plans already read.
func SoleRegionOf(plans []model.Plan) string {
	region := ""
	for _, p := range plans {
		if region != "" && p.Region != region {
			return ""
		}
		region = p.Region
	}
	return region
}

// ChoiceError says a request fits several plans or regions; the front end
// words how to choose (a flag, a URL parameter).
type ChoiceError struct {
	What    string   // "plan" or "region"
	Choices []string // what is stored
}

func (e *ChoiceError) Error() string {
	if e.What == "region" {
		return fmt.Sprintf("存在于多个地区，请指定地区（%s） exists in several regions; choose one (%s)", strings.Join(e.Choices, "、"), strings.Join(e.Choices, ", "))
	}
	return fmt.Sprintf("有多个规划，请指定地区或规划（%s） several plans match; choose one region or plan (stored: %s)", strings.Join(e.Choices, "、"), strings.Join(e.Choices, ", "))
}

// ErrorCode makes the choice an invalid request.
func (e *ChoiceError) ErrorCode() model.Code { return model.Invalid }
