// Package charts draws plangap's pictures with gonum/plot: a trajectory per
// target (actuals, target, required path, projection bands), the plan's
// progress against the time share (时序进度), a status heatmap, a
// department scorecard and a dashboard of the headline indicators. Text is
// Chinese with a CJK font, or English without one.
package charts
