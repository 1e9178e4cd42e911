// Package cli implements the plangap command line. cmd/plangap only wires
// it to the process; tests call Run directly.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/plangap/plangap/app"

	"github.com/spf13/cobra"
)

// DefaultDB is the database used when neither --db nor PLANGAP_DB is set.
const DefaultDB = "plangap.duckdb"

// App holds what every command shares.
type App struct {
	Stdout, Stderr io.Writer
	dbPath         string

	// Stdin is where a password is read when it is not a terminal; nil
	// means the process's standard input.
	Stdin io.Reader
	// serverURL and token reach a running server's API (remote.go).
	serverURL, token string
	viaServer        int // commands' opens that went through the server
}

// Run executes the command line args (without the program name).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	a := &App{Stdout: stdout, Stderr: stderr}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return explain(root.ExecuteContext(ctx))
}

// explain words the store's typed errors for the command line: the store
// does not know which flag leads out of a refusal, the CLI does.
func explain(err error) error {
	var ub *app.UnknownBatchError
	var choice *app.ChoiceError
	switch {
	case errors.As(err, &choice):
		return fmt.Errorf("%w；请用 --region（或 --plan）指定 choose with --region (or --plan)", err)
	case err == nil:
		return nil
	case errors.Is(err, app.ErrPlanExists):
		return fmt.Errorf("%w; 如需以新版本替换请加 --replace (use --replace to store the new version)", err)
	case errors.Is(err, app.ErrNotEmpty):
		return fmt.Errorf("%w: 请导入到新数据库 (--db NEW.duckdb)", err)
	case errors.As(err, &ub):
		return fmt.Errorf("--as-of %d: %w", ub.Batch, err)
	}
	return err
}

func (a *App) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "plangap",
		Short: "Plan targets beside the statistics that measure them (规划目标与统计实绩对照)",
		Long: `plangap keeps a development plan's quantitative targets (规划指标/目标) next to
the yearly statistics that measure them (统计实绩), and answers two questions:
how far is each target (差距), and what growth is now needed to reach it
(所需增速)?

The embedded default plan is Guan County's (冠县) 2023–2025 action plan for
green, low-carbon, high-quality development (冠发〔2023〕5号). Any region's plan
can be imported beside it with "plangap plan import".

The database is a DuckDB file: --db PATH, else $PLANGAP_DB, else
./plangap.duckdb. --db :memory: keeps everything in memory for one run.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			if a.dbPath == "" {
				return errors.New("--db 不能为空 --db must not be empty")
			}
			return nil
		},
	}
	def := os.Getenv("PLANGAP_DB")
	if def == "" {
		def = DefaultDB
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", def, "DuckDB database file (数据库文件); :memory: for a throw-away run")
	root.PersistentFlags().StringVar(&a.serverURL, "server", os.Getenv("PLANGAP_SERVER"), "go through this plangap server's API (服务器地址), e.g. http://127.0.0.1:8080; default $PLANGAP_SERVER, else the server holding --db")
	root.PersistentFlags().StringVar(&a.token, "token", os.Getenv("PLANGAP_TOKEN"), "API token for --server (访问令牌); default $PLANGAP_TOKEN")
	root.AddCommand(a.initCommand(), a.targetsCommand(), a.planCommand(), a.unitsCommand(), a.runCommand(),
		a.loadCommand(), a.batchesCommand(), a.historyCommand(), a.actualsCommand(),
		a.gapCommand(), a.pathCommand(), a.chartCommand(), a.reportCommand(),
		a.serveCommand(), a.tokenCommand(), a.exportCommand(), a.importCommand(), a.benchCommand(),
		a.aliasCommand(), a.templateCommand(), a.versionCommand(), a.nationalCommand(),
		a.userCommand())
	return root
}

// open opens the store named by --db. A database with no plan at all
// gets the embedded default plan, so every command works on a fresh file
// or on :memory:.
func (a *App) open(ctx context.Context) (*app.Service, error) {
	s, err := a.openLocal(ctx)
	return s, a.explainOpen(ctx, err)
}

// openLocal is open without wording a lock held by another process, for
// the commands that can then go through a server (openSource).
func (a *App) openLocal(ctx context.Context) (*app.Service, error) {
	s, err := app.Open(ctx, a.dbPath, func(msg string) { fmt.Fprintln(a.Stderr, msg) })
	if err != nil {
		return nil, err
	}
	a.staleNotice(ctx)
	if s.ReadOnly {
		fmt.Fprintf(a.Stderr, "“%s”是只读文件，以只读方式打开 %s is read-only: opened for reading only\n", a.dbPath, a.dbPath)
	}
	holdCommit(s)
	return s, nil
}

func (a *App) printf(format string, args ...any) {
	fmt.Fprintf(a.Stdout, format, args...)
}
