package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/plangap/plangap/app"

	"github.com/plangap/plangap/fillin"
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

// unknownNames collects the names no indicator answers to in a refused
// file — refused as unknown, or skipped as indicators no target uses
// (read again strictly to find them) — each with every indicator as a
// choice, ranked by how many characters its name and aliases share with
// the file's name.
func (s *Server) unknownNames(r *http.Request, u received, probs model.Problems) []unknownName {
	if _, err := s.app().Read(r.Context(), app.LoadRequest{Name: u.Name, Data: u.Data, Region: u.Fields["region"],
		Status: model.Final, NewRegion: true, Strict: true}); err != nil {
		var strict model.Problems
		if errors.As(err, &strict) {
			probs = append(probs, strict...)
		}
	}
	var names []string
	seen := map[string]bool{}
	for _, p := range probs {
		name := strings.TrimSpace(p.Value)
		if !strings.Contains(p.Reason, "unknown indicator") || name == "" || seen[name] {
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

// rankIndicators orders every indicator by likeness to name: the Dice
// coefficient of their distinct characters, best over the indicator's
// name, code and aliases, so a short name beats a long one that merely
// contains the same characters.
func rankIndicators(name string, inds map[string]model.Indicator) []suggestion {
	type scored struct {
		suggestion
		score float64
	}
	var all []scored
	for _, ind := range inds {
		best := 0.0
		for _, n := range append([]string{ind.NameZh, ind.Code}, ind.Aliases...) {
			best = max(best, likeness(name, n))
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

// likeness is 2·|A∩B| / (|A|+|B|) over the names' distinct characters.
func likeness(a, b string) float64 {
	set := func(s string) map[rune]bool {
		m := map[rune]bool{}
		for _, r := range s {
			m[r] = true
		}
		return m
	}
	as, bs := set(a), set(b)
	if len(as)+len(bs) == 0 {
		return 0
	}
	n := 0
	for r := range as {
		if bs[r] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(as)+len(bs))
}

// pageAliasPost is the alias step: it saves each chosen name as an alias
// of the indicator picked for it, then loads the kept file again.
func (s *Server) pageAliasPost(w http.ResponseWriter, r *http.Request) {
	p := s.base(r, "上传 upload")
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		s.uploadFailed(w, r, p, readError(err))
		return
	}
	if err := s.authorizeForm(r, map[string]string{"csrf": r.PostForm.Get("csrf"), "token": r.PostForm.Get("token")}); err != nil {
		s.uploadFailed(w, r, p, err)
		return
	}
	u, ok := s.files.get(r.PostForm.Get("sha256"))
	if !ok {
		s.uploadFailed(w, r, p, &requestError{http.StatusGone,
			"文件已过期或未找到，请重新上传 the file has expired or is unknown; upload it again"})
		return
	}
	if reg := u.Fields["region"]; reg != "" {
		p.Region = reg
	}
	aliases, codes := r.PostForm["alias"], r.PostForm["code"]
	if len(aliases) != len(codes) {
		s.uploadFailed(w, r, p, badRequest("别名与指标数目不符 aliases and indicators do not pair up"))
		return
	}
	ctx := app.WithActor(r.Context(), "web upload")
	added := 0
	var saved []string
	for i, alias := range aliases {
		if codes[i] == "" {
			continue
		}
		err := s.app().AddAlias(ctx, alias, codes[i])
		s.writes.Add(1)
		var taken *app.AliasTakenError
		switch {
		case errors.As(err, &taken):
			s.uploadFailed(w, r, p, badRequest("%s", taken.Error()))
			return
		case errors.Is(err, app.ErrNotFound):
			s.uploadFailed(w, r, p, badRequest("没有指标 %q no indicator %q", codes[i], codes[i]))
			return
		case err != nil:
			s.uploadFailed(w, r, p, err)
			return
		}
		added++
		saved = append(saved, alias+" → "+codes[i])
	}
	if added == 0 {
		s.uploadFailed(w, r, p, badRequest("没有选择任何指标 no indicator was chosen for any name"))
		return
	}
	p.Notice = "已保存别名 aliases saved: " + strings.Join(saved, "，") + "（plangap alias list）"
	s.loadForPage(w, r, p, u)
}

// template serves the fill-in workbook (填报模板) for the request's
// region's plan: the file "plangap load" and the upload read back.
func (s *Server) template(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	region := s.regionOf(r)
	if region == "" {
		s.fail(w, r, badRequest("有多个地区，请加 ?region= several regions: add ?region="))
		return
	}
	plans, err := s.Store.Plans(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var match []model.Plan
	for _, p := range plans {
		if p.Region == region && (r.URL.Query().Get("plan") == "" || p.Code == r.URL.Query().Get("plan")) {
			match = append(match, p)
		}
	}
	switch {
	case len(match) == 0:
		s.fail(w, r, fmt.Errorf("plan for region %q: %w", region, app.ErrNotFound))
		return
	case len(match) > 1:
		s.fail(w, r, badRequest("地区“%s”有多个规划，请加 ?plan= region %s has several plans: add ?plan=", region, region))
		return
	}
	p := match[0]
	from, to := p.BaseYear-2, p.PeriodEnd
	for name, v := range map[string]*int{"from": &from, "to": &to} {
		if q := r.URL.Query().Get(name); q != "" {
			n, err := strconv.Atoi(q)
			if err != nil {
				s.fail(w, r, badRequest("%s: want a year such as 2020", name))
				return
			}
			*v = n
		}
	}
	ts, err := s.Store.Targets(ctx, model.TargetFilter{Region: p.Region, Plan: p.Code, Lean: true})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Whole workbook first: an error must not follow a half-sent file.
	var b bytes.Buffer
	if err := fillin.Write(&b, p, ts, from, to); err != nil {
		s.fail(w, r, invalid(err))
		return
	}
	name := "填报模板-" + p.Region + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Write(b.Bytes())
}
