package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/plangap/plangap/app"

	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/store"
)

// newServer serves a fresh in-memory database with the default plan.
func newServer(t *testing.T) (*httptest.Server, *store.Store, string) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := datasets.DefaultPlan()
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	tok, err := s.CreateToken(ctx, store.RoleBureau, "test")
	if err != nil {
		t.Fatal(err)
	}
	th, err := charts.NewTheme("zh", "")
	if errors.Is(err, charts.ErrNoCJKFont) {
		th, _ = charts.NewTheme("en", "")
	}
	ts := httptest.NewServer((&Server{Store: app.New(s), Theme: th, VersionTTL: -1}).Handler())
	t.Cleanup(func() { ts.Close(); s.Close() })
	return ts, s, tok
}

// exampleService is a throw-away database with the default plan and its
// illustrative example data, as "plangap run" makes it.
func exampleService(t *testing.T) *app.Service {
	t.Helper()
	ctx := context.Background()
	svc, err := app.Open(ctx, ":memory:", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	if _, _, err := svc.LoadExamples(ctx); err != nil {
		t.Fatal(err)
	}
	return svc
}

func upload(t *testing.T, url, token, name, content string) (int, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("new_region", "true") // the tests' synthetic regions are new on purpose
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	req, _ := http.NewRequest("POST", url+"/api/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

const goodFile = "指标,年份,数值,单位\n社会消费品零售总额,2022,386520,万元\n社会消费品零售总额,2023,421300,万元\n社会消费品零售总额,2024,452800,万元\n"

func TestUploadAuthValidationAndLoad(t *testing.T) {
	ts, _, tok := newServer(t)
	if code, _ := upload(t, ts.URL, "", "good.csv", goodFile); code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", code)
	}
	if code, _ := upload(t, ts.URL, "pg_wrong", "good.csv", goodFile); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d, want 401", code)
	}
	bad := "指标,年份,数值,单位\n5G基站数量,2023,abc,个\n常住人口城镇化率,2023,44,%\n5G基站总数,2023,1,个\n常住人口城镇化率,1800,44,%\n"
	code, body := upload(t, ts.URL, tok, "bad.csv", bad)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: %d %s", code, body)
	}
	var refusal struct {
		Problems []struct {
			Row    int    `json:"row"`
			Column string `json:"column"`
			Reason string `json:"reason"`
		} `json:"problems"`
	}
	json.Unmarshal(body, &refusal)
	if len(refusal.Problems) != 3 {
		t.Errorf("%d problems, want all 3: %s", len(refusal.Problems), body)
	}
	_, acts := get(t, ts.URL+"/api/actuals")
	if strings.TrimSpace(acts) != "[]" {
		t.Errorf("a refused file left values: %s", acts)
	}
	code, body = upload(t, ts.URL, tok, "../../etc/good.csv", goodFile)
	if code != http.StatusOK || !strings.Contains(string(body), `"inserted": 3`) {
		t.Fatalf("good file: %d %s", code, body)
	}
	_, batches := get(t, ts.URL+"/api/batches")
	if !strings.Contains(batches, `"file": "good.csv"`) {
		t.Errorf("the upload's path was not reduced to its base name: %s", batches)
	}
	// The new values show in the gap and on the dashboard.
	_, gap := get(t, ts.URL+"/api/gap")
	if !strings.Contains(gap, `"actual": "45.28"`) {
		t.Error("uploaded value missing from /api/gap")
	}
	code, page := get(t, ts.URL+"/")
	if code != 200 || !strings.Contains(page, "45.28 (2024)") {
		t.Errorf("dashboard: %d, value shown: %v", code, strings.Contains(page, "45.28"))
	}
	code, page = get(t, ts.URL+"/target/6")
	if code != 200 || !strings.Contains(page, "<svg") || !strings.Contains(page, "到2025年社会消费品零售总额达到50亿元") {
		t.Errorf("target page: %d", code)
	}
	// The path table is the page's table tab.
	if code, page = get(t, ts.URL+"/target/6?tab=table"); code != 200 || !strings.Contains(page, `id="path"`) {
		t.Errorf("target page, table tab: %d", code)
	}
}

func TestReadEndpoints(t *testing.T) {
	ts, _, tok := newServer(t)
	upload(t, ts.URL, tok, "good.csv", goodFile)
	for path, want := range map[string]string{
		"/api/targets?headline=true":          `"name_zh": "社会消费品零售总额"`,
		"/api/gap?method=eurostat":            `"method": "eurostat"`,
		"/api/path/6":                         `"path": "geometric"`,
		"/api/history/retail_sales":           `"value": "42.13"`,
		"/api/actuals?indicator=社会消费品零售总额":    `"value": "38.652"`,
		"/api/chart?kind=trajectory&target=6": "<svg",
		"/api/chart?kind=progress&format=png": "PNG",
		"/api/chart?kind=heatmap":             "<svg",
		"/upload":                             `id="upload"`,
	} {
		code, body := get(t, ts.URL+path)
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, lacks %q", path, code, want)
		}
	}
	for path, want := range map[string]int{"/api/path/nope": 404, "/api/gap?method=astrology": 400, "/api/chart?kind=pie": 400} {
		if code, _ := get(t, ts.URL+path); code != want {
			t.Errorf("GET %s: %d, want %d", path, code, want)
		}
	}
}

func TestAuthReads(t *testing.T) {
	ctx := context.Background()
	s, _ := store.Open(ctx, ":memory:")
	defer s.Close()
	th, _ := charts.NewTheme("en", "")
	ts := httptest.NewServer((&Server{Store: app.New(s), Theme: th, AuthReads: true}).Handler())
	defer ts.Close()
	if code, _ := get(t, ts.URL+"/api/targets"); code != 401 {
		t.Errorf("read without token under --auth-reads: %d", code)
	}
}

func TestUploadSizeLimit(t *testing.T) {
	ctx := context.Background()
	s, _ := store.Open(ctx, ":memory:")
	defer s.Close()
	tok, _ := s.CreateToken(ctx, store.RoleBureau, "")
	th, _ := charts.NewTheme("en", "")
	ts := httptest.NewServer((&Server{Store: app.New(s), Theme: th, MaxUpload: 1024}).Handler())
	defer ts.Close()
	code, _ := upload(t, ts.URL, tok, "big.csv", strings.Repeat("x", 4096))
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized upload: %d, want 413", code)
	}
}
