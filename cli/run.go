package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/catalogue"
)

func (a *App) runCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Do the main job on the embedded default plan (一键评估)",
		Long: `run initialises the database, loads the default plan, and writes the
deliverables into --out: the target catalogue (targets.csv).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := a.loadDefault(ctx, s); err != nil {
				return err
			}
			c, err := exportCatalogue(ctx, s, "", "")
			if err != nil {
				return err
			}
			path := filepath.Join(out, "targets.csv")
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := catalogue.WriteCSV(f, c); err != nil {
				return err
			}
			fmt.Fprintf(a.Stdout, "wrote %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "out", "directory for the outputs")
	return cmd
}
