package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
)

// startBrowser starts chromedriver and a headless Chromium session of the
// given window size, or skips the test when they are not installed.
func startBrowser(t *testing.T, width, height int) *webdriver {
	t.Helper()
	chromium, err1 := exec.LookPath("chromium")
	driver, err2 := exec.LookPath("chromedriver")
	if err1 != nil || err2 != nil {
		t.Skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
	}
	port := freePort(t)
	cmd := exec.Command(driver, fmt.Sprintf("--port=%d", port), "--allowed-ips=127.0.0.1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	wd := &webdriver{t: t, base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	for i := 0; ; i++ {
		if resp, err := http.Get(wd.base + "/status"); err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatal("chromedriver did not start")
		}
		time.Sleep(100 * time.Millisecond)
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{"binary": chromium, "args": []string{
			"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", fmt.Sprintf("--window-size=%d,%d", width, height),
			"--user-data-dir=" + filepath.Join(t.TempDir(), "profile")}},
	}}}
	v := wd.call("POST", "/session", caps)["value"].(map[string]any)
	wd.session = v["sessionId"].(string)
	t.Cleanup(func() { wd.call("DELETE", wd.s(""), nil) })
	return wd
}

func (wd *webdriver) currentURL() string { return wd.call("GET", wd.s("/url"), nil)["value"].(string) }

// TestBrowserSignIn signs in through the form in headless Chromium, with
// reads behind sign-in: a page asked for sends the browser to /signin and
// back; the session cookie is HttpOnly, Secure and SameSite=Lax; the
// upload form needs no token; sign-out ends the session.
func TestBrowserSignIn(t *testing.T) {
	ctx := context.Background()
	srv, _, _ := handlerServer(t)
	srv.AuthReads = true
	if th, err := charts.NewTheme("zh", ""); err == nil {
		srv.Theme = th // Chinese charts where a CJK font is installed, as served
	}
	loadExamples(t, srv.Store.Store)
	if err := srv.Store.AddUser(ctx, clerk, app.RoleBureau, clerkPass); err != nil {
		t.Fatal(err)
	}
	if err := srv.Store.AddUser(ctx, reader, app.RolePlanner, readerPass); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	wd := startBrowser(t, 1000, 720)

	// Asked for a target page, the browser lands on the sign-in page.
	wd.open(ts.URL + "/target/6")
	page := wd.waitFor(`id="signin"`)
	if u, _ := url.Parse(wd.currentURL()); u.Path != "/signin" || u.Query().Get("next") != "/target/6" {
		t.Fatalf("at %s, want /signin?next=/target/6", wd.currentURL())
	}
	if !strings.Contains(page, "用户名") || strings.Contains(page, "社会消费品零售总额") {
		t.Error("the sign-in page should show the form and nothing of the data")
	}
	wd.typeInto("#name", clerk)
	wd.typeInto("#password", "wrong password")
	wd.click("#signin-submit")
	if page = wd.waitFor("用户名或密码错误"); !strings.Contains(page, "用户名或密码错误") {
		t.Fatal("a wrong password was not refused")
	}
	if !strings.Contains(page, `value="王芳"`) {
		t.Error("the name typed is not kept after a wrong password")
	}
	wd.open(ts.URL + "/signin?next=%2Ftarget%2F6")
	wd.typeInto("#name", clerk)
	wd.typeInto("#password", clerkPass)
	wd.screenshot("web-signin.png")
	wd.click("#signin-submit")
	page = wd.waitFor(`id="signed-in"`)
	if u, _ := url.Parse(wd.currentURL()); u.Path != "/target/6" || !strings.Contains(page, "王芳（统计局 bureau）") {
		t.Fatalf("after sign-in at %s, signed-in shown %v", wd.currentURL(), strings.Contains(page, "王芳（统计局 bureau）"))
	}

	// The cookie as the browser keeps it.
	cookies := wd.call("GET", wd.s("/cookie"), nil)["value"].([]any)
	if len(cookies) != 1 {
		t.Fatalf("cookies %v", cookies)
	}
	c := cookies[0].(map[string]any)
	if c["name"] != sessionCookie || c["httpOnly"] != true || c["secure"] != true || c["sameSite"] != "Lax" {
		t.Errorf("session cookie %v: want HttpOnly, Secure, SameSite=Lax", c)
	}

	// Upload without a token: the session and its CSRF token do.
	good := filepath.Join(t.TempDir(), "good.csv")
	os.WriteFile(good, []byte("指标,年份,数值,单位,状态\n5G基站数量,2025,1490,个,初步核算\n"), 0o644)
	wd.open(ts.URL + "/upload")
	if page = wd.source(); strings.Contains(page, `id="token"`) || !strings.Contains(page, `name="csrf"`) {
		t.Error("the signed-in upload form should carry a CSRF token and ask for no token")
	}
	wd.typeInto("#file", good)
	wd.click("#submit")
	if page = wd.waitFor("已导入为批次"); !strings.Contains(page, "已导入为批次 3") {
		t.Fatalf("the signed-in upload was not loaded")
	}
	// The alias step, signed in: its form too carries the CSRF token in
	// place of a token field.
	named := filepath.Join(t.TempDir(), "named.csv")
	os.WriteFile(named, []byte("指标,年份,数值,单位\n全县5G基站,2025,1500,个\n"), 0o644)
	wd.open(ts.URL + "/upload")
	wd.typeInto("#file", named)
	wd.click("#submit")
	if page = wd.waitFor(`id="aliases"`); strings.Contains(page, `id="alias-token"`) || !strings.Contains(page, `id="alias"`) {
		t.Fatal("no alias step, or one asking for a token, for an unknown name")
	}
	if !strings.Contains(page, "全县5G基站") {
		t.Error("the alias step does not name the file's unknown indicator")
	}
	wd.click(`#aliases select option[value="base_stations_5g"]`)
	wd.screenshot("web-upload-alias.png")
	wd.click("#alias-submit")
	if page = wd.waitFor("已导入为批次 4"); !strings.Contains(page, "已导入为批次 4") {
		t.Fatal("the alias step did not load the file signed in")
	}
	if !strings.Contains(page, "已保存别名 aliases saved: 全县5G基站 → base_stations_5g") {
		t.Error("the page does not say which alias was saved")
	}
	wd.screenshot("web-upload-alias-loaded.png")
	wd.open(ts.URL + "/")
	if page = wd.source(); !strings.Contains(page, "1500 (2025)") {
		t.Error("the uploaded value does not show on the overview")
	}
	wd.screenshot("web-signed-in.png")

	// Sign out: back to the sign-in page, and the pages are closed again.
	wd.click("#signout button")
	if page = wd.waitFor("已退出登录"); !strings.Contains(page, "已退出登录") {
		t.Error("sign-out did not land on the sign-in page")
	}
	wd.open(ts.URL + "/")
	if u, _ := url.Parse(wd.currentURL()); u.Path != "/signin" {
		t.Errorf("after sign-out / shows %s", wd.currentURL())
	}

	// A planner signs in and is told, on a page, that uploads are not
	// theirs.
	wd.open(ts.URL + "/signin?next=%2Fupload")
	wd.typeInto("#name", reader)
	wd.typeInto("#password", readerPass)
	wd.click("#signin-submit")
	if page = wd.waitFor(`id="refused"`); !strings.Contains(page, "不能上传数据") || !strings.Contains(page, "李明（规划查阅 planner）") {
		t.Error("a planner at /upload is not shown the refusal page, signed in")
	}
	wd.screenshot("web-planner-upload.png")
}
