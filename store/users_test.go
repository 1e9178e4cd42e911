package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plangap/plangap/model"
)

// clock is a settable clock for the store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestUsers(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	c := &clock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.Now = c.now
	if err := s.AddUser(ctx, "王芳", RoleBureau, "h1"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(ctx, "李明", RolePlanner, "h2"); err != nil {
		t.Fatal(err)
	}
	err := s.AddUser(ctx, "王芳", RoleAdmin, "h3")
	if !errors.Is(err, ErrUserExists) || model.ErrorCode(err) != model.Conflict || !strings.Contains(err.Error(), "王芳") {
		t.Errorf("same name again: %v", err)
	}
	if err := s.AddUser(ctx, "x", "clerk", "h"); model.ErrorCode(err) != model.Invalid {
		t.Errorf("unknown role: %v", err)
	}
	us, err := s.Users(ctx)
	if err != nil || len(us) != 2 || us[0].Name != "李明" || us[0].Role != RolePlanner || us[1].Name != "王芳" || us[0].PasswordHash != "" {
		t.Fatalf("users: %+v, %v", us, err)
	}
	u, err := s.UserByName(ctx, "王芳")
	if err != nil || u.PasswordHash != "h1" || u.Role != RoleBureau || u.Disabled || !u.Created.Equal(c.t) {
		t.Errorf("user: %+v, %v", u, err)
	}
	c.t = c.t.Add(time.Hour)
	if err := s.SetPassword(ctx, "王芳", "h4"); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.UserByName(ctx, "王芳"); u.PasswordHash != "h4" || !u.PasswordChanged.Equal(c.t) || u.Created.Equal(c.t) {
		t.Errorf("after passwd: %+v", u)
	}
	if err := s.SetDisabled(ctx, "李明", true); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.UserByName(ctx, "李明"); !u.Disabled {
		t.Error("not disabled")
	}
	if err := s.RemoveUser(ctx, "李明"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{s.RemoveUser(ctx, "李明"), s.SetPassword(ctx, "nobody", "h"), s.SetDisabled(ctx, "nobody", true)} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	}
	if _, err := s.UserByName(ctx, "李明"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "no user 李明") {
		t.Errorf("removed user: %v", err)
	}
}

func TestSessionsExpire(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	c := &clock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.Now = c.now
	s.AddUser(ctx, "王芳", RoleBureau, "h")
	idle, life := 2*time.Hour, 10*time.Hour
	id, sess, err := s.CreateSession(ctx, "王芳", idle, life)
	if err != nil || len(id) != 43 || sess.Role != RoleBureau {
		t.Fatalf("create: %q %+v %v", id, sess, err)
	}
	// Only the hash is stored.
	var n int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE hash = ? OR hash = ?`, id, hashToken(id)).Scan(&n)
	var stored string
	s.db.QueryRowContext(ctx, `SELECT hash FROM sessions`).Scan(&stored)
	if n != 1 || stored != hashToken(id) {
		t.Errorf("stored %q, want the hash of the id", stored)
	}
	check := func(when string, want bool) {
		t.Helper()
		got, ok, err := s.SessionByID(ctx, id)
		if err != nil || ok != want || (ok && got.User != "王芳") {
			t.Errorf("%s: %+v ok=%v err=%v, want ok=%v", when, got, ok, err, want)
		}
	}
	check("at once", true)
	// Used every 1h59m, it lives until its lifetime ends (10 h).
	for i := 0; i < 5; i++ {
		c.t = c.t.Add(119 * time.Minute)
		check("used within the idle time", true)
		if err := s.TouchSession(ctx, id, idle); err != nil {
			t.Fatal(err)
		}
	}
	c.t = time.Date(2026, 3, 1, 19, 0, 0, 0, time.UTC)
	check("at its lifetime's end", false)

	// Idle for 2 hours: gone.
	id, _, _ = s.CreateSession(ctx, "王芳", idle, life)
	c.t = c.t.Add(2 * time.Hour)
	check("idle 2 h", false)
	if n, err := s.DeleteExpiredSessions(ctx); err != nil || n != 2 {
		t.Errorf("deleted %d expired sessions, %v; want 2", n, err)
	}

	// A new password, a disabled user or sign-out ends the session.
	for _, end := range []func() error{
		func() error { return s.SetPassword(ctx, "王芳", "h2") },
		func() error { return s.SetDisabled(ctx, "王芳", true) },
		func() error { return s.DeleteSession(ctx, id) },
	} {
		s.SetDisabled(ctx, "王芳", false)
		id, _, _ = s.CreateSession(ctx, "王芳", idle, life)
		check("new session", true)
		if err := end(); err != nil {
			t.Fatal(err)
		}
		check("after it was ended", false)
	}
	s.SetDisabled(ctx, "王芳", true)
	if _, _, err := s.CreateSession(ctx, "王芳", idle, life); !errors.Is(err, ErrNotFound) {
		t.Errorf("session for a disabled user: %v", err)
	}
}

func TestSessionsSurviveReopen(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "p.duckdb")
	s, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	s.AddUser(ctx, "王芳", RoleAdmin, "h")
	id, _, err := s.CreateSession(ctx, "王芳", time.Hour, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, ok, err := s.SessionByID(ctx, id); !ok || err != nil || got.Role != RoleAdmin {
		t.Errorf("after reopening: %+v %v %v", got, ok, err)
	}
}

func TestTokensListAndRevoke(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	c := &clock{time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s.Now = c.now
	a, err := s.CreateToken(ctx, RoleBureau, "统计局")
	if err != nil {
		t.Fatal(err)
	}
	c.t = c.t.Add(time.Minute)
	b, _ := s.CreateToken(ctx, RolePlanner, "发改局")
	if _, err := s.CreateToken(ctx, "clerk", ""); model.ErrorCode(err) != model.Invalid {
		t.Errorf("unknown role: %v", err)
	}
	ts, err := s.Tokens(ctx)
	if err != nil || len(ts) != 2 || ts[0].ID != TokenID(a) || ts[0].Label != "统计局" || ts[1].Role != RolePlanner || ts[0].Revoked != nil {
		t.Fatalf("tokens: %+v %v", ts, err)
	}
	if len(ts[0].ID) != TokenIDLength || strings.Contains(a, ts[0].ID) {
		t.Errorf("the ID %q must be the hash's, not the token's", ts[0].ID)
	}
	for _, bad := range []string{"abc", "zzzzzzzz", ""} {
		if _, err := s.RevokeToken(ctx, bad); model.ErrorCode(err) != model.Invalid {
			t.Errorf("revoke %q: %v", bad, err)
		}
	}
	if _, err := s.RevokeToken(ctx, "000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoke unknown: %v", err)
	}
	c.t = c.t.Add(time.Hour)
	got, err := s.RevokeToken(ctx, strings.ToUpper(TokenID(a)[:8]))
	if err != nil || got.Revoked == nil || !got.Revoked.Equal(c.t) {
		t.Fatalf("revoke: %+v %v", got, err)
	}
	if role, err := s.TokenRole(ctx, a); role != "" || err != nil {
		t.Errorf("revoked token still has role %q (%v)", role, err)
	}
	if role, _ := s.TokenRole(ctx, b); role != RolePlanner {
		t.Errorf("the other token: %q", role)
	}
	ts, _ = s.Tokens(ctx)
	if ts[0].Revoked == nil || ts[1].Revoked != nil {
		t.Errorf("after revoke: %+v", ts)
	}
	// Revoking again changes nothing.
	c.t = c.t.Add(time.Hour)
	if again, err := s.RevokeToken(ctx, TokenID(a)); err != nil || !again.Revoked.Equal(got.Revoked.UTC()) {
		t.Errorf("revoke again: %+v %v", again, err)
	}
}

// A read-only file made before users, sessions and revocation still
// serves: no one can sign in, its tokens still work.
func TestReadOnlyFileOlderThanUsers(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "old.duckdb")
	s, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := s.CreateToken(ctx, RoleBureau, "")
	for _, q := range []string{`DROP TABLE sessions`, `DROP TABLE users`, `ALTER TABLE tokens DROP COLUMN revoked_at`,
		`DELETE FROM schema_migrations WHERE version >= 'migration/0015'`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()
	os.Chmod(p, 0o444)
	t.Cleanup(func() { os.Chmod(p, 0o644) })
	s, err = Open(ctx, p)
	if err != nil {
		t.Fatalf("older read-only file: %v", err)
	}
	defer s.Close()
	if role, err := s.TokenRole(ctx, tok); role != RoleBureau || err != nil {
		t.Errorf("token: %q %v", role, err)
	}
	if ts, err := s.Tokens(ctx); len(ts) != 1 || err != nil {
		t.Errorf("tokens: %v %v", ts, err)
	}
	if _, err := s.UserByName(ctx, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("user: %v", err)
	}
	if _, ok, err := s.SessionByID(ctx, "x"); ok || err != nil {
		t.Errorf("session: %v %v", ok, err)
	}
}
