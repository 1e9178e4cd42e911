package server

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
)

// maxCachedAnalyses bounds the cache: one entry per (region, method,
// thresholds, report year, month, as-of) asked for; a new data version
// empties it.
const maxCachedAnalyses = 64

// analysisCache keeps one analysis per data version and query. It
// analyses a whole region once and answers narrower queries (one target,
// the headline targets, a department, a plan) by filtering its rows in
// memory: each row is computed from its own target and series alone, so
// the filtered rows are the rows a narrower analysis would give. Many
// requests for the same analysis share one computation (singleflight), so
// 200 requests at once read the database and analyse once.
type analysisCache struct {
	group   singleflight.Group
	mu      sync.Mutex
	version string
	items   map[string]*app.Analysis
	runs    int // analyses computed, for tests
	// targets holds each region's targets with their long texts (source
	// text, deadline, participating departments), which analyses leave
	// out, for the pages that show them.
	targets map[string][]model.Target
}

func newAnalysisCache() *analysisCache {
	return &analysisCache{items: map[string]*app.Analysis{}, targets: map[string][]model.Target{}}
}

// regionKey is what makes two queries' whole-region analyses the same:
// everything but the target filter, which is applied afterwards.
func regionKey(q app.Query) string {
	at := ""
	if !q.AsOf.Time.IsZero() {
		at = q.AsOf.Time.UTC().Format(time.RFC3339Nano)
	}
	// fmt prints maps in key order, so equal thresholds print alike.
	return fmt.Sprintf("%q|%q|%d|%d|%v|%v|%d|%s", q.Filter.Region, q.Config.Method, q.Config.Year, q.Config.Month,
		q.Config.NoProjections, q.Config.Thresholds, q.AsOf.Batch, at)
}

// get returns the analysis of q at this data version, computing the
// whole region's analysis if no one has yet.
func (c *analysisCache) get(version string, q app.Query, compute func(app.Query) (*app.Analysis, error)) (*app.Analysis, error) {
	key := regionKey(q)
	c.mu.Lock()
	c.renew(version)
	whole, ok := c.items[key]
	c.mu.Unlock()
	if !ok {
		v, err, _ := c.group.Do(version+"\x00"+key, func() (any, error) {
			// A flight that ended between this request's look and
			// its Do left the analysis here: look again first.
			if a, ok := c.cached(version, key); ok {
				return a, nil
			}
			wq := q
			wq.Filter = model.TargetFilter{Region: q.Filter.Region}
			a, err := compute(wq)
			c.mu.Lock()
			defer c.mu.Unlock()
			c.runs++
			if err == nil && c.version == version && len(c.items) < maxCachedAnalyses {
				c.items[key] = a
			}
			return a, err
		})
		if err != nil {
			return nil, err
		}
		whole = v.(*app.Analysis)
	}
	return narrow(whole, q), nil
}

// cached is the analysis kept for key at version, if any.
func (c *analysisCache) cached(version, key string) (*app.Analysis, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.items[key]
	return a, ok && c.version == version
}

// renew empties the cache for a new data version; c.mu is held.
func (c *analysisCache) renew(version string) {
	if c.version != version {
		c.version, c.items, c.targets = version, map[string]*app.Analysis{}, map[string][]model.Target{}
	}
}

// fullTargets returns the targets f selects, with their long texts, read
// once per data version and region.
func (c *analysisCache) fullTargets(version string, f model.TargetFilter, read func(region string) ([]model.Target, error)) ([]model.Target, error) {
	c.mu.Lock()
	c.renew(version)
	ts, ok := c.targets[f.Region]
	c.mu.Unlock()
	if !ok {
		v, err, _ := c.group.Do(version+"\x00targets\x00"+f.Region, func() (any, error) {
			c.mu.Lock()
			ts, ok := c.targets[f.Region]
			ok = ok && c.version == version
			c.mu.Unlock()
			if ok {
				return ts, nil
			}
			ts, err := read(f.Region)
			c.mu.Lock()
			defer c.mu.Unlock()
			if err == nil && c.version == version && len(c.targets) < maxCachedAnalyses {
				c.targets[f.Region] = ts
			}
			return ts, err
		})
		if err != nil {
			return nil, err
		}
		ts = v.([]model.Target)
	}
	var out []model.Target
	for _, t := range ts {
		if selects(f, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// narrow keeps the rows q's filter selects, in their order, in a new
// slice: callers may sort their rows, and the cached ones are shared.
func narrow(whole *app.Analysis, q app.Query) *app.Analysis {
	out := &app.Analysis{Query: q}
	for _, r := range whole.Rows {
		if selects(q.Filter, r.Target) {
			out.Rows = append(out.Rows, r)
		}
	}
	return out
}

// selects is the store's target filter (store.targetsFrom) applied in
// memory; the region is part of the cache key.
func selects(f model.TargetFilter, t model.Target) bool {
	if f.Region != "" && t.Region != f.Region || f.Plan != "" && t.PlanCode != f.Plan ||
		f.Headline && !t.Headline || f.ID != "" && t.ID != f.ID {
		return false
	}
	if f.Department == "" {
		return true
	}
	for _, d := range t.LeadDepartments {
		if strings.Contains(d, f.Department) {
			return true
		}
	}
	return false
}

// analysisOf answers q from the analysis cache. The computation is shared
// with other requests: it must not end when this client goes away.
func (s *Server) analysisOf(ctx context.Context, q app.Query) (*app.Analysis, error) {
	version, err := s.dataVersion(ctx)
	if err != nil {
		return nil, err
	}
	shared := context.WithoutCancel(ctx)
	return s.analyses.get(version, q, func(wq app.Query) (*app.Analysis, error) {
		return s.app().Analyse(shared, wq)
	})
}

// targetsOf returns the targets f selects with their long texts, from the
// cache.
func (s *Server) targetsOf(ctx context.Context, f model.TargetFilter) ([]model.Target, error) {
	version, err := s.dataVersion(ctx)
	if err != nil {
		return nil, err
	}
	shared := context.WithoutCancel(ctx)
	return s.analyses.fullTargets(version, f, func(region string) ([]model.Target, error) {
		return s.Store.Targets(shared, model.TargetFilter{Region: region})
	})
}

// plans returns the stored plans as of the current data version.
func (s *Server) plans(ctx context.Context) ([]model.Plan, error) {
	st, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	return st.plans, nil
}
