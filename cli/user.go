package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/plangap/plangap/app"
)

func (a *App) userCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "People who sign in to the web app (用户)",
		Long: `People sign in to the web app (plangap serve) at /signin with a name and a
password, and get a role:

  bureau   统计局: uploads statistics and reads everything
  planner  规划查阅: reads only (a lead department, the planning office)
  admin    管理员: everything

The password is read from the terminal (twice, not shown), from standard
input when that is not a terminal (one line), or from --password-file. It
is kept only as a PBKDF2-SHA256 hash. API scripts use tokens instead
(plangap token create).`,
	}
	var role, passwordFile string
	add := &cobra.Command{
		Use:   "add NAME --role bureau|planner|admin",
		Short: "Add a person who signs in",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !app.ValidRole(role) {
				return fmt.Errorf("--role %q：应为 bureau、planner 或 admin want bureau, planner or admin", role)
			}
			pw, err := a.readPassword(passwordFile)
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.AddUser(cmd.Context(), args[0], role, pw); err != nil {
				return err
			}
			a.printf("已添加用户 added user %s（%s）\n", args[0], app.RoleLabel(role))
			return nil
		},
	}
	add.Flags().StringVar(&role, "role", "", "bureau (uploads), planner (reads) or admin")
	add.Flags().StringVar(&passwordFile, "password-file", "", "read the password from the first line of this file")
	add.MarkFlagRequired("role")

	passwd := &cobra.Command{
		Use:   "passwd NAME",
		Short: "Set a new password; the user's browsers are signed out",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, err := a.readPassword(passwordFile)
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.SetUserPassword(cmd.Context(), args[0], pw); err != nil {
				return err
			}
			a.printf("已更改 %s 的密码，其所有登录已退出 password changed for %s; every session of theirs is signed out\n", args[0], args[0])
			return nil
		},
	}
	passwd.Flags().StringVar(&passwordFile, "password-file", "", "read the password from the first line of this file")

	list := &cobra.Command{
		Use:   "list",
		Short: "List the users, their roles and whether they are disabled",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			us, err := s.Users(cmd.Context())
			if err != nil {
				return err
			}
			if len(us) == 0 {
				a.printf("还没有用户 no users yet: plangap user add NAME --role bureau\n")
				return nil
			}
			tb := &table{header: []string{"name", "role", "state", "created (UTC)", "password set (UTC)"}}
			for _, u := range us {
				state := "启用 enabled"
				if u.Disabled {
					state = "停用 disabled"
				}
				tb.add(u.Name, u.Role, state, u.Created.UTC().Format(time.DateTime), u.PasswordChanged.UTC().Format(time.DateTime))
			}
			tb.writeText(a.Stdout)
			return nil
		},
	}

	change := func(use, short, done string, do func(s *app.Service, cmd *cobra.Command, name string) error) *cobra.Command {
		return &cobra.Command{
			Use:   use + " NAME",
			Short: short,
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				s, err := a.open(cmd.Context())
				if err != nil {
					return err
				}
				defer s.Close()
				if err := do(s, cmd, args[0]); err != nil {
					return err
				}
				a.printf(done+"\n", args[0], args[0])
				return nil
			},
		}
	}
	remove := change("remove", "Remove a user and end their sessions", "已删除用户 %s removed user %s",
		func(s *app.Service, cmd *cobra.Command, name string) error { return s.RemoveUser(cmd.Context(), name) })
	disable := change("disable", "Stop a user signing in (kept in the list); ends their sessions", "已停用用户 %s disabled user %s",
		func(s *app.Service, cmd *cobra.Command, name string) error {
			return s.SetDisabled(cmd.Context(), name, true)
		})
	enable := change("enable", "Let a disabled user sign in again", "已启用用户 %s enabled user %s",
		func(s *app.Service, cmd *cobra.Command, name string) error {
			return s.SetDisabled(cmd.Context(), name, false)
		})
	cmd.AddCommand(add, list, passwd, remove, disable, enable)
	return cmd
}

// readPassword reads a new password: from a file's first line, from the
// terminal twice without echo, or from one line of standard input when
// that is not a terminal (a script: echo … | plangap user add …).
func (a *App) readPassword(file string) (string, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("--password-file: %w", err)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		return strings.TrimSuffix(line, "\r"), nil
	}
	if a.Stdin == nil && term.IsTerminal(int(os.Stdin.Fd())) {
		fd := int(os.Stdin.Fd())
		fmt.Fprint(a.Stderr, "密码 password: ")
		first, err := term.ReadPassword(fd)
		fmt.Fprintln(a.Stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(a.Stderr, "再输入一次 again: ")
		second, err := term.ReadPassword(fd)
		fmt.Fprintln(a.Stderr)
		if err != nil {
			return "", err
		}
		if string(first) != string(second) {
			return "", errors.New("两次输入的密码不一致 the two passwords differ")
		}
		return string(first), nil
	}
	in := a.Stdin
	if in == nil {
		in = os.Stdin
	}
	line, err := bufio.NewReader(io.LimitReader(in, 4096)).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", errors.New("没有读到密码 no password on standard input (or use --password-file)")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// tokenListCommand lists the tokens without their secrets.
func (a *App) tokenListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the tokens: ID, role, label, when created and revoked",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			ts, err := s.Tokens(cmd.Context())
			if err != nil {
				return err
			}
			if len(ts) == 0 {
				a.printf("还没有令牌 no tokens yet: plangap token create --role bureau\n")
				return nil
			}
			tb := &table{header: []string{"id", "role", "label", "created (UTC)", "revoked (UTC)"}}
			for _, t := range ts {
				revoked := "—"
				if t.Revoked != nil {
					revoked = t.Revoked.UTC().Format(time.DateTime)
				}
				tb.add(t.ID, t.Role, t.Label, t.Created.UTC().Format(time.DateTime), revoked)
			}
			tb.writeText(a.Stdout)
			return nil
		},
	}
}

// tokenRevokeCommand revokes a token by its ID (or the token itself).
func (a *App) tokenRevokeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a token, named by its ID from token list (or the token itself)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			t, err := s.RevokeToken(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			a.printf("已撤销令牌 revoked token %s（%s，%s），撤销于 %s UTC\n", t.ID, t.Role, t.Label, t.Revoked.UTC().Format(time.DateTime))
			return nil
		},
	}
}
