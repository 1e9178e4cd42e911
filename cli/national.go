package cli

import (
	"github.com/spf13/cobra"
)

func (a *App) nationalCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "national",
		Short: "Load the national 14th Five-Year Plan and its official figures (载入国家“十四五”规划及公布数据)",
		Long: `national stores the second built-in plan, the 20 main indicators of the
national 14th Five-Year Plan (专栏1 “十四五”时期经济社会发展主要指标, region 全国,
plan cn-14th-fyp), and loads the yearly figures published for them since 2020:
the National Bureau of Statistics' bulletins, the ministries' bulletins and
press conferences, the government work reports and the 15th plan's 2025
column. Each source document is one batch, loaded in publication order and
named by its document; they are official figures, not illustrative. A later
figure for the same year is a revision of the earlier one.

Rows that are not the indicator's own figure are not loaded and are listed
with the reason (capacities, R&D growth at constant prices, restatements at
lower precision). Running it again changes nothing. The sources are
described in datasets/cn14/SOURCES.md.

Afterwards:
  plangap gap --region 全国 --year 2022
  plangap run --region 全国`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			sums, err := s.LoadNational(cmd.Context())
			if err != nil {
				return err
			}
			var batches, inserted, revised, same int
			for _, sum := range sums {
				var ins, rev, unch int
				for _, pi := range sum.Result.PerIndicator {
					ins, rev, unch = ins+pi.Inserted, rev+pi.Revised, unch+pi.Unchanged
				}
				inserted, revised, same = inserted+ins, revised+rev, same+unch
				id := sum.Result.Batch.ID
				switch {
				case sum.Loaded == 0 && sum.Already > 0:
					a.printf("%s  %s  %s：%d个数值此前已载入 %d values loaded before\n", sum.Published, sum.File, sum.Title, sum.Already, sum.Already)
				case sum.Loaded == 0:
					a.printf("%s  %s  %s：无可载入的行 nothing to load\n", sum.Published, sum.File, sum.Title)
				case id == 0:
					a.printf("%s  %s  %s：%d个数值均与已存数值相同，未建批次 %d values, all equal to the stored ones: no batch\n", sum.Published, sum.File, sum.Title, sum.Loaded, sum.Loaded)
				default:
					batches++
					a.printf("%s  %s  %s：批次%d，新增%d、修订%d、未变%d batch %d: %d new, %d revised, %d unchanged\n", sum.Published, sum.File, sum.Title, id, ins, rev, unch, id, ins, rev, unch)
				}
				for _, sk := range sum.Skipped {
					a.printf("    未载入 skipped: %s\n", sk)
				}
			}
			a.printf("国家“十四五”规划 cn-14th-fyp（全国）：%d个新批次，新增%d、修订%d、未变%d national plan: %d new batches, %d new values, %d revisions, %d unchanged\n",
				batches, inserted, revised, same, batches, inserted, revised, same)
			return nil
		},
	}
}
