package server

import (
	"net/url"
	"strings"
	"testing"
)

// TestBrowserPages uses the overview and a target page in headless
// Chromium as a department user would: it picks "my department" in the
// filter form, opens a target, goes through its tabs (one by keyboard),
// and fetches and checks the CSV its download link points to. The
// screenshots go to docs/ with PLANGAP_SCREENSHOT_DIR=$PWD/docs.
func TestBrowserPages(t *testing.T) {
	wd := startBrowser(t, 1200, 1500)
	ts, st, _ := newServer(t)
	loadExamples(t, st)
	const dept = "县工业和信息化局"

	wd.open(ts.URL + "/")
	wd.click(`#f-department option[value="` + dept + `"]`)
	wd.click("#f-submit")
	page := wd.waitFor("筛选结果")
	ids, hrefs := overviewTargets(t, page)
	want := catalogueCount(t, func(m map[string]string) bool { return strings.Contains(m["lead_department"], dept) })
	if len(ids) != want || want == 0 {
		t.Errorf("my department's targets: %d rows, want %d", len(ids), want)
	}
	if u := wd.attr("#dl-gap-csv", "href"); !strings.Contains(u, "department="+url.QueryEscape(dept)) {
		t.Errorf("the gap download does not keep the filter: %s", u)
	}
	if !strings.Contains(page, "（共 117）") {
		t.Error("the filtered overview does not say how many targets there are in all")
	}
	wd.screenshot("web-overview-department.png")
	// The same view in English, by the page's switch: the filter is kept.
	wd.click("#lang-switch")
	page = wd.waitFor(`<html lang="en">`)
	if en, _ := overviewTargets(t, page); !strings.Contains(page, `<html lang="en">`) || len(en) != len(ids) || !strings.Contains(page, "targets selected") {
		t.Errorf("English overview: %d rows, want %d", len(en), len(ids))
	}
	wd.screenshot("web-overview-en.png")
	wd.click("#lang-switch")
	wd.waitFor(`<html lang="zh-CN">`)

	// Target 5, 高新技术产业产值占规模以上工业总产值比重, is led by the
	// department: open it from the filtered list.
	var href string
	for i, id := range ids {
		if id == "5" {
			href = hrefs[i]
		}
	}
	if href == "" {
		t.Fatalf("target 5 is not among %v", ids)
	}
	wd.open(ts.URL + strings.ReplaceAll(href, "&amp;", "&"))
	page = wd.source()
	for _, want := range []string{"各方法评价", "时序进度法", "完成进度 π", "所需年均增速", "牵头部门", dept} {
		if !strings.Contains(page, want) {
			t.Errorf("target page lacks %q", want)
		}
	}
	wd.screenshot("web-target-overview.png")
	// The keyboard: the first Tab reaches the skip link.
	wd.press("\ue004")
	if id, text := wd.active(); !strings.Contains(text, "跳到正文") {
		t.Errorf("first Tab focuses %q %q, want the skip link", id, text)
	}
	for _, tab := range []string{"chart", "table", "history", "meta"} {
		wd.click("#tab-" + tab)
		page = wd.waitFor(`id="panel-` + tab + `"`)
		if !strings.Contains(page, `id="tab-`+tab+`" aria-current="page"`) {
			t.Errorf("tab %s is not marked current", tab)
		}
		wd.screenshot("web-target-" + tab + ".png")
	}
	// Enter on a focused tab link opens it, as a click does.
	wd.call("POST", wd.s("/element/"+wd.element("#tab-table")+"/value"), map[string]string{"text": "\ue007"})
	if page = wd.waitFor(`id="panel-table"`); !strings.Contains(page, `id="panel-table"`) {
		t.Error("Enter on the table tab did not open it")
	}

	// The CSV the page links to: the actuals as loaded, year by year.
	recs := pathCSV(t, wd.attr("#dl-csv", "href"))
	if len(recs) < 2 || recs[0][0] != "年份 year" || recs[0][3] != "实绩 actual" {
		t.Fatalf("data CSV header: %v", recs[0])
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r[3]
	}
	// The example file's figures (datasets/guanxian-actuals-illustrative.csv,
	// 高新技术产业产值占规模以上工业总产值比重), from the base year 2022 on.
	for y, v := range map[string]string{"2022": "22.4", "2023": "24.8", "2024": "27.1"} {
		if got[y] != v {
			t.Errorf("CSV %s: %q, want %s", y, got[y], v)
		}
	}
	for _, id := range []string{"#dl-xlsx", "#dl-png", "#dl-svg"} {
		if code, _, b := fetch(t, wd.attr(id, "href")); code != 200 || len(b) < 500 {
			t.Errorf("download %s: %d, %d bytes", id, code, len(b))
		}
	}
}
