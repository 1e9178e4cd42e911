package server

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"runtime"
	"sync"

	"golang.org/x/sync/singleflight"
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

// dataVersion names the state of the data a chart is drawn from: the
// server's own count of writes (it is the only writer while it serves),
// the latest batch, and the stored plans. Any load or plan change gives a
// new version, so a cached chart is never stale.
func (s *Server) dataVersion(ctx context.Context) (string, error) {
	bs, err := s.Store.Batches(ctx)
	if err != nil {
		return "", err
	}
	last := 0
	for _, b := range bs {
		last = max(last, b.ID)
	}
	plans, err := s.Store.Plans(ctx)
	if err != nil {
		return "", err
	}
	h := fnv.New64a()
	for _, p := range plans {
		fmt.Fprintf(h, "%s|%s|%s|%d|%d|%d\n", p.Region, p.Code, p.Title, p.PeriodStart, p.PeriodEnd, p.BaseYear)
	}
	return fmt.Sprintf("w%d-b%d-n%d-p%x", s.writes.Load(), last, len(bs), h.Sum64()), nil
}

// chartKey is what makes two chart requests the same: every query
// parameter (sorted) and the region the request resolves to.
func (s *Server) chartKey(r *http.Request, what string) string {
	return what + "?" + r.URL.Query().Encode() + "#" + s.regionOf(r)
}
