package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"

	"github.com/xuri/excelize/v2"
)

func TestAliasStepSavesAndReloadsTheSameFile(t *testing.T) {
	srv, h, tok := handlerServer(t)
	// 全县社消零总额 is a made-up short name for 社会消费品零售总额.
	file := "指标,年份,数值,单位\n全县社消零总额,2023,421300,万元\n全县社消零总额,2024,452800,万元\n"
	body, ct := multipartBody([][2]string{{"token", tok}, {"region", "冠县"}}, "yearbook.csv", []byte(file))
	req := httptest.NewRequest("POST", "/upload", body)
	req.Header.Set("Content-Type", ct)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	page := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="aliases"`) {
		t.Fatalf("refused upload: %d, alias table shown: %v", rec.Code, strings.Contains(page, `id="aliases"`))
	}
	if n := strings.Count(page, `name="alias" value="全县社消零总额"`); n != 1 {
		t.Errorf("the unknown name is offered %d times, want once", n)
	}
	// The likeliest indicator comes first in the select.
	first := regexp.MustCompile(`<option value="">[^<]*</option><option value="([a-z0-9_]+)">`).FindStringSubmatch(page)
	if first == nil || first[1] != "retail_sales" {
		t.Errorf("first suggestion %v, want retail_sales", first)
	}
	sha := regexp.MustCompile(`name="sha256" value="([0-9a-f]{64})"`).FindStringSubmatch(page)
	if sha == nil {
		t.Fatal("no file key in the alias form")
	}
	post := func(form url.Values) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/upload/alias", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	form := url.Values{"sha256": {sha[1]}, "alias": {"全县社消零总额"}, "code": {"retail_sales"}}
	if rec := post(form); rec.Code != http.StatusUnauthorized {
		t.Errorf("alias without a token: %d, want 401", rec.Code)
	}
	form.Set("token", tok)
	bad := url.Values{"sha256": {strings.Repeat("0", 64)}, "alias": {"x"}, "code": {"retail_sales"}, "token": {tok}}
	if rec := post(bad); rec.Code != http.StatusGone {
		t.Errorf("unknown file key: %d, want 410", rec.Code)
	}
	rec = post(form)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "已导入为批次 1") {
		t.Fatalf("alias step: %d %s", rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
	}
	acts, err := srv.Store.Actuals(context.Background(), "冠县", "retail_sales", model.AsOf{})
	if err != nil || len(acts) != 2 || acts[1].Value.String() != "45.28" {
		t.Errorf("values after the alias step: %v %v", acts, err)
	}
}

func TestTemplateDownload(t *testing.T) {
	_, h, _ := handlerServer(t)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/template.xlsx", nil))
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Fatalf("template: %d %q", rec.Code, rec.Header().Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetName(0))
	found := false
	for _, r := range rows {
		found = found || strings.Contains(strings.Join(r, ","), "社会消费品零售总额")
	}
	if !found {
		t.Error("the template lacks the indicator 社会消费品零售总额")
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/template.xlsx?from=2030&to=2020", nil))
	if rec.Code != 400 {
		t.Errorf("bad years: %d, want 400", rec.Code)
	}
}
