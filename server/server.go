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
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/store"
)

// Server serves one database.
type Server struct {
	Store     *store.Store
	Theme     *charts.Theme
	AuthReads bool  // reads need a token too
	MaxUpload int64 // bytes; default 32 MiB
	// loadMu serialises loads: DuckDB allows one writer at a time, and a
	// queue is kinder than a write conflict.
	loadMu sync.Mutex
}

// Handler routes the API and the pages.
func (s *Server) Handler() http.Handler {
	if s.MaxUpload == 0 {
		s.MaxUpload = 32 << 20
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
	mux.Handle("POST /api/upload", s.auth(true, s.apiUpload))
	mux.Handle("GET /{$}", read(s.pageOverview))
	mux.Handle("GET /target/{id}", read(s.pageTarget))
	mux.Handle("GET /upload", read(s.pageUpload))
	mux.Handle("POST /upload", http.HandlerFunc(s.pageUploadPost))
	return securityHeaders(mux)
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

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(tok)
	}
	return ""
}

// auth checks the bearer token: always for writes, for reads when
// AuthReads is set. 401 without a valid token.
func (s *Server) auth(write bool, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if write || s.AuthReads {
			role, err := s.Store.TokenRole(r.Context(), bearer(r))
			if err != nil {
				httpError(w, http.StatusInternalServerError, err.Error())
				return
			}
			if role == "" {
				w.Header().Set("WWW-Authenticate", `Bearer realm="plangap"`)
				httpError(w, http.StatusUnauthorized, "a valid bearer token is needed (plangap token create --role bureau)")
				return
			}
		}
		h(w, r)
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
	regions, _ := s.regions(r.Context())
	if len(regions) == 1 {
		return regions[0]
	}
	return ""
}

func (s *Server) regions(ctx context.Context) ([]string, error) {
	plans, err := s.Store.Plans(ctx)
	if err != nil {
		return nil, err
	}
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

// config reads ?method=, ?year= and ?as_of=.
func config(r *http.Request) (analysis.Config, store.AsOf, error) {
	cfg := analysis.DefaultConfig()
	q := r.URL.Query()
	if m := q.Get("method"); m != "" {
		mm, err := analysis.ParseMethod(m)
		if err != nil {
			return cfg, store.AsOf{}, err
		}
		cfg.Method = mm
	}
	if y := q.Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1949 || n > 2200 {
			return cfg, store.AsOf{}, errors.New("year: want a year such as 2024")
		}
		cfg.Year = n
	}
	at, err := store.ParseAsOf(q.Get("as_of"))
	return cfg, at, err
}

func (s *Server) analyse(r *http.Request, f store.TargetFilter) ([]analysis.Input, []analysis.Row, analysis.Config, error) {
	cfg, at, err := config(r)
	if err != nil {
		return nil, nil, cfg, err
	}
	f.Region = s.regionOf(r)
	ins, err := s.Store.Inputs(r.Context(), f, at)
	if err != nil {
		return nil, nil, cfg, err
	}
	return ins, analysis.AnalyseAll(ins, cfg), cfg, nil
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
	PerIndicator  []store.IndicatorSummary `json:"per_indicator"`
}

// load validates and stores an uploaded file: the same path as the CLI.
func (s *Server) load(r *http.Request, name string, data []byte, source, status, region string) (UploadResult, error) {
	ctx := r.Context()
	inds, err := s.Store.Indicators(ctx)
	if err != nil {
		return UploadResult{}, err
	}
	if region == "" {
		region = s.regionOf(r)
	}
	if status == "" {
		status = "final"
	}
	if status != "final" && status != "preliminary" {
		return UploadResult{}, model.Problems{{File: name, Reason: "status: want preliminary or final"}}
	}
	f, err := actuals.Read(data, actuals.Options{Name: name, Region: region, Indicators: inds})
	if err != nil {
		return UploadResult{}, err
	}
	if source == "" {
		source = name
	}
	b := store.Batch{File: name, SHA256: f.SHA256, Source: source, Status: status,
		Illustrative: store.SaysIllustrative(source)}
	s.loadMu.Lock()
	res, err := s.Store.LoadActuals(ctx, f, b, false, nil)
	s.loadMu.Unlock()
	if err != nil {
		return UploadResult{}, err
	}
	return UploadResult{File: name, Layout: f.Layout, Batch: res.Batch.ID, Read: res.Batch.RowsRead, Inserted: res.Batch.Inserted,
		Revised: res.Batch.Revised, Unchanged: res.Batch.Unchanged, AlreadyLoaded: res.AlreadyLoaded, PerIndicator: res.PerIndicator}, nil
}

// readUpload takes the multipart file field "file", within the size limit.
// The client's file name is reduced to its base name: it labels the batch
// and is never used as a path.
func (s *Server) readUpload(w http.ResponseWriter, r *http.Request) (name string, data []byte, status int, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxUpload)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", nil, http.StatusRequestEntityTooLarge, errors.New("upload larger than the limit")
		}
		return "", nil, http.StatusBadRequest, errors.New("want a multipart form with a file field named file")
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return "", nil, http.StatusBadRequest, errors.New("want a multipart form with a file field named file")
	}
	defer file.Close()
	data, err = io.ReadAll(file)
	if err != nil {
		return "", nil, http.StatusRequestEntityTooLarge, errors.New("upload larger than the limit")
	}
	name = filepath.Base(strings.ReplaceAll(hdr.Filename, "\\", "/"))
	if name == "." || name == "/" || name == "" || strings.HasPrefix(name, "..") {
		name = "upload"
	}
	return name, data, 0, nil
}

func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) {
	name, data, status, err := s.readUpload(w, r)
	if err != nil {
		httpError(w, status, err.Error())
		return
	}
	res, err := s.load(r, name, data, r.FormValue("source"), r.FormValue("status"), r.FormValue("region"))
	var probs model.Problems
	switch {
	case errors.As(err, &probs):
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "the file was not loaded", "problems": probs})
	case err != nil:
		httpError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, http.StatusOK, res)
	}
}
