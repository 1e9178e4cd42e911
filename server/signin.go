package server

import (
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/plangap/plangap/app"
)

// The sign-in page and the refusal page, added to the pages' templates
// so that they share the layout.
var _ = template.Must(pages.New("signin-pages").Parse(`
{{define "signin"}}{{template "top" .}}
<h1>登录 sign in</h1>
{{if .Message}}<p class="{{if .Problem}}banner{{else}}ok{{end}}" id="message">{{.Message}}</p>{{end}}
{{if .Viewer.Name}}<p id="already">已登录为 {{.Viewer.Name}}（{{.Viewer.RoleLabel}}）。signed in as {{.Viewer.Name}}. <a href="/">进入首页 go to the overview</a></p>{{end}}
<form method="post" action="/signin" id="signin">
<input type="hidden" name="next" value="{{.Next}}">
<p><label>用户名 user name<br><input type="text" name="name" id="name" value="{{.Name}}" autocomplete="username" size="30" maxlength="64" required autofocus></label></p>
<p><label>密码 password<br><input type="password" name="password" id="password" autocomplete="current-password" size="30" required></label></p>
<p><button type="submit" id="signin-submit">登录 sign in</button></p>
</form>
<p>没有账号？请管理员运行 <code>plangap user add 姓名 --role bureau</code>（统计局，可上传）或 <code>--role planner</code>（只读）。
No account? An administrator adds one with <code>plangap user add NAME --role bureau|planner|admin</code>.</p>
{{template "bottom"}}{{end}}

{{define "refused"}}{{template "top" .}}
<h1>无法完成 not allowed</h1>
<p class="banner" id="refused">{{.Message}}</p>
<p><a href="/?region={{.Region}}">返回首页 back to the overview</a>{{if not .Viewer.Name}} · <a href="{{.Viewer.SignIn}}">登录 sign in</a>{{end}}</p>
{{template "bottom"}}{{end}}
`))

// signinPage is the sign-in page's data.
type signinPage struct {
	page
	Next, Name string
	Problem    bool
}

// renderPage renders a page whose data is not a plain page.
func renderPage(w http.ResponseWriter, status int, name string, data any) {
	w.Header().Set("Cache-Control", "no-store")
	renderTemplate(w, pages, status, name, data)
}

// maxSignInForm bounds the sign-in form's body.
const maxSignInForm = 16 << 10

func (s *Server) signinBase(r *http.Request) signinPage {
	p, _, _ := s.identify(r, true)
	r = withPrincipal(r, p)
	// No region list before sign-in: under --auth-reads it is not public.
	pg := page{Title: "登录 sign in", Path: r.URL.Path, Viewer: viewerOf(r)}
	if !p.anonymous() || !s.AuthReads {
		pg.Region = s.regionOf(r)
	}
	return signinPage{page: pg}
}

// pageSignIn shows the sign-in form; ?next= is where to go after it.
func (s *Server) pageSignIn(w http.ResponseWriter, r *http.Request) {
	p := s.signinBase(r)
	p.Next = safeNext(r.URL.Query().Get("next"))
	if r.URL.Query().Has("out") {
		p.Message = "已退出登录 signed out"
	}
	if s.cookieWontStick(r) {
		p.Message, p.Problem = noSecureCookie, true
	}
	renderPage(w, http.StatusOK, "signin", p)
}

// pageSignInPost checks the name and password, starts a session and
// sends the browser on to next (a path on this site only). Failures are
// counted per user name and per address; past a few, each try waits.
func (s *Server) pageSignInPost(w http.ResponseWriter, r *http.Request) {
	p := s.signinBase(r)
	fail := func(status int, msg string) {
		p.Message, p.Problem = msg, true
		renderPage(w, status, "signin", p)
	}
	if err := sameOrigin(r); err != nil {
		_, msg := statusOf(err)
		fail(http.StatusForbidden, msg)
		return
	}
	if s.cookieWontStick(r) {
		fail(http.StatusBadRequest, noSecureCookie)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSignInForm)
	if err := r.ParseForm(); err != nil {
		fail(http.StatusBadRequest, "表单有误 malformed form")
		return
	}
	name, password := strings.TrimSpace(r.PostForm.Get("name")), r.PostForm.Get("password")
	p.Next, p.Name = safeNext(r.PostForm.Get("next")), name
	keys := signInKeys(r, name)
	if wait := s.signins.wait(keys...); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		fail(http.StatusTooManyRequests, fmt.Sprintf("登录失败次数过多，请 %d 秒后再试 too many failed sign-ins: try again in %d s", secs, secs))
		return
	}
	id, _, err := s.Store.SignIn(r.Context(), name, password)
	switch {
	case errors.Is(err, app.ErrSignIn):
		s.signins.failed(keys...)
		fail(http.StatusUnauthorized, app.ErrSignIn.Error())
		return
	case errors.Is(err, app.ErrReadOnly):
		fail(http.StatusServiceUnavailable, "数据库为只读，无法登录 the database is read-only: no one can sign in")
		return
	case err != nil:
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		fail(http.StatusInternalServerError, internalMessage)
		return
	}
	s.signins.succeeded(keys...)
	// A browser signing in again leaves its old session behind: end it.
	if old, err := r.Cookie(sessionCookie); err == nil && old.Value != "" && old.Value != id {
		s.sessions.forget(old.Value)
		if err := s.Store.SignOut(r.Context(), old.Value); err != nil {
			s.logf("%s %s: end the old session: %v", r.Method, r.URL.Path, err)
		}
	}
	s.setSessionCookie(w, id)
	http.Redirect(w, r, p.Next, http.StatusSeeOther)
}

// pageSignOut ends the session. In a session the form must carry its
// CSRF token, so another site cannot sign a user out.
func (s *Server) pageSignOut(w http.ResponseWriter, r *http.Request) {
	p, stale, err := s.identify(r, true)
	if err == nil && p.sessionID != "" {
		r = withPrincipal(r, p)
		r.Body = http.MaxBytesReader(w, r.Body, maxSignInForm)
		if err := sameOrigin(r); err != nil {
			s.refuse(w, r, err)
			return
		}
		if err := r.ParseForm(); err != nil {
			s.refuse(w, r, badRequest("表单有误 malformed form"))
			return
		}
		if err := s.authorizeForm(r, map[string]string{"csrf": r.PostForm.Get("csrf")}); err != nil {
			s.refuse(w, r, err)
			return
		}
		s.sessions.forget(p.sessionID)
		if err := s.Store.SignOut(r.Context(), p.sessionID); err != nil {
			s.logf("%s %s: %v", r.Method, r.URL.Path, err)
		}
	}
	if p.sessionID != "" || stale {
		s.clearCookie(w)
	}
	http.Redirect(w, r, "/signin?out=1", http.StatusSeeOther)
}
