package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/plangap/plangap/model"
)

// User is a person who signs in to the web app. The password hash is
// made and checked by the caller (app); the store only keeps it.
type User struct {
	Name            string
	Role            string
	PasswordHash    string
	Disabled        bool
	Created         time.Time
	PasswordChanged time.Time
}

// ErrUserExists is returned by AddUser for a name already taken.
var ErrUserExists = &model.Error{Code: model.Conflict, Message: "用户已存在 user exists"}

// coded is an error with its own message whose chain holds base (so that
// errors.Is finds ErrNotFound) and whose code is base's.
func coded(base *model.Error, format string, args ...any) error {
	return &model.Error{Code: base.Code, Message: fmt.Sprintf(format, args...), Err: base}
}

// invalidRole refuses a role that is none of the three.
func invalidRole(role string) error {
	return model.Errorf(model.Invalid, "角色 %q 无效 role %q: want bureau, planner or admin", role, role)
}

// AddUser stores a new user.
func (s *Store) AddUser(ctx context.Context, name, role, passwordHash string) error {
	if !ValidRole(role) {
		return invalidRole(role)
	}
	if err := s.writable(); err != nil {
		return err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE name = ?`, name).Scan(&n); err != nil {
		return fmt.Errorf("add user: %w", err)
	}
	if n > 0 {
		return coded(ErrUserExists, "用户“%s”已存在 user %s exists", name, name)
	}
	now := s.Now().UTC()
	_, err := s.db.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, disabled, created_at, password_changed_at)
		VALUES (?, ?, ?, false, ?, ?)`, name, role, passwordHash, now, now)
	if err != nil {
		return fmt.Errorf("add user: %w", err)
	}
	return nil
}

// UserByName returns the user, or ErrNotFound.
func (s *Store) UserByName(ctx context.Context, name string) (User, error) {
	if s.noUsers {
		return User{}, coded(ErrNotFound, "没有用户“%s” no user %s", name, name)
	}
	var u User
	err := s.db.QueryRowContext(ctx, `SELECT name, role, password_hash, disabled, created_at, password_changed_at
		FROM users WHERE name = ?`, name).Scan(&u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &u.Created, &u.PasswordChanged)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, coded(ErrNotFound, "没有用户“%s” no user %s", name, name)
	}
	if err != nil {
		return User{}, fmt.Errorf("user %s: %w", name, err)
	}
	return u, nil
}

// Users lists every user by name, without their password hashes.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	if s.noUsers {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name, role, disabled, created_at, password_changed_at FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.Name, &u.Role, &u.Disabled, &u.Created, &u.PasswordChanged); err != nil {
			return nil, fmt.Errorf("users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetPassword replaces a user's password hash and ends the user's
// sessions, so a changed password signs out every browser that knew the
// old one.
func (s *Store) SetPassword(ctx context.Context, name, passwordHash string) error {
	return s.changeUser(ctx, name, `UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?`,
		passwordHash, s.Now().UTC(), name)
}

// SetDisabled disables (or enables again) a user; disabling ends the
// user's sessions.
func (s *Store) SetDisabled(ctx context.Context, name string, disabled bool) error {
	return s.changeUser(ctx, name, `UPDATE users SET disabled = ? WHERE name = ?`, disabled, name)
}

// RemoveUser deletes a user and the user's sessions.
func (s *Store) RemoveUser(ctx context.Context, name string) error {
	return s.changeUser(ctx, name, `DELETE FROM users WHERE name = ?`, name)
}

// changeUser runs one statement on an existing user's row and deletes the
// user's sessions, in one transaction.
func (s *Store) changeUser(ctx context.Context, name, query string, args ...any) error {
	if err := s.writable(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE name = ?`, name).Scan(&n); err != nil {
			return fmt.Errorf("user %s: %w", name, err)
		}
		if n == 0 {
			return coded(ErrNotFound, "没有用户“%s” no user %s", name, name)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_name = ?`, name); err != nil {
			return fmt.Errorf("user %s: end sessions: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("user %s: %w", name, err)
		}
		return nil
	})
}
