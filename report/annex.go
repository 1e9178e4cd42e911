package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// Annex is the standard 附表 of a 中期评估 — one row per target with 序号,
// 指标, 单位, 属性, 基期值, 目标值, 实绩, 年均增速, 完成进度, 时序进度 and 评价 —
// built once as text so that the HTML page, the workbook and the Word file
// show the same cells.
type Annex struct {
	Title  string
	Header []string
	Rows   [][]string
	// Status is each row's status, for colouring the 评价 column.
	Status []analysis.Status
	// Row is each annex row's index in Data.Rows.
	Row   []int
	Notes []string
}

// Annex column indexes.
const (
	ColNo = iota
	ColIndicator
	ColUnit
	ColAttribute
	ColBase
	ColTarget
	ColActual
	ColObserved
	ColCompletion
	ColTimeShare
	ColVerdict
)

// BuildAnnex drafts the 附表 from the rows, in plan order.
func (d *Data) BuildAnnex() Annex {
	y := d.ReportYear()
	a := Annex{
		Title: d.t("附表　", "Annex: ") + d.PlanTitle() + d.t("主要目标完成情况（", " — targets at ") + d.reportYearText() + d.t("年）", ""),
		Header: []string{d.l(labels.No), d.l(labels.Indicator), d.l(labels.UnitHeading), d.l(labels.AttributeHeading),
			d.l(labels.Base), d.l(labels.TargetValue), fmt.Sprintf(d.t("实绩（%s年）", "actual (%s)"), d.reportYearText()),
			d.l(labels.GrowthAYear), d.l(labels.Completion), d.l(labels.TimeShare), d.l(labels.Assessment)},
	}
	_ = y
	n := 0
	for _, idx := range chapters(d.Rows) {
		for _, i := range idx {
			r := d.Rows[i]
			n++
			a.Rows = append(a.Rows, d.annexRow(n, r))
			a.Status = append(a.Status, r.Status)
			a.Row = append(a.Row, i)
		}
	}
	a.Notes = d.annexNotes()
	return a
}

func (d *Data) annexNotes() []string {
	notes := []string{
		d.t("注：完成进度 = (实绩 − 基期值)/(目标值 − 基期值)，累计类为累计完成/目标；时序进度 = (报告年份 − 基期年份)/(目标年份 − 基期年份)。评价方法：",
			"Note: completion = (actual − base)/(target − base), cumulative = sum/target; time share = (report year − base year)/(target year − base year). Method: ") +
			d.Theme.MethodLabel(d.Config.Method) + d.t("。", "."),
		d.t("年均增速为基期以来实际年均增长（比重类为年均提高的百分点）；“—”表示不适用或无数据。",
			"Growth a year is the observed average since the base year (percentage points a year for shares); “—”: not applicable or no data."),
	}
	if d.anyPreliminary() {
		notes = append(notes, d.t(PrelimMark+" 初步核算数，待最终核实。", PrelimMark+" preliminary figure, to be finalised."))
	}
	if d.Illustrative() {
		notes = append(notes, d.t("本表使用示例数据，不代表官方统计。", "Illustrative data, not official statistics."))
	}
	return notes
}

func (d *Data) annexRow(n int, r analysis.Row) []string {
	t := r.Target
	attr := Attribute(t)
	if attr == "" {
		attr = "—"
	} else if !d.Theme.Zh() {
		attr = labels.AttributeEn(attr)
	}
	name := d.Theme.Name(t)
	if t.ID != "" {
		name += "（" + t.ID + "）"
		if !d.Theme.Zh() {
			name = d.Theme.Name(t) + " (" + t.ID + ")"
		}
	}
	unit := d.unit(t.Indicator.Unit)
	if t.Kind == model.Milestone {
		unit = "—"
	}
	return []string{fmt.Sprint(n), name, unit, attr, d.baseText(r), d.targetWords(r), d.actualText(r),
		d.observedText(r), d.percentOrDash(r, r.Completion), d.percentOrDash(r, r.TimeShare), d.verdict(r)}
}

func (d *Data) percentOrDash(r analysis.Row, v float64) string {
	if r.Target.Kind == model.Milestone {
		return "—"
	}
	return minus(analysis.Percent(v))
}

// minus writes a negative number with the true minus sign “−”: it reads
// better and no spreadsheet takes the cell for a formula.
func minus(s string) string {
	if strings.HasPrefix(s, "-") {
		return "−" + s[1:]
	}
	return s
}

// value prints an exact value to the target's precision.
func (d *Data) value(r analysis.Row, v decimal.Decimal) string {
	return minus(v.StringFixed(int32(charts.Precision(r))))
}

func (d *Data) baseText(r analysis.Row) string {
	t := r.Target
	switch {
	case t.Kind == model.Milestone || t.Kind == model.Cumulative:
		return "—"
	case r.BaseValue == nil:
		return "—"
	}
	s := d.value(r, *r.BaseValue)
	if r.BaseYear != d.Plan.BaseYear && r.BaseYear > 0 {
		s += fmt.Sprintf(d.t("（%d年）", " (%d)"), r.BaseYear)
	}
	return s
}

// targetWords states the target in the plan's terms: 年均增长6%, 每年提高
// 0.5个百分点, 累计≥ 1.2, 每年≥ 58, 80左右, ≥ 50.
func (d *Data) targetWords(r analysis.Row) string {
	t := r.Target
	v := t.Value.String()
	op := opSymbol(string(t.Operator))
	var s string
	switch t.Kind {
	case model.Milestone:
		return d.t("完成", "done")
	case model.Growth:
		s = fmt.Sprintf(d.t("年均增长%s%%", "%s%% a year"), v)
	case model.PointsPerYear:
		s = fmt.Sprintf(d.t("每年提高%s个百分点", "+%s pp a year"), v)
	case model.Multiple:
		s = fmt.Sprintf(d.t("基期的%s倍", "%s × base"), v)
	case model.Increment:
		s = fmt.Sprintf(d.t("新增%s", "+%s"), v)
	case model.Cumulative:
		s = d.t("累计", "total ") + op + v
	case model.Floor:
		s = d.t("每年", "every year ") + op + v
	default:
		switch t.Operator {
		case model.About:
			s = v + d.t("左右", " (about)")
		case model.Between:
			if t.ValueHigh != nil {
				s = v + "–" + t.ValueHigh.String()
			}
		default:
			s = op + v
		}
	}
	if t.Unit != t.Indicator.Unit && t.Kind != model.Growth && t.Kind != model.PointsPerYear && t.Kind != model.Multiple {
		s += " " + d.unit(t.Unit)
	}
	if t.TargetYear != d.Plan.PeriodEnd && t.TargetYear > 0 {
		s += fmt.Sprintf(d.t("（%d年）", " (%d)"), t.TargetYear)
	}
	return s
}

// actualText is the figure judged: the latest value (a running sum for
// cumulative targets), † when it is preliminary, and its year when it is
// not the report year.
func (d *Data) actualText(r analysis.Row) string {
	v, mark, year := d.actualParts(r)
	return v + mark + year
}

// actualParts splits the figure judged into its value, its 初步核算 mark
// and its year note, so that a sentence can put the unit after the value.
func (d *Data) actualParts(r analysis.Row) (value, mark, year string) {
	t := r.Target
	if r.Actual == nil {
		return "—", "", ""
	}
	switch t.Kind {
	case model.Milestone:
		value = d.t("未完成", "not done")
		if r.Met {
			value = d.t("已完成", "done")
		}
	case model.Cumulative:
		if r.Outcome == nil {
			return "—", "", ""
		}
		value = d.t("累计", "total ") + d.value(r, *r.Outcome)
	default:
		value = d.value(r, *r.Actual)
	}
	if d.rowPreliminary(r) {
		mark = PrelimMark
	}
	if r.Year != d.ReportYear() {
		year = fmt.Sprintf(d.t("（%d年）", " (%d)"), r.Year)
	}
	return value, mark, year
}

// observedText is the average change a year since the base: a growth rate
// for quantities, percentage points a year for shares.
func (d *Data) observedText(r analysis.Row) string {
	t := r.Target
	if t.Kind == model.Milestone || t.Kind == model.Cumulative || r.Actual == nil || r.BaseValue == nil || r.Year <= r.BaseYear {
		return "—"
	}
	if t.Indicator.Unit == "%" {
		pp := (r.Actual.InexactFloat64() - r.BaseValue.InexactFloat64()) / float64(r.Year-r.BaseYear)
		return signed(pp, 2) + d.t("个百分点", " pp")
	}
	if math.IsNaN(r.ObservedRate) {
		return "—"
	}
	return strings.Replace(analysis.Percent(r.ObservedRate), "-", "−", 1)
}

// verdict is the status with what a reader must know beside it: the year
// a floor broke, the band a 左右 target is met within, a preliminary
// figure, why a target is not assessable.
func (d *Data) verdict(r analysis.Row) string {
	t := r.Target
	s := d.Theme.StatusLabel(r.Status)
	var why []string
	if t.Kind == model.Floor && len(r.FailedYears) > 0 {
		why = append(why, fmt.Sprintf(d.t("%s年低于底线", "below the floor in %s"), joinYears(r.FailedYears, d.t("、", ", "))))
	}
	if t.Operator == model.About && r.Met && r.Actual != nil {
		why = append(why, d.bandText(r))
	}
	if r.Status == analysis.NotAssessable && r.Note != "" {
		why = append(why, noteText(r.Note, d.Theme.Zh()))
	}
	if len(why) > 0 {
		s += d.t("（", " (") + strings.Join(why, d.t("；", "; ")) + d.t("）", ")")
	}
	return s
}

// bandText explains a met 左右 target: “79.5岁，在80岁±0.5岁容差内”; for
// a rate a year, the observed rate against the band around it.
func (d *Data) bandText(r analysis.Row) string {
	t := r.Target
	tol := t.EffectiveTolerance()
	tu := d.t("", " ") + d.unit(t.Unit)
	if t.Unit == "%" || t.Unit == "百分点" || t.Kind == model.Growth || t.Kind == model.PointsPerYear {
		tu = d.t("个百分点", " pp")
	}
	var got, want string
	switch t.Kind {
	case model.Growth:
		got = d.t("年均增长", "growth a year ") + strings.Replace(analysis.Percent(r.ObservedRate), "-", "−", 1)
		want = t.Value.String() + "%"
	case model.PointsPerYear:
		got = d.t("年均提高", "a year ") + d.observedText(r)
		want = t.Value.String() + d.t("个百分点", " pp")
	default:
		got = d.value(r, *r.Actual) + d.t("", " ") + d.unit(t.Indicator.Unit)
		want = t.Value.String() + d.t("", " ") + d.unit(t.Unit)
	}
	return fmt.Sprintf(d.t("%s，在%s±%s%s容差内", "%s, within %s ± %s%s"), got, want, tol.String(), tu)
}

// noteText picks one language out of an analysis note, which carries
// Chinese then English ("无数据 no data").
func noteText(note string, zh bool) string {
	var out []string
	for _, part := range strings.Split(note, "; ") {
		i := strings.IndexFunc(part, func(c rune) bool {
			return c < 0x80 && c != ' ' && !(c >= '0' && c <= '9') && c != '.' && c != '%' && c != ',' && c != '-'
		})
		if i < 0 {
			if zh {
				out = append(out, part)
			}
			continue
		}
		// Back to the space before the first Latin letter.
		j := strings.LastIndex(part[:i], " ")
		if j < 0 {
			j = 0
		}
		if zh {
			out = append(out, strings.TrimSpace(part[:j]))
		} else {
			out = append(out, strings.TrimSpace(part[j:]))
		}
	}
	return strings.Join(out, map[bool]string{true: "；", false: "; "}[zh])
}

func joinYears(ys []int, sep string) string {
	var s []string
	for _, y := range ys {
		s = append(s, fmt.Sprint(y))
	}
	return strings.Join(s, sep)
}
