package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/store"
)

// webdriver is a minimal W3C WebDriver client for chromedriver.
type webdriver struct {
	t       *testing.T
	base    string
	session string
}

func (wd *webdriver) call(method, path string, body any) map[string]any {
	wd.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, wd.base+path, rd)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		wd.t.Fatalf("webdriver %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != 200 {
		wd.t.Fatalf("webdriver %s %s: %d %v", method, path, resp.StatusCode, out)
	}
	return out
}

func (wd *webdriver) s(path string) string { return "/session/" + wd.session + path }

func (wd *webdriver) open(url string) { wd.call("POST", wd.s("/url"), map[string]string{"url": url}) }

func (wd *webdriver) source() string {
	return wd.call("GET", wd.s("/source"), nil)["value"].(string)
}

func (wd *webdriver) element(css string) string {
	v := wd.call("POST", wd.s("/element"), map[string]string{"using": "css selector", "value": css})["value"].(map[string]any)
	for _, id := range v {
		return id.(string)
	}
	wd.t.Fatalf("no element %s", css)
	return ""
}

func (wd *webdriver) typeInto(css, text string) {
	wd.call("POST", wd.s("/element/"+wd.element(css)+"/value"), map[string]string{"text": text})
}

func (wd *webdriver) click(css string) {
	wd.call("POST", wd.s("/element/"+wd.element(css)+"/click"), map[string]string{})
}

// waitFor polls the page until it contains want (the form submission
// navigates asynchronously), and returns the page.
func (wd *webdriver) waitFor(want string) string {
	var page string
	for i := 0; i < 100; i++ {
		if page = wd.source(); strings.Contains(page, want) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return page
}

// attr returns an element's attribute (for a link, href is resolved).
func (wd *webdriver) attr(css, name string) string {
	v, _ := wd.call("GET", wd.s("/element/"+wd.element(css)+"/property/"+name), nil)["value"].(string)
	return v
}

// active returns the focused element's id and text.
func (wd *webdriver) active() (id, text string) {
	v := wd.call("GET", wd.s("/element/active"), nil)["value"].(map[string]any)
	for _, e := range v {
		el := e.(string)
		id, _ = wd.call("GET", wd.s("/element/"+el+"/property/id"), nil)["value"].(string)
		text, _ = wd.call("GET", wd.s("/element/"+el+"/text"), nil)["value"].(string)
	}
	return id, text
}

// press sends keys to the focused element, as a keyboard user would:
// "\ue004" is Tab, "\ue007" Enter.
func (wd *webdriver) press(keys string) {
	v := wd.call("GET", wd.s("/element/active"), nil)["value"].(map[string]any)
	for _, e := range v {
		wd.call("POST", wd.s("/element/"+e.(string)+"/value"), map[string]string{"text": keys})
	}
}

// screenshot saves the window as name: into $PLANGAP_SCREENSHOT_DIR when
// set (docs/ holds the ones the README shows), else a temporary folder.
func (wd *webdriver) screenshot(name string) {
	wd.t.Helper()
	shot := wd.call("GET", wd.s("/screenshot"), nil)["value"].(string)
	png, err := base64.StdEncoding.DecodeString(shot)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		wd.t.Fatalf("screenshot: %v", err)
	}
	out := wd.t.TempDir()
	if d := os.Getenv("PLANGAP_SCREENSHOT_DIR"); d != "" {
		out = d
	}
	if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
		wd.t.Fatal(err)
	}
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestBrowser drives the dashboard in headless Chromium: it checks the
// overview, uploads a bad file (errors table) and a good one (loaded, then
// shown), and saves a screenshot — into $PLANGAP_SCREENSHOT_DIR when set
// (docs/ holds the one the README shows).
func TestBrowser(t *testing.T) {
	wd := startBrowser(t, 1200, 1500)
	ts, st, tok := newServer(t)
	loadExamples(t, st)
	dir := t.TempDir()

	wd.open(ts.URL + "/")
	page := wd.source()
	for _, want := range []string{"冠县深化新旧动能转换", "基本符合", "社会消费品零售总额", "<svg", "示例数据"} {
		if !strings.Contains(page, want) {
			t.Errorf("overview lacks %q", want)
		}
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("指标,年份,数值,单位\n5G基站数量,2023,abc,个\n5G基站总数,2023,1,个\n"), 0o644)
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("指标,年份,数值,单位,状态\n5G基站数量,2025,1490,个,初步核算\n"), 0o644)

	wd.open(ts.URL + "/upload")
	wd.typeInto("#file", bad)
	wd.typeInto("#token", tok)
	wd.click("#submit")
	page = wd.waitFor(`id="problems"`)
	if !strings.Contains(page, `id="problems"`) || !strings.Contains(page, "unknown indicator") || !strings.Contains(page, "not a number") {
		t.Errorf("the errors table is missing after a bad upload")
	}
	// The alias step: 不存在 is taken to mean 5G基站数量; the same file is
	// loaded again and now fails only for its bad number.
	if !strings.Contains(page, `id="aliases"`) {
		t.Fatal("no alias step for the unknown name")
	}
	wd.click(`#aliases select option[value="base_stations_5g"]`)
	wd.typeInto("#alias-token", tok)
	wd.click("#alias-submit")
	page = wd.waitFor("发现 1 个问题")
	if !strings.Contains(page, "发现 1 个问题") || strings.Contains(page, "unknown indicator") || !strings.Contains(page, "not a number") {
		t.Errorf("after the alias step the file should fail only for its bad number")
	}
	wd.open(ts.URL + "/upload")
	wd.typeInto("#file", good)
	wd.typeInto("#token", tok)
	wd.click("#submit")
	if page = wd.waitFor("已导入为批次"); !strings.Contains(page, "已导入为批次 3") {
		t.Errorf("the good upload was not reported loaded")
	}
	wd.open(ts.URL + "/")
	if page = wd.source(); !strings.Contains(page, "1490 (2025)") || !strings.Contains(page, "<svg") {
		t.Errorf("the uploaded value, or the progress chart, does not show on the dashboard")
	}
	wd.screenshot("dashboard-screenshot.png")
}

// loadExamples loads the embedded illustrative actuals, as "plangap run"
// does.
func loadExamples(t *testing.T, st *store.Store) {
	ctx := context.Background()
	inds, _ := st.Indicators(ctx)
	for _, ex := range []struct {
		name   string
		data   []byte
		status string
	}{{datasets.ExampleActualsName, datasets.ExampleActualsCSV, "final"}, {datasets.ExamplePreliminaryName, datasets.ExamplePreliminaryCSV, "preliminary"}} {
		f, err := actuals.Read(ex.data, actuals.Options{Name: ex.name, Region: "冠县", Indicators: inds})
		if err != nil {
			t.Fatal(err)
		}
		b := model.Batch{File: f.Name, SHA256: f.SHA256, Source: "示例数据 (illustrative, not official)", Status: ex.status, Illustrative: true}
		if _, err := st.LoadActuals(ctx, f.Observations, b, false, nil); err != nil {
			t.Fatal(err)
		}
	}
}
