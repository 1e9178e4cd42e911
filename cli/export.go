package cli

import (
	"github.com/spf13/cobra"

	"github.com/plangap/plangap/app"
)

func (a *App) exportCommand() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export --format parquet|csv --out DIR",
		Short: "Export every table as Parquet or CSV, partitioned by region (导出)",
		Long: `export writes plans, indicators, targets, batches and actuals (every revision)
into DIR; targets and actuals are partitioned by region (DIR/actuals/region=冠县/…).
DuckDB elsewhere, Spark and Trino read this layout directly, e.g.
  SELECT * FROM read_parquet('DIR/actuals/*/*.parquet', hive_partitioning = true)
Tokens are not exported. DIR must be new or empty.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := app.Open(cmd.Context(), a.dbPath, nil)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Export(cmd.Context(), out, format); err != nil {
				return err
			}
			a.printf("exported %s to %s (%s)\n", a.dbPath, out, format)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "parquet", "parquet or csv")
	cmd.Flags().StringVar(&out, "out", "export", "directory to write")
	return cmd
}

func (a *App) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import DIR",
		Short: "Restore an export into a new database (导入备份)",
		Long:  `import reads a directory written by "plangap export" into the database named by --db, which must not hold any plan or value yet. It is atomic: all tables or none.`,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := app.Open(cmd.Context(), a.dbPath, nil)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Import(cmd.Context(), args[0]); err != nil {
				return err
			}
			a.printf("imported %s into %s\n", args[0], a.dbPath)
			return nil
		},
	}
}
