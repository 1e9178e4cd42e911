package charts

import (
	"fmt"
	"strings"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// The descriptions below are what a reader who cannot see a chart is
// told: its <desc> in SVG, its alternative text on a page. Each says what
// is plotted (indicator, unit, region, years) and the statuses in words.

// countsText is the rows' status counts in the method's order, best
// first: "已实现 3个、滞后 5个" / "achieved 3, lagging 5".
func (th *Theme) countsText(rows []analysis.Row) string {
	if len(rows) == 0 {
		return ""
	}
	n := map[analysis.Status]int{}
	for _, r := range rows {
		n[r.Status]++
	}
	return th.counts(n, rows[0].Method)
}

// counts is status counts in method m's order.
func (th *Theme) counts(n map[analysis.Status]int, m analysis.Method) string {
	var parts []string
	for _, s := range analysis.MethodStatuses[m] {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf(th.T("%s %d个", "%s %d"), th.StatusLabel(s), n[s]))
		}
	}
	return strings.Join(parts, th.T("、", ", "))
}

// trajectoryDesc: indicator, unit, region, kind, base and target, the
// years with actuals and the latest, the status.
func (th *Theme) trajectoryDesc(in analysis.Input, r analysis.Row) string {
	t := r.Target
	prec := Precision(r)
	var b strings.Builder
	unit := th.unit(t.Indicator.Unit)
	fmt.Fprintf(&b, th.T("轨迹图：%s（%s）", "Trajectory: %s (%s)"), th.Name(t), unit)
	if reg := th.Text(r.Region); reg != "" {
		b.WriteString(th.T("，", ", ") + reg)
	}
	fmt.Fprintf(&b, th.T("，%s目标", ", %s target"), labels.Kind(t.Kind, th.Lang))
	if r.TargetLevel != nil {
		fmt.Fprintf(&b, " %s %s", opWords(t.Operator, th.Lang), FormatValue(r.TargetLevel.InexactFloat64(), TargetPrecision(r)))
	}
	fmt.Fprintf(&b, th.T("，目标年 %d", " by %d"), t.TargetYear)
	if r.BaseValue != nil {
		fmt.Fprintf(&b, th.T("，基期 %d 年 %s", ", from %[2]s in %[1]d"), r.BaseYear, FormatValue(r.BaseValue.InexactFloat64(), prec))
	}
	b.WriteString(th.T("。", ". "))
	var years []int
	for _, y := range in.Years {
		if r.Year == 0 || y <= r.Year {
			years = append(years, y)
		}
	}
	switch {
	case len(years) == 0:
		b.WriteString(th.T("尚无实际值。", "No actuals yet. "))
	case r.Actual != nil:
		fmt.Fprintf(&b, th.T("实际值 %d–%d 年，最新 %d 年为 %s。", "Actuals %d–%d; latest %[3]d: %[4]s. "), years[0], years[len(years)-1], r.Year, FormatValue(r.Actual.InexactFloat64(), prec))
	default:
		fmt.Fprintf(&b, th.T("实际值 %d–%d 年。", "Actuals %d–%d. "), years[0], years[len(years)-1])
	}
	fmt.Fprintf(&b, th.T("状态：%s（%s）。", "Status: %s (%s)."), th.StatusLabel(r.Status), th.MethodShort(r.Method))
	return b.String()
}

// opWords says a target's comparison in words.
func opWords(op model.Operator, lang string) string {
	w := map[model.Operator]labels.Text{
		model.AtLeast: {Zh: "不低于", En: "at least"}, model.Above: {Zh: "高于", En: "above"},
		model.AtMost: {Zh: "不高于", En: "at most"}, model.Below: {Zh: "低于", En: "below"},
		model.About: {Zh: "约", En: "about"}, model.Between: {Zh: "介于", En: "between"},
	}[op]
	return w.In(lang)
}

// planDesc opens a plan-level chart's description: what, how many
// targets, the region and the method.
func (th *Theme) planDesc(what labels.Text, n int, rows []analysis.Row) string {
	var b strings.Builder
	b.WriteString(what.In(th.Lang))
	fmt.Fprintf(&b, th.T("，%d 个目标", ", %d targets"), n)
	if len(rows) > 0 {
		if reg := th.Text(rows[0].Region); reg != "" {
			b.WriteString(th.T("，", ", ") + reg)
		}
		b.WriteString(th.T("，", ", ") + th.MethodShort(rows[0].Method))
	}
	b.WriteString(th.T("。", ". "))
	return b.String()
}

// symbolKey lists the statuses of rows' method with their symbols:
// "√ 已实现、▲ 超前 …".
func (th *Theme) symbolKey(rows []analysis.Row) string {
	if len(rows) == 0 {
		return ""
	}
	var parts []string
	for _, s := range analysis.MethodStatuses[rows[0].Method] {
		parts = append(parts, labels.StatusSymbol(s)+" "+th.StatusLabel(s))
	}
	return strings.Join(parts, th.T("、", ", "))
}
