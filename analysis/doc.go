// Package analysis measures progress toward plan targets: completion share
// (完成进度) against time share (时序进度), required growth paths,
// observed rates, projections with prediction intervals, and statuses by
// the published methods in methods.md (Chinese schedule practice, Eurostat /
// open-sdg, UNSD progress chart, German weather symbols).
//
// Values compared with targets are exact decimals; π, τ and π − τ are
// exact fractions rounded once; rates, ratios and regressions are
// float64, compared with thresholds to within 1e-9. docs/semantics.md
// states the rules where the published methods are silent: targets whose
// year passed, cumulative targets, bands, growth paths, months.
package analysis
