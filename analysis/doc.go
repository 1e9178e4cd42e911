// Package analysis measures progress toward plan targets: completion share
// (完成进度) against time share (时序进度), required growth paths,
// observed rates, projections with prediction intervals, and statuses by
// the published methods in methods.md (Chinese schedule practice, Eurostat /
// open-sdg, UNSD progress chart, German weather symbols).
//
// Values compared with targets are exact decimals; rates, ratios and
// regressions are float64.
package analysis
