package server

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/excelcsv"
	"github.com/plangap/plangap/store"
)

// fetch GETs a URL and returns the status, the headers and the body.
func fetch(t *testing.T, u string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// targetRows returns the IDs of the overview's target table, in order.
var rowRE = regexp.MustCompile(`<tr><th scope="row"><a href="(/target/[^"]+)">([^<]+)</a>`)

func overviewTargets(t *testing.T, page string) (ids, hrefs []string) {
	t.Helper()
	for _, m := range rowRE.FindAllStringSubmatch(page, -1) {
		hrefs = append(hrefs, strings.ReplaceAll(m[1], "&amp;", "&"))
		ids = append(ids, m[2])
	}
	return ids, hrefs
}

// catalogueCount counts the default plan's targets by hand-checkable
// columns of its CSV, independently of the server.
func catalogueCount(t *testing.T, keep func(rec map[string]string) bool) int {
	t.Helper()
	rd := csv.NewReader(bytes.NewReader(datasets.GuanxianCSV))
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		if keep(m) {
			n++
		}
	}
	return n
}

func TestOverviewFilters(t *testing.T) {
	ts, st, _ := newServer(t)
	loadExamples(t, st)
	_, all := get(t, ts.URL+"/")
	ids, _ := overviewTargets(t, all)
	total := catalogueCount(t, func(map[string]string) bool { return true })
	if len(ids) != total || total != 117 {
		t.Fatalf("unfiltered overview: %d rows, the plan has %d targets", len(ids), total)
	}
	// The gap rows, to check the status filter against.
	var gap []struct {
		ID     string `json:"target_id"`
		Status string `json:"status"`
	}
	_, body := get(t, ts.URL+"/api/gap")
	if err := json.Unmarshal([]byte(body), &gap); err != nil || len(gap) != total {
		t.Fatalf("gap: %v, %d rows", err, len(gap))
	}
	lagging := 0
	for _, g := range gap {
		if g.Status == "lagging" {
			lagging++
		}
	}
	for _, c := range []struct {
		query string
		want  int
		each  string // text every row's page shows
	}{
		{"chapter=" + url.QueryEscape("生态"), catalogueCount(t, func(m map[string]string) bool { return m["chapter"] == "生态" }), ""},
		{"department=" + url.QueryEscape("县工业和信息化局"), catalogueCount(t, func(m map[string]string) bool {
			return strings.Contains(m["lead_department"], "县工业和信息化局")
		}), "县工业和信息化局"},
		{"status=lagging", lagging, "滞后"},
		{"attribute=unstated", total, ""},
		{"attribute=binding", 0, ""},
		{"q=6", 1, ""},
		{"q=" + url.QueryEscape("城镇化"), catalogueCount(t, func(m map[string]string) bool { return strings.Contains(m["name_zh"], "城镇化") }), ""},
		{"q=" + url.QueryEscape("urbani"), catalogueCount(t, func(m map[string]string) bool {
			return strings.Contains(strings.ToLower(m["name_en"]), "urbani")
		}), ""},
		{"chapter=" + url.QueryEscape("生态") + "&department=" + url.QueryEscape("县生态环境局"), catalogueCount(t, func(m map[string]string) bool {
			return m["chapter"] == "生态" && strings.Contains(m["lead_department"], "县生态环境局")
		}), "县生态环境局"},
	} {
		code, page := get(t, ts.URL+"/?"+c.query)
		ids, _ := overviewTargets(t, page)
		if code != 200 || len(ids) != c.want {
			t.Errorf("/?%s: %d, %d rows, want %d", c.query, code, len(ids), c.want)
		}
		if c.want == 0 && !strings.Contains(page, `id="no-targets"`) {
			t.Errorf("/?%s: no rows and no message", c.query)
		}
		if c.each != "" && strings.Count(page, c.each) < len(ids) {
			t.Errorf("/?%s: %q shows %d times for %d rows", c.query, c.each, strings.Count(page, c.each), len(ids))
		}
		// The gap download holds the rows shown.
		_, _, b := fetch(t, ts.URL+"/api/gap?format=csv&"+c.query)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(excelcsv.BOM)))).ReadAll()
		if err != nil || len(recs)-1 != c.want {
			t.Errorf("gap CSV for %s: %v, %d rows, want %d", c.query, err, len(recs)-1, c.want)
		}
	}
	// The search by ID finds target 6 exactly, not 16 or 26.
	_, page := get(t, ts.URL+"/?q=6")
	if ids, _ := overviewTargets(t, page); len(ids) != 1 || ids[0] != "6" {
		t.Errorf("search for ID 6: %v", ids)
	}
	// The filter form keeps its choices.
	_, page = get(t, ts.URL+"/?department="+url.QueryEscape("县工业和信息化局"))
	if !strings.Contains(page, `<option value="县工业和信息化局" selected>`) {
		t.Error("the department chosen is not selected in the form")
	}
}

func TestOverviewLanguage(t *testing.T) {
	ts, st, _ := newServer(t)
	loadExamples(t, st)
	_, zh := get(t, ts.URL+"/")
	if !strings.Contains(zh, `<html lang="zh-CN">`) || !strings.Contains(zh, "全部目标") || !strings.Contains(zh, `<a href="/?lang=en&amp;region=%E5%86%A0%E5%8E%BF" lang="en" id="lang-switch">English</a>`) {
		t.Error("the Chinese overview lacks its language, headings or the switch to English")
	}
	code, en := get(t, ts.URL+"/?lang=en&chapter="+url.QueryEscape("生态"))
	if code != 200 || !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "all targets") && !strings.Contains(en, "targets selected") {
		t.Fatalf("English overview: %d", code)
	}
	if strings.Contains(en, "全部目标") || !strings.Contains(en, "moving away") && !strings.Contains(en, "lagging") {
		t.Error("the English overview still shows Chinese headings or lacks English statuses")
	}
	// Links keep the language and the filters.
	_, hrefs := overviewTargets(t, en)
	if len(hrefs) == 0 || !strings.Contains(hrefs[0], "lang=en") {
		t.Errorf("target links do not keep the language: %v", hrefs)
	}
	if !strings.Contains(en, `<a href="/?chapter=%E7%94%9F%E6%80%81&amp;lang=zh&amp;region=%E5%86%A0%E5%8E%BF" lang="zh" id="lang-switch">中文</a>`) {
		t.Error("the switch back to Chinese is missing")
	}
	code, tp := get(t, ts.URL+hrefs[0])
	if code != 200 || !strings.Contains(tp, "status under each method") || !strings.Contains(tp, "lang=zh") {
		t.Errorf("English target page: %d", code)
	}
	// A language chosen once is remembered for links that do not carry it.
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.AddCookie(&http.Cookie{Name: langCookie, Value: "en"})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `<html lang="en">`) {
		t.Error("the remembered language is not used")
	}
}

// importRegions adds to the default plan (冠县, now under 聊城市) a copy
// of it for 聊城市 and the national plan (全国): three regions, two of
// them in one branch of the tree.
func importRegions(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	c, _ := datasets.DefaultPlan()
	city := c.Plan
	city.Code, city.Region, city.Title = "liaocheng-copy", "聊城市", "聊城市（测试副本）"
	var targets = c.Targets
	for i := range targets {
		targets[i].Region, targets[i].PlanCode = city.Region, city.Code
	}
	if _, err := st.ImportPlan(ctx, city, targets, false); err != nil {
		t.Fatal(err)
	}
	c, _ = datasets.DefaultPlan()
	c.Plan.Parent = "聊城市"
	if _, err := st.ImportPlan(ctx, c.Plan, c.Targets, true); err != nil {
		t.Fatal(err)
	}
	n, err := datasets.NationalPlan()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportPlan(ctx, n.Plan, n.Targets, false); err != nil {
		t.Fatal(err)
	}
}

// With several regions and none chosen, the overview lists every
// region's targets, and every link names its row's region (it was
// "/target/6?region=", a 400).
func TestOverviewSeveralRegionsLinks(t *testing.T) {
	ts, st, _ := newServer(t)
	importRegions(t, st)
	code, page := get(t, ts.URL+"/")
	if code != 200 {
		t.Fatalf("overview: %d", code)
	}
	if strings.Contains(page, `id="dl-report-html"`) || !strings.Contains(page, "先选择一个地区") {
		t.Error("with no region chosen the report links should ask for one (a report is one region's plan)")
	}
	ids, hrefs := overviewTargets(t, page)
	if len(ids) != 117+117+20 {
		t.Errorf("%d rows, want 254 (two copies of 117 and the national 20)", len(ids))
	}
	seen := map[string]bool{}
	for _, h := range hrefs {
		u, err := url.Parse(h)
		if err != nil || u.Query().Get("region") == "" {
			t.Fatalf("link without a region: %s", h)
		}
		reg := u.Query().Get("region")
		if strings.HasSuffix(u.Path, "/6") && !seen[reg] {
			seen[reg] = true
			if code, p := get(t, ts.URL+h); code != 200 || !strings.Contains(p, reg) {
				t.Errorf("%s: %d", h, code)
			}
		}
	}
	if len(seen) != 3 {
		t.Errorf("target 6 linked in %d regions, want 3", len(seen))
	}
	if code, _ := get(t, ts.URL+"/target/6?region="); code != 400 {
		t.Errorf("target 6 with no region among three: %d, want 400 (which region?)", code)
	}
}

func TestOverviewRegionTree(t *testing.T) {
	ts, st, _ := newServer(t)
	importRegions(t, st)
	nav := func(page string) string {
		i := strings.Index(page, `id="region-nav"`)
		j := strings.Index(page, "</nav>")
		if i < 0 || j < i {
			t.Fatal("no region navigation")
		}
		return page[i:j]
	}
	_, page := get(t, ts.URL+"/?region="+url.QueryEscape("冠县"))
	n := nav(page)
	if !strings.Contains(n, `href="/?lang=zh&amp;region=%E8%81%8A%E5%9F%8E%E5%B8%82">聊城市</a>`) || !strings.Contains(n, `aria-current="page">冠县`) {
		t.Errorf("冠县's navigation lacks its parent 聊城市 or itself: %s", n)
	}
	_, page = get(t, ts.URL+"/?region="+url.QueryEscape("聊城市"))
	if n = nav(page); !strings.Contains(n, "下级地区") || !strings.Contains(n, ">冠县</a>") {
		t.Errorf("聊城市's navigation lacks 冠县 below it: %s", n)
	}
	_, page = get(t, ts.URL+"/")
	if n = nav(page); !strings.Contains(n, ">聊城市</a>") || !strings.Contains(n, ">全国</a>") || strings.Contains(n, ">冠县</a>") {
		t.Errorf("the top of the tree should list 聊城市 and 全国, not 冠县: %s", n)
	}
	// Attributes: the national plan's 约束性 and 预期性 targets.
	_, page = get(t, ts.URL+"/?region="+url.QueryEscape("全国")+"&attribute=binding")
	if ids, _ := overviewTargets(t, page); len(ids) != 8 {
		t.Errorf("national binding targets: %d, want 8", len(ids))
	}
	_, page = get(t, ts.URL+"/?region="+url.QueryEscape("全国")+"&attribute=indicative")
	if ids, _ := overviewTargets(t, page); len(ids) != 12 {
		t.Errorf("national indicative targets: %d, want 12", len(ids))
	}
}

func TestGapDownloads(t *testing.T) {
	ts, st, tok := newServer(t)
	upload(t, ts.URL, tok, "good.csv", goodFile)
	var rows []map[string]any
	_, body := get(t, ts.URL+"/api/gap")
	if err := json.Unmarshal([]byte(body), &rows); err != nil || len(rows) != 117 {
		t.Fatalf("gap JSON: %v, %d rows", err, len(rows))
	}
	_ = st

	code, h, b := fetch(t, ts.URL+"/api/gap?format=csv")
	if code != 200 || h.Get("Content-Type") != typeCSV || !bytes.HasPrefix(b, []byte(excelcsv.BOM)) {
		t.Fatalf("gap CSV: %d %s", code, h.Get("Content-Type"))
	}
	if cd := h.Get("Content-Disposition"); !strings.Contains(cd, `filename="gap.csv"`) ||
		!strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("指标差距-冠县.csv")) {
		t.Errorf("Content-Disposition: %s", cd)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(excelcsv.BOM)))).ReadAll()
	if err != nil || len(recs) != 118 {
		t.Fatalf("gap CSV: %v, %d records", err, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	// Target 6 (社会消费品零售总额): 452800 万元 in 2024 is 45.28 亿元.
	for _, r := range recs[1:] {
		if r[col["id"]] == "6" && (r[col["actual"]] != "45.28" || r[col["year"]] != "2024") {
			t.Errorf("target 6 in the CSV: actual %s in %s, want 45.28 in 2024", r[col["actual"]], r[col["year"]])
		}
	}
	checkAgainstJSON := func(what string, get func(i int, name string) string) {
		for i, r := range rows {
			if got := get(i, "id"); got != r["target_id"] {
				t.Fatalf("%s row %d: id %s, JSON %v", what, i, got, r["target_id"])
			}
			for name, key := range map[string]string{"actual": "actual", "target": "target", "gap": "gap"} {
				want, _ := r[key].(string)
				if got := get(i, name); got != want && !numbersEqual(got, want) {
					t.Errorf("%s target %v %s: %q, JSON %q", what, r["target_id"], name, got, want)
				}
			}
			for name, key := range map[string]string{"completion_share π": "completion_share", "time_share τ": "time_share"} {
				want, ok := r[key].(float64)
				got := get(i, name)
				if !ok && got != "" || ok && !numbersClose(got, want) {
					t.Errorf("%s target %v %s: %q, JSON %v", what, r["target_id"], name, got, r[key])
				}
			}
		}
	}
	checkAgainstJSON("CSV", func(i int, name string) string { return recs[i+1][col[name]] })

	code, h, b = fetch(t, ts.URL+"/api/gap?format=xlsx")
	if code != 200 || h.Get("Content-Type") != typeXLSX {
		t.Fatalf("gap XLSX: %d %s", code, h.Get("Content-Type"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	xrows, err := f.GetRows("指标差距", excelize.Options{RawCellValue: true})
	if err != nil || len(xrows) != 118 {
		t.Fatalf("gap XLSX: %v, %d rows", err, len(xrows))
	}
	checkAgainstJSON("XLSX", func(i int, name string) string {
		r := xrows[i+1]
		if col[name] >= len(r) {
			return ""
		}
		return r[col[name]]
	})
	if code, _, _ := fetch(t, ts.URL+"/api/gap?format=pdf"); code != 400 {
		t.Errorf("format=pdf: %d, want 400", code)
	}
}

func numbersEqual(a, b string) bool {
	var x, y float64
	if _, err := fmt.Sscan(a, &x); err != nil {
		return false
	}
	if _, err := fmt.Sscan(b, &y); err != nil {
		return false
	}
	return x == y
}

func numbersClose(a string, want float64) bool {
	var x float64
	if _, err := fmt.Sscan(a, &x); err != nil {
		return false
	}
	d := x - want
	return d < 1e-5 && d > -1e-5
}

func TestReportDownloads(t *testing.T) {
	ts, st, _ := newServer(t)
	loadExamples(t, st)
	for _, c := range []struct {
		format, ctype, magic string
	}{{"html", typeHTML, "<!DOCTYPE html>"}, {"xlsx", typeXLSX, "PK"}, {"docx", typeDOCX, "PK"}} {
		code, h, b := fetch(t, ts.URL+"/api/report?format="+c.format)
		if code != 200 || h.Get("Content-Type") != c.ctype || !bytes.HasPrefix(bytes.TrimSpace(b), []byte(c.magic)) {
			t.Errorf("report %s: %d %s %q", c.format, code, h.Get("Content-Type"), b[:min(len(b), 40)])
			continue
		}
		if cd := h.Get("Content-Disposition"); !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("中期评估报告-冠县."+c.format)) {
			t.Errorf("report %s: Content-Disposition %s", c.format, cd)
		}
		switch c.format {
		case "html":
			if !strings.Contains(string(b), "社会消费品零售总额") || !strings.Contains(string(b), "冠发〔2023〕5号") {
				t.Error("the HTML report lacks a target or the plan's 文号")
			}
		case "xlsx":
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if sheets := f.GetSheetList(); len(sheets) < 5 || sheets[0] != "汇总" {
				t.Errorf("report workbook sheets: %v", sheets)
			}
		case "docx":
			z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, f := range z.File {
				found = found || f.Name == "word/document.xml"
			}
			if !found {
				t.Error("the DOCX has no word/document.xml")
			}
		}
	}
	if code, _, b := fetch(t, ts.URL+"/api/report?format=html&lang=en"); code != 200 || !strings.Contains(string(b), `lang="en"`) {
		t.Errorf("English report: %d", code)
	}
	if code, _, _ := fetch(t, ts.URL+"/api/report?format=pdf"); code != 400 {
		t.Errorf("report format=pdf: %d, want 400", code)
	}
	// With several regions the report must be told which.
	importRegions(t, st)
	if code, _, b := fetch(t, ts.URL+"/api/report?format=html"); code != 400 || !strings.Contains(string(b), "region") {
		t.Errorf("report without a region among several: %d %s", code, b)
	}
}

// pathCSV fetches a target's data download and returns its records.
func pathCSV(t *testing.T, u string) [][]string {
	t.Helper()
	code, h, b := fetch(t, u)
	if code != 200 || h.Get("Content-Type") != typeCSV {
		t.Fatalf("%s: %d %s", u, code, h.Get("Content-Type"))
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(excelcsv.BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestTargetPage(t *testing.T) {
	ts, st, _ := newServer(t)
	loadExamples(t, st)
	code, page := get(t, ts.URL+"/target/6?region="+url.QueryEscape("冠县"))
	if code != 200 {
		t.Fatalf("target page: %d", code)
	}
	for _, want := range []string{
		// every method, by name
		"时序进度法", "欧盟统计局增速比法", "联合国统计司进展图法", "德国可持续发展指标",
		// π, τ, the gap, the required rate
		"完成进度 π", "时序进度 τ", "差距（尚需）", "所需年均增速",
		// what the plan says
		"牵头部门", "参与部门", "完成时限", "目标年份", "到2025年社会消费品零售总额达到50亿元",
		// the tabs, the chart first, and the downloads
		`id="tab-chart" aria-current="page"`, `id="tab-table"`, `id="tab-history"`, `id="tab-meta"`, "<svg",
		`id="dl-csv"`, `id="dl-xlsx"`, `id="dl-png"`, `id="dl-svg"`,
		// status as shape and text as well as colour
		`class="shape"`, `<th scope="row">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("target page lacks %q", want)
		}
	}
	if n := strings.Count(page, `<tr class="current">`) + strings.Count(page, `<tr>`+"<th scope=\"row\"><a href=\"/target/6?"); n < 4 {
		t.Errorf("%d method rows, want 4", n)
	}
	_, hist := get(t, ts.URL+"/target/6?tab=history")
	// 社会消费品零售总额: 2020–2024 final (batch 1) and 2025 preliminary (batch 2).
	for _, want := range []string{`id="tab-history" aria-current="page"`, "<td class=\"num\">487600</td>", "初步核算", "最终核实", "示例数据"} {
		if !strings.Contains(hist, want) && !strings.Contains(hist, strings.ReplaceAll(want, "487600", "48.76")) {
			t.Errorf("history tab lacks %q", want)
		}
	}
	if strings.Count(hist, "<tr><th scope=\"row\">20") != 6 {
		t.Errorf("history: %d values, want 6 (2020–2025)", strings.Count(hist, "<tr><th scope=\"row\">20"))
	}
	_, meta := get(t, ts.URL+"/target/6?tab=meta")
	for _, want := range []string{"定义", "单位", "亿元", "数据来源", "示例数据 (illustrative, not official)", "是：示例数据"} {
		if !strings.Contains(meta, want) {
			t.Errorf("metadata tab lacks %q", want)
		}
	}
	_, table := get(t, ts.URL+"/target/6?tab=table")
	if !strings.Contains(table, `id="path"`) || !strings.Contains(table, "45.28") {
		t.Error("table tab lacks the path with 45.28 (2024)")
	}

	// The data download: the path year by year, the actuals as loaded
	// (万元 converted to 亿元 exactly).
	recs := pathCSV(t, ts.URL+"/api/path/6?format=csv&region="+url.QueryEscape("冠县"))
	want := map[string]string{"2022": "38.652", "2023": "42.13", "2024": "45.28", "2025": "48.76"}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r[3]
	}
	for y, v := range want {
		if got[y] != v {
			t.Errorf("data CSV %s: actual %q, want %s", y, got[y], v)
		}
	}
	code, h, b := fetch(t, ts.URL+"/api/path/6?format=xlsx")
	if code != 200 || h.Get("Content-Type") != typeXLSX {
		t.Fatalf("data XLSX: %d", code)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	xr, _ := f.GetRows("目标路径", excelize.Options{RawCellValue: true})
	if len(xr) != len(recs)+1 {
		t.Errorf("data XLSX: %d rows, CSV %d (+ title)", len(xr), len(recs))
	}
	for i, r := range recs[1:] {
		x := xr[i+2]
		if len(x) < 4 || x[0] != r[0] || !numbersEqual(x[3], r[3]) && r[3] != "" {
			t.Errorf("data XLSX row %d: %v, CSV %v", i, x, r)
		}
	}
	for _, format := range []string{"png", "svg"} {
		if code, _, b := fetch(t, ts.URL+"/api/chart?kind=trajectory&target=6&format="+format); code != 200 || len(b) < 1000 {
			t.Errorf("chart %s: %d, %d bytes", format, code, len(b))
		}
	}
	// An English page's chart downloads are English.
	_, en := get(t, ts.URL+"/target/6?lang=en")
	i := strings.Index(en, `id="dl-svg"`)
	j := strings.LastIndex(en[:i], `href="`)
	svgURL := strings.ReplaceAll(en[j+len(`href="`):i-2], "&amp;", "&")
	if !strings.Contains(svgURL, "lang=en") {
		t.Errorf("the English page's SVG link has no lang=en: %s", svgURL)
	}
	_, _, zhSVG := fetch(t, ts.URL+"/api/chart?kind=trajectory&target=6&format=svg")
	_, _, enSVG := fetch(t, ts.URL+svgURL)
	if bytes.Contains(enSVG, []byte("社会消费品零售总额")) || !bytes.Contains(enSVG, []byte("retail")) {
		t.Error("the English chart is not in English")
	}
	if _, err := charts.NewTheme("zh", ""); err == nil && !bytes.Contains(zhSVG, []byte("社会消费品零售总额")) {
		t.Error("the Chinese chart lacks the Chinese name")
	}
	// The method switch: the current method's row is marked.
	_, page = get(t, ts.URL+"/target/6?method=eurostat")
	if !strings.Contains(page, `method=eurostat`) || !strings.Contains(page, `aria-current="true">欧盟统计局增速比法`) {
		t.Error("the eurostat row is not marked current")
	}
}

// TestPagesAccessible checks what a screen reader or a keyboard needs:
// a skip link to the main content, header cells with scope, a label on
// every control, and a status given as text with a shape beside colour.
func TestPagesAccessible(t *testing.T) {
	ts, st, _ := newServer(t)
	loadExamples(t, st)
	for _, path := range []string{"/", "/target/6", "/target/6?tab=table", "/target/6?tab=history", "/target/6?tab=meta"} {
		_, page := get(t, ts.URL+path)
		if !strings.Contains(page, `<a class="skip" href="#main">`) || !strings.Contains(page, `<main id="main"`) {
			t.Errorf("%s: no skip link to the main content", path)
		}
		if n := strings.Count(page, "<th>"); n > 0 {
			t.Errorf("%s: %d header cells without scope", path, n)
		}
		if strings.Contains(page, `class="chip"`) {
			t.Errorf("%s: a status shown by colour alone", path)
		}
		// Every select and input (but hidden ones) sits in a label.
		for _, m := range regexp.MustCompile(`(?s)<label>.*?</label>|<(select|input)[^>]*>`).FindAllString(page, -1) {
			if !strings.HasPrefix(m, "<label>") && !strings.Contains(m, `type="hidden"`) {
				t.Errorf("%s: a control without a label: %s", path, m)
			}
		}
	}
}

// A target page answers for every kind of target (milestones, floors,
// cumulative targets, targets with no data yet) on each tab but the
// chart (drawn by the chart tests): one target of each kind.
func TestTargetPageEveryKind(t *testing.T) {
	ts, st, _ := newServer(t)
	loadExamples(t, st)
	recs, err := csv.NewReader(bytes.NewReader(datasets.GuanxianCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	kinds := map[string]bool{}
	for _, r := range recs[1:] {
		kind, id := r[col["kind"]], r[col["id"]]
		if kinds[kind] {
			continue
		}
		kinds[kind] = true
		for _, tab := range []string{"table", "history", "meta"} {
			code, body := get(t, ts.URL+"/target/"+url.PathEscape(id)+"?tab="+tab)
			if code != 200 || !strings.Contains(body, `id="methods"`) || !strings.Contains(body, `id="panel-`+tab+`"`) {
				t.Errorf("target %s (%s) tab %s: %d", id, kind, tab, code)
			}
		}
	}
	if len(kinds) < 5 {
		t.Errorf("only %d kinds in the default plan", len(kinds))
	}
}

// The history tab lists a revised figure newest first, the value in use
// on top: GDP growth for 2021 was published as 8.1, then 8.4, then 8.6
// (README; datasets/cn14/SOURCES.md).
func TestTargetHistoryRevisions(t *testing.T) {
	ts, st, _ := newServer(t)
	if _, err := app.New(st).LoadNational(context.Background()); err != nil {
		t.Fatal(err)
	}
	code, page := get(t, ts.URL+"/target/1?tab=history&region="+url.QueryEscape("全国"))
	if code != 200 {
		t.Fatalf("history: %d", code)
	}
	var y2021 []string
	for _, tr := range strings.Split(page, "<tr")[1:] {
		if strings.Contains(tr, `<th scope="row">2021</th>`) {
			v := tr[strings.Index(tr, `<td class="num">`)+len(`<td class="num">`):]
			y2021 = append(y2021, v[:strings.Index(v, "</td>")])
			if len(y2021) == 1 && strings.Contains(tr, "superseded") || len(y2021) > 1 && !strings.Contains(tr, "superseded") {
				t.Errorf("2021 row %d: in use or revised wrongly marked", len(y2021))
			}
		}
	}
	if strings.Join(y2021, " ") != "8.6 8.4 8.1" {
		t.Errorf("GDP growth 2021 revisions: %v, want 8.6 8.4 8.1", y2021)
	}
	// 单位GDP能耗降低〔13.5〕 is judged on the yearly reductions
	// compounded, 11.70% by 2025 (README), not on the latest year's 5.1.
	_, page = get(t, ts.URL+"/target/14?region="+url.QueryEscape("全国"))
	i := strings.Index(page, "评价值（累计或平均）")
	if i < 0 || !strings.Contains(page[i:i+200], ">11.70") {
		t.Errorf("target 14's compounded reduction is not shown as 11.70: %q", page[max(i, 0):max(i, 0)+200])
	}
}
