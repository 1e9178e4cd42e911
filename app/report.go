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
	p, err := s.ChoosePlan(ctx, q.Filter.Region, q.Filter.Plan)
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

// ChoosePlan finds the one stored plan a request means by region and
// plan code. Left out, they default to the only region and its only
// plan; otherwise the error lists what is stored (a ChoiceError when the
// user must choose), so every front end words it with its own options.
func (s *Service) ChoosePlan(ctx context.Context, region, code string) (model.Plan, error) {
	plans, err := s.Plans(ctx)
	if err != nil {
		return model.Plan{}, err
	}
	var regions []string
	byRegion := map[string][]model.Plan{}
	for _, p := range plans {
		if len(byRegion[p.Region]) == 0 {
			regions = append(regions, p.Region)
		}
		byRegion[p.Region] = append(byRegion[p.Region], p)
	}
	switch {
	case len(regions) == 0:
		return model.Plan{}, model.Errorf(model.NotFound, "数据库中没有规划 the database holds no plan (plangap init or plangap plan import)")
	case region == "" && len(regions) > 1:
		return model.Plan{}, &ChoiceError{What: "region", Choices: regions}
	case region == "":
		region = regions[0]
	case len(byRegion[region]) == 0:
		return model.Plan{}, model.Errorf(model.NotFound, "没有地区“%s”的规划（已有：%s） no plan for region %q (stored: %s)",
			region, strings.Join(regions, "、"), region, strings.Join(regions, ", "))
	}
	var codes []string
	for _, p := range byRegion[region] {
		if p.Code == code {
			return p, nil
		}
		codes = append(codes, p.Code)
	}
	switch {
	case code != "":
		return model.Plan{}, model.Errorf(model.NotFound, "地区“%s”没有规划“%s”（已有：%s） region %s has no plan %q (stored: %s)",
			region, code, strings.Join(codes, "、"), region, code, strings.Join(codes, ", "))
	case len(codes) > 1:
		return model.Plan{}, &ChoiceError{What: "plan", Choices: codes}
	}
	return byRegion[region][0], nil
}
