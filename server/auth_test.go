package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/store"
)

// The people every auth test signs in as.
const (
	clerk      = "王芳"
	clerkPass  = "统计局的密码2026"
	reader     = "李明"
	readerPass = "规划局只读的密码"
)

// authServer is handlerServer with a bureau user and a planner user.
func authServer(t *testing.T, authReads bool) (*Server, http.Handler, string) {
	t.Helper()
	srv, _, tok := handlerServer(t)
	srv.AuthReads = authReads
	ctx := context.Background()
	if err := srv.Store.AddUser(ctx, clerk, app.RoleBureau, clerkPass); err != nil {
		t.Fatal(err)
	}
	if err := srv.Store.AddUser(ctx, reader, app.RolePlanner, readerPass); err != nil {
		t.Fatal(err)
	}
	return srv, srv.Handler(), tok
}

// do sends a request to h as a browser at http://localhost would: with
// the session cookie when id is not "", and an Origin for a POST.
func do(h http.Handler, method, target, id string, body *strings.Reader, contentType string) *httptest.ResponseRecorder {
	target = "http://localhost" + target
	var req *http.Request
	if body == nil {
		req = httptest.NewRequest(method, target, nil)
	} else {
		req = httptest.NewRequest(method, target, body)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method == http.MethodPost {
		req.Header.Set("Origin", "http://localhost")
	}
	if id != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: id})
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func signInForm(h http.Handler, name, password, next string) *httptest.ResponseRecorder {
	form := url.Values{"name": {name}, "password": {password}, "next": {next}}
	return do(h, "POST", "/signin", "", strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// sessionOf signs in through the form and returns the cookie's value.
func sessionOf(t *testing.T, h http.Handler, name, password string) string {
	t.Helper()
	rec := signInForm(h, name, password, "/")
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie && c.Value != "" {
			return c.Value
		}
	}
	t.Fatalf("sign-in as %s: %d, no cookie: %s", name, rec.Code, rec.Body.String())
	return ""
}

func TestSignInSetsASafeCookie(t *testing.T) {
	srv, h, _ := authServer(t, false)
	rec := signInForm(h, clerk, clerkPass, "/target/6?region=冠县")
	if loc, _ := url.QueryUnescape(rec.Header().Get("Location")); rec.Code != http.StatusSeeOther || loc != "/target/6?region=冠县" {
		t.Fatalf("sign-in: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies %v", cookies)
	}
	c := cookies[0]
	if c.Name != sessionCookie || len(c.Value) != 43 || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode ||
		c.Path != "/" || c.MaxAge != 7*24*3600 {
		t.Errorf("cookie %+v: want HttpOnly, Secure, SameSite=Lax, Path=/, Max-Age a week", c)
	}
	// The cookie signs the browser in: the header names the user and
	// offers sign-out with the session's CSRF token.
	page := do(h, "GET", "/", c.Value, nil, "").Body.String()
	if !strings.Contains(page, `id="signed-in">王芳（统计局 bureau）`) || !strings.Contains(page, `name="csrf" value="`+app.CSRFToken(c.Value)+`"`) {
		t.Errorf("the overview does not show the signed-in user and the sign-out form")
	}
	if page := do(h, "GET", "/", "", nil, "").Body.String(); !strings.Contains(page, `id="signin-link"`) || strings.Contains(page, "signed-in") {
		t.Errorf("an anonymous overview lacks the sign-in link")
	}

	// --insecure-cookie drops Secure and nothing else.
	srv.InsecureCookie = true
	c = signInForm(h, clerk, clerkPass, "/").Result().Cookies()[0]
	if c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
		t.Errorf("insecure cookie %+v", c)
	}

	// Wrong password or unknown user: the same 401 page, no cookie.
	for _, tc := range [][2]string{{clerk, "wrong password"}, {"nobody", clerkPass}} {
		rec := signInForm(h, tc[0], tc[1], "/")
		if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "用户名或密码错误") || len(rec.Result().Cookies()) != 0 {
			t.Errorf("sign-in %s/%s: %d, cookies %v", tc[0], tc[1], rec.Code, rec.Result().Cookies())
		}
	}
}

func TestSignInNextStaysOnSite(t *testing.T) {
	_, h, _ := authServer(t, false)
	for next, want := range map[string]string{
		"/upload?region=冠县":     "/upload?region=冠县",
		"//evil.example/":       "/",
		"https://evil.example/": "/",
		`/\evil.example`:        "/",
		"javascript:alert(1)":   "/",
		"/signout":              "/",
		"":                      "/",
	} {
		if got := safeNext(next); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", next, got, want)
		}
	}
	// Through the form as well.
	if loc := signInForm(h, clerk, clerkPass, "//evil.example/x").Header().Get("Location"); loc != "/" {
		t.Errorf("redirected to %q", loc)
	}
}

// upload posts the upload form in a session with the given fields.
func uploadForm(h http.Handler, id, origin string, fields [][2]string, file string) *httptest.ResponseRecorder {
	body, ct := multipartBody(fields, "form.csv", []byte(file))
	req := httptest.NewRequest("POST", "http://localhost/upload", body)
	req.Header.Set("Content-Type", ct)
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: id})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestCSRF(t *testing.T) {
	srv, h, _ := authServer(t, false)
	id := sessionOf(t, h, clerk, clerkPass)
	csrf := app.CSRFToken(id)
	page := do(h, "GET", "/upload", id, nil, "").Body.String()
	if !strings.Contains(page, `name="csrf" value="`+csrf+`"`) || strings.Contains(page, `name="token"`) {
		t.Errorf("a signed-in clerk's upload form must carry the CSRF token and ask for no API token")
	}
	file := "指标,年份,数值,单位\n社会消费品零售总额,2023,421300,万元\n"
	for _, tc := range []struct {
		name, origin string
		fields       [][2]string
	}{
		{"no CSRF token", "http://localhost", nil},
		{"wrong CSRF token", "http://localhost", [][2]string{{"csrf", app.CSRFToken("another session")}}},
		{"another site", "http://evil.example", [][2]string{{"csrf", csrf}}},
		{"CSRF token after the file", "http://localhost", nil},
	} {
		rec := uploadForm(h, id, tc.origin, tc.fields, file)
		if tc.name == "CSRF token after the file" {
			// Put the field after the file: it must come first.
			body, ct := multipartBody(nil, "form.csv", []byte(file))
			b := strings.Replace(body.String(), "--\r\n", "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"+csrf+"\r\n--"+ct[len("multipart/form-data; boundary="):]+"--\r\n", 1)
			req := httptest.NewRequest("POST", "http://localhost/upload", strings.NewReader(b))
			req.Header.Set("Content-Type", ct)
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: id})
			rec = httptest.NewRecorder()
			h.ServeHTTP(rec, req)
		}
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s, want a 403 page", tc.name, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	if bs, _ := srv.Store.Batches(context.Background()); len(bs) != 0 {
		t.Fatalf("a refused form loaded %d batches", len(bs))
	}
	// With its token, from this site, the same form loads.
	rec := uploadForm(h, id, "http://localhost", [][2]string{{"csrf", csrf}}, file)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "已导入为批次 1") {
		t.Errorf("upload with the CSRF token: %d", rec.Code)
	}
	// Referer stands in for a missing Origin.
	for referer, want := range map[string]int{"http://evil.example/upload": 403, "http://localhost/upload": 200} {
		body, ct := multipartBody([][2]string{{"csrf", csrf}}, "form.csv", []byte(file))
		req := httptest.NewRequest("POST", "http://localhost/upload", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Referer", referer)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: id})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Referer %s: %d, want %d", referer, rec.Code, want)
		}
	}

	// The alias step and sign-out check it too.
	form := url.Values{"sha256": {strings.Repeat("0", 64)}, "alias": {"x"}, "code": {"retail_sales"}}
	if rec := do(h, "POST", "/upload/alias", id, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"); rec.Code != http.StatusForbidden {
		t.Errorf("alias step without the CSRF token: %d, want 403", rec.Code)
	}
	form.Set("csrf", csrf)
	if rec := do(h, "POST", "/upload/alias", id, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded"); rec.Code != http.StatusGone {
		t.Errorf("alias step with the CSRF token: %d, want 410 (no such file kept)", rec.Code)
	}
	if rec := do(h, "POST", "/signout", id, strings.NewReader(""), "application/x-www-form-urlencoded"); rec.Code != http.StatusForbidden {
		t.Errorf("sign-out without the CSRF token: %d, want 403", rec.Code)
	}
	if _, ok, _ := srv.Store.SessionOf(context.Background(), id); !ok {
		t.Fatal("a refused sign-out ended the session")
	}
	rec = do(h, "POST", "/signout", id, strings.NewReader("csrf="+csrf), "application/x-www-form-urlencoded")
	if rec.Code != http.StatusSeeOther || len(rec.Result().Cookies()) != 1 || rec.Result().Cookies()[0].MaxAge != -1 {
		t.Errorf("sign-out: %d, cookies %v", rec.Code, rec.Result().Cookies())
	}
	if _, ok, _ := srv.Store.SessionOf(context.Background(), id); ok {
		t.Error("the session outlived sign-out")
	}
	// The cookie of an ended session is no session: the form is back to
	// asking for an API token.
	if page := do(h, "GET", "/upload", id, nil, "").Body.String(); !strings.Contains(page, `name="token"`) {
		t.Error("after sign-out the upload form should ask for a token")
	}
}

func TestPlannerCannotUpload(t *testing.T) {
	srv, h, _ := authServer(t, false)
	id := sessionOf(t, h, reader, readerPass)
	rec := do(h, "GET", "/upload", id, nil, "")
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Header().Get("Content-Type"), "text/html") ||
		!strings.Contains(rec.Body.String(), "不能上传数据") || !strings.Contains(rec.Body.String(), "may read but not upload") {
		t.Errorf("planner at /upload: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	rec = uploadForm(h, id, "http://localhost", [][2]string{{"csrf", app.CSRFToken(id)}}, "指标,年份,数值,单位\n社会消费品零售总额,2023,1,万元\n")
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "不能上传数据") {
		t.Errorf("planner posting the form: %d", rec.Code)
	}
	// A planner reads.
	if rec := do(h, "GET", "/", id, nil, ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), "李明（规划查阅 planner）") {
		t.Errorf("planner at /: %d", rec.Code)
	}
	// A planner's API token reads but cannot upload: a JSON 403.
	ptok, _ := srv.Store.CreateToken(context.Background(), app.RolePlanner, "planner")
	if rec := uploadTo(t, h, ptok, "x.csv", []byte("指标,年份,数值,单位\n社会消费品零售总额,2023,1,万元\n")); rec.Code != http.StatusForbidden ||
		!strings.Contains(rec.Header().Get("Content-Type"), "json") {
		t.Errorf("planner token upload: %d %s", rec.Code, rec.Body.String())
	}
	if bs, _ := srv.Store.Batches(context.Background()); len(bs) != 0 {
		t.Errorf("a planner loaded %d batches", len(bs))
	}
}

func TestAuthReadsInABrowser(t *testing.T) {
	_, h, tok := authServer(t, true)
	// Pages send the browser to sign in, and back after.
	for target, want := range map[string]string{
		"/":                   "/signin",
		"/target/6?region=冠县": "/signin?next=" + url.QueryEscape("/target/6?region=冠县"),
		"/upload":             "/signin?next=%2Fupload",
		"/template.xlsx?x=1":  "/signin?next=" + url.QueryEscape("/template.xlsx?x=1"),
	} {
		rec := do(h, "GET", target, "", nil, "")
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != want {
			t.Errorf("%s: %d to %q, want 303 to %q", target, rec.Code, rec.Header().Get("Location"), want)
		}
	}
	if rec := do(h, "HEAD", "/target/6", "", nil, ""); rec.Code != http.StatusSeeOther {
		t.Errorf("HEAD /target/6 without sign-in: %d, want 303", rec.Code)
	}
	// The API answers with JSON.
	rec := do(h, "GET", "/api/gap", "", nil, "")
	var body map[string]string
	if rec.Code != 401 || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body["error"] == "" {
		t.Errorf("/api/gap without credentials: %d %s", rec.Code, rec.Body.String())
	}
	// The sign-in page is open, and names no region before sign-in.
	rec = do(h, "GET", "/signin?next=%2Ftarget%2F6", "", nil, "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `name="next" value="/target/6"`) || strings.Contains(rec.Body.String(), "冠县") {
		t.Errorf("sign-in page: %d", rec.Code)
	}
	// Signed in, the pages and the API answer; a bearer token still works.
	id := sessionOf(t, h, reader, readerPass)
	for _, target := range []string{"/", "/target/6", "/api/gap"} {
		if rec := do(h, "GET", target, id, nil, ""); rec.Code != 200 {
			t.Errorf("%s signed in: %d", target, rec.Code)
		}
	}
	req := httptest.NewRequest("GET", "/api/gap", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("/api/gap with a token: %d", rec.Code)
	}
	// A session cookie never writes through the API.
	body2, ct := multipartBody(nil, "x.csv", []byte("指标,年份,数值,单位\n"))
	req = httptest.NewRequest("POST", "/api/upload", body2)
	req.Header.Set("Content-Type", ct)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: sessionOf(t, h, clerk, clerkPass)})
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 401 {
		t.Errorf("API upload with only a session cookie: %d, want 401", rec.Code)
	}
}

func TestExpiredSession(t *testing.T) {
	srv, h, _ := authServer(t, true)
	id := sessionOf(t, h, clerk, clerkPass)
	now := time.Now()
	srv.Store.Now = func() time.Time { return now }
	if rec := do(h, "GET", "/", id, nil, ""); rec.Code != 200 {
		t.Fatalf("fresh session: %d", rec.Code)
	}
	now = now.Add(app.SessionIdle + time.Minute)
	rec := do(h, "GET", "/target/6", id, nil, "")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/signin?next=") {
		t.Errorf("idle session: %d to %q, want the sign-in page", rec.Code, rec.Header().Get("Location"))
	}
	cs := rec.Result().Cookies()
	if len(cs) != 1 || cs[0].Name != sessionCookie || cs[0].MaxAge != -1 {
		t.Errorf("the stale cookie is not cleared: %v", cs)
	}

	// A user disabled elsewhere (the CLI) is signed out here within
	// sessionCacheTTL.
	id = sessionOf(t, h, clerk, clerkPass)
	if rec := do(h, "GET", "/", id, nil, ""); rec.Code != 200 {
		t.Fatalf("new session: %d", rec.Code)
	}
	if err := srv.Store.SetDisabled(context.Background(), clerk, true); err != nil {
		t.Fatal(err)
	}
	now = now.Add(sessionCacheTTL)
	if rec := do(h, "GET", "/", id, nil, ""); rec.Code != http.StatusSeeOther {
		t.Errorf("disabled user after %v: %d, want 303 to sign in", sessionCacheTTL, rec.Code)
	}
}

func TestRevokedTokenRefused(t *testing.T) {
	srv, h, tok := authServer(t, true)
	file := []byte("指标,年份,数值,单位\n社会消费品零售总额,2023,421300,万元\n")
	if rec := uploadTo(t, h, tok, "a.csv", file); rec.Code != 200 {
		t.Fatalf("upload before revoking: %d %s", rec.Code, rec.Body.String())
	}
	if _, err := srv.Store.RevokeToken(context.Background(), app.TokenID(tok)); err != nil {
		t.Fatal(err)
	}
	rec := uploadTo(t, h, tok, "b.csv", file)
	if rec.Code != 401 || !strings.Contains(rec.Body.String(), "revoked") {
		t.Errorf("upload with a revoked token: %d %s", rec.Code, rec.Body.String())
	}
	req := httptest.NewRequest("GET", "/api/targets", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rr := httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	if rr.Code != 401 {
		t.Errorf("read with a revoked token under --auth-reads: %d", rr.Code)
	}
	// The upload form's token field refuses it as well.
	body, ct := multipartBody([][2]string{{"token", tok}}, "c.csv", file)
	req = httptest.NewRequest("POST", "/upload", body)
	req.Header.Set("Content-Type", ct)
	rr = httptest.NewRecorder()
	h.ServeHTTP(rr, req)
	if rr.Code != 401 {
		t.Errorf("form with a revoked token: %d", rr.Code)
	}
}

func TestSignInThrottled(t *testing.T) {
	srv, h, _ := authServer(t, false)
	now := time.Now()
	srv.signins.now = func() time.Time { return now }
	for i := 0; i < throttleFree; i++ {
		if rec := signInForm(h, clerk, "wrong password", "/"); rec.Code != 401 {
			t.Fatalf("failure %d: %d", i+1, rec.Code)
		}
	}
	// Now even the right password waits, and says how long.
	rec := signInForm(h, clerk, clerkPass, "/")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("after %d failures: %d, Retry-After %q", throttleFree, rec.Code, rec.Header().Get("Retry-After"))
	}
	// Each further failure doubles the wait: 1 s, 2 s, 4 s.
	for _, wait := range []string{"2", "4"} {
		now = now.Add(time.Hour / 2)
		signInForm(h, clerk, "wrong password", "/")
		if got := signInForm(h, clerk, clerkPass, "/").Header().Get("Retry-After"); got != wait {
			t.Errorf("Retry-After %q, want %q", got, wait)
		}
	}
	// The address counts apart from the name: another name from the same
	// address waits too.
	if rec := signInForm(h, reader, readerPass, "/"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("another user from the same address: %d", rec.Code)
	}
	now = now.Add(5 * time.Second)
	if rec := signInForm(h, clerk, clerkPass, "/"); rec.Code != http.StatusSeeOther {
		t.Errorf("after the wait: %d", rec.Code)
	}
	// A success clears the count.
	if rec := signInForm(h, clerk, "wrong password", "/"); rec.Code != 401 {
		t.Errorf("first failure after a success: %d", rec.Code)
	}
}

// Over plain HTTP to another machine a browser drops the Secure cookie:
// the sign-in page says so instead of signing in in a loop.
func TestSignInSaysWhenTheCookieWouldBeDropped(t *testing.T) {
	srv, h, _ := authServer(t, false)
	post := func(host, proto string) *httptest.ResponseRecorder {
		form := url.Values{"name": {clerk}, "password": {clerkPass}}
		req := httptest.NewRequest("POST", "http://"+host+"/signin", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://"+host)
		if proto != "" {
			req.Header.Set("X-Forwarded-Proto", proto)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, host := range []string{"192.168.1.5:8080", "plangap.tongji.local"} {
		rec := post(host, "")
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "--insecure-cookie") || len(rec.Result().Cookies()) != 0 {
			t.Errorf("%s over HTTP: %d", host, rec.Code)
		}
	}
	for _, host := range []string{"127.0.0.1:8080", "[::1]:8080", "localhost:8080"} {
		if rec := post(host, ""); rec.Code != http.StatusSeeOther {
			t.Errorf("%s: %d, want 303", host, rec.Code)
		}
	}
	if rec := post("plangap.tongji.local", "https"); rec.Code != http.StatusSeeOther {
		t.Errorf("behind an HTTPS proxy: %d, want 303", rec.Code)
	}
	srv.InsecureCookie = true
	if rec := post("192.168.1.5:8080", ""); rec.Code != http.StatusSeeOther || rec.Result().Cookies()[0].Secure {
		t.Errorf("--insecure-cookie on a LAN: %d", rec.Code)
	}
}

// BenchmarkIdentifySession is what a session costs a request: the cookie
// looked up in the database once, then for a few seconds in memory.
func BenchmarkIdentifySession(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, ":memory:")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv := &Server{Store: app.New(st)}
	srv.Handler()
	if err := srv.Store.AddUser(ctx, clerk, app.RoleBureau, clerkPass); err != nil {
		b.Fatal(err)
	}
	id, _, err := srv.Store.SignIn(ctx, clerk, clerkPass)
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: id})
	for _, cached := range []bool{false, true} {
		b.Run(fmt.Sprintf("cached=%v", cached), func(b *testing.B) {
			for b.Loop() {
				if !cached {
					srv.sessions.forget(id)
				}
				if p, _, err := srv.identify(req, true); err != nil || p.Name != clerk {
					b.Fatal(p, err)
				}
			}
		})
	}
}
