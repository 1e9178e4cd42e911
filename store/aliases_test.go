package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/plangap/plangap/actuals"
	"github.com/plangap/plangap/datasets"
)

func withDefaultPlan(t *testing.T) *Store {
	t.Helper()
	s := openMem(t)
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportPlan(context.Background(), c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAddAlias(t *testing.T) {
	s := withDefaultPlan(t)
	ctx := WithActor(context.Background(), "张三")
	s.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }

	// A yearbook's wording for retail sales, added by hand, is then read
	// by the loader.
	if err := s.AddAlias(ctx, "全县社会消费品零售额", "retail_sales"); err != nil {
		t.Fatal(err)
	}
	// Twice is a no-op: one alias, one log line.
	if err := s.AddAlias(ctx, "全县社会消费品零售额", "retail_sales"); err != nil {
		t.Fatalf("again: %v", err)
	}
	// The indicator's own name is no new alias either.
	if err := s.AddAlias(ctx, "社会消费品零售总额", "retail_sales"); err != nil {
		t.Fatalf("own name: %v", err)
	}
	inds, _ := s.Indicators(ctx)
	n := 0
	for _, a := range inds["retail_sales"].Aliases {
		if a == "全县社会消费品零售额" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("aliases of retail_sales: %v", inds["retail_sales"].Aliases)
	}
	f, err := actuals.Read([]byte("指标,年份,数值,单位\n全县社会消费品零售额,2024,134.5,亿元\n"),
		actuals.Options{Name: "x.csv", Region: "冠县", Indicators: inds})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Observations) != 1 || f.Observations[0].Indicator != "retail_sales" || f.Observations[0].Value.String() != "134.5" {
		t.Errorf("read by alias: %+v", f.Observations)
	}
	hist, _ := s.AliasHistory(ctx)
	if len(hist) != 1 || hist[0].Action != "add" || hist[0].Actor != "张三" || hist[0].Indicator != "retail_sales" {
		t.Errorf("history: %+v", hist)
	}
	all, _ := s.Aliases(ctx)
	found := false
	for _, a := range all {
		if a.Alias == "全县社会消费品零售额" {
			found = a.Indicator == "retail_sales" && a.AddedBy == "张三" && a.AddedAt.Equal(s.Now())
		}
	}
	if !found {
		t.Errorf("Aliases does not list the new alias with who and when: %+v", all)
	}
}

func TestAddAliasRefused(t *testing.T) {
	s := withDefaultPlan(t)
	ctx := context.Background()
	inds, _ := s.Indicators(ctx)
	if err := s.AddAlias(ctx, "零售额", "no_such_code"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown code: %v", err)
	}
	// Another indicator's Chinese name, its code (in full-width letters and
	// upper case, which the loader folds) and an alias it already has.
	other := inds["urbanization_rate"]
	if other.Code == "" {
		t.Fatal("the default plan has no urbanization_rate")
	}
	for _, alias := range []string{other.NameZh, "ＵＲＢＡＮＩＺＡＴＩＯＮ_RATE", " 社会消费品零售总额 "} {
		code := "retail_sales"
		if alias == " 社会消费品零售总额 " {
			code = "urbanization_rate"
		}
		err := s.AddAlias(ctx, alias, code)
		var taken *AliasTakenError
		if !errors.As(err, &taken) || !errors.Is(err, ErrAliasTaken) {
			t.Errorf("alias %q for %s: %v, want ErrAliasTaken", alias, code, err)
		}
	}
	if err := s.AddAlias(ctx, "  ", "retail_sales"); err == nil {
		t.Error("empty alias accepted")
	}
	after, _ := s.Indicators(ctx)
	if len(after["retail_sales"].Aliases) != len(inds["retail_sales"].Aliases) || len(after["urbanization_rate"].Aliases) != len(inds["urbanization_rate"].Aliases) {
		t.Error("a refused alias changed the indicators")
	}
	if hist, _ := s.AliasHistory(ctx); len(hist) != 0 {
		t.Errorf("refused aliases logged: %+v", hist)
	}
}

func TestRemoveAlias(t *testing.T) {
	s := withDefaultPlan(t)
	ctx := context.Background()
	if err := s.AddAlias(ctx, "零售总额", "retail_sales"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveAlias(ctx, "零售总额"); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveAlias(ctx, "零售总额"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}
	// A name is not an alias.
	if err := s.RemoveAlias(ctx, "社会消费品零售总额"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing a name: %v", err)
	}
	inds, _ := s.Indicators(ctx)
	for _, a := range inds["retail_sales"].Aliases {
		if a == "零售总额" {
			t.Error("alias still there")
		}
	}
	if _, err := actuals.Read([]byte("指标,年份,数值,单位\n零售总额,2024,134.5,亿元\n"),
		actuals.Options{Name: "x.csv", Region: "冠县", Indicators: inds}); err == nil {
		t.Error("a removed alias still loads")
	}
	hist, _ := s.AliasHistory(ctx)
	if len(hist) != 2 || hist[0].Action != "add" || hist[1].Action != "remove" {
		t.Errorf("history: %+v", hist)
	}
}
