package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runIn runs a command line with stdin as its standard input.
func runIn(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &App{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin)}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := explain(root.ExecuteContext(context.Background()))
	return out.String(), errb.String(), err
}

func TestUserCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.duckdb")
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte("规划局只读的密码\r\nsecond line ignored\n"), 0o600)
	if _, _, err := runIn(t, "统计局的密码2026\n", "--db", db, "user", "add", "王芳", "--role", "bureau"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runIn(t, "", "--db", db, "user", "add", "李明", "--role", "planner", "--password-file", pwFile); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"统计局的密码2026\n", []string{"user", "add", "王芳", "--role", "admin"}, "已存在"},
		{"long enough\n", []string{"user", "add", "张三", "--role", "clerk"}, "want bureau, planner or admin"},
		{"short\n", []string{"user", "add", "张三", "--role", "bureau"}, "at least 8 characters"},
		{"", []string{"user", "add", "张三", "--role", "bureau"}, "no password"},
		{"", []string{"user", "remove", "nobody"}, "no user nobody"},
		{"", []string{"token", "revoke", "zz"}, "at least 6 hex digits"},
	} {
		_, _, err := runIn(t, tc.stdin, append([]string{"--db", db}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, err, tc.want)
		}
	}
	out, _, err := runIn(t, "", "--db", db, "user", "list")
	if err != nil || !regexp.MustCompile(`李明\s+planner\s+启用 enabled`).MatchString(out) || !regexp.MustCompile(`王芳\s+bureau\s+启用 enabled`).MatchString(out) {
		t.Errorf("user list:\n%s%v", out, err)
	}
	if _, _, err := runIn(t, "", "--db", db, "user", "disable", "李明"); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := runIn(t, "", "--db", db, "user", "list"); !regexp.MustCompile(`李明\s+planner\s+停用 disabled`).MatchString(out) {
		t.Errorf("after disable:\n%s", out)
	}
	if _, _, err := runIn(t, "新的密码新的密码\n", "--db", db, "user", "passwd", "王芳"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runIn(t, "", "--db", db, "user", "remove", "李明"); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := runIn(t, "", "--db", db, "user", "list"); strings.Contains(out, "李明") || !strings.Contains(out, "王芳") {
		t.Errorf("after remove:\n%s", out)
	}
}

func TestTokenListAndRevoke(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.duckdb")
	tok, stderr, err := runIn(t, "", "--db", db, "token", "create", "--role", "bureau", "--label", "统计局")
	if err != nil {
		t.Fatal(err)
	}
	tok = strings.TrimSpace(tok)
	id := regexp.MustCompile(`ID ([0-9a-f]{12})`).FindStringSubmatch(stderr)
	if id == nil || strings.Contains(tok, id[1]) {
		t.Fatalf("token create printed no ID apart from the token: %q", stderr)
	}
	runIn(t, "", "--db", db, "token", "create", "--role", "planner", "--label", "发改局")
	out, _, err := runIn(t, "", "--db", db, "token", "list")
	if err != nil || !regexp.MustCompile(id[1]+`\s+bureau\s+统计局\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+—`).MatchString(out) ||
		!strings.Contains(out, "planner") || strings.Contains(out, tok) {
		t.Fatalf("token list:\n%s%v", out, err)
	}
	out, _, err = runIn(t, "", "--db", db, "token", "revoke", id[1][:8])
	if err != nil || !strings.Contains(out, "revoked token "+id[1]) {
		t.Fatalf("revoke: %s %v", out, err)
	}
	out, _, _ = runIn(t, "", "--db", db, "token", "list")
	if !regexp.MustCompile(`(?m)^` + id[1] + `\s+bureau\s+统计局\s+\S+ \S+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*$`).MatchString(out) {
		t.Errorf("the revoked token shows no revocation time:\n%s", out)
	}
}
