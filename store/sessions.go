package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
)

// Session is a signed-in browser, with its user's current role.
type Session struct {
	User      string
	Role      string
	Created   time.Time
	IdleUntil time.Time
	Expires   time.Time
}

// CreateSession starts a session for an enabled user and returns its id,
// the cookie's value: 32 random bytes, of which only a hash is stored.
// The session ends after idle without a request, and at the latest after
// lifetime.
func (s *Store) CreateSession(ctx context.Context, user string, idle, lifetime time.Duration) (string, Session, error) {
	if err := s.writable(); err != nil {
		return "", Session{}, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", Session{}, err
	}
	id := base64.RawURLEncoding.EncodeToString(b)
	now := s.Now().UTC()
	sess := Session{User: user, Created: now, IdleUntil: now.Add(min(idle, lifetime)), Expires: now.Add(lifetime)}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE name = ? AND NOT disabled`, user).Scan(&sess.Role)
		if errors.Is(err, sql.ErrNoRows) {
			return coded(ErrNotFound, "没有可用的用户“%s” no enabled user %s", user, user)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO sessions (hash, user_name, created_at, idle_until, expires_at) VALUES (?, ?, ?, ?, ?)`,
			hashToken(id), user, sess.Created, sess.IdleUntil, sess.Expires)
		return err
	})
	if err != nil {
		return "", Session{}, fmt.Errorf("create session: %w", err)
	}
	return id, sess, nil
}

// SessionByID returns the live session with this id — not expired, not
// idle too long, its user still there and enabled — or ok false.
func (s *Store) SessionByID(ctx context.Context, id string) (sess Session, ok bool, err error) {
	if id == "" || s.noUsers {
		return Session{}, false, nil
	}
	err = s.db.QueryRowContext(ctx, `SELECT s.user_name, u.role, s.created_at, s.idle_until, s.expires_at
		FROM sessions s JOIN users u ON u.name = s.user_name
		WHERE s.hash = ? AND NOT u.disabled AND s.idle_until > ? AND s.expires_at > ?`, hashToken(id), s.Now().UTC(), s.Now().UTC()).
		Scan(&sess.User, &sess.Role, &sess.Created, &sess.IdleUntil, &sess.Expires)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, false, nil
	}
	if err != nil {
		return Session{}, false, fmt.Errorf("session: %w", err)
	}
	return sess, true, nil
}

// TouchSession moves a session's idle end to now + idle, never past its
// expiry.
func (s *Store) TouchSession(ctx context.Context, id string, idle time.Duration) error {
	if s.ReadOnly {
		return nil // the session could not have been made; nothing to move
	}
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET idle_until = least(?, expires_at) WHERE hash = ?`,
		s.Now().UTC().Add(idle), hashToken(id))
	if err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// DeleteSession ends a session (sign-out).
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	if err := s.writable(); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE hash = ?`, hashToken(id)); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions that can no longer be used
// and returns how many there were.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	if err := s.writable(); err != nil {
		return 0, err
	}
	now := s.Now().UTC()
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE idle_until <= ? OR expires_at <= ?`, now, now)
	if err != nil {
		return 0, fmt.Errorf("expire sessions: %w", err)
	}
	return res.RowsAffected()
}
