package server

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/plangap/plangap/app"
)

// Who may do what. A bearer token (the API, scripts) or a browser
// session (a person signed in at /signin) carries a role:
//
//	bureau   reads and uploads statistics
//	planner  reads only
//	admin    everything
//
// Writes always need one of them; reads only under AuthReads. API paths
// (/api/…) answer a missing or bad credential with a JSON 401; pages send
// a browser to the sign-in page instead. A form POST made in a session
// must carry the session's CSRF token and, when the browser says where it
// comes from (Origin, else Referer), come from this site.

// sessionCookie holds the session id; the database keeps only its hash.
const sessionCookie = "plangap_session"

// principal is who makes a request: nobody, a bearer token or a session.
type principal struct {
	Name      string // the user's name; "" for a token
	Role      string
	TokenID   string // a bearer token's ID from "token list"
	sessionID string // the session cookie's value
}

func (p principal) anonymous() bool { return p.Role == "" }

type principalKey struct{}

// principalOf is who the auth wrapper found behind the request.
func principalOf(r *http.Request) principal {
	p, _ := r.Context().Value(principalKey{}).(principal)
	return p
}

func withPrincipal(r *http.Request, p principal) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), principalKey{}, p))
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if tok, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(tok)
	}
	return ""
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// identify finds the request's principal: a bearer token first, else, but
// not for the API's writes, a live session cookie. A bad bearer token is
// an error; a stale cookie is only no one (stale reports it, so that the
// cookie can be cleared).
func (s *Server) identify(r *http.Request, cookies bool) (p principal, stale bool, err error) {
	if tok := bearer(r); tok != "" {
		role, err := s.tokenRole(r.Context(), tok)
		if err != nil {
			return principal{}, false, err
		}
		return principal{Role: role, TokenID: app.TokenID(tok)}, false, nil
	}
	c, err := r.Cookie(sessionCookie)
	if !cookies || err != nil || c.Value == "" {
		return principal{}, false, nil
	}
	now := s.Store.Now()
	if p, ok := s.sessions.get(c.Value, now); ok {
		return p, false, nil
	}
	sess, ok, err := s.Store.SessionOf(r.Context(), c.Value)
	if err != nil {
		return principal{}, false, fmt.Errorf("session: %w", err)
	}
	if !ok {
		return principal{}, true, nil
	}
	p = principal{Name: sess.User, Role: sess.Role, sessionID: c.Value}
	until := now.Add(sessionCacheTTL)
	for _, t := range []time.Time{sess.IdleUntil, sess.Expires} {
		if t.Before(until) {
			until = t
		}
	}
	s.sessions.put(c.Value, p, until)
	return p, false, nil
}

// sessionCacheTTL is how long a session found in the database is taken
// on trust: a page and its charts look it up once. A user disabled or
// given a new password elsewhere is signed out here within this time;
// a sign-out here at once.
const sessionCacheTTL = 10 * time.Second

// sessionCache keeps recently seen sessions, keyed by the cookie's value.
type sessionCache struct {
	mu    sync.Mutex
	items map[string]cachedSession
}

type cachedSession struct {
	p       principal
	expires time.Time
}

func newSessionCache() *sessionCache { return &sessionCache{items: map[string]cachedSession{}} }

func (c *sessionCache) get(id string, now time.Time) (principal, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[id]
	if !ok || !now.Before(e.expires) {
		delete(c.items, id)
		return principal{}, false
	}
	return e.p, true
}

func (c *sessionCache) put(id string, p principal, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= 10_000 {
		clear(c.items) // a burst of sessions: start again rather than grow
	}
	c.items[id] = cachedSession{p, expires}
}

func (c *sessionCache) forget(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, id)
}

// auth guards a route before anything of the body is read. Writes need
// a role that may upload; reads need someone under AuthReads. The API's
// writes take only a bearer token: a cookie is never enough there.
func (s *Server) auth(write bool, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api := isAPI(r)
		p, stale, err := s.identify(r, !(api && write))
		if err != nil {
			if write || s.AuthReads {
				s.refuse(w, r, err)
				return
			}
			// Open reads ignore a bad credential, as they always have.
			if status, _ := statusOf(err); status == http.StatusInternalServerError {
				s.logf("%s %s: %v", r.Method, r.URL.Path, err)
			}
			p = principal{}
		}
		if stale {
			s.clearCookie(w)
		}
		r = withPrincipal(r, p) // a refusal page shows who is signed in
		if r.Method == http.MethodPost && p.sessionID != "" {
			if err := sameOrigin(r); err != nil {
				s.refuse(w, r, err)
				return
			}
		}
		switch {
		case p.anonymous() && api && (write || s.AuthReads):
			s.fail(w, r, unauthorized("需要有效的访问令牌 a valid bearer token is needed (plangap token create --role bureau)"))
			return
		case p.anonymous() && s.AuthReads && !(write && r.Method == http.MethodPost):
			// A page: off to the sign-in page, and back here after.
			http.Redirect(w, r, signInURL(r.URL.RequestURI()), http.StatusSeeOther)
			return
		case write && !p.anonymous() && !app.MayUpload(p.Role):
			s.refuse(w, r, forbiddenRole(p.Role))
			return
		}
		if !p.anonymous() {
			// What one person sees (and a form's CSRF token) is no
			// shared cache's to keep.
			w.Header().Set("Cache-Control", "private, no-cache")
			w.Header().Add("Vary", "Cookie")
		}
		// An anonymous form POST goes on: it carries a token in a field,
		// which the handler checks before it reads the file.
		h(w, r)
	})
}

// refuse answers the API with JSON, a page with a page.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if isAPI(r) {
		s.fail(w, r, err)
		return
	}
	status, msg := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	p := s.base(r, "无权限 not allowed")
	p.Message = msg
	renderStatus(w, status, "refused", p)
}

// tokenRole returns a valid token's role, else an error for statusOf.
func (s *Server) tokenRole(ctx context.Context, tok string) (string, error) {
	if tok == "" {
		return "", unauthorized("需要有效的访问令牌 a valid bearer token is needed (plangap token create --role bureau)")
	}
	role, err := s.Store.TokenRole(ctx, tok)
	if err != nil {
		return "", fmt.Errorf("check token: %w", err)
	}
	if role == "" {
		return "", unauthorized("令牌无效或已撤销 invalid or revoked token (plangap token create --role bureau)")
	}
	return role, nil
}

// authorizeForm judges a form's fields before the form's file or action:
// in a session, the form must carry the session's CSRF token; without
// one, a token field (or an Authorization header) with a role that may
// upload.
func (s *Server) authorizeForm(r *http.Request, fields map[string]string) error {
	p := principalOf(r)
	switch {
	case p.TokenID != "":
		return nil // the wrapper checked the header's token and its role
	case p.sessionID != "":
		if subtle.ConstantTimeCompare([]byte(fields["csrf"]), []byte(app.CSRFToken(p.sessionID))) != 1 {
			return forbidden("表单已失效或并非来自本站，请刷新页面后重试 the form is stale or did not come from this site (CSRF check failed): reload the page and try again")
		}
		return nil
	}
	role, err := s.tokenRole(r.Context(), strings.TrimSpace(fields["token"]))
	if err != nil {
		return err
	}
	if !app.MayUpload(role) {
		return forbiddenRole(role)
	}
	return nil
}

// sameOrigin refuses a POST whose Origin (or, without one, Referer) names
// another site. A request with neither, as from curl, passes: the CSRF
// token still guards it.
func sameOrigin(r *http.Request) error {
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" {
		return nil
	}
	u, err := url.Parse(from)
	if err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host) && (u.Scheme == "http" || u.Scheme == "https") {
		return nil
	}
	return forbidden("请求并非来自本站，已拒绝 refused: the request did not come from this site (%s)", from)
}

func forbidden(format string, args ...any) error {
	return &requestError{http.StatusForbidden, fmt.Sprintf(format, args...)}
}

func forbiddenRole(role string) error {
	return forbidden("你的角色（%s）只能查阅，不能上传数据；上传需要统计局（bureau）或管理员（admin）角色，请联系管理员。"+
		"Your role (%s) may read but not upload: uploading needs the bureau or admin role; ask an administrator.", app.RoleLabel(role), role)
}

// signInURL is the sign-in page that comes back to next.
func signInURL(next string) string {
	if next = safeNext(next); next == "/" {
		return "/signin"
	}
	return "/signin?next=" + url.QueryEscape(next)
}

// safeNext keeps a path on this site to return to after signing in, or
// "/": never another host (//evil, /\evil, https:…), never the sign-in
// pages themselves.
func safeNext(next string) string {
	if next == "" || len(next) > 2048 || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\x00\r\n\t") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		u.Path == "/signin" || u.Path == "/signout" {
		return "/"
	}
	return next
}

// viewer is what a page shows of who is looking: the header's sign-in
// control and, in a session, the forms' CSRF token.
type viewer struct {
	Name, Role, RoleLabel, CSRF string
	Token                       bool // a bearer token, not a person
	MayUpload                   bool
	SignIn                      string // the sign-in link, back to this page
}

func viewerOf(r *http.Request) viewer {
	p := principalOf(r)
	v := viewer{Name: p.Name, Role: p.Role, RoleLabel: app.RoleLabel(p.Role), Token: p.TokenID != "", MayUpload: app.MayUpload(p.Role),
		SignIn: signInURL(r.URL.RequestURI())}
	if p.sessionID != "" {
		v.CSRF = app.CSRFToken(p.sessionID)
	}
	return v
}

// throttle slows down guessing: after throttleFree failed sign-ins for a
// user name or from an address, each further failure makes the next try
// wait twice as long, from 1 s up to throttleMax. A success clears the
// user's and the address's count. In memory: a restart forgets it.
type throttle struct {
	mu    sync.Mutex
	now   func() time.Time
	fails map[string]*failures
}

type failures struct {
	n           int
	last, until time.Time
}

const (
	throttleFree = 3
	throttleMax  = 15 * time.Minute
	// throttleForget drops a count an hour after its last failure.
	throttleForget = time.Hour
	// throttleKeys bounds the memory a flood of names can take.
	throttleKeys = 100_000
)

func newThrottle() *throttle { return &throttle{now: time.Now, fails: map[string]*failures{}} }

// wait is how long the keys must still wait before a try.
func (t *throttle) wait(keys ...string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	var d time.Duration
	now := t.now()
	for _, k := range keys {
		if f, ok := t.fails[k]; ok {
			d = max(d, f.until.Sub(now))
		}
	}
	return d
}

func (t *throttle) failed(keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.fails) >= throttleKeys {
		for k, f := range t.fails {
			if now.Sub(f.last) > throttleForget || len(t.fails) >= throttleKeys {
				delete(t.fails, k)
			}
		}
	}
	for _, k := range keys {
		f := t.fails[k]
		if f == nil || now.Sub(f.last) > throttleForget {
			f = &failures{}
			t.fails[k] = f
		}
		f.n++
		f.last = now
		if f.n >= throttleFree {
			d := throttleMax
			if shift := f.n - throttleFree; shift < 20 {
				d = min(time.Second<<shift, throttleMax)
			}
			f.until = now.Add(d)
		}
	}
}

func (t *throttle) succeeded(keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		delete(t.fails, k)
	}
}

// signInKeys names what a sign-in counts against: the user name and
// the client's address (no proxy header is trusted for it).
func signInKeys(r *http.Request, name string) []string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return []string{"user\x00" + name, "addr\x00" + host}
}

// cookieWontStick reports whether a browser will drop the Secure session
// cookie: plain HTTP to a host that is not this machine (browsers keep
// Secure cookies over HTTPS and on localhost only). A reverse proxy that
// ends TLS says so with X-Forwarded-Proto.
func (s *Server) cookieWontStick(r *http.Request) bool {
	if s.InsecureCookie || r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		return false
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// noSecureCookie is what the sign-in page says when the browser would
// drop the cookie, instead of signing in in a loop.
const noSecureCookie = "此地址为明文 HTTP，浏览器不会保存登录信息，无法登录。请管理员改用 HTTPS，或在可信的局域网中以 plangap serve --insecure-cookie 启动。" +
	"Signing in cannot work at this address: over plain HTTP a browser drops the secure sign-in cookie. " +
	"Ask the administrator to serve HTTPS, or on a trusted LAN to start plangap serve --insecure-cookie."

func (s *Server) setSessionCookie(w http.ResponseWriter, id string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, Secure: !s.InsecureCookie,
		SameSite: http.SameSiteLaxMode, MaxAge: int(app.SessionLifetime / time.Second)})
}

func (s *Server) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: !s.InsecureCookie,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}
