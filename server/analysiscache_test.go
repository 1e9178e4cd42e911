package server

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
)

// TestAnalysisCacheNarrowsAsTheStoreFilters checks that a narrow query
// answered from the cached whole-region analysis gives the rows the store's
// own filter gives, for each kind of filter.
func TestAnalysisCacheNarrowsAsTheStoreFilters(t *testing.T) {
	ctx := context.Background()
	svc := exampleService(t)
	srv := &Server{Store: svc}
	srv.Handler()
	for _, f := range []model.TargetFilter{
		{}, {ID: "6"}, {Headline: true}, {Department: "工业"}, {Plan: "guanxian-2023-2025"}, {Headline: true, Department: "发展改革"}, {ID: "nope"},
	} {
		q := app.Query{Filter: f}
		q.Config.Method = "schedule"
		got, err := srv.analysisOf(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := svc.Analyse(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var g, w bytes.Buffer
		app.WriteGapJSON(&g, got.Rows)
		app.WriteGapJSON(&w, want.Rows)
		if g.String() != w.String() {
			t.Errorf("filter %+v: %d rows from the cache, %d from the store, or they differ", f, len(got.Rows), len(want.Rows))
		}
		if f.ID == "" && f.Department == "" && !f.Headline && len(got.Rows) != 117 {
			t.Errorf("filter %+v: %d rows, want the 117 targets", f, len(got.Rows))
		}
	}
	if srv.analyses.runs != 1 {
		t.Errorf("%d analyses of one region at one data version, want 1", srv.analyses.runs)
	}
}

// TestAnalysisCacheSeesWrites checks that an upload gives a new data
// version: /api/gap shows the new figure at once.
func TestAnalysisCacheSeesWrites(t *testing.T) {
	ts, _, tok := newServer(t)
	retail := func() string {
		_, body := get(t, ts.URL+"/api/gap?id=6")
		var rows []map[string]any
		if err := json.Unmarshal([]byte(body), &rows); err != nil || len(rows) != 1 {
			t.Fatalf("/api/gap?id=6: %v %s", err, body)
		}
		a, _ := rows[0]["actual"].(string)
		return a
	}
	if a := retail(); a != "" {
		t.Fatalf("before any load, target 6's actual is %q", a)
	}
	if code, body := upload(t, ts.URL, tok, "good.csv", goodFile); code != 200 {
		t.Fatalf("upload: %d %s", code, body)
	}
	// 452800 万元 is stored in the indicator's unit, 亿元.
	if a := retail(); a != "45.28" {
		t.Errorf("after the upload, target 6's actual is %q, want 45.28 (亿元, 2024)", a)
	}
	if code, body := upload(t, ts.URL, tok, "more.csv", strings.Replace(goodFile, "2024,452800", "2024,452900", 1)); code != 200 {
		t.Fatalf("upload: %d %s", code, body)
	}
	if a := retail(); a != "45.29" {
		t.Errorf("after a revision, target 6's actual is %q, want 45.29", a)
	}
}
