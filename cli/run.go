package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/store"
)

func (a *App) runCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Do the main job on the embedded default plan (一键评估)",
		Long: `run initialises the database, loads the default plan and its illustrative
example actuals (示例数据, not official statistics), and writes the
deliverables into --out: the target catalogue (targets.csv) and the actuals
as stored (actuals.csv).`,
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
			if err := a.loadExampleActuals(ctx, s); err != nil {
				return err
			}
			c, err := exportCatalogue(ctx, s, "", "")
			if err != nil {
				return err
			}
			return a.writeFile(filepath.Join(out, "targets.csv"), func(f *os.File) error { return catalogue.WriteCSV(f, c) })
		},
	}
	cmd.Flags().StringVar(&out, "out", "out", "directory for the outputs")
	return cmd
}

// loadExampleActuals loads the embedded illustrative actuals: the final
// 2020–2024 yearbook table and the preliminary 2025 figures. Loading them
// again changes nothing.
func (a *App) loadExampleActuals(ctx context.Context, s *store.Store) error {
	inds, err := s.Indicators(ctx)
	if err != nil {
		return err
	}
	for _, ex := range []struct {
		name, status string
		data         []byte
	}{
		{datasets.ExampleActualsName, "final", datasets.ExampleActualsCSV},
		{datasets.ExamplePreliminaryName, "preliminary", datasets.ExamplePreliminaryCSV},
	} {
		f, err := actuals.Read(ex.data, actuals.Options{Name: ex.name, Region: "冠县", Indicators: inds})
		if err != nil {
			return err
		}
		b := store.Batch{File: f.Name, SHA256: f.SHA256, Source: IllustrativeSource, Status: ex.status, Illustrative: true}
		res, err := s.LoadActuals(ctx, f, b, false, nil)
		if err != nil {
			return err
		}
		a.printLoad(f, res, true)
	}
	return nil
}

// writeFile creates path, lets fill write it, and removes it on error so
// that no half-written file is left.
func (a *App) writeFile(path string, fill func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = fill(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	fmt.Fprintf(a.Stdout, "wrote %s\n", path)
	return nil
}
