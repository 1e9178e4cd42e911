package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// Section is one part of the written assessment.
type Section struct {
	Key        string // overall, achievements, problems, next
	Title      string
	Paragraphs []Paragraph
}

// Paragraph is a drafted paragraph with the rows whose figures it states:
// every number in Text comes from Rows (or from counts over all rows, when
// Rows is empty), so a test can check each sentence against its rows.
type Paragraph struct {
	Text string
	Rows []int // indexes into Data.Rows
}

// Narrative drafts the four sections of the written assessment — 总体评价,
// 主要成效, 存在问题, 下一步建议 — from the numbers, by templates. Nothing
// is said that the rows do not show.
func (d *Data) Narrative() []Section {
	return []Section{d.overall(), d.achievements(), d.problems(), d.nextSteps()}
}

// Section keys, in order.
const (
	SecOverall      = "overall"
	SecAchievements = "achievements"
	SecProblems     = "problems"
	SecNext         = "next"
)

func (d *Data) list(items []string) string {
	return strings.Join(items, d.t("、", ", "))
}

func (d *Data) sentenceList(items []string) string {
	return strings.Join(items, d.t("；", "; "))
}

func (d *Data) period() string {
	return d.t("。", ".")
}

// countsText lists the non-zero status counts of rows in the method's order.
func (d *Data) countsText(rows []analysis.Row) string {
	var parts []string
	for _, c := range statusCounts(rows, d.Config.Method) {
		if c.N > 0 {
			parts = append(parts, fmt.Sprintf(d.t("%s%d项", "%s %d"), d.Theme.StatusLabel(c.Status), c.N))
		}
	}
	if len(parts) == 0 {
		return d.l(labels.None)
	}
	return d.list(parts)
}

func (d *Data) overall() Section {
	s := Section{Key: SecOverall, Title: d.l(labels.SectionOverall)}
	var quant, miles int
	for _, r := range d.Rows {
		if r.Target.Kind == model.Milestone {
			miles++
		} else {
			quant++
		}
	}
	s.Paragraphs = append(s.Paragraphs, Paragraph{Text: fmt.Sprintf(d.t(
		"%s共确定目标%d项，其中定量目标%d项、定性任务%d项。以%s年为报告年份，按%s评估：%s。",
		"%s sets %d targets: %d quantitative and %d qualitative. At report year %s, by the %s: %s."),
		d.titleWithDocNo(), len(d.Rows), quant, miles, d.reportYearText(), d.Theme.MethodShort(d.Config.Method), d.countsText(d.Rows))})

	if n := d.templateNote(); n != "" {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: n})
	}
	// 约束性 and 预期性, when the plan states them.
	byAttr := map[string][]analysis.Row{}
	for _, r := range d.Rows {
		if a := Attribute(r.Target); a != "" {
			byAttr[a] = append(byAttr[a], r)
		}
	}
	if len(byAttr) > 0 {
		var parts []string
		for _, a := range []string{"约束性", "预期性"} {
			if rs := byAttr[a]; len(rs) > 0 {
				name := a
				if !d.Theme.Zh() {
					name = labels.AttributeEn(a)
				}
				parts = append(parts, fmt.Sprintf(d.t("%s指标%d项，其中%s", "%s targets %d: %s"), name, len(rs), d.countsText(rs)))
			}
		}
		if len(parts) > 0 {
			s.Paragraphs = append(s.Paragraphs, Paragraph{Text: d.sentenceList(parts) + d.period()})
		}
	} else {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: d.t("规划未标注指标属性（约束性、预期性），本评估未作区分。",
			"The plan does not mark targets as binding or expected; this assessment does not distinguish them.")})
	}

	all := analysis.Aggregate(d.Rows, func(analysis.Row) []string { return []string{"all"} })
	if len(all) == 1 && !math.IsNaN(all[0].Composite) {
		text := fmt.Sprintf(d.t("可评估的定量目标综合得分%s分（满分100分：达到或快于时序进度计满分，未守住底线计0分）。",
			"The composite score of assessable quantitative targets is %s out of 100 (at or ahead of the time share scores full marks, a broken floor 0)."),
			analysis.Fixed(all[0].Composite, 1))
		cg := analysis.Aggregate(d.Rows, analysis.ByChapter)
		var scored []analysis.Group
		for _, g := range cg {
			if !math.IsNaN(g.Composite) {
				scored = append(scored, g)
			}
		}
		sort.SliceStable(scored, func(i, j int) bool { return scored[i].Composite > scored[j].Composite })
		if len(scored) >= 2 {
			hi, lo := scored[0], scored[len(scored)-1]
			if analysis.Fixed(hi.Composite, 1) != analysis.Fixed(lo.Composite, 1) {
				text += fmt.Sprintf(d.t("分领域看，%s领域得分最高（%s分），%s领域最低（%s分）。", " By chapter, %s scores highest (%s) and %s lowest (%s)."),
					d.chapterName(hi.Key), analysis.Fixed(hi.Composite, 1), d.chapterName(lo.Key), analysis.Fixed(lo.Composite, 1))
			}
		}
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: text})
	}
	if d.anyPreliminary() {
		var idx []int
		for i, r := range d.Rows {
			if d.rowPreliminary(r) {
				idx = append(idx, i)
			}
		}
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: fmt.Sprintf(d.t("%d项目标的实绩为初步核算数（标注%s），最终核实后评价可能调整。",
			"%d targets are judged on preliminary figures (marked %s); their assessment may change once the figures are final."), len(idx), PrelimMark), Rows: idx})
	}
	if d.Illustrative() {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: d.t("本报告使用示例数据，不代表官方统计。", "This report uses illustrative data, not official statistics.")})
	}
	return s
}

func (d *Data) chapterName(c string) string {
	if d.Theme.Zh() {
		return c
	}
	return chapterEn(c)
}

// figure is a row's judged figure with its unit and year: “79.5岁（2024年）”.
func (d *Data) figure(r analysis.Row) string {
	v, mark, _ := d.actualParts(r)
	if v == "—" || r.Target.Kind == model.Milestone {
		return v + mark
	}
	return v + d.t("", " ") + d.unit(r.Target.Indicator.Unit) + mark
}

func (d *Data) name(r analysis.Row) string { return d.Theme.Name(r.Target) }

func (d *Data) achievements() Section {
	s := Section{Key: SecAchievements, Title: d.l(labels.SectionAchievements)}
	for _, idx := range chapters(d.Rows) {
		var items []string
		var rows []int
		for _, i := range idx {
			r := d.Rows[i]
			tone := analysis.Tones[r.Status]
			if tone != analysis.ToneAchieved && tone != analysis.ToneAhead && !(r.Target.Kind == model.Floor && tone == analysis.ToneOnTrack && r.Met) {
				continue
			}
			items = append(items, d.achievement(r))
			rows = append(rows, i)
		}
		if len(items) == 0 {
			continue
		}
		ch := d.chapterName(d.Rows[idx[0]].Target.Chapter)
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: fmt.Sprintf(d.t("%s领域：%s。", "%s: %s."), ch, d.sentenceList(items)), Rows: rows})
	}
	if len(s.Paragraphs) == 0 {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: fmt.Sprintf(d.t("截至%s年，尚无目标提前实现或快于时序进度。", "By %s no target is achieved or ahead of schedule."), d.reportYearText())})
	}
	return s
}

func (d *Data) achievement(r analysis.Row) string {
	t := r.Target
	status := d.Theme.StatusLabel(r.Status)
	switch {
	case t.Kind == model.Milestone:
		return fmt.Sprintf(d.t("%s已完成（%d年），%s", "%s done (%d), %s"), d.name(r), r.Year, status)
	case t.Kind == model.Floor:
		return fmt.Sprintf(d.t("%s%d年为%s，各年均守住底线（%s），%s", "%s %d: %s, the floor (%s) held every year, %s"),
			d.name(r), r.Year, d.figure(r), d.targetWords(r), status)
	case t.Operator == model.About && r.Met:
		return fmt.Sprintf(d.t("%s%d年为%s，%s", "%s %d: %s, %s"), d.name(r), r.Year, d.bandText(r), status)
	case analysis.Tones[r.Status] == analysis.ToneAhead:
		return fmt.Sprintf(d.t("%s%d年为%s（目标%s），完成进度%s，快于时序进度%s，%s", "%s %d: %s (target %s), completion %s against a time share of %s, %s"),
			d.name(r), r.Year, d.figure(r), d.targetWords(r), analysis.Percent(r.Completion), analysis.Percent(r.TimeShare), status)
	}
	return fmt.Sprintf(d.t("%s%d年为%s（目标%s），%s", "%s %d: %s (target %s), %s"), d.name(r), r.Year, d.figure(r), d.targetWords(r), status)
}

// lagging reports whether a row belongs under 存在问题: behind, moving away,
// failed, or a binding target not yet achieved.
func lagging(r analysis.Row) bool {
	switch analysis.Tones[r.Status] {
	case analysis.ToneBehind, analysis.ToneAway, analysis.ToneFailed:
		return true
	}
	return Attribute(r.Target) == "约束性" && r.Status != analysis.NotAssessable && !achieved(r)
}

func (d *Data) problems() Section {
	s := Section{Key: SecProblems, Title: d.l(labels.SectionProblems)}
	var idx []int
	for _, ch := range chapters(d.Rows) {
		for _, i := range ch {
			if lagging(d.Rows[i]) {
				idx = append(idx, i)
			}
		}
	}
	if len(idx) == 0 {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: fmt.Sprintf(d.t("截至%s年，没有目标滞后、背离或未完成。", "By %s no target is lagging, moving away or failed."), d.reportYearText())})
		return s
	}
	s.Paragraphs = append(s.Paragraphs, Paragraph{Text: fmt.Sprintf(d.t("截至%s年，%d项目标滞后、背离或未完成：", "By %s, %d targets are lagging, moving away or failed:"), d.reportYearText(), len(idx)), Rows: idx})
	for _, i := range idx {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: d.problem(d.Rows[i]), Rows: []int{i}})
	}
	return s
}

func (d *Data) gapText(r analysis.Row) string {
	if r.Gap == nil {
		return "—"
	}
	return d.value(r, *r.Gap) + d.unitOfChange(r)
}

// unitOfChange is the unit a difference is stated in: 个百分点 for shares.
func (d *Data) unitOfChange(r analysis.Row) string {
	switch u := r.Target.Indicator.Unit; u {
	case "%", "百分点":
		return d.t("个百分点", " pp")
	default:
		return d.t("", " ") + d.unit(u)
	}
}

// targetFull is the target in the plan's words and, when those are
// relative to the base, the level they set: “基期的2倍，即≥3.04件/万人”.
func (d *Data) targetFull(r analysis.Row) string {
	w := d.targetWords(r)
	switch r.Target.Kind {
	case model.Growth, model.Multiple, model.Increment, model.PointsPerYear:
		if r.TargetLevel != nil {
			return w + d.t("，即", ", i.e. ") + d.targetLevelText(r)
		}
	}
	return w
}

func (d *Data) problem(r analysis.Row) string {
	t := r.Target
	status := d.Theme.StatusLabel(r.Status)
	attr := ""
	if a := Attribute(t); a != "" {
		attr = d.t("（"+a+"）", " ("+labels.AttributeEn(a)+")")
	}
	switch {
	case t.Kind == model.Milestone:
		return fmt.Sprintf(d.t("%s%s：目标%d年完成，%d年尚未完成，评价为%s。", "%s%s: due %d, not done by %d: %s."), d.name(r), attr, t.TargetYear, r.Year, status)
	case t.Kind == model.Floor:
		return fmt.Sprintf(d.t("%s%s：底线为%s，%s年低于底线（%d年为%s），评价为%s。", "%s%s: floor %s, broken in %s (%d: %s): %s."),
			d.name(r), attr, d.targetWords(r), joinYears(r.FailedYears, d.t("、", ", ")), r.Year, d.figure(r), status)
	case r.Year >= t.TargetYear:
		return fmt.Sprintf(d.t("%s%s：%d年为%s，未达到目标%s，差%s，评价为%s。", "%s%s: %d: %s, short of the target %s by %s: %s."),
			d.name(r), attr, r.Year, d.figure(r), d.targetWords(r), d.gapText(r), status)
	case analysis.Tones[r.Status] == analysis.ToneAway:
		return fmt.Sprintf(d.t("%s%s：%d年为%s，较基期%s背离目标方向（完成进度%s），距目标（%s）尚差%s，%d年达标需%s，评价为%s。",
			"%s%s: %d: %s, moved away from the target since the base of %s (completion %s); %s short of the target %s; meeting it by %d needs %s: %s."),
			d.name(r), attr, r.Year, d.figure(r), d.baseText(r), analysis.Percent(r.Completion), d.targetFull(r), d.gapText(r), t.TargetYear, d.required(r), status)
	}
	if !math.IsNaN(r.Completion) {
		return fmt.Sprintf(d.t("%s%s：%d年为%s，距目标（%s）尚差%s，完成进度%s，低于时序进度%s；%d年达标需%s，评价为%s。",
			"%s%s: %d: %s, %[6]s short of the target %[5]s; completion %[7]s against a time share of %[8]s; meeting it by %[9]d needs %[10]s: %[11]s."),
			d.name(r), attr, r.Year, d.figure(r), d.targetFull(r), d.gapText(r), analysis.Percent(r.Completion), analysis.Percent(r.TimeShare), t.TargetYear, d.required(r), status)
	}
	return fmt.Sprintf(d.t("%s%s：%d年为%s，目标%s，评价为%s。", "%s%s: %d: %s, target %s: %s."), d.name(r), attr, r.Year, d.figure(r), d.targetWords(r), status)
}

func (d *Data) nextSteps() Section {
	s := Section{Key: SecNext, Title: d.l(labels.SectionNextSteps)}
	byDept := map[string][]int{}
	var depts []string
	for _, ch := range chapters(d.Rows) {
		for _, i := range ch {
			r := d.Rows[i]
			if !lagging(r) {
				continue
			}
			dept := r.Target.LeadDepartment()
			if dept == "" {
				dept = d.l(labels.NoLeadDept)
			}
			if _, ok := byDept[dept]; !ok {
				depts = append(depts, dept)
			}
			byDept[dept] = append(byDept[dept], i)
		}
	}
	sort.SliceStable(depts, func(i, j int) bool { return len(byDept[depts[i]]) > len(byDept[depts[j]]) })
	for _, dept := range depts {
		var items []string
		for _, i := range byDept[dept] {
			items = append(items, d.need(d.Rows[i]))
		}
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: fmt.Sprintf(d.t("%s：%s。", "%s: %s."), dept, d.sentenceList(items)), Rows: byDept[dept]})
	}
	if len(s.Paragraphs) == 0 {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: d.t("各目标均达到或快于时序进度，建议保持现有工作力度并按时报送数据。",
			"Every target is at or ahead of schedule: keep up the effort and report the data on time.")})
	}
	return s
}

// need says what a lagging target needs each year until its target year.
func (d *Data) need(r analysis.Row) string {
	t := r.Target
	switch {
	case t.Kind == model.Milestone:
		return fmt.Sprintf(d.t("%s已过完成时限（%d年），需说明原因、明确完成时间", "%s is past its deadline (%d): explain why and set a date"), d.name(r), t.TargetYear)
	case t.Kind == model.Floor:
		if r.Year >= t.TargetYear {
			return fmt.Sprintf(d.t("%s未守住底线%s，需查明原因", "%s broke its floor of %s: find out why"), d.name(r), d.targetWords(r))
		}
		return fmt.Sprintf(d.t("%s%s%s须守住%s%s", "%[1]s must hold %[4]s%[5]s%[3]s in %[2]s"), d.name(r), d.years(r.Year+1, t.TargetYear), d.everyYear(r.Year+1, t.TargetYear), opSymbol(string(t.Operator)), d.floorLevel(r))
	case r.Year >= t.TargetYear:
		return fmt.Sprintf(d.t("%s目标年份已过，差%s，需说明原因并在后续规划中统筹", "%s missed its target year by %s: explain why and carry it into the next plan"), d.name(r), d.gapText(r))
	}
	req := d.required(r)
	if req == "—" {
		return fmt.Sprintf(d.t("%s需加快进度，%d年达到%s", "%s must speed up to reach %s by %d"), d.name(r), t.TargetYear, d.targetLevelText(r))
	}
	if d.Theme.Zh() {
		return fmt.Sprintf("%s%s需%s%s%s，%d年达到%s", d.name(r), d.years(r.Year+1, t.TargetYear), d.everyYear(r.Year+1, t.TargetYear), d.direction(r), strings.TrimPrefix(d.amount(r), "−"), t.TargetYear, d.targetLevelText(r))
	}
	return fmt.Sprintf("%s needs %s in %s to reach %s by %d", d.name(r), req, d.years(r.Year+1, t.TargetYear), d.targetLevelText(r), t.TargetYear)
}

// direction is 增长 or 下降: the sign of the change a year needed.
func (d *Data) direction(r analysis.Row) string {
	v := r.RequiredIncrement
	if r.Geometric && !math.IsNaN(r.RequiredRate) {
		v = r.RequiredRate
	}
	if v < 0 {
		return "下降"
	}
	if r.Target.Indicator.Unit == "%" || r.Target.Indicator.Unit == "百分点" {
		return "提高"
	}
	return "增长"
}

func (d *Data) floorLevel(r analysis.Row) string {
	if r.TargetLevel == nil {
		return "—"
	}
	return r.TargetLevel.StringFixed(int32(charts.TargetPrecision(r))) + d.t("", " ") + d.unit(r.Target.Indicator.Unit)
}

// targetLevelText is the level the target sets, to the target's precision.
func (d *Data) targetLevelText(r analysis.Row) string {
	if r.TargetLevel == nil {
		return d.targetWords(r)
	}
	op := opSymbol(string(r.Target.Operator))
	if r.Target.Kind == model.Cumulative {
		op = d.t("累计", "a total of ") + op
	}
	return op + r.TargetLevel.StringFixed(int32(charts.TargetPrecision(r))) + d.t("", " ") + d.unit(r.Target.Indicator.Unit)
}

// everyYear is 每年 (“every year”) for a span of several years, nothing for
// one year.
func (d *Data) everyYear(from, to int) string {
	if from >= to {
		return ""
	}
	return d.t("每年", " every year")
}

// years names a span of years: “2025年” or “2025—2027年”.
func (d *Data) years(from, to int) string {
	if from >= to {
		return fmt.Sprintf(d.t("%d年", "%d"), to)
	}
	return fmt.Sprintf(d.t("%d—%d年", "%d–%d"), from, to)
}
