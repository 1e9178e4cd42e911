// Package server is plangap's HTTP side: a JSON API for targets, actuals,
// gaps, paths, batches, history and charts; uploads of statistics files
// with the same validation as "plangap load"; and a server-rendered web
// dashboard. One process owns the DuckDB file; DuckDB's transactions let
// reads go on while a load runs, and make each load atomic to readers.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
)

// Server serves one database.
type Server struct {
	Store     *app.Service
	Theme     *charts.Theme
	AuthReads bool  // reads need a token or a signed-in user too
	MaxUpload int64 // bytes; default 32 MiB

	// Version is plangap's version, for GET /api/server.
	Version string
	// VersionTTL is how long one reading of the data version stands when
	// the server has not written: 0 means one second; negative means the
	// version is read for every request (for tests that write to the
	// store behind the server's back).
	VersionTTL time.Duration
	// Logf receives what a client must not see: the detail of a 500.
	// Default log.Printf.
	Logf func(format string, args ...any)
	// InsecureCookie drops the session cookie's Secure attribute, for
	// plain HTTP on a LAN (browsers keep Secure cookies only over HTTPS
	// or on localhost).
	InsecureCookie bool

	svc  *app.Service
	once sync.Once
	// writes counts the server's own writes, part of the data version the
	// chart cache is keyed by.
	writes atomic.Int64
	charts *chartCache
	files  *fileCache
	// signins slows down repeated failed sign-ins; sessions keeps the
	// sessions seen in the last seconds.
	signins  *throttle
	sessions *sessionCache
	// analyses keeps one analysis per data version and query.
	analyses *analysisCache
	// The latest reading of the data version (chartcache.go).
	stateMu    sync.Mutex
	lastState  *dbState
	stateGroup singleflight.Group
}

// app returns the use cases over the server's database.
func (s *Server) app() *app.Service { return s.Store }

// Handler routes the API and the pages.
func (s *Server) Handler() http.Handler {
	if s.MaxUpload == 0 {
		s.MaxUpload = 32 << 20
	}
	if s.charts == nil {
		s.charts = newChartCache()
	}
	if s.files == nil {
		s.files = newFileCache()
	}
	if s.signins == nil {
		s.signins, s.sessions = newThrottle(), newSessionCache()
	}
	if s.analyses == nil {
		s.analyses = newAnalysisCache()
	}
	mux := http.NewServeMux()
	read := func(h http.HandlerFunc) http.Handler { return s.auth(false, h) }
	mux.Handle("GET /api/targets", read(s.apiTargets))
	mux.Handle("GET /api/actuals", read(s.apiActuals))
	mux.Handle("GET /api/gap", read(s.apiGap))
	mux.Handle("GET /api/path/{id}", read(s.apiPath))
	mux.Handle("GET /api/batches", read(s.apiBatches))
	mux.Handle("GET /api/history/{indicator}", read(s.apiHistory))
	mux.Handle("GET /api/chart", read(s.apiChart))
	mux.Handle("GET /api/report", read(s.apiReport))
	mux.Handle("POST /api/upload", s.auth(true, s.apiUpload))
	mux.Handle("GET /api/server", http.HandlerFunc(s.apiServer))
	mux.Handle("GET /api/inputs", read(s.apiInputs))
	mux.Handle("GET /api/indicators/{name}", read(s.apiIndicator))
	mux.Handle("GET /api/plans", read(s.apiPlans))
	mux.Handle("GET /api/revisions", read(s.apiRevisions))
	mux.Handle("GET /{$}", read(s.pageOverview))
	mux.Handle("GET /target/{id}", read(s.pageTarget))
	mux.Handle("GET /upload", s.auth(true, s.pageUpload))
	// A signed-in form carries its CSRF token, an anonymous one a token,
	// in a field: pageUploadPost checks it before it reads the file.
	mux.Handle("POST /upload", s.auth(true, s.pageUploadPost))
	mux.Handle("POST /upload/alias", s.auth(true, s.pageAliasPost))
	mux.Handle("GET /template.xlsx", read(s.template))
	mux.Handle("GET /signin", http.HandlerFunc(s.pageSignIn))
	mux.Handle("POST /signin", http.HandlerFunc(s.pageSignInPost))
	mux.Handle("POST /signout", http.HandlerFunc(s.pageSignOut))
	return securityHeaders(mux)
}

func (s *Server) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// NewHTTPServer wraps the handler with timeouts.
func (s *Server) NewHTTPServer(addr string) *http.Server {
	return &http.Server{Addr: addr, Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 2 * time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'")
		h.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func httpError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// regionOf picks the request's region: ?region=, else the only region.
func (s *Server) regionOf(r *http.Request) string {
	if reg := r.URL.Query().Get("region"); reg != "" {
		return reg
	}
	st, err := s.state(r.Context())
	if err != nil {
		return ""
	}
	return app.SoleRegionOf(st.plans)
}

func (s *Server) regions(ctx context.Context) ([]string, error) {
	st, err := s.state(ctx)
	if err != nil {
		return nil, err
	}
	plans := st.plans
	seen := map[string]bool{}
	var out []string
	for _, p := range plans {
		if !seen[p.Region] {
			seen[p.Region] = true
			out = append(out, p.Region)
		}
	}
	return out, nil
}

// query reads the analysis options from the URL with app.ParseQuery, the
// same function the CLI's flags go through; the region defaults to the
// only one.
func (s *Server) query(r *http.Request) (app.Query, error) {
	v := r.URL.Query()
	q, err := app.ParseQuery(func(name string) (string, bool) {
		if v.Has(name) {
			return v.Get(name), true
		}
		if alt := strings.ReplaceAll(name, "-", "_"); v.Has(alt) {
			return v.Get(alt), true
		}
		return "", false
	})
	if err != nil {
		return q, invalid(err)
	}
	if q.Filter.Region == "" {
		q.Filter.Region = s.regionOf(r)
	}
	return q, nil
}

func (s *Server) analyse(r *http.Request, f model.TargetFilter) ([]analysis.Input, []analysis.Row, analysis.Config, error) {
	q, err := s.query(r)
	if err != nil {
		return nil, nil, q.Config, err
	}
	if f.ID != "" {
		q.Filter.ID = f.ID
	}
	if f.Headline {
		q.Filter.Headline = true
	}
	res, err := s.analysisOf(r.Context(), q)
	if err != nil {
		return nil, nil, q.Config, err
	}
	return res.Inputs(), res.Rows, q.Config, nil
}

// UploadResult is the answer to a successful upload.
type UploadResult struct {
	File          string                   `json:"file"`
	Layout        string                   `json:"layout"`
	Batch         int                      `json:"batch"`
	Read          int                      `json:"read"`
	Inserted      int                      `json:"inserted"`
	Revised       int                      `json:"revised"`
	Unchanged     int                      `json:"unchanged"`
	AlreadyLoaded int                      `json:"already_loaded,omitempty"`
	PerIndicator  []model.IndicatorSummary `json:"per_indicator"`
}

// received is a file as received, with the form's fields.
type received struct {
	Name   string
	Data   []byte
	Fields map[string]string
}

// flag reads a checkbox or API field: on, true, yes or 1.
func (u received) flag(name string) bool {
	switch strings.ToLower(strings.TrimSpace(u.Fields[name])) {
	case "on", "true", "yes", "1":
		return true
	}
	return false
}

// load validates and stores an uploaded file: the same path as the CLI.
// Whether the values are illustrative is the uploader's explicit answer
// (the illustrative field), never guessed from the source text.
func (s *Server) load(r *http.Request, u received) (UploadResult, error) {
	ctx := r.Context()
	// API clients may give the fields in the query string instead.
	for _, k := range []string{"region", "status", "source", "illustrative", "new_region", "strict"} {
		if u.Fields[k] == "" && r.URL.Query().Has(k) {
			u.Fields[k] = r.URL.Query().Get(k)
		}
	}
	region := u.Fields["region"]
	if region == "" {
		region = s.regionOf(r)
	}
	req := app.LoadRequest{Name: u.Name, Data: u.Data, Region: region, Source: u.Fields["source"], Status: u.Fields["status"],
		Illustrative: u.flag("illustrative"), NewRegion: u.flag("new_region"), Strict: u.flag("strict")}
	f, res, err := s.app().Load(ctx, req)
	s.writes.Add(1)
	if err != nil {
		return UploadResult{}, err
	}
	return UploadResult{File: u.Name, Layout: f.Layout, Batch: res.Batch.ID, Read: res.Batch.RowsRead, Inserted: res.Batch.Inserted,
		Revised: res.Batch.Revised, Unchanged: res.Batch.Unchanged, AlreadyLoaded: res.AlreadyLoaded, PerIndicator: res.PerIndicator}, nil
}

// maxField bounds a form field other than the file.
const maxField = 64 << 10

// readUpload streams the multipart form part by part, within the size
// limit. Small fields come first; before the first byte of the file is
// read, authorize (if not nil) judges the fields seen so far, so a request
// without a valid token never has its file read. The client's file name
// is reduced to its base name: it labels the batch and is never a path.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request, authorize func(fields map[string]string) error) (received, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return received{}, badRequest("需要含 file 字段的 multipart 表单 want a multipart form with a file field named file")
	}
	u := received{Fields: map[string]string{}}
	gotFile := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return received{}, readError(err)
		}
		if part.FormName() == "file" && !gotFile {
			if authorize != nil {
				if err := authorize(u.Fields); err != nil {
					return received{}, err
				}
				authorize = nil
			}
			if u.Data, err = io.ReadAll(part); err != nil {
				return received{}, readError(err)
			}
			u.Name, gotFile = baseName(part.FileName()), true
			continue
		}
		v, err := io.ReadAll(io.LimitReader(part, maxField+1))
		if err != nil {
			return received{}, readError(err)
		}
		if len(v) > maxField {
			return received{}, badRequest("表单字段 %q 过长 form field %q too long", part.FormName(), part.FormName())
		}
		u.Fields[part.FormName()] = string(v)
	}
	if authorize != nil {
		if err := authorize(u.Fields); err != nil {
			return received{}, err
		}
	}
	if !gotFile {
		return received{}, badRequest("需要含 file 字段的 multipart 表单 want a multipart form with a file field named file")
	}
	return u, nil
}

// readError tells an upload over the limit from a broken request.
func readError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLarge()
	}
	return badRequest("上传中断或格式错误 upload cut short or malformed: %v", err)
}

// baseName keeps only the last element of a client's file name.
func baseName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "." || name == "/" || name == "" || strings.HasPrefix(name, "..") {
		return "upload"
	}
	return name
}

// apiUpload loads a file; the auth wrapper has checked the token before
// this reads the body.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) {
	u, err := s.readUpload(w, r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.load(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
