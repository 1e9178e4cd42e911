package server

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/plangap/plangap/model"
)

// fileCacheTTL is how long a refused upload waits for its alias step.
const fileCacheTTL = 30 * time.Minute

// fileCacheMaxBytes bounds the memory refused uploads may hold.
const fileCacheMaxBytes = 256 << 20

// fileCache keeps refused uploads for a short while, keyed by their
// SHA-256, so that after the alias step the same file is loaded again
// without being sent again.
type fileCache struct {
	mu    sync.Mutex
	items map[string]cachedFile
	bytes int
	now   func() time.Time
}

type cachedFile struct {
	received
	expires time.Time
}

func newFileCache() *fileCache {
	return &fileCache{items: map[string]cachedFile{}, now: time.Now}
}

// put keeps u and returns its key, the hex SHA-256 of its content.
func (c *fileCache) put(u received) string {
	sum := sha256.Sum256(u.Data)
	key := hex.EncodeToString(sum[:])
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire()
	if old, ok := c.items[key]; ok {
		c.bytes -= len(old.Data)
	}
	// Oldest first out while over the bound.
	for c.bytes+len(u.Data) > fileCacheMaxBytes && len(c.items) > 0 {
		oldest := ""
		for k, f := range c.items {
			if oldest == "" || f.expires.Before(c.items[oldest].expires) {
				oldest = k
			}
		}
		c.bytes -= len(c.items[oldest].Data)
		delete(c.items, oldest)
	}
	c.items[key] = cachedFile{received: u, expires: c.now().Add(fileCacheTTL)}
	c.bytes += len(u.Data)
	return key
}

// get returns the file kept under key, if it has not expired.
func (c *fileCache) get(key string) (received, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.expire()
	f, ok := c.items[key]
	return f.received, ok
}

func (c *fileCache) expire() {
	now := c.now()
	for k, f := range c.items {
		if now.After(f.expires) {
			c.bytes -= len(f.Data)
			delete(c.items, k)
		}
	}
}

// unknownName is a name in a refused file that no indicator answers to,
// with the indicators it may mean, likeliest first.
type unknownName struct {
	Name        string
	Suggestions []suggestion
}

type suggestion struct {
	Code, Name, Unit string
}

// maxUnknownNames bounds the alias step's table.
const maxUnknownNames = 50

// unknownNames collects the names the loader refused as unknown
// indicators, each with every indicator as a choice, ranked by how many
// characters its name and aliases share with the file's name.
func (s *Server) unknownNames(r *http.Request, probs model.Problems) []unknownName {
	var names []string
	seen := map[string]bool{}
	for _, p := range probs {
		name := strings.TrimSpace(p.Value)
		if !strings.HasPrefix(p.Reason, "unknown indicator") || name == "" || seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, name)
		if len(names) == maxUnknownNames {
			break
		}
	}
	if len(names) == 0 {
		return nil
	}
	inds, err := s.Store.Indicators(r.Context())
	if err != nil {
		s.logf("%s: indicators: %v", r.URL.Path, err)
		return nil
	}
	var out []unknownName
	for _, name := range names {
		out = append(out, unknownName{Name: name, Suggestions: rankIndicators(name, inds)})
	}
	return out
}

// rankIndicators orders every indicator by likeness to name.
func rankIndicators(name string, inds map[string]model.Indicator) []suggestion {
	type scored struct {
		suggestion
		score int
	}
	var all []scored
	for _, ind := range inds {
		best := 0
		for _, n := range append([]string{ind.NameZh, ind.Code}, ind.Aliases...) {
			best = max(best, shared(name, n))
		}
		all = append(all, scored{suggestion{ind.Code, ind.NameZh, ind.Unit}, best})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score > all[j].score
		}
		return all[i].Code < all[j].Code
	})
	out := make([]suggestion, len(all))
	for i, a := range all {
		out[i] = a.suggestion
	}
	return out
}

// shared counts the distinct characters two names have in common.
func shared(a, b string) int {
	in := map[rune]bool{}
	for _, r := range a {
		in[r] = true
	}
	n := 0
	for _, r := range b {
		if in[r] {
			n++
			delete(in, r)
		}
	}
	return n
}
