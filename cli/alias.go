package cli

import (
	"errors"
	"fmt"

	"github.com/plangap/plangap/app"

	"github.com/spf13/cobra"
)

func (a *App) aliasCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "alias",
		Short: "Other names statistics files use for an indicator (指标别名)",
		Long: `A yearbook may call an indicator by another name than the plan does
(全县社会消费品零售额 for 社会消费品零售总额). An alias lets load read such a file.
An alias that already names another indicator is refused: a file using it
could not be read without guessing. Every change is kept with who made it.`,
	}
	add := &cobra.Command{
		Use:   "add ALIAS INDICATOR",
		Short: "Let files name INDICATOR (code, name or alias) by ALIAS",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			ind, err := s.ResolveIndicator(ctx, args[1])
			if errors.Is(err, app.ErrNotFound) {
				return fmt.Errorf("没有指标“%s” no indicator %q (see plangap targets)", args[1], args[1])
			}
			if err != nil {
				return err
			}
			before, err := s.Aliases(ctx)
			if err != nil {
				return err
			}
			if err := s.AddAlias(ctx, args[0], ind.Code); err != nil {
				return err
			}
			after, err := s.Aliases(ctx)
			if err != nil {
				return err
			}
			if len(after) == len(before) {
				a.printf("“%s”已指向%s（%s），未作改动 %q already names %s; nothing changed\n", args[0], ind.Code, ind.NameZh, args[0], ind.Code)
				return nil
			}
			a.printf("added alias “%s” for %s（%s）\n", args[0], ind.Code, ind.NameZh)
			return nil
		},
	}
	var history bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List every alias, or with --history every change",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if history {
				hs, err := s.AliasHistory(ctx)
				if err != nil {
					return err
				}
				tb := &table{header: []string{"when (UTC)", "action", "alias", "indicator", "by"}}
				for _, h := range hs {
					tb.add(h.At.Format("2006-01-02 15:04:05"), h.Action, h.Alias, h.Indicator, h.Actor)
				}
				tb.writeText(a.Stdout)
				return nil
			}
			as, err := s.Aliases(ctx)
			if err != nil {
				return err
			}
			tb := &table{header: []string{"alias", "indicator", "name", "added by", "added (UTC)"}}
			for _, x := range as {
				by, at := "catalogue", ""
				if x.AddedBy != "" {
					by, at = x.AddedBy, x.AddedAt.Format("2006-01-02 15:04:05")
				}
				tb.add(x.Alias, x.Indicator, x.IndicatorName, by, at)
			}
			tb.writeText(a.Stdout)
			return nil
		},
	}
	list.Flags().BoolVar(&history, "history", false, "every alias added or removed, with who and when")
	remove := &cobra.Command{
		Use:   "remove ALIAS",
		Short: "Remove an alias; files using it are refused again",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			err = s.RemoveAlias(ctx, args[0])
			if errors.Is(err, app.ErrNotFound) {
				return fmt.Errorf("没有别名“%s” no alias %q (see plangap alias list; a code or name is not an alias)", args[0], args[0])
			}
			if err != nil {
				return err
			}
			a.printf("removed alias “%s”\n", args[0])
			return nil
		},
	}
	cmd.AddCommand(add, list, remove)
	return cmd
}
