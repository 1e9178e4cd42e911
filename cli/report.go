package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/report"
)

func (a *App) reportCommand() *cobra.Command {
	var o analysisFlags
	var format, out, lang, fontPath string
	cmd := &cobra.Command{
		Use:   "report --format html|xlsx --out FILE",
		Short: "Write the mid-term evaluation report (中期评估报告) as HTML or an Excel workbook",
		Long: `report writes, for one region's plan:

  html  one self-contained page (charts inline as SVG, nothing from the network,
        A4 print styles): status summary, headline indicators, dashboard and
        progress chart, one section per chapter with each target's row and
        trajectory, the lead departments, the methods and thresholds, and the
        data's provenance (batches, illustrative flags)
  xlsx  a workbook with the sheets 汇总, 指标差距, 目标路径, 实际值 (every
        revision) and 方法说明: frozen headers, number formats per unit,
        status colours, the charts embedded

Chinese by default; --lang en for English.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "html" && format != "xlsx" {
				return fmt.Errorf("--format %q: want html or xlsx", format)
			}
			if out == "" {
				out = "report." + format
			}
			th, err := charts.NewTheme(lang, fontPath)
			if err != nil {
				return err
			}
			q, err := o.query()
			if err != nil {
				return err
			}
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			d, err := s.ReportData(cmd.Context(), th, q)
			if err != nil {
				return err
			}
			return a.writeFile(out, func(w io.Writer) error { return writeReport(w, format, d) })
		},
	}
	o.register(cmd.Flags())
	cmd.Flags().StringVar(&format, "format", "html", "html or xlsx")
	cmd.Flags().StringVar(&out, "out", "", "output file (default report.html or report.xlsx)")
	cmd.Flags().StringVar(&lang, "lang", "zh", "zh or en")
	cmd.Flags().StringVar(&fontPath, "font", "", "CJK font file for the charts")
	return cmd
}

func writeReport(w io.Writer, format string, d *report.Data) error {
	if format == "xlsx" {
		return report.XLSX(w, d)
	}
	return report.HTML(w, d)
}
