package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

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
			s, err := app.OpenAsIs(cmd.Context(), a.dbPath)
			if err != nil {
				return a.explainOpen(cmd.Context(), err)
			}
			defer s.Close()
			if err := exportWhole(cmd.Context(), s, out, format); err != nil {
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

// exportWhole writes the export into a new directory beside out and
// renames it into place, so that a failed export (a full disk, a bad
// table) leaves no half export that import would take for a whole one.
func exportWhole(ctx context.Context, s *app.Service, out, format string) error {
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fmt.Errorf("导出目录 %s 不为空，未覆盖任何文件 export: %s is not empty; nothing is overwritten", out, out)
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(out))+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := s.Export(ctx, tmp, format); err != nil {
		return err
	}
	// An empty directory named out may stand in the way; nothing is lost.
	if err := os.Remove(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	done = true
	return nil
}

func (a *App) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import DIR",
		Short: "Restore an export into a new database (导入备份)",
		Long:  `import reads a directory written by "plangap export" into the database named by --db, which must not hold any plan or value yet. It is atomic: all tables or none.`,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := app.OpenAsIs(cmd.Context(), a.dbPath)
			if err != nil {
				return a.explainOpen(cmd.Context(), err)
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
