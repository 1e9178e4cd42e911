package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/server"
)

func (a *App) serveCommand() *cobra.Command {
	var addr, lang, fontPath string
	var authReads, insecureCookie bool
	var maxUpload int64
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web dashboard and the HTTP API; one process owns the database (服务)",
		Long: `serve opens the database and serves, until interrupted:

  /                      plan overview: status counts, progress chart, every target
  /target/ID             one target: trajectory chart and path table
  /upload                upload page for the statistics bureau (signed in as
                         bureau or admin, or with a token)
  /signin                sign-in page for people (plangap user add)
  GET  /api/targets, /api/actuals, /api/gap, /api/path/ID, /api/batches,
       /api/history/INDICATOR, /api/chart?kind=…&target=…&format=svg|png
       (?region=, ?year=, ?method=, ?as_of= where they apply)
  POST /api/upload       multipart field "file" (CSV or XLSX), optional source,
                         status, region; Authorization: Bearer TOKEN. 200 with
                         the load summary, 401 without a valid token, 422 with
                         every problem when the file is refused
  GET  /api/server, /api/inputs, /api/indicators/NAME, /api/plans, /api/revisions
                         for the command line beside the server (below)

People sign in at /signin (plangap user add NAME --role bureau|planner|admin);
the session cookie is HttpOnly, SameSite=Lax and Secure — browsers keep a
Secure cookie over HTTPS and on http://localhost or 127.0.0.1 only, so for
plain HTTP on a LAN add --insecure-cookie. Scripts use API tokens
(plangap token create --role bureau). Reads are open unless --auth-reads:
then pages send a browser to /signin and the API answers 401 without a
session or token. DuckDB allows one process per database file: while serve
runs, serve leaves a note beside the database (DB.serve.json: its URL, PID,
start and version) and removes it when it stops. The read commands (gap,
path, targets, actuals, batches, history, chart) find the server through it
and go through its API, printing what they print on the database itself;
load goes through POST /api/upload with --token (or $PLANGAP_TOKEN). Other
commands say which server holds the database. --server URL (or
$PLANGAP_SERVER) names a server explicitly, e.g. on another machine.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			th, err := a.theme(lang, fontPath)
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			if insecureCookie {
				fmt.Fprintln(a.Stderr, "警告：--insecure-cookie 使登录 cookie 可经明文 HTTP 发送，同一网络中的他人可截获并冒用；仅在可信的局域网中使用。"+
					"WARNING: --insecure-cookie sends the sign-in cookie over plain HTTP, where anyone on the network can read and reuse it; use it only on a trusted LAN.")
			} else if host, _, err := net.SplitHostPort(addr); err == nil && host != "localhost" && !net.ParseIP(host).IsLoopback() {
				fmt.Fprintln(a.Stderr, "注意：其他电脑的浏览器只能经 HTTPS（反向代理）登录，明文 HTTP 需加 --insecure-cookie。"+
					"note: browsers on other computers can sign in only over HTTPS (a reverse proxy), or over plain HTTP with --insecure-cookie.")
			}
			srv := (&server.Server{Store: s, Theme: th, AuthReads: authReads, MaxUpload: maxUpload << 20, InsecureCookie: insecureCookie, Version: PlangapVersion()}).NewHTTPServer(addr)
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			// A terminated server removes its note as an interrupted one does.
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			done, err := a.writeLockNote(ln.Addr())
			if err != nil {
				return err
			}
			defer done()
			fmt.Fprintf(a.Stdout, "serving %s on http://%s (Ctrl-C to stop)\n", a.dbPath, ln.Addr())
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			select {
			case <-ctx.Done():
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				return srv.Shutdown(ctx)
			case err := <-errc:
				if errors.Is(err, http.ErrServerClosed) {
					return nil
				}
				return err
			}
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen address")
	cmd.Flags().BoolVar(&authReads, "auth-reads", false, "require sign-in (or a token) for reads too")
	cmd.Flags().BoolVar(&insecureCookie, "insecure-cookie", false, "send the sign-in cookie without Secure, for plain HTTP on a LAN (not localhost)")
	cmd.Flags().Int64Var(&maxUpload, "max-upload-mb", 32, "largest upload accepted, in MiB")
	cmd.Flags().StringVar(&lang, "lang", "zh", "chart labels: zh or en")
	cmd.Flags().StringVar(&fontPath, "font", "", "CJK font file for the charts")
	return cmd
}

func (a *App) tokenCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Manage API tokens (访问令牌)"}
	var role, label string
	create := &cobra.Command{
		Use:   "create --role bureau|planner|admin",
		Short: "Create a token; it is printed once and stored only as a hash",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			tok, err := s.CreateToken(cmd.Context(), role, label)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.Stdout, tok)
			fmt.Fprintf(a.Stderr, "created a %s token, ID %s (token list, token revoke); keep it safe: it cannot be shown again\n", role, app.TokenID(tok))
			return nil
		},
	}
	create.Flags().StringVar(&role, "role", "bureau", "bureau (uploads statistics), planner (reads) or admin")
	create.Flags().StringVar(&label, "label", "", "who the token is for")
	cmd.AddCommand(create, a.tokenListCommand(), a.tokenRevokeCommand())
	return cmd
}
