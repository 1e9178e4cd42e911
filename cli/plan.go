package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/plangap/plangap/app"

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
		Short: "Import a plan catalogue (CSV or XLSX) for any region (导入规划)",
		Long: `import validates every row of the catalogue and stores the plan atomically: all
targets or none. Problems are listed with their row, column and reason.

--region stores the plan for another region than the file names (for example
to apply a provincial template to a county). Importing the same plan twice
changes nothing; a changed plan needs --replace.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := app.ReadCatalogue(args[0])
			if err != nil {
				return err
			}
			if region != "" {
				c.Plan.Region = region
			}
			if code != "" {
				c.Plan.Code = code
			}
			for i := range c.Targets {
				c.Targets[i].Region, c.Targets[i].PlanCode = c.Plan.Region, c.Plan.Code
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := s.ImportPlan(cmd.Context(), c.Plan, c.Targets, replace)
			if err != nil {
				return err
			}
			switch {
			case res.Unchanged:
				a.printf("plan %s (%s) unchanged: %d targets already stored\n", c.Plan.Code, c.Plan.Region, res.Targets)
			case res.Replaced:
				a.printf("replaced plan %s (%s): %d targets\n", c.Plan.Code, c.Plan.Region, res.Targets)
			default:
				a.printf("imported plan %s (%s): %d targets\n", c.Plan.Code, c.Plan.Region, res.Targets)
			}
			return nil
		},
	}
	imp.Flags().StringVar(&region, "region", "", "store the plan for this region (地区) instead of the file's")
	imp.Flags().StringVar(&code, "code", "", "store the plan under this plan code instead of the file's")
	imp.Flags().BoolVar(&replace, "replace", false, "replace a stored plan with the same region and code")

	var expRegion, expPlan, out string
	exp := &cobra.Command{
		Use:   "export",
		Short: "Write a stored plan back out as a catalogue (导出规划)",
		Long: `export writes one plan in the catalogue format: CSV to standard output or to
--out FILE, or XLSX when --out ends in .xlsx. With one plan stored, --region
and --plan may be left out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			c, err := s.Catalogue(cmd.Context(), expRegion, expPlan)
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				return app.WriteCatalogue(a.Stdout, c, "csv")
			}
			err = atomicfile.Write(out, func(w io.Writer) error {
				if strings.HasSuffix(strings.ToLower(out), ".xlsx") {
					return app.WriteCatalogue(w, c, "xlsx")
				}
				return app.WriteCatalogue(w, c, "csv")
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.Stderr, "wrote %d targets of %s (%s) to %s\n", len(c.Targets), c.Plan.Code, c.Plan.Region, out)
			return nil
		},
	}
	exp.Flags().StringVar(&expRegion, "region", "", "region (地区) of the plan")
	exp.Flags().StringVar(&expPlan, "plan", "", "plan code")
	exp.Flags().StringVar(&out, "out", "", "output file (.csv or .xlsx); standard output if empty")
	cmd.AddCommand(imp, exp)
	return cmd
}
