package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// Roles a token can have: bureau uploads statistics; admin may do
// everything.
const (
	RoleBureau = "bureau"
	RoleAdmin  = "admin"
)

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// CreateToken makes a new random token with a role and stores its hash.
// The token is returned once and cannot be recovered later.
func (s *Store) CreateToken(ctx context.Context, role, label string) (string, error) {
	if role != RoleBureau && role != RoleAdmin {
		return "", fmt.Errorf("role %q: want bureau or admin", role)
	}
	if err := s.writable(); err != nil {
		return "", err
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	tok := "pg_" + hex.EncodeToString(b)
	_, err := s.db.ExecContext(ctx, `INSERT INTO tokens VALUES (?, ?, ?, ?)`, hashToken(tok), role, label, s.Now().UTC())
	return tok, err
}

// TokenRole returns the role of a token, or "" if the token is unknown.
func (s *Store) TokenRole(ctx context.Context, tok string) (string, error) {
	if tok == "" {
		return "", nil
	}
	var role string
	err := s.db.QueryRowContext(ctx, `SELECT role FROM tokens WHERE hash = ?`, hashToken(tok)).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return role, err
}
