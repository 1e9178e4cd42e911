package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// inlineSVG renders a figure as SVG markup to place in the page.
func inlineSVG(fig charts.Figure, th *charts.Theme) (template.HTML, error) {
	s, err := fig.InlineSVG(th)
	return template.HTML(s), err
}

type rowView struct {
	T                                                                            model.Target
	Name, Actual, TargetText, Gap, Pi, Tau, Sched, Req, Obs, Status, Color, Note string
	Caption, Detail                                                              string
	Chart                                                                        template.HTML
}

type chapterView struct {
	Name string
	Rows []rowView
}

type groupView struct {
	Key       string
	Total     int
	Composite string
	Counts    []int
}

type htmlView struct {
	Lang, Title, Subtitle, Generated, Method, MethodZh, MethodEn string
	PlanTitle, DocNo, Region, TemplateNote                       string
	Illustrative, Preliminary                                    bool
	Contents                                                     []tocItem
	Narrative                                                    []sectionView
	Annex                                                        annexView
	ProgressCaption, DashboardCaption                            string
	PageCSS                                                      template.CSS
	Counts                                                       []countView
	Headline                                                     []rowView
	Chapters                                                     []chapterView
	Departments                                                  []groupView
	ChapterGroups                                                []groupView
	StatusHeads                                                  []countView
	Progress                                                     []figureView
	Dashboards                                                   []figureView
	Batches                                                      []batchView
	Thresholds                                                   []string
	L                                                            map[string]string
}

type countView struct {
	Label, Color string
	N            int
}

type batchView struct {
	ID                                       int
	Loaded, File, SHA, Source, Status, Illus string
	Rows, Inserted, Revised                  int
}

type figureView struct {
	SVG     template.HTML
	Caption string
}

type tocItem struct{ ID, Text string }

type sectionView struct {
	ID, Title  string
	Paragraphs []string
}

type annexView struct {
	Title  string
	Header []string
	Rows   []annexRowView
	Notes  []string
}

type annexRowView struct {
	Cells          []string
	Color          string
	Status, Detail string // the 评价 cell split: the status never wraps
}

// splitVerdict splits “滞后（2024年低于底线）” into the status and what is
// said beside it.
func splitVerdict(v string) (status, detail string) {
	for _, open := range []string{"（", " ("} {
		if i := strings.Index(v, open); i > 0 {
			return v[:i], v[i:]
		}
	}
	return v, ""
}

// dataStatus words a batch's status: 最终核实 or 初步核算.
func (d *Data) dataStatus(s string) string {
	switch s {
	case "preliminary":
		return d.l(labels.Preliminary)
	case "final":
		return d.l(labels.Final)
	}
	return s
}

// HTML writes the report as one self-contained page: styles inline, charts
// as inline SVG, nothing fetched from the network. Printed (or passed to
// PDF), it lays out on A4 with page numbers, a contents list and the 附表
// on landscape pages.
func HTML(w io.Writer, d *Data) error {
	d = d.prepared()
	th := d.Theme
	L := map[string]string{}
	for k, v := range labels.ReportPage {
		L[k] = d.l(v)
	}
	v := htmlView{
		Lang: th.Lang, L: L, Illustrative: d.Illustrative(), Preliminary: d.anyPreliminary(),
		Title:     d.PlanTitle() + d.t("中期评估报告", " — mid-term evaluation"),
		PlanTitle: d.PlanTitle(), DocNo: d.DocNo(), Region: d.Plan.Region, TemplateNote: d.templateNote(),
		Subtitle:  fmt.Sprintf("%s · %s %s · %s", d.Plan.Region, d.l(labels.ReportYear), d.reportYearText(), th.MethodShort(d.Config.Method)),
		Generated: d.Now.In(Beijing).Format("2006-01-02 15:04"),
		Method:    th.MethodLabel(d.Config.Method), MethodZh: analysis.MethodName[d.Config.Method].Zh, MethodEn: analysis.MethodName[d.Config.Method].En,
	}
	v.PageCSS = pageCSS(d)
	for _, sec := range d.Narrative() {
		sv := sectionView{ID: sec.Key, Title: sec.Title}
		for _, p := range sec.Paragraphs {
			sv.Paragraphs = append(sv.Paragraphs, p.Text)
		}
		v.Narrative = append(v.Narrative, sv)
		v.Contents = append(v.Contents, tocItem{sec.Key, sec.Title})
	}
	for _, k := range []string{"headline", "byChapter", "depts", "methods", "provenance"} {
		v.Contents = append(v.Contents, tocItem{k, L[k]})
	}
	an := d.BuildAnnex()
	v.Annex = annexView{Title: an.Title, Header: an.Header, Notes: an.Notes}
	for i, row := range an.Rows {
		st, detail := splitVerdict(row[ColVerdict])
		v.Annex.Rows = append(v.Annex.Rows, annexRowView{Cells: row, Color: hex(charts.StatusColor(an.Status[i])), Status: st, Detail: detail})
	}
	v.Contents = append(v.Contents, tocItem{"annex", an.Title})
	for _, c := range statusCounts(d.Rows, d.Config.Method) {
		v.Counts = append(v.Counts, countView{Label: th.StatusLabel(c.Status), Color: hex(charts.StatusColor(c.Status)), N: c.N})
	}
	v.StatusHeads = v.Counts
	views := make([]rowView, len(d.Rows))
	for i, r := range d.Rows {
		views[i] = d.rowView(r)
	}
	for i, r := range d.Rows {
		if r.Target.Headline {
			v.Headline = append(v.Headline, views[i])
		}
	}
	fig := 0
	caption := func(name string) string {
		fig++
		return fmt.Sprintf("%s%d　%s", L["figure"], fig, name)
	}
	for _, idx := range chapters(d.Rows) {
		cv := chapterView{Name: d.Rows[idx[0]].Target.Chapter}
		if !th.Zh() {
			cv.Name = chapterEn(cv.Name)
		}
		for _, i := range idx {
			rv := views[i]
			if d.Rows[i].Target.Kind != "milestone" && d.Rows[i].Actual != nil {
				f, err := th.Trajectory(d.Inputs[i], d.Rows[i], vg.Points(460), vg.Points(300))
				if err != nil {
					return err
				}
				if rv.Chart, err = inlineSVG(f, th); err != nil {
					return err
				}
				rv.Caption = caption(rv.T.ID + " " + rv.Name)
			}
			cv.Rows = append(cv.Rows, rv)
		}
		v.Chapters = append(v.Chapters, cv)
	}
	statuses := analysis.MethodStatuses[d.Config.Method]
	group := func(gs []analysis.Group) []groupView {
		var out []groupView
		for _, g := range gs {
			gv := groupView{Key: g.Key, Total: g.Total, Composite: analysis.Fixed(g.Composite, 1)}
			if !th.Zh() {
				gv.Key = chapterEn(g.Key)
			}
			for _, s := range statuses {
				gv.Counts = append(gv.Counts, g.Counts[s])
			}
			out = append(out, gv)
		}
		return out
	}
	v.Departments = group(analysis.Aggregate(d.Rows, analysis.ByLeadDepartment))
	cg := analysis.Aggregate(d.Rows, analysis.ByChapter)
	sortGroups(cg)
	v.ChapterGroups = group(cg)
	for k, f := range d.progressCharts() {
		svg, err := inlineSVG(f, th)
		if err != nil {
			return err
		}
		name := L["progress"]
		if k > 0 {
			name += d.t("（续）", " (continued)")
		}
		v.Progress = append(v.Progress, figureView{SVG: svg, Caption: caption(name)})
	}
	for k, f := range d.dashboards() {
		svg, err := inlineSVG(f, th)
		if err != nil {
			return err
		}
		name := L["dashboard"]
		if k > 0 {
			name += d.t("（续）", " (continued)")
		}
		v.Dashboards = append(v.Dashboards, figureView{SVG: svg, Caption: caption(name)})
	}
	for _, b := range d.Batches {
		illus := ""
		if b.Illustrative {
			illus = d.l(labels.Illustrative)
		}
		v.Batches = append(v.Batches, batchView{ID: b.ID, Loaded: b.LoadedAt.In(Beijing).Format("2006-01-02 15:04"), File: b.File, SHA: shortSHA(b.SHA256),
			Source: b.Source, Status: d.dataStatus(b.Status), Illus: illus, Rows: b.RowsRead, Inserted: b.Inserted, Revised: b.Revised})
	}
	v.Thresholds = thresholds(d)
	var buf bytes.Buffer
	if err := page.Execute(&buf, v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func chapterEn(c string) string { return labels.Chapter(c, "en") }

func sortGroups(gs []analysis.Group) {
	for i := 1; i < len(gs); i++ {
		for j := i; j > 0 && chapterOrder(gs[j].Key) < chapterOrder(gs[j-1].Key); j-- {
			gs[j], gs[j-1] = gs[j-1], gs[j]
		}
	}
}

func (d *Data) rowView(r analysis.Row) rowView {
	th := d.Theme
	t := r.Target
	v := rowView{T: t, Name: th.Name(t), Color: hex(charts.StatusColor(r.Status))}
	v.Status, v.Detail = splitVerdict(d.verdict(r))
	if r.BaseNote != "" && r.Status != analysis.NotAssessable {
		v.Note = noteText(r.BaseNote, th.Zh())
	}
	v.Actual = d.actualText(r)
	v.TargetText = d.targetWords(r)
	if r.TargetLevel != nil && t.Kind != model.Level && t.Kind != model.Milestone && t.Kind != model.Floor && t.Kind != model.Cumulative {
		v.TargetText += " → " + d.targetLevelText(r)
	}
	v.Gap = "—"
	if r.Gap != nil && t.Kind != model.Milestone && !achieved(r) {
		v.Gap = signed(r.Gap.InexactFloat64(), charts.Precision(r))
	}
	v.Pi, v.Tau, v.Sched, v.Req, v.Obs = minus(analysis.Percent(r.Completion)), minus(analysis.Percent(r.TimeShare)), signed(r.ScheduleGap, 1), d.required(r), d.observedText(r)
	if math.IsNaN(r.ScheduleGap) {
		v.Sched = "—"
	}
	if t.Kind == model.Milestone {
		v.Pi, v.Tau, v.Sched = "—", "—", "—"
	}
	return v
}

// shortSHA is the first 12 hex digits of a checksum, or all of a shorter one.
func shortSHA(s string) string {
	return s[:min(12, len(s))]
}

func opSymbol(op string) string {
	return map[string]string{">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈", "between": "", "done": ""}[op]
}

func hex(c interface{ RGBA() (r, g, b, a uint32) }) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

// thresholds describes the methods and the thresholds in force.
func thresholds(d *Data) []string {
	c := d.Config
	zh := d.Theme.Zh()
	pick := func(a, b string) string {
		if zh {
			return a
		}
		return b
	}
	out := []string{
		pick("时序进度 τ = (报告年份 − 基期年份)/(目标年份 − 基期年份)；完成进度 π = (实绩 − 基期值)/(目标 − 基期值)；累计类 π = 累计完成/目标。",
			"Time share τ = (year − base year)/(target year − base year); completion π = (actual − base)/(target − base); cumulative π = sum/target."),
		pick("所需路径：货币、产量、数量类按几何路径（不变增速），比重、比率及可能 ≤ 0 的序列按线性路径（等量增加）。趋势预测：对数线性最小二乘（比重类为线性），给出 80% 与 95% 预测区间及达标概率。",
			"Required path: geometric (constant growth) for quantities, linear for shares, ratios and series that can be ≤ 0. Projection: log-linear OLS (linear for shares) with 80% and 95% prediction intervals and the probability of meeting the target."),
		pick("“左右”：无官方容差；以 % 或百分点表述的目标默认 ±0.5 个百分点，其他目标默认目标值的 ±2%，可逐项设定。",
			"左右 (about): no official tolerance; ±0.5 percentage point by default for targets in % or points, ±2% of the target otherwise, settable per target."),
		pick("综合得分：可评估的定量目标 min(1, max(0, π/τ)) × 100 的平均值（已实现计 100，未守住底线计 0）。",
			"Composite: the mean of min(1, max(0, π/τ)) × 100 over assessable quantitative targets (achieved 100, broken floor 0)."),
	}
	// One line per method, each stating its rule with the thresholds in
	// force, after the definition of π and τ.
	var methods []string
	for _, j := range analysis.Judges {
		l := j.Explain(c.ThresholdsOf(j.Info().Method))
		methods = append(methods, pick(l.Zh, l.En))
	}
	return append(out[:1], append(methods, out[1:]...)...)
}

// pageCSS is the A4 page rule with page numbers in the bottom margin and the
// 文号 in the top margin (Chromium draws @page margin boxes).
func pageCSS(d *Data) template.CSS {
	num := `"第 " counter(page) " 页 共 " counter(pages) " 页"`
	if !d.Theme.Zh() {
		num = `"page " counter(page) " of " counter(pages)`
	}
	doc := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "<", "", ">", "").Replace(d.DocNo())
	return template.CSS(`@page { size: A4 portrait; margin: 16mm 14mm 18mm;
  @bottom-center { content: ` + num + `; font-size: 9pt; color: #555; }
  @top-right { content: "` + doc + `"; font-size: 8pt; color: #777; } }`)
}

// dashboardTiles is how many headline trajectories one printed dashboard
// holds: two columns of three, drawn at about the size they print at.
const dashboardTiles = 6

// dashboards draws the headline indicators' trajectories as small
// multiples, six to a figure so that each fits one A4 page readably.
func (d *Data) dashboards() []charts.Figure {
	var hi []analysis.Input
	var hr []analysis.Row
	for i, r := range d.Rows {
		if r.Target.Headline && r.Target.Kind != model.Milestone {
			hi, hr = append(hi, d.Inputs[i]), append(hr, r)
		}
	}
	var out []charts.Figure
	for k := 0; k < len(hr); k += dashboardTiles {
		e := min(k+dashboardTiles, len(hr))
		if f, err := d.Theme.DashboardGrid(hi[k:e], hr[k:e], 2); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// progressRows is how many targets one printed progress chart holds: about
// fifty rows of 7-point labels fill an A4 page at the size they are drawn.
const progressRows = 50

// progressCharts draws the completion shares against the time share, in
// parts of at most progressRows targets — fastest first — so that each
// part prints on one page at a readable size; broken floors come last.
func (d *Data) progressCharts() []charts.Figure {
	var sel, floors []analysis.Row
	for _, r := range d.Rows {
		switch {
		case r.Target.Kind == model.Milestone:
		case !math.IsNaN(r.Completion):
			sel = append(sel, r)
		case r.Target.Kind == model.Floor && len(r.FailedYears) > 0:
			floors = append(floors, r)
		}
	}
	sort.SliceStable(sel, func(i, j int) bool { return sel[i].Completion > sel[j].Completion })
	all := append(sel, floors...)
	parts := (len(all) + progressRows - 1) / progressRows
	var out []charts.Figure
	for k := 0; k < parts; k++ {
		// Even parts: 104 targets print as 52 and 52, not 50 and 4.
		lo, hi := k*len(all)/parts, (k+1)*len(all)/parts
		if f, err := d.Theme.Progress(all[lo:hi]); err == nil {
			out = append(out, f)
		}
	}
	return out
}
