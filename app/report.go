package app

import (
	"context"
	"strings"

	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/report"
)

// ReportData assembles a plan's mid-term evaluation for a query: one plan,
// chosen by the query's region and plan code (or the only one), its
// targets analysed, the batches and every revision the figures came from.
func (s *Service) ReportData(ctx context.Context, th *charts.Theme, q Query) (*report.Data, error) {
	p, err := s.onePlan(ctx, q.Filter.Region, q.Filter.Plan)
	if err != nil {
		return nil, err
	}
	q.Filter = model.TargetFilter{Region: p.Region, Plan: p.Code}
	revs, err := s.Revisions(ctx, p.Region)
	if err != nil {
		return nil, err
	}
	// One report year for every status: the one chosen, else the latest
	// with final figures, so that a year's preliminary figures never mix
	// with the year before's final ones.
	if q.Config.Year == 0 {
		q.Config.Year = report.DefaultYear(revs, p.Region)
	}
	a, err := s.Analyse(ctx, q)
	if err != nil {
		return nil, err
	}
	batches, err := s.Batches(ctx)
	if err != nil {
		return nil, err
	}
	plans, err := s.Plans(ctx)
	if err != nil {
		return nil, err
	}
	return &report.Data{Plan: p, Inputs: a.Inputs(), Rows: a.Rows, Config: q.Config, Batches: batches,
		Revisions: revs, Theme: th, Now: s.Now(), Template: report.BorrowedFrom(p, plans)}, nil
}

// onePlan picks the plan a request means: the region's (and code's) only
// plan, or the database's only plan. Several matches are an error that
// lists them, so the user can choose.
func (s *Service) onePlan(ctx context.Context, region, code string) (model.Plan, error) {
	plans, err := s.Plans(ctx)
	if err != nil {
		return model.Plan{}, err
	}
	var match []model.Plan
	for _, p := range plans {
		if (region == "" || p.Region == region) && (code == "" || p.Code == code) {
			match = append(match, p)
		}
	}
	if len(match) == 1 {
		return match[0], nil
	}
	var names []string
	for _, p := range plans {
		names = append(names, p.Region+"/"+p.Code)
	}
	if len(match) == 0 {
		return model.Plan{}, model.Errorf(model.NotFound, "没有符合的规划（已有：%s） no such plan (stored: %s)", strings.Join(names, "、"), strings.Join(names, ", "))
	}
	return model.Plan{}, &ChoiceError{What: "plan", Choices: names}
}
