package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/app"

	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/report"
)

func (a *App) reportCommand() *cobra.Command {
	var o analysisFlags
	var format, out, lang, fontPath string
	cmd := &cobra.Command{
		Use:   "report --format html|docx|pdf|xlsx --out FILE",
		Short: "Write the mid-term evaluation report (中期评估报告) as HTML, Word, PDF or an Excel workbook",
		Long: `report writes, for one region's plan, the mid-term evaluation at one
report year: --year, or by default the latest year with final (最终核实)
data. Every status is judged at that year; preliminary figures (初步核算)
are marked †. The written assessment — 总体评价, 主要成效, 存在问题,
下一步建议 — is drafted from the numbers, and the standard 附表 (序号, 指标,
单位, 属性, 基期值, 目标值, 实绩, 年均增速, 完成进度, 时序进度, 评价) is the
same in every format.

  html  one self-contained page (charts inline as SVG, nothing from the
        network) with A4 print styles: contents, page numbers, the 附表 on
        landscape pages
  docx  a Word document (Word, WPS): title and 文号, contents, the four
        sections, charts as pictures, the 附表 as a table on landscape pages
  pdf   the HTML printed by headless Chromium (needs chromium installed)
  xlsx  a workbook: 汇总, 附表, 指标差距, 目标路径, 实际值 (every revision)
        and 方法说明, set up to print landscape, fit to width

Chinese by default; --lang en for English.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "html", "xlsx", "docx", "pdf":
			default:
				return fmt.Errorf("--format %q: want html, docx, pdf or xlsx", format)
			}
			if format == "pdf" {
				// Say so before the work, not after it.
				if _, err := report.FindChromium(); err != nil {
					return err
				}
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
			if format == "pdf" {
				return a.writePDF(cmd.Context(), out, d)
			}
			return a.writeFile(out, func(w io.Writer) error { return app.WriteReport(w, format, d) })
		},
	}
	o.register(cmd.Flags())
	cmd.Flags().StringVar(&format, "format", "html", "html, docx, pdf or xlsx")
	cmd.Flags().StringVar(&out, "out", "", "output file (default report.html, .docx, .pdf or .xlsx)")
	cmd.Flags().StringVar(&lang, "lang", "zh", "zh or en")
	cmd.Flags().StringVar(&fontPath, "font", "", "CJK font file for the charts")
	return cmd
}

// writePDF prints the HTML report to out with headless Chromium.
func (a *App) writePDF(ctx context.Context, out string, d *report.Data) error {
	dir, err := os.MkdirTemp("", "plangap-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "report.html")
	f, err := os.Create(page)
	if err != nil {
		return err
	}
	if err := report.HTML(f, d); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	tmp := filepath.Join(dir, "report.pdf")
	if err := report.PrintPDF(ctx, page, tmp); err != nil {
		return err
	}
	return a.writeFile(out, func(w io.Writer) error {
		src, err := os.Open(tmp)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	})
}
