// Package report writes the mid-term evaluation report (中期评估报告): one
// self-contained HTML page (printable to PDF), a Word document and an Excel
// workbook, all built from the same numbers — the narrative and the
// standard 附表 are drafted once, as data, and rendered three ways.
package report

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// Data is everything a report shows, gathered by the caller.
type Data struct {
	Plan      model.Plan
	Inputs    []analysis.Input
	Rows      []analysis.Row // same order as Inputs
	Config    analysis.Config
	Batches   []model.Batch
	Revisions []model.Revision // every revision, for the workbook and the 初步核算 marks
	Theme     *charts.Theme
	Now       time.Time
	// Template is the plan this region's plan was imported from when its
	// title and 文号 are that plan's (a region imported from 冠县's
	// template): the report then shows neither as its own.
	Template *model.Plan

	prelim func(indicator, region string, year int) bool // built on first use from Revisions
}

type prelimKey struct {
	indicator, region string
	year              int
}

// Beijing is the time zone the report's times are printed in: a county
// office reads 北京时间, not UTC.
var Beijing = time.FixedZone("CST", 8*3600)

// prepared is a copy of d whose chart theme marks preliminary figures:
// the caller's theme is left as it was.
func (d *Data) prepared() *Data {
	c := *d
	th := *d.Theme
	th.Preliminary = PreliminaryIndex(d.Inputs, d.Revisions)
	c.prelim = th.Preliminary
	c.Theme = &th
	return &c
}

// BorrowedFrom returns the plan of another region whose title or 文号 p
// carries, or nil: a plan imported from a template keeps the template's.
// Of two plans sharing a title, the owner is the one whose title names its
// own region and not the other's; failing that, the one imported first
// (plans in import order, as store.Plans lists them).
func BorrowedFrom(p model.Plan, plans []model.Plan) *model.Plan {
	self := len(plans)
	for i, o := range plans {
		if o.Region == p.Region && o.Code == p.Code {
			self = i
			break
		}
	}
	names := func(title, region string) bool { return region != "" && strings.Contains(title, region) }
	for i, o := range plans {
		if o.Region == p.Region {
			continue
		}
		if !((p.Title != "" && o.Title == p.Title) || (p.DocNo != "" && o.DocNo == p.DocNo)) {
			continue
		}
		switch {
		case names(p.Title, p.Region) && !names(p.Title, o.Region):
			continue // p's own title
		case names(o.Title, o.Region) && !names(o.Title, p.Region):
			return &plans[i]
		case i < self:
			return &plans[i]
		}
	}
	return nil
}

// PlanTitle is the plan's own title; for a plan imported from another
// region's template it names the region instead of borrowing the title.
func (d *Data) PlanTitle() string {
	if d.Template != nil {
		return d.Plan.Region + d.t("规划主要目标", " plan targets")
	}
	return d.Plan.Title
}

// DocNo is the plan's own 文号, or "" when it is a template's.
func (d *Data) DocNo() string {
	if d.Template != nil {
		return ""
	}
	return d.Plan.DocNo
}

// titleWithDocNo is the plan's title followed by its 文号 in brackets,
// when it has one.
func (d *Data) titleWithDocNo() string {
	if d.DocNo() == "" {
		return d.PlanTitle()
	}
	return d.PlanTitle() + d.t("（", " (") + d.DocNo() + d.t("）", ")")
}

// templateNote says where a region's targets came from when its plan was
// imported from a template, or "".
func (d *Data) templateNote() string {
	if d.Template == nil {
		return ""
	}
	return fmt.Sprintf(d.t("说明：%s的目标按%s《%s》（%s）的模板导入，尚未录入%s规划的标题和文号。",
		"Note: %s's targets were imported from the template of %s's %s (%[4]s); %[5]s's own plan title and document number are not recorded."),
		d.Plan.Region, d.Template.Region, d.Template.Title, d.Template.DocNo, d.Plan.Region)
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

// ReportYear is the single year every status is judged at: the configured
// year, else the latest year judged.
func (d *Data) ReportYear() int {
	if d.Config.Year > 0 {
		return d.Config.Year
	}
	y := 0
	for _, r := range d.Rows {
		y = max(y, r.Year)
	}
	return y
}

// DefaultYear is the report year to use when none is chosen: the latest
// year with final (最终核实) data for the region, so that a report never
// mixes one year's final figures with the next year's preliminary ones.
// With no final data it is the latest year with any data; 0 with none.
func DefaultYear(revs []model.Revision, region string) int {
	final, any := 0, 0
	for _, r := range revs {
		if r.SupersededBy != 0 || (region != "" && r.Region != region) {
			continue
		}
		any = max(any, r.Year)
		if r.Status != "preliminary" {
			final = max(final, r.Year)
		}
	}
	if final > 0 {
		return final
	}
	return any
}

// Preliminary reports whether the value shown for an indicator in a year is
// a preliminary figure (初步核算).
func (d *Data) Preliminary(indicator, region string, year int) bool {
	if d.prelim == nil {
		d.prelim = PreliminaryIndex(d.Inputs, d.Revisions)
	}
	return d.prelim(indicator, region, year)
}

// PreliminaryIndex tells, for the values the inputs show, which are
// preliminary figures (初步核算): the latest revision carrying that value
// says so. Matching on the value keeps it right for --as-of reports, whose
// values may be older than the current revision. The index is built at
// once, so the function it returns may be called from several goroutines.
func PreliminaryIndex(ins []analysis.Input, revs []model.Revision) func(indicator, region string, year int) bool {
	byKey := map[prelimKey][]model.Revision{}
	for _, r := range revs {
		k := prelimKey{r.Indicator, r.Region, r.Year}
		byKey[k] = append(byKey[k], r)
	}
	prelim := map[prelimKey]bool{}
	for _, in := range ins {
		for i, y := range in.Years {
			k := prelimKey{in.Target.Indicator.Code, in.Target.Region, y}
			var best, cur model.Revision
			for _, r := range byKey[k] {
				if r.Value.Equal(in.Values[i]) && r.Batch >= best.Batch {
					best = r
				}
				if r.Batch >= cur.Batch {
					cur = r
				}
			}
			if best.Batch == 0 {
				best = cur
			}
			prelim[k] = best.Status == "preliminary"
		}
	}
	return func(indicator, region string, year int) bool {
		return prelim[prelimKey{indicator, region, year}]
	}
}

// rowPreliminary reports whether the figure a row is judged on is
// preliminary.
func (d *Data) rowPreliminary(r analysis.Row) bool {
	return r.Actual != nil && d.Preliminary(r.Target.Indicator.Code, r.Target.Region, r.Year)
}

// anyPreliminary reports whether some row is judged on a preliminary figure.
func (d *Data) anyPreliminary() bool {
	for _, r := range d.Rows {
		if d.rowPreliminary(r) {
			return true
		}
	}
	return false
}

// PrelimMark is the mark put after every preliminary figure.
const PrelimMark = "†"

// reportYearText is the report year, or says there is none: with no
// actuals in range there is no year to report, and 0 would read as one.
func (d *Data) reportYearText() string {
	seen := false
	for _, r := range d.Rows {
		seen = seen || r.Actual != nil
	}
	if y := d.ReportYear(); y > 0 && seen {
		return strconv.Itoa(y)
	}
	return d.t("—（尚无实绩数据）", "— (no actuals yet)")
}

func (d *Data) t(zh, en string) string { return d.Theme.T(zh, en) }

// l is a wording from package labels in the report's language.
func (d *Data) l(t labels.Text) string { return t.In(d.Theme.Lang) }

// achieved reports whether a row's target is met at the report year (or a
// floor held): no further growth is required of it.
func achieved(r analysis.Row) bool {
	// Not r.Met: a rate a year can be met on the way and still lag.
	return analysis.Tones[r.Status] == analysis.ToneAchieved
}

// required renders the growth a target still needs a year, in the
// target's own terms: %/年 on a geometric path, 个百分点/年 for shares on a
// linear path, the unit a year otherwise. Achieved targets, floors and
// targets whose year has passed need none: "—" (never a negative rate
// or "−0.0%").
func (d *Data) required(r analysis.Row) string {
	a := d.amount(r)
	if a == "—" {
		return a
	}
	return a + d.t("/年", " a year")
}

// amount is the change a year still needed, signed, with its unit.
func (d *Data) amount(r analysis.Row) string {
	t := r.Target
	if achieved(r) || t.Kind == model.Floor || t.Kind == model.Milestone || r.Year >= t.TargetYear {
		return "—"
	}
	if r.Geometric && !math.IsNaN(r.RequiredRate) {
		return signed(r.RequiredRate*100, 1) + "%"
	}
	if math.IsNaN(r.RequiredIncrement) {
		return "—"
	}
	v := signed(r.RequiredIncrement, max(charts.Precision(r), 1))
	switch t.Indicator.Unit {
	case "%", "百分点":
		return v + d.t("个百分点", " pp")
	}
	return v + d.t("", " ") + d.unit(t.Indicator.Unit)
}

// signed prints v with prec decimals and a true minus sign; a value that
// rounds to zero prints without a sign.
func signed(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return strings.Replace(s, "-", "−", 1)
}

func (d *Data) unit(u string) string { return labels.Unit(u, d.Theme.Lang) }

// Attribute is a target's 属性 — 约束性 (binding) or 预期性 (expected) —
// when the plan states it, else "". The plan model does not carry the
// field in every version, so it is looked up by name rather than assumed.
func Attribute(t model.Target) string {
	if t.Attribute == model.Unstated {
		return ""
	}
	return labels.Attribute(t.Attribute, "zh")
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
	sort.Strings(keys)
	sort.SliceStable(keys, func(i, j int) bool { return chapterOrder(keys[i]) < chapterOrder(keys[j]) })
	var out [][]int
	for _, k := range keys {
		out = append(out, by[k])
	}
	return out
}
