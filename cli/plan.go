package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/atomicfile"
)

func (a *App) initCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Create or migrate the database and load the default plan (初始化)",
		Long: `init creates the database if needed, applies schema migrations, and loads the
embedded default plan: Guan County's 2023–2025 action plan, with its 12
headline indicators (附件1 指标事项) and every quantitative target in its task
items (附件2 任务事项). Running it again changes nothing.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			return a.loadDefault(cmd.Context(), s)
		},
	}
}

// loadDefault imports the embedded seed plan unless it is already there.
func (a *App) loadDefault(ctx context.Context, s *app.Service) error {
	c, err := app.DefaultPlan()
	if err != nil {
		return err
	}
	res, err := s.ImportPlan(ctx, c.Plan, c.Targets, false)
	if err != nil {
		return err
	}
	if res.Unchanged {
		a.printf("default plan %s (%s) is loaded: %d targets\n", c.Plan.Code, c.Plan.Region, res.Targets)
	} else {
		a.printf("loaded default plan %s (%s): %d targets\n", c.Plan.Code, c.Plan.Region, res.Targets)
	}
	return nil
}

func (a *App) planCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Import or export a plan catalogue (规划指标目录)",
		Long: `A plan catalogue is a CSV or XLSX file with one row per target; its columns are
documented in datasets/README.md. Any region's plan can be imported beside the
default one.`,
	}
	var region, code string
	var replace bool
	imp := &cobra.Command{
		Use:   "import FILE",
		Short: "Import a plan catalogue (CSV or XLSX) holding one plan or many (导入规划)",
		Long: `import validates every row of the catalogue and stores its plans atomically, in
one transaction: every plan and target or none. Problems are listed with their
row, column and reason.

A catalogue may hold many plans, one region per row group (see
datasets/README.md): 3,000 county plans import together in seconds.

--region and --code store a one-plan file under another region or plan code
(for example to apply a provincial template to a county). Importing the same
plans twice changes nothing; a changed plan needs --replace, and without it
nothing of the file is imported.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cs, err := app.ReadCatalogues(args[0])
			if err != nil {
				return err
			}
			if (region != "" || code != "") && len(cs) > 1 {
				return fmt.Errorf("“%s”含%d个规划，--region 和 --code 只适用于单一规划的文件 %s holds %d plans: --region and --code apply to a file holding one plan",
					filepath.Base(args[0]), len(cs), args[0], len(cs))
			}
			plans, targets := make([]model.Plan, len(cs)), make([][]model.Target, len(cs))
			for i, c := range cs {
				if region != "" {
					c.Plan.Region = region
				}
				if code != "" {
					c.Plan.Code = code
				}
				for j := range c.Targets {
					c.Targets[j].Region, c.Targets[j].PlanCode = c.Plan.Region, c.Plan.Code
				}
				plans[i], targets[i] = c.Plan, c.Targets
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := s.ImportPlans(cmd.Context(), plans, targets, replace)
			if err != nil {
				return err
			}
			a.printImport(res)
			return nil
		},
	}
	imp.Flags().StringVar(&region, "region", "", "store a one-plan file for this region (地区) instead of the file's")
	imp.Flags().StringVar(&code, "code", "", "store a one-plan file under this plan code instead of the file's")
	imp.Flags().BoolVar(&replace, "replace", false, "replace stored plans with the same region and code")

	var expRegion, expPlan, out string
	var all bool
	exp := &cobra.Command{
		Use:   "export",
		Short: "Write stored plans back out as a catalogue (导出规划)",
		Long: `export writes one plan in the catalogue format: CSV to standard output or to
--out FILE, or XLSX when --out ends in .xlsx. With one plan stored, --region
and --plan may be left out.

--all writes every stored plan (or every plan of --region, or every region's
plan --plan) into one multi-plan catalogue, which plan import reads back
identically.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			var cs []*app.Catalogue
			if all {
				cs, err = s.Catalogues(cmd.Context(), expRegion, expPlan)
			} else {
				var c *app.Catalogue
				c, err = s.Catalogue(cmd.Context(), expRegion, expPlan)
				cs = []*app.Catalogue{c}
			}
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				return app.WriteCatalogues(a.Stdout, cs, "csv")
			}
			err = atomicfile.Write(out, func(w io.Writer) error {
				if strings.HasSuffix(strings.ToLower(out), ".xlsx") {
					return app.WriteCatalogues(w, cs, "xlsx")
				}
				return app.WriteCatalogues(w, cs, "csv")
			})
			if err != nil {
				return err
			}
			n := 0
			for _, c := range cs {
				n += len(c.Targets)
			}
			if len(cs) == 1 {
				fmt.Fprintf(a.Stderr, "wrote %d targets of %s (%s) to %s\n", n, cs[0].Plan.Code, cs[0].Plan.Region, out)
			} else {
				fmt.Fprintf(a.Stderr, "wrote %d plans, %d targets to %s\n", len(cs), n, out)
			}
			return nil
		},
	}
	exp.Flags().StringVar(&expRegion, "region", "", "region (地区) of the plan")
	exp.Flags().StringVar(&expPlan, "plan", "", "plan code")
	exp.Flags().StringVar(&out, "out", "", "output file (.csv or .xlsx); standard output if empty")
	exp.Flags().BoolVar(&all, "all", false, "write every matching plan into one multi-plan catalogue")
	cmd.AddCommand(imp, exp)
	return cmd
}

// printImport says what an import did: plan by plan for a few plans,
// counted for many.
func (a *App) printImport(res []app.ImportResult) {
	const listed = 20
	var fresh, replaced, unchanged, targets int
	for _, r := range res {
		switch {
		case r.Unchanged:
			unchanged++
		case r.Replaced:
			replaced++
		default:
			fresh++
		}
		targets += r.Targets
		if len(res) > listed {
			continue
		}
		switch {
		case r.Unchanged:
			a.printf("plan %s (%s) unchanged: %d targets already stored\n", r.Plan.Code, r.Plan.Region, r.Targets)
		case r.Replaced:
			a.printf("replaced plan %s (%s): %d targets\n", r.Plan.Code, r.Plan.Region, r.Targets)
		default:
			a.printf("imported plan %s (%s): %d targets\n", r.Plan.Code, r.Plan.Region, r.Targets)
		}
	}
	if len(res) > 1 {
		a.printf("%d plans, %d targets: %d imported, %d replaced, %d unchanged\n", len(res), targets, fresh, replaced, unchanged)
	}
}
