package server

import (
	"net/http"
	"os"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
)

// The endpoints below let the command line work beside a running server:
// while serve holds the database (DuckDB lets one process open it), the
// CLI's read commands ask these and print what they print locally.

// ServerInfo is GET /api/server: what the CLI checks before it trusts a
// lock note (locknote) naming this server.
type ServerInfo struct {
	Plangap bool   `json:"plangap"` // always true: this is a plangap server
	Version string `json:"version"`
	PID     int    `json:"pid"`
	DB      string `json:"db"`   // the database file as serve opened it
	Lang    string `json:"lang"` // the charts' label language
}

func (s *Server) apiServer(w http.ResponseWriter, r *http.Request) {
	lang := ""
	if s.Theme != nil {
		lang = s.Theme.Lang
	}
	writeJSON(w, http.StatusOK, ServerInfo{Plangap: true, Version: s.Version, PID: os.Getpid(), DB: s.Store.Path, Lang: lang})
}

// apiInputs is GET /api/inputs: the analysis inputs of a query (each
// target with its series, exact values as strings), from the analysis
// cache. The CLI analyses them with its own options, so it prints what it
// would print on the database itself.
func (s *Server) apiInputs(w http.ResponseWriter, r *http.Request) {
	q, err := s.query(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.analysisOf(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ins := a.Inputs()
	if ins == nil {
		ins = []model.TargetSeries{}
	}
	writeJSON(w, http.StatusOK, ins)
}

func (s *Server) apiIndicator(w http.ResponseWriter, r *http.Request) {
	ind, err := s.Store.ResolveIndicator(r.Context(), r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, app.IndicatorJSONOf(ind))
}

// PlanJSON is one plan of GET /api/plans.
type PlanJSON struct {
	Code        string `json:"code"`
	Region      string `json:"region"`
	Title       string `json:"title"`
	DocNo       string `json:"doc_no"`
	PeriodStart int    `json:"period_start"`
	PeriodEnd   int    `json:"period_end"`
	BaseYear    int    `json:"base_year"`
	Parent      string `json:"parent"`
}

func (s *Server) apiPlans(w http.ResponseWriter, r *http.Request) {
	plans, err := s.plans(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]PlanJSON, len(plans))
	for i, p := range plans {
		out[i] = PlanJSON{Code: p.Code, Region: p.Region, Title: p.Title, DocNo: p.DocNo, PeriodStart: p.PeriodStart,
			PeriodEnd: p.PeriodEnd, BaseYear: p.BaseYear, Parent: p.Parent}
	}
	writeJSON(w, http.StatusOK, out)
}

// targetFilter reads GET /api/targets' filter: region (default the only
// one), plan, headline, department and id.
func (s *Server) targetFilter(r *http.Request) model.TargetFilter {
	v := r.URL.Query()
	return model.TargetFilter{Region: s.regionOf(r), Plan: v.Get("plan"), Headline: v.Get("headline") == "true",
		Department: v.Get("department"), ID: v.Get("id")}
}

// apiRevisions is GET /api/revisions: every revision of a region's values
// (exact values as strings), which the CLI beside the server needs to mark
// preliminary figures on the charts it draws.
func (s *Server) apiRevisions(w http.ResponseWriter, r *http.Request) {
	revs, err := s.Store.Revisions(r.Context(), r.URL.Query().Get("region"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if revs == nil {
		revs = []model.Revision{}
	}
	writeJSON(w, http.StatusOK, revs)
}
