package app

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/plangap/plangap/model"

	"github.com/plangap/plangap/store"
)

// RolePlanner reads only; RoleBureau uploads and reads; RoleAdmin may do
// everything.
const RolePlanner = store.RolePlanner

// ValidRole reports whether role is bureau, planner or admin.
func ValidRole(role string) bool { return store.ValidRole(role) }

// MayUpload reports whether a role may load statistics.
func MayUpload(role string) bool { return role == RoleBureau || role == RoleAdmin }

// RoleLabel names a role in Chinese and English.
func RoleLabel(role string) string {
	switch role {
	case RoleBureau:
		return "统计局 bureau"
	case RolePlanner:
		return "规划查阅 planner"
	case RoleAdmin:
		return "管理员 admin"
	}
	return role
}

type (
	// User is a person who signs in, without the password.
	User = store.User
	// Session is a signed-in browser with its user's role.
	Session = store.Session
	// Token is a stored API token, without its secret.
	Token = store.Token
)

// ErrUserExists is returned when a user name is taken.
var ErrUserExists = store.ErrUserExists

// How long a browser stays signed in: SessionIdle without a request, at
// most SessionLifetime in all. A working day's pause does not sign a
// clerk out; a week does.
const (
	SessionIdle     = 12 * time.Hour
	SessionLifetime = 7 * 24 * time.Hour
	// touchEvery spares a write per request: a session's idle end moves
	// on at most once a minute.
	touchEvery = time.Minute
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 8

// passwordIterations is PBKDF2-HMAC-SHA256's cost, OWASP's 2023 figure;
// it is stored with each hash, so raising it later keeps old hashes valid.
const passwordIterations = 600_000

const passwordScheme = "pbkdf2-sha256"

// hashPassword derives a stored hash from a password with a new random
// salt: "pbkdf2-sha256$iterations$salt$key", base64 without padding.
func hashPassword(password string, iterations int) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, iterations, 32)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%s$%d$%s$%s", passwordScheme, iterations, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// checkPassword reports whether password matches a stored hash, in time
// that does not depend on where the two differ.
func checkPassword(stored, password string) bool {
	parts := strings.Split(stored, "$")
	if len(parts) != 4 || parts[0] != passwordScheme {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < 1 || iter > 10_000_000 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[2])
	want, err2 := enc.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, password, salt, iter, len(want))
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when the user does not exist, so an
// unknown name costs as long as a wrong password. Made on first use: a
// command that signs no one in does not pay for it.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("plangap: no such user", passwordIterations)
	return h
})

// checkUserName refuses names a list could not show or a person could
// not type: empty, over 64 characters, with control characters or
// blanks at either end.
func checkUserName(name string) error {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 64 || strings.TrimSpace(name) != name || !utf8.ValidString(name) ||
		strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return model.Errorf(model.Invalid, "用户名 %q 无效（1–64个字符，首尾不能有空格） user name %q: want 1 to 64 characters, no blanks at either end", name, name)
	}
	return nil
}

func checkPasswordRule(password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return model.Errorf(model.Invalid, "密码至少需要%d个字符 the password needs at least %d characters", MinPasswordLength, MinPasswordLength)
	}
	if len(password) > 1024 {
		return model.Errorf(model.Invalid, "密码过长 the password is too long (at most 1024 bytes)")
	}
	return nil
}

// AddUser adds a person who signs in with a name, a role and a password.
func (s *Service) AddUser(ctx context.Context, name, role, password string) error {
	if err := checkUserName(name); err != nil {
		return err
	}
	if !ValidRole(role) {
		return model.Errorf(model.Invalid, "角色 %q 无效 role %q: want bureau, planner or admin", role, role)
	}
	if err := checkPasswordRule(password); err != nil {
		return err
	}
	h, err := hashPassword(password, passwordIterations)
	if err != nil {
		return err
	}
	return s.Store.AddUser(ctx, name, role, h)
}

// SetUserPassword gives a user a new password; the user's browsers are
// signed out.
func (s *Service) SetUserPassword(ctx context.Context, name, password string) error {
	if err := checkPasswordRule(password); err != nil {
		return err
	}
	h, err := hashPassword(password, passwordIterations)
	if err != nil {
		return err
	}
	return s.Store.SetPassword(ctx, name, h)
}

// passwordSlots bounds the password checks that run at once.
var passwordSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// ErrSignIn is the one answer to a wrong name, a wrong password or a
// disabled user: which of them it was is not said.
var ErrSignIn = &model.Error{Code: model.Invalid, Message: "用户名或密码错误 wrong user name or password"}

// SignIn checks a name and password and starts a session. It returns the
// session's id, the cookie's value.
func (s *Service) SignIn(ctx context.Context, name, password string) (string, Session, error) {
	// A password check costs about half a second of one core on purpose;
	// a flood of sign-ins queues here rather than taking every core.
	select {
	case passwordSlots <- struct{}{}:
		defer func() { <-passwordSlots }()
	case <-ctx.Done():
		return "", Session{}, ctx.Err()
	}
	u, err := s.Store.UserByName(ctx, name)
	if errors.Is(err, ErrNotFound) {
		checkPassword(dummyHash(), password)
		return "", Session{}, ErrSignIn
	}
	if err != nil {
		return "", Session{}, err
	}
	if !checkPassword(u.PasswordHash, password) || u.Disabled {
		return "", Session{}, ErrSignIn
	}
	// Now and then, a sign-in clears the sessions nobody can use.
	if _, err := s.Store.DeleteExpiredSessions(ctx); err != nil {
		return "", Session{}, err
	}
	id, sess, err := s.Store.CreateSession(ctx, u.Name, SessionIdle, SessionLifetime)
	if errors.Is(err, ErrNotFound) {
		return "", Session{}, ErrSignIn // disabled in between
	}
	return id, sess, err
}

// SessionOf returns the live session with this id (the cookie's value),
// moving its idle end on; ok is false for an unknown, expired or idle
// session or a disabled user.
func (s *Service) SessionOf(ctx context.Context, id string) (Session, bool, error) {
	sess, ok, err := s.Store.SessionByID(ctx, id)
	if err != nil || !ok {
		return sess, ok, err
	}
	sinceTouch := s.Now().UTC().Add(SessionIdle).Sub(sess.IdleUntil)
	if sinceTouch >= touchEvery && sess.IdleUntil.Before(sess.Expires) && !s.ReadOnly {
		// A failed touch (two requests of one browser updating the row
		// at once conflict in DuckDB) leaves the session as valid as it
		// is: the next request moves it on.
		_ = s.Store.TouchSession(ctx, id, SessionIdle)
	}
	return sess, true, nil
}

// SignOut ends the session with this id.
func (s *Service) SignOut(ctx context.Context, id string) error {
	return s.Store.DeleteSession(ctx, id)
}

// CSRFToken is the form token for a session: derived from the session's
// secret id, so it needs no storage, changes with each sign-in, and
// cannot be computed from anything the database holds.
func CSRFToken(sessionID string) string {
	h := sha256.Sum256([]byte("plangap csrf\x00" + sessionID))
	return hex.EncodeToString(h[:16])
}

// RevokeToken revokes a token named by its ID from "token list" (or a
// prefix of it), or by the token itself.
func (s *Service) RevokeToken(ctx context.Context, idOrToken string) (Token, error) {
	id := strings.TrimSpace(idOrToken)
	if strings.HasPrefix(id, "pg_") {
		id = store.TokenID(id)
	}
	return s.Store.RevokeToken(ctx, id)
}

// TokenID is the ID "token list" shows for a token.
func TokenID(tok string) string { return store.TokenID(tok) }
