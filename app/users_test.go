package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/store"
)

// The stored form is read as PBKDF2-HMAC-SHA256: RFC 7914's test vector
// (P "password", S "salt", c 1 and 2, 32 bytes), written in the stored
// form, checks.
func TestPasswordHashFormat(t *testing.T) {
	for _, tc := range []struct{ stored, password string }{
		{"pbkdf2-sha256$1$c2FsdA$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs", "password"},
		{"pbkdf2-sha256$2$c2FsdA$rk0Mla9rRtMtCt/5KPBt0CowP47zwlHf1uLYWpVHTEM", "password"},
	} {
		if !checkPassword(tc.stored, tc.password) {
			t.Errorf("%s does not check", tc.stored)
		}
		if checkPassword(tc.stored, "Password") {
			t.Errorf("%s checks a wrong password", tc.stored)
		}
	}
	for _, bad := range []string{"", "plain", "pbkdf2-sha256$x$c2FsdA$Eg", "bcrypt$1$c2FsdA$Eg+2", "pbkdf2-sha256$1$c2FsdA$"} {
		if checkPassword(bad, "password") {
			t.Errorf("malformed %q checks", bad)
		}
	}
	h, err := hashPassword("正确的密码123", 1000)
	if err != nil || !strings.HasPrefix(h, "pbkdf2-sha256$1000$") || !checkPassword(h, "正确的密码123") || checkPassword(h, "正确的密码124") {
		t.Errorf("round trip: %s %v", h, err)
	}
	if h2, _ := hashPassword("正确的密码123", 1000); h2 == h {
		t.Error("two hashes of one password share a salt")
	}
}

func TestSignIn(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s := New(st)
	for _, tc := range []struct{ name, role, password string }{
		{"", RoleBureau, "longenough"}, {" 王芳", RoleBureau, "longenough"}, {"王芳", "clerk", "longenough"}, {"王芳", RoleBureau, "short"},
	} {
		if err := s.AddUser(ctx, tc.name, tc.role, tc.password); model.ErrorCode(err) != model.Invalid {
			t.Errorf("AddUser(%q, %q, %q): %v", tc.name, tc.role, tc.password, err)
		}
	}
	if err := s.AddUser(ctx, "王芳", RoleBureau, "统计局2026年"); err != nil {
		t.Fatal(err)
	}
	u, _ := st.UserByName(ctx, "王芳")
	if !strings.HasPrefix(u.PasswordHash, "pbkdf2-sha256$600000$") || strings.Contains(u.PasswordHash, "统计局") {
		t.Errorf("stored %q", u.PasswordHash)
	}
	for _, tc := range []struct{ name, password string }{{"王芳", "统计局2026"}, {"李明", "统计局2026年"}, {"", ""}} {
		if _, _, err := s.SignIn(ctx, tc.name, tc.password); !errors.Is(err, ErrSignIn) {
			t.Errorf("SignIn(%q, %q): %v", tc.name, tc.password, err)
		}
	}
	id, sess, err := s.SignIn(ctx, "王芳", "统计局2026年")
	if err != nil || sess.Role != RoleBureau || sess.User != "王芳" {
		t.Fatalf("sign in: %+v %v", sess, err)
	}
	if got, ok, err := s.SessionOf(ctx, id); !ok || err != nil || got.User != "王芳" {
		t.Errorf("session: %+v %v %v", got, ok, err)
	}
	id2, _, _ := s.SignIn(ctx, "王芳", "统计局2026年")
	if CSRFToken(id) != CSRFToken(id) || CSRFToken(id) == CSRFToken(id2) || len(CSRFToken(id)) != 32 {
		t.Errorf("CSRF tokens %s %s", CSRFToken(id), CSRFToken(id2))
	}
	// A new password signs every browser out; the old one no longer works.
	if err := s.SetUserPassword(ctx, "王芳", "新密码新密码新密码"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.SessionOf(ctx, id); ok {
		t.Error("session survived a new password")
	}
	if _, _, err := s.SignIn(ctx, "王芳", "统计局2026年"); !errors.Is(err, ErrSignIn) {
		t.Errorf("old password: %v", err)
	}
	// A disabled user cannot sign in, with the same answer.
	st.SetDisabled(ctx, "王芳", true)
	if _, _, err := s.SignIn(ctx, "王芳", "新密码新密码新密码"); !errors.Is(err, ErrSignIn) {
		t.Errorf("disabled: %v", err)
	}
	st.SetDisabled(ctx, "王芳", false)
	id, _, _ = s.SignIn(ctx, "王芳", "新密码新密码新密码")
	if err := s.SignOut(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.SessionOf(ctx, id); ok {
		t.Error("session survived sign-out")
	}
}

// A session used within its idle time lives on; the touch moves its idle
// end.
func TestSessionIdleMovesOn(t *testing.T) {
	ctx := context.Background()
	st, _ := store.Open(ctx, ":memory:")
	defer st.Close()
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	s := New(st)
	if err := s.AddUser(ctx, "李明", RolePlanner, "规划局的查阅密码"); err != nil {
		t.Fatal(err)
	}
	id, _, err := s.SignIn(ctx, "李明", "规划局的查阅密码")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		now = now.Add(SessionIdle - time.Hour)
		if _, ok, err := s.SessionOf(ctx, id); !ok || err != nil {
			t.Fatalf("after %d idle periods less an hour: %v %v", i+1, ok, err)
		}
	}
	now = now.Add(SessionIdle)
	if _, ok, _ := s.SessionOf(ctx, id); ok {
		t.Error("a session idle for SessionIdle still works")
	}
}

func TestRevokeTokenByTokenOrID(t *testing.T) {
	ctx := context.Background()
	st, _ := store.Open(ctx, ":memory:")
	defer st.Close()
	s := New(st)
	a, _ := s.CreateToken(ctx, RoleBureau, "a")
	b, _ := s.CreateToken(ctx, RoleBureau, "b")
	if got, err := s.RevokeToken(ctx, a); err != nil || got.ID != TokenID(a) || got.Label != "a" {
		t.Errorf("by token: %+v %v", got, err)
	}
	if got, err := s.RevokeToken(ctx, TokenID(b)[:6]); err != nil || got.Label != "b" {
		t.Errorf("by ID prefix: %+v %v", got, err)
	}
	for _, tok := range []string{a, b} {
		if role, _ := s.TokenRole(ctx, tok); role != "" {
			t.Errorf("revoked token has role %q", role)
		}
	}
}
