// Package app holds plangap's use cases — load a file, analyse with
// options, draw a figure, assemble a report — written once, so that the
// command line and the web server do the same thing for the same request.
// cli holds only flags and printing; server holds only HTTP.
package app

import (
	"context"
	"sync"

	"github.com/plangap/plangap/store"
)

// Service runs the use cases on one database.
type Service struct {
	Store *store.Store
	// loadMu serialises loads: DuckDB allows one writer at a time, and a
	// queue is kinder than a write conflict.
	loadMu sync.Mutex
}

// New returns a service over an open store.
func New(s *store.Store) *Service { return &Service{Store: s} }

// SoleRegion is the one region with a plan, or "" when there are none or
// several (the caller must then ask which).
func (s *Service) SoleRegion(ctx context.Context) string {
	plans, err := s.Store.Plans(ctx)
	if err != nil {
		return ""
	}
	region := ""
	for _, p := range plans {
		if region != "" && p.Region != region {
			return ""
		}
		region = p.Region
	}
	return region
}
