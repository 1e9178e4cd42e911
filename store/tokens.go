package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/plangap/plangap/model"
)

// Roles a token or a user can have: bureau uploads statistics and reads;
// planner only reads; admin may do everything.
const (
	RoleBureau  = "bureau"
	RolePlanner = "planner"
	RoleAdmin   = "admin"
)

// ValidRole reports whether role is one of the three roles.
func ValidRole(role string) bool {
	return role == RoleBureau || role == RolePlanner || role == RoleAdmin
}

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// TokenIDLength is how many hex digits of a token's hash name it in
// "token list" and "token revoke": the hash, never the token, is stored.
const TokenIDLength = 12

// Token is a stored API token, without the secret.
type Token struct {
	ID      string // the first TokenIDLength hex digits of its SHA-256
	Role    string
	Label   string
	Created time.Time
	Revoked *time.Time
}

// CreateToken makes a new random token with a role and stores its hash.
// The token is returned once and cannot be recovered later.
func (s *Store) CreateToken(ctx context.Context, role, label string) (string, error) {
	if !ValidRole(role) {
		return "", invalidRole(role)
	}
	if err := s.writable(); err != nil {
		return "", err
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	tok := "pg_" + hex.EncodeToString(b)
	_, err := s.db.ExecContext(ctx, `INSERT INTO tokens (hash, role, label, created_at) VALUES (?, ?, ?, ?)`,
		hashToken(tok), role, label, s.Now().UTC())
	return tok, err
}

// TokenID is the ID "token list" shows for a token.
func TokenID(tok string) string { return hashToken(tok)[:TokenIDLength] }

// TokenRole returns the role of a token, or "" if the token is unknown or
// revoked.
func (s *Store) TokenRole(ctx context.Context, tok string) (string, error) {
	if tok == "" {
		return "", nil
	}
	q := `SELECT role FROM tokens WHERE hash = ? AND revoked_at IS NULL`
	if s.noRevoked {
		q = `SELECT role FROM tokens WHERE hash = ?`
	}
	var role string
	err := s.db.QueryRowContext(ctx, q, hashToken(tok)).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return role, err
}

// Tokens lists every token, revoked ones too, oldest first.
func (s *Store) Tokens(ctx context.Context) ([]Token, error) {
	q := `SELECT hash, role, label, created_at, revoked_at FROM tokens ORDER BY created_at, hash`
	if s.noRevoked {
		q = `SELECT hash, role, label, created_at, NULL::TIMESTAMP FROM tokens ORDER BY created_at, hash`
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var hash string
		var revoked sql.NullTime
		if err := rows.Scan(&hash, &t.Role, &t.Label, &t.Created, &revoked); err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		t.ID = hash[:TokenIDLength]
		if revoked.Valid {
			r := revoked.Time
			t.Revoked = &r
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ErrAmbiguous is returned when an ID prefix names several tokens.
var ErrAmbiguous = &model.Error{Code: model.Invalid, Message: "编号对应多项 the ID matches several"}

// RevokeToken revokes the token whose ID starts with id (at least 6 hex
// digits) and returns it. Revoking a revoked token changes nothing.
// ErrNotFound when none matches, ErrAmbiguous when several do.
func (s *Store) RevokeToken(ctx context.Context, id string) (Token, error) {
	id = strings.ToLower(strings.TrimSpace(id))
	if len(id) < 6 || strings.Trim(id, "0123456789abcdef") != "" {
		return Token{}, model.Errorf(model.Invalid, "令牌编号 %q 无效（至少6位十六进制） token ID %q: want at least 6 hex digits from \"token list\"", id, id)
	}
	if err := s.writable(); err != nil {
		return Token{}, err
	}
	all, err := s.Tokens(ctx)
	if err != nil {
		return Token{}, err
	}
	var match []Token
	for _, t := range all {
		if strings.HasPrefix(t.ID, id[:min(len(id), TokenIDLength)]) {
			match = append(match, t)
		}
	}
	switch {
	case len(match) == 0:
		return Token{}, coded(ErrNotFound, "没有编号为 %s 的令牌 no token %s", id, id)
	case len(match) > 1:
		return Token{}, coded(ErrAmbiguous, "编号 %s 对应%d个令牌，请多写几位 token ID %s matches %d tokens; give more digits", id, len(match), id, len(match))
	}
	t := match[0]
	if t.Revoked != nil {
		return t, nil
	}
	now := s.Now().UTC()
	if _, err := s.db.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE starts_with(hash, ?) AND revoked_at IS NULL`, now, t.ID); err != nil {
		return Token{}, fmt.Errorf("revoke token: %w", err)
	}
	t.Revoked = &now
	return t, nil
}
