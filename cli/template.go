package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/plangap/plangap/model"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/fillin"
)

func (a *App) templateCommand() *cobra.Command {
	var out, region, plan string
	var from, to int
	var force bool
	cmd := &cobra.Command{
		Use:   "template --out 填报模板.xlsx",
		Short: "Write the fill-in workbook for a plan's statistics (填报模板)",
		Long: `template writes a workbook for the statistics office to fill in: one row per
indicator of the plan (序号, 指标代码, 指标名称, 计量单位, 地区), one column per
year, the plan's title and 文号 on top, and a sheet 填报说明 with the rules
(units, — for no data, preliminary vs final figures, what not to change).
Value cells check their input: numbers (or —) for quantities, 完成/未完成
for qualitative tasks.

The filled-in file loads as it is:
  plangap load 填报模板.xlsx --source 冠县统计局 --status final

The years default to two before the plan's base year through the plan's
last year. An existing file is not overwritten without --force: it may be a
filled-in one.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if out == "" {
				return errors.New("--out 不能为空 --out must name the workbook to write, e.g. 填报模板.xlsx")
			}
			if _, err := os.Stat(out); err == nil && !force {
				return fmt.Errorf("“%s”已存在，未覆盖（可能是已填好的表；如确需覆盖请加 --force） %s exists and was not overwritten (it may be filled in); use --force to replace it", out, out)
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			p, err := s.ChoosePlan(ctx, region, plan)
			if err != nil {
				return err
			}
			ts, err := s.Targets(ctx, model.TargetFilter{Region: p.Region, Plan: p.Code, Lean: true})
			if err != nil {
				return err
			}
			if from == 0 {
				from = p.BaseYear - 2
			}
			if to == 0 {
				to = p.PeriodEnd
			}
			if err := a.writeFile(out, func(w io.Writer) error { return fillin.Write(w, p, ts, from, to) }); err != nil {
				return err
			}
			fmt.Fprintf(a.Stderr, "填报模板：%s（%s）%d–%d年 template for %s (%s), %d–%d\n", p.Code, p.Region, from, to, p.Code, p.Region, from, to)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "填报模板.xlsx", "workbook to write (.xlsx)")
	f.StringVar(&region, "region", "", "region (地区) of the plan; needed when several regions have plans")
	f.StringVar(&plan, "plan", "", "plan code; needed when the region has several plans")
	f.IntVar(&from, "from", 0, "first year column (default: two years before the plan's base year)")
	f.IntVar(&to, "to", 0, "last year column (default: the plan's last year)")
	f.BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}
