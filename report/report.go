// Package report writes the mid-term evaluation report (中期评估报告) as
// one self-contained HTML file and as an Excel workbook.
package report

import (
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
)

// Data is everything a report shows, gathered by the caller.
type Data struct {
	Plan      model.Plan
	Inputs    []analysis.Input
	Rows      []analysis.Row // same order as Inputs
	Config    analysis.Config
	Batches   []model.Batch
	Revisions []model.Revision // every revision, for the workbook
	Theme     *charts.Theme
	Now       time.Time
}

// Illustrative reports whether any value shown is illustrative.
func (d *Data) Illustrative() bool {
	for _, r := range d.Rows {
		if r.Illustrative {
			return true
		}
	}
	return false
}

// ReportYear is the latest year judged.
func (d *Data) ReportYear() int {
	y := 0
	for _, r := range d.Rows {
		y = max(y, r.Year)
	}
	return y
}

// reportYearText is the report year, or says there is none: with no
// actuals in range there is no year to report, and 0 would read as one.
func (d *Data) reportYearText() string {
	if y := d.ReportYear(); y > 0 {
		return strconv.Itoa(y)
	}
	return d.t("—（尚无实绩数据）", "— (no actuals yet)")
}

func (d *Data) t(zh, en string) string { return d.Theme.T(zh, en) }

// required renders the growth a target now needs.
func required(r analysis.Row) string {
	if r.Geometric && !math.IsNaN(r.RequiredRate) {
		return analysis.Percent(r.RequiredRate) + "/年"
	}
	if !math.IsNaN(r.RequiredIncrement) {
		return analysis.Fixed(r.RequiredIncrement, 2) + " " + r.Target.Indicator.Unit + "/年"
	}
	return "—"
}

// chapterOrder sorts chapters as the plan does.
func chapterOrder(c string) int {
	for i, x := range model.Chapters {
		if x == c {
			return i
		}
	}
	return len(model.Chapters)
}

// statusCounts counts the rows' statuses in the method's order.
func statusCounts(rows []analysis.Row, m analysis.Method) []statusCount {
	counts := map[analysis.Status]int{}
	for _, r := range rows {
		counts[r.Status]++
	}
	var out []statusCount
	for _, s := range analysis.MethodStatuses[m] {
		out = append(out, statusCount{Status: s, N: counts[s]})
	}
	return out
}

type statusCount struct {
	Status analysis.Status
	N      int
}

// chapters groups row indexes by chapter, in plan order.
func chapters(rows []analysis.Row) [][]int {
	by := map[string][]int{}
	for i, r := range rows {
		by[r.Target.Chapter] = append(by[r.Target.Chapter], i)
	}
	var keys []string
	for k := range by {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return chapterOrder(keys[i]) < chapterOrder(keys[j]) })
	var out [][]int
	for _, k := range keys {
		out = append(out, by[k])
	}
	return out
}
