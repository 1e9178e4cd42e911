package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// describeTarget renders the target's rule in words, e.g. "≥ 50 亿元 in 2025".
func describeTarget(t model.Target) string {
	v := t.Value.String()
	op := map[model.Operator]string{model.AtLeast: "≥", model.Above: ">", model.AtMost: "≤", model.Below: "<", model.About: "≈"}[t.Operator]
	if t.Operator == model.Between && t.ValueHigh != nil {
		op, v = "", "["+v+", "+t.ValueHigh.String()+"]"
	}
	year := strconv.Itoa(t.TargetYear)
	span := strconv.Itoa(t.FirstYear) + "–" + year
	switch t.Kind {
	case model.Milestone:
		return "done by " + year
	case model.Growth:
		return "growth " + op + " " + v + "% a year " + strconv.Itoa(t.BaseYear) + "–" + year
	case model.Floor:
		return op + " " + v + " " + t.Unit + " every year " + span
	case model.Cumulative:
		return "sum " + span + " " + op + " " + v + " " + t.Unit
	case model.Multiple:
		return op + " " + v + "× the " + strconv.Itoa(t.BaseYear) + " value by " + year
	case model.Increment:
		return "+" + v + " " + t.Unit + " over " + strconv.Itoa(t.BaseYear) + " (" + op + ") by " + year
	case model.PointsPerYear:
		return op + " " + v + " pp a year " + strconv.Itoa(t.BaseYear) + "–" + year
	}
	return op + " " + v + " " + t.Unit + " in " + year
}

func (a *App) targetsCommand() *cobra.Command {
	var f model.TargetFilter
	var format string
	cmd := &cobra.Command{
		Use:   "targets",
		Short: "List plan targets (规划目标清单)",
		Long: `targets lists the stored targets with their kind, rule, unit, year, chapter
(篇章) and lead department (牵头部门).

Kinds (目标类型):
  level        value in the target year, with ≥ > ≤ < or ≈ (左右), or a band
  growth       average annual growth rate from the base year (年均增长)
  floor        must hold in every year of the period (稳定在/保持在/每年…以上)
  cumulative   sum of yearly flows over the period (累计/新建改建)
  multiple     multiple of the base-year value (翻番 = 2×)
  increment    increase over the base-year stock (新增)
  pp_per_year  change per year in percentage points (每年增长…个百分点)
  milestone    qualitative; done or not done (定性任务)

JSON gives one object per target; "value" is a string so that it stays exact.
"unit" is the unit of "value" (% for growth rates, 百分点 for pp_per_year, 倍
for multiples); "indicator_unit" is the unit actuals are stored in.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "table", "csv", "json"); err != nil {
				return err
			}
			s, err := a.openSource(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			ts, err := s.Targets(cmd.Context(), f)
			if err != nil {
				return err
			}
			if format == "json" {
				out := make([]app.TargetJSON, 0, len(ts))
				for _, t := range ts {
					out = append(out, app.TargetJSONOf(t))
				}
				return writeJSON(a.Stdout, out)
			}
			tb := &table{
				header:   []string{"id", "region", labels.Indicator.Both(), "kind", "target", "unit", "year", "chapter", labels.LeadHeading.Both()},
				maxWidth: map[int]int{2: 34, 4: 40, 8: 24},
			}
			for _, t := range ts {
				tb.add(t.ID, t.Region, t.Indicator.NameZh, string(t.Kind), describeTarget(t), t.Unit, strconv.Itoa(t.TargetYear), t.Chapter, t.LeadDepartment())
			}
			if format == "csv" {
				return tb.writeCSV(a.Stdout)
			}
			tb.footer = []string{strconv.Itoa(len(ts)) + " targets"}
			tb.writeText(a.Stdout)
			return nil
		},
	}
	cmd.Flags().StringVar(&f.Region, "region", "", "only this region (地区)")
	cmd.Flags().StringVar(&f.Plan, "plan", "", "only this plan code")
	cmd.Flags().BoolVar(&f.Headline, "headline", false, "only the headline indicators (附件1 指标事项)")
	cmd.Flags().StringVar(&f.Department, "department", "", "only targets whose lead department (牵头部门) contains this text")
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	return cmd
}

func (a *App) unitsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "units",
		Short: "List the unit registry and its conversions (计量单位)",
		Long: `List the units plangap reads and what each measures. Units convert only
when they measure the same thing: 万元 → 亿元, 个/千人 → 件/万人 (×10). Rates A/B
not listed are read from their parts. docs/units.md has the rules.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tb := &table{header: []string{"unit", "english", "dimension", "factor to base"}, right: map[int]bool{3: true}}
			for _, u := range model.Units() {
				tb.add(u.Symbol, u.English, u.Measures(), u.Factor.Round(6).String())
			}
			tb.writeText(a.Stdout)
			var per []string
			for _, u := range model.Denominators() {
				per = append(per, u.Symbol)
			}
			dens := strings.Join(per, " ")
			// No fmt here: this file's imports belong to the targets listing.
			a.Stdout.Write([]byte("\n" +
				"比率 A/B（如 个/千人、元/人、辆/百户）：A 为上表的金额、面积、重量、功率、人数、人次、计数或长度单位，B 为 " + dens + "。\n" +
				"Rates A/B (个/千人, 元/人, 辆/百户): A is a money, area, mass, power, people, person-times, count or length unit above; B is one of " + dens + ".\n" +
				"“个”可与任何计数单位互换（系数 1），不同计数对象（如 起 与 家）不能互换；“名”即“人”；“人次”不是“人”。\n" +
				"个 converts with every count kind at factor 1; two different kinds (起, 家) never convert; 名 is 人; 人次 is not 人.\n"))
			return nil
		},
	}
}
