package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/report"
)

// FigureKinds lists the charts a Figure can draw.
var FigureKinds = []string{"trajectory", "progress", "heatmap", "heatmap-gap", "departments", "dashboard"}

// TrajectoryWidth and TrajectoryHeight are a trajectory's size everywhere
// it is drawn alone.
var TrajectoryWidth, TrajectoryHeight = vg.Points(460), vg.Points(300)

// Figure draws one chart for a query: a trajectory needs the query's
// target (Filter.ID) in one region; the plan-level kinds draw every
// target the query selects (the dashboard: its headline targets).
func (s *Service) Figure(ctx context.Context, th *charts.Theme, kind string, q Query) (charts.Figure, error) {
	q, err := FigureQuery(kind, q)
	if err != nil {
		return charts.Figure{}, err
	}
	a, err := s.Analyse(ctx, q)
	if err != nil {
		return charts.Figure{}, err
	}
	return FigureOf(ctx, s, th, kind, a)
}

// FigureQuery checks a chart's kind and returns the query its analysis
// answers (the dashboard's: the headline targets only).
func FigureQuery(kind string, q Query) (Query, error) {
	switch kind {
	case "trajectory":
		if q.Filter.ID == "" {
			return q, model.Errorf(model.Invalid, "轨迹图需要指定目标 a trajectory needs a target")
		}
	case "dashboard":
		q.Filter.Headline = true
	case "progress", "departments", "heatmap", "heatmap-gap":
	default:
		return q, model.Errorf(model.Invalid, "未知的图表类型“%s” unknown chart kind %q (want %s)", kind, kind, strings.Join(FigureKinds, ", "))
	}
	return q, nil
}

// RevisionReader reads every revision of a region's values: a Service, or
// a server's API for the command line beside it.
type RevisionReader interface {
	Revisions(ctx context.Context, region string) ([]model.Revision, error)
}

// FigureOf draws a chart of kind from an analysis of FigureQuery's query,
// for callers that keep analyses (the server's cache) or read them from a
// server (the CLI beside it); revs gives the preliminary marks.
func FigureOf(ctx context.Context, revs RevisionReader, th *charts.Theme, kind string, a *Analysis) (charts.Figure, error) {
	th, err := PreliminaryTheme(ctx, revs, th, a)
	if err != nil {
		return charts.Figure{}, err
	}
	if kind == "trajectory" {
		r, err := a.One()
		if err != nil {
			return charts.Figure{}, err
		}
		return th.Trajectory(r.Input, r, TrajectoryWidth, TrajectoryHeight)
	}
	if len(a.Rows) == 0 {
		return charts.Figure{}, fmt.Errorf("没有符合条件的目标 no target matches: %w", ErrNotFound)
	}
	return planFigure(th, kind, a)
}

// MarkPreliminary returns a copy of th that marks the analysis's
// preliminary figures (初步核算 †) on the charts, as the report does.
func (s *Service) MarkPreliminary(ctx context.Context, th *charts.Theme, a *Analysis) (*charts.Theme, error) {
	return PreliminaryTheme(ctx, s, th, a)
}

// PreliminaryTheme is MarkPreliminary with the revisions read from src.
func PreliminaryTheme(ctx context.Context, src RevisionReader, th *charts.Theme, a *Analysis) (*charts.Theme, error) {
	revs, err := src.Revisions(ctx, a.Query.Filter.Region)
	if err != nil {
		return nil, err
	}
	c := *th
	c.Preliminary = report.PreliminaryIndex(a.Inputs(), revs)
	return &c, nil
}

// planFigure draws one of the plan-level charts.
func planFigure(th *charts.Theme, kind string, a *Analysis) (charts.Figure, error) {
	switch kind {
	case "progress":
		return th.Progress(a.Rows)
	case "departments":
		return th.Departments(a.Rows)
	case "heatmap":
		return th.Heatmap(a.Inputs(), a.Query.Config)
	case "heatmap-gap":
		return th.HeatmapGap(a.Inputs(), a.Query.Config)
	case "dashboard":
		var ins []analysis.Input
		var rows []analysis.Row
		for _, r := range a.Rows {
			if r.Target.Headline && r.Target.Kind != model.Milestone {
				ins, rows = append(ins, r.Input), append(rows, r)
			}
		}
		return th.Dashboard(ins, rows)
	}
	return charts.Figure{}, model.Errorf(model.Invalid, "unknown chart kind %q", kind)
}

// FigureJob is one chart of a plan with its file stem; Skipped says why
// there is no figure (charts.ErrNoData).
type FigureJob struct {
	Name    string
	Fig     charts.Figure
	Skipped error
}

// Figures lists every chart of an analysis: a trajectory per quantitative
// target, then the plan-level charts. A plan-level chart with nothing to
// draw yet (no actuals, a report year before the data) is left out with
// its reason, not fatal.
func Figures(th *charts.Theme, a *Analysis) ([]FigureJob, error) {
	var jobs []FigureJob
	for _, r := range a.Rows {
		if r.Target.Kind == model.Milestone {
			continue
		}
		fig, err := th.Trajectory(r.Input, r, TrajectoryWidth, TrajectoryHeight)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, FigureJob{Name: "trajectory-" + safeName(r.Region) + "-" + safeName(r.Target.ID), Fig: fig})
	}
	for _, kind := range []string{"progress", "departments", "heatmap", "heatmap-gap", "dashboard"} {
		fig, err := planFigure(th, kind, a)
		switch {
		case errors.Is(err, charts.ErrNoData):
			jobs = append(jobs, FigureJob{Name: kind, Skipped: err})
		case err != nil:
			return nil, fmt.Errorf("%s chart: %w", kind, err)
		default:
			jobs = append(jobs, FigureJob{Name: kind, Fig: fig})
		}
	}
	return jobs, nil
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' || r == ':' {
			return '_'
		}
		return r
	}, s)
}
