package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/user"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/plangap/plangap/model"
)

// ErrAliasTaken is returned when an alias already names another indicator,
// as its code, its Chinese name or one of its aliases.
var ErrAliasTaken = &model.Error{Code: model.Conflict, Message: "别名已指向另一指标 alias already names another indicator"}

// AliasTakenError says which indicator an alias already names.
type AliasTakenError struct {
	Alias     string
	Indicator string // the code of the indicator that holds it
	Name      string // that indicator's Chinese name
	As        string // "code", "name" or "alias"
}

func (e *AliasTakenError) Error() string {
	return fmt.Sprintf("“%s”已是指标%s（%s）的%s alias %q is already the %s of indicator %s (%s)",
		e.Alias, e.Indicator, e.Name, map[string]string{"code": "代码", "name": "名称", "alias": "别名"}[e.As],
		e.Alias, e.As, e.Indicator, e.Name)
}

// Unwrap lets errors.Is(err, ErrAliasTaken) match.
func (e *AliasTakenError) Unwrap() error { return ErrAliasTaken }

// Alias is one name a statistics file may use for an indicator.
type Alias struct {
	Alias         string
	Indicator     string // code
	IndicatorName string // Chinese name
	// AddedBy and AddedAt say who added it by hand; both are empty for an
	// alias that came with a plan's catalogue.
	AddedBy string
	AddedAt time.Time
}

// AliasChange is one line of the alias history.
type AliasChange struct {
	At        time.Time
	Action    string // add | remove
	Alias     string
	Indicator string
	Actor     string
}

type actorKey struct{}

// WithActor names who makes the changes done with ctx (the server passes
// its token's label); without it the OS user is recorded.
func WithActor(ctx context.Context, who string) context.Context {
	return context.WithValue(ctx, actorKey{}, who)
}

func actor(ctx context.Context) string {
	if who, ok := ctx.Value(actorKey{}).(string); ok && who != "" {
		return who
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if who := os.Getenv("USER"); who != "" {
		return who
	}
	return "unknown"
}

// aliasKey folds a name the way the loader matches names (full-width
// forms, blanks, letter case), so that two names the loader would confuse
// are treated as the same name here.
func aliasKey(s string) string {
	s = width.Narrow.String(strings.TrimSpace(s))
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// AddAlias lets statistics files name indicator code by alias. An unknown
// code is refused (ErrNotFound), and so is an alias that is already the
// code, name or alias of another indicator (ErrAliasTaken): the loader
// would not know which one a file means. Adding an alias the indicator
// already answers to changes nothing.
func (s *Store) AddAlias(ctx context.Context, alias, code string) error {
	alias = strings.TrimSpace(alias)
	if alias == "" {
		return errors.New("别名不能为空 the alias must not be empty")
	}
	if err := s.writable(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		inds, err := s.indicatorNames(ctx, tx)
		if err != nil {
			return err
		}
		own, ok := inds[code]
		if !ok {
			return fmt.Errorf("indicator %q: %w", code, ErrNotFound)
		}
		key := aliasKey(alias)
		already := false
		for _, ind := range sortedNames(inds) {
			as := ""
			switch {
			case aliasKey(ind.code) == key:
				as = "code"
			case aliasKey(ind.name) == key:
				as = "name"
			default:
				for _, a := range ind.aliases {
					if aliasKey(a) == key {
						as = "alias"
					}
				}
			}
			if as == "" {
				continue
			}
			if ind.code == code {
				already = true
				continue
			}
			return &AliasTakenError{Alias: alias, Indicator: ind.code, Name: ind.name, As: as}
		}
		if already {
			return nil // it already answers to this name
		}
		if _, err := tx.ExecContext(ctx, `UPDATE indicators SET aliases = ? WHERE code = ?`, listArg(append(own.aliases, alias)), code); err != nil {
			return fmt.Errorf("add alias: %w", err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO alias_log VALUES (?, 'add', ?, ?, ?)`, s.Now().UTC(), alias, code, actor(ctx))
		return err
	})
}

// RemoveAlias removes an alias from the indicator that holds it; files
// using that name are refused again from then on. An indicator's code and
// Chinese name are not aliases and cannot be removed. The history keeps
// the removal.
func (s *Store) RemoveAlias(ctx context.Context, alias string) error {
	alias = strings.TrimSpace(alias)
	if err := s.writable(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		inds, err := s.indicatorNames(ctx, tx)
		if err != nil {
			return err
		}
		for _, ind := range sortedNames(inds) {
			kept := make([]string, 0, len(ind.aliases))
			for _, a := range ind.aliases {
				if a != alias {
					kept = append(kept, a)
				}
			}
			if len(kept) == len(ind.aliases) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE indicators SET aliases = ? WHERE code = ?`, listArg(kept), ind.code); err != nil {
				return fmt.Errorf("remove alias: %w", err)
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO alias_log VALUES (?, 'remove', ?, ?, ?)`, s.Now().UTC(), alias, ind.code, actor(ctx))
			return err
		}
		return fmt.Errorf("alias %q: %w", alias, ErrNotFound)
	})
}

// Aliases lists every alias of every indicator, by indicator code and
// alias, with who added it when it was added by hand.
func (s *Store) Aliases(ctx context.Context) ([]Alias, error) {
	log := `alias_log`
	if s.noAliasLog {
		log = `(SELECT NULL::TIMESTAMP AS changed_at, '' AS action, '' AS alias, '' AS indicator, '' AS actor WHERE false)`
	}
	rows, err := s.db.QueryContext(ctx, `
		WITH a AS (SELECT code, name_zh, unnest(aliases) AS alias FROM indicators),
		     added AS (SELECT alias, indicator, arg_max(actor, changed_at) AS actor, max(changed_at) AS at
		               FROM `+log+` WHERE action = 'add' GROUP BY alias, indicator)
		SELECT a.alias, a.code, a.name_zh, coalesce(added.actor, ''), added.at
		FROM a LEFT JOIN added ON added.alias = a.alias AND added.indicator = a.code
		ORDER BY a.code, a.alias`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Alias
	for rows.Next() {
		var x Alias
		var at sql.NullTime
		if err := rows.Scan(&x.Alias, &x.Indicator, &x.IndicatorName, &x.AddedBy, &at); err != nil {
			return nil, err
		}
		x.AddedAt = at.Time
		out = append(out, x)
	}
	return out, rows.Err()
}

// AliasHistory lists every alias added or removed by hand, oldest first.
func (s *Store) AliasHistory(ctx context.Context) ([]AliasChange, error) {
	if s.noAliasLog {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT changed_at, action, alias, indicator, actor FROM alias_log ORDER BY changed_at, rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AliasChange
	for rows.Next() {
		var c AliasChange
		if err := rows.Scan(&c.At, &c.Action, &c.Alias, &c.Indicator, &c.Actor); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

type indicatorName struct {
	code, name string
	aliases    []string
}

// indicatorNames reads every indicator's names inside tx, so that the
// check and the update see the same rows.
func (s *Store) indicatorNames(ctx context.Context, tx *sql.Tx) (map[string]indicatorName, error) {
	rows, err := tx.QueryContext(ctx, `SELECT code, name_zh, aliases FROM indicators`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]indicatorName{}
	for rows.Next() {
		var n indicatorName
		var aliases any
		if err := rows.Scan(&n.code, &n.name, &aliases); err != nil {
			return nil, err
		}
		n.aliases = strList(aliases)
		out[n.code] = n
	}
	return out, rows.Err()
}

// sortedNames orders indicators by code so that a clash is always
// reported against the same indicator.
func sortedNames(m map[string]indicatorName) []indicatorName {
	out := make([]indicatorName, 0, len(m))
	for _, n := range m {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out
}
