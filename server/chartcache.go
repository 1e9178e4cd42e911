package server

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/plangap/plangap/model"
)

// maxCachedCharts bounds the cache; a new data version empties it.
const maxCachedCharts = 512

// chartCache renders each chart once per data version. Rendering a chart
// takes a core for a while: many requests for the same chart share one
// rendering (singleflight), the result is kept until the data change, and
// at most GOMAXPROCS renderings run at once so the rest of the server
// stays responsive.
type chartCache struct {
	sem     chan struct{}
	group   singleflight.Group
	mu      sync.Mutex
	version string
	items   map[string][]byte
	renders int // renderings done, for tests
}

func newChartCache() *chartCache {
	return &chartCache{sem: make(chan struct{}, runtime.GOMAXPROCS(0)), items: map[string][]byte{}}
}

// get returns the chart for key at this data version, rendering it if no
// one has yet.
func (c *chartCache) get(version, key string, render func() ([]byte, error)) ([]byte, error) {
	c.mu.Lock()
	if c.version != version {
		c.version, c.items = version, map[string][]byte{}
	}
	b, ok := c.items[key]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	v, err, _ := c.group.Do(version+"\x00"+key, func() (any, error) {
		// A flight that ended between this request's look and its Do
		// left the chart here: look again first.
		c.mu.Lock()
		b, ok := c.items[key]
		ok = ok && c.version == version
		c.mu.Unlock()
		if ok {
			return b, nil
		}
		c.sem <- struct{}{}
		defer func() { <-c.sem }()
		b, err := render()
		c.mu.Lock()
		defer c.mu.Unlock()
		c.renders++
		if err == nil && c.version == version && len(c.items) < maxCachedCharts {
			c.items[key] = b
		}
		return b, err
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

// defaultVersionTTL is how long a reading of the database's state stands
// for it unless Server.VersionTTL says otherwise. The server's own writes
// give a new version at once (its write counter is part of the version and
// forces a new reading); another writer is seen within the TTL, though
// while serve holds the file DuckDB lets no other process write it.
const defaultVersionTTL = time.Second

// versionTTL is the server's TTL: VersionTTL, its default when zero, none
// (read every time) when negative.
func (s *Server) versionTTL() time.Duration {
	if s.VersionTTL == 0 {
		return defaultVersionTTL
	}
	return max(s.VersionTTL, 0)
}

// dbState is one reading of what the data version is made of.
type dbState struct {
	version string
	plans   []model.Plan
	writes  int64 // the server's write count when it was read
	read    time.Time
}

// state returns the database's state, reading it again when the server
// has written since or the reading is older than the TTL. Concurrent
// requests share one reading, so 200 requests at once cost two queries.
func (s *Server) state(ctx context.Context) (*dbState, error) {
	w := s.writes.Load()
	s.stateMu.Lock()
	st := s.lastState
	s.stateMu.Unlock()
	if st != nil && st.writes == w && time.Since(st.read) < s.versionTTL() {
		return st, nil
	}
	v, err, _ := s.stateGroup.Do(strconv.FormatInt(w, 10), func() (any, error) {
		st, err := s.readState(context.WithoutCancel(ctx), w)
		if err != nil {
			return nil, err
		}
		s.stateMu.Lock()
		if s.lastState == nil || s.lastState.writes <= st.writes {
			s.lastState = st
		}
		s.stateMu.Unlock()
		return st, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*dbState), nil
}

// readState names the state of the data: the server's count of writes,
// the latest batch and the number of batches (the database's load
// counter, which any writer moves), and the stored plans. Any load or
// plan change gives a new version, so a cached analysis or chart is never
// stale.
func (s *Server) readState(ctx context.Context, writes int64) (*dbState, error) {
	st := &dbState{writes: writes, read: time.Now()}
	bs, err := s.Store.Batches(ctx)
	if err != nil {
		return nil, err
	}
	last := 0
	for _, b := range bs {
		last = max(last, b.ID)
	}
	if st.plans, err = s.Store.Plans(ctx); err != nil {
		return nil, err
	}
	h := fnv.New64a()
	for _, p := range st.plans {
		fmt.Fprintf(h, "%s|%s|%s|%s|%d|%d|%d\n", p.Region, p.Code, p.Title, p.Parent, p.PeriodStart, p.PeriodEnd, p.BaseYear)
	}
	st.version = fmt.Sprintf("w%d-b%d-n%d-p%x", writes, last, len(bs), h.Sum64())
	return st, nil
}

// dataVersion names the state of the data analyses and charts are drawn
// from; the analysis and chart caches are keyed by it.
func (s *Server) dataVersion(ctx context.Context) (string, error) {
	st, err := s.state(ctx)
	if err != nil {
		return "", err
	}
	return st.version, nil
}

// chartKey is what makes two chart requests the same: every query
// parameter (sorted) and the region the request resolves to.
func (s *Server) chartKey(r *http.Request, what string) string {
	return what + "?" + r.URL.Query().Encode() + "#" + s.regionOf(r)
}
