package server

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// The target page, after open-sdg's indicator page: the status under
// every method with its measure, the key figures, what the plan says
// (attribute, departments, deadline, 原文, clause), then tabs — chart,
// table, revision history, metadata — as links (?tab=), and downloads.
const targetTemplate = `
{{define "target"}}{{template "top" .}}
<nav aria-label="{{.T "位置" "breadcrumb"}}" class="crumbs"><a href="{{.BackHref}}" id="back">{{.T "全部目标" "all targets"}}{{if .Region}}{{.T "（" " ("}}{{.Region}}{{.T "）" ")"}}{{end}}</a> › <strong aria-current="page">{{.Row.ID}}</strong>
<span class="lang"><a href="{{.LangHref}}" lang="{{.OtherLang}}" id="lang-switch">{{.LangLabel}}</a></span></nav>
<h1>{{.Row.ID}} {{.Row.Name}}{{if .Row.Unit}}{{.T "（" " ("}}{{.Row.Unit}}{{.T "）" ")"}}{{end}}</h1>
<p class="verdict" id="verdict"><span class="shape" style="color:{{.Row.Color}}" aria-hidden="true">{{.Shape}}</span><strong>{{.Row.Status}}</strong> — {{.Method}}{{if .Note}} · {{.Note}}{{end}}</p>

<h2 id="methods-h">{{.T "各方法评价" "status under each method"}}</h2>
<table id="methods" aria-labelledby="methods-h"><thead><tr><th scope="col">{{.T "方法" "method"}}</th><th scope="col">{{.T "状态" "status"}}</th><th scope="col">{{.T "依据" "measure"}}</th><th scope="col">{{.T "规则" "rule"}}</th></tr></thead>
<tbody>{{range .Methods}}<tr{{if .Current}} class="current"{{end}}><th scope="row"><a href="{{.Href}}"{{if .Current}} aria-current="true"{{end}}>{{.Name}}</a></th><td class="status"><span class="shape" style="color:{{.Color}}" aria-hidden="true">{{.Shape}}</span>{{.Status}}</td><td class="num">{{.Measure}}</td><td class="rule">{{.Rule}}</td></tr>
{{end}}</tbody></table>

<div class="cols"><div>
<h2 id="figures-h">{{.T "关键数字" "key figures"}}</h2>
<table id="figures" class="facts" aria-labelledby="figures-h"><tbody>{{range .Figures}}<tr><th scope="row">{{.Label}}</th><td class="num">{{.Value}}</td></tr>
{{end}}</tbody></table>

</div><div>
<h2 id="plan-h">{{.T "规划内容" "what the plan says"}}</h2>
<table id="plan" class="facts" aria-labelledby="plan-h"><tbody>{{range .PlanFacts}}<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{end}}</tbody></table>
</div></div>
{{if .SourceText}}<blockquote id="source-text" lang="zh-CN"><p>{{.SourceText}}</p>{{if .Clause}}<footer>— {{.Clause}}</footer>{{end}}</blockquote>{{end}}

<nav class="tabs" aria-label="{{.T "视图" "views"}}" id="tabs">{{range .Tabs}}<a href="{{.Href}}#tabs" id="tab-{{.Name}}"{{if .Current}} aria-current="page"{{end}}>{{.Label}}</a>{{end}}</nav>
<section class="panel" id="panel-{{.Tab}}" aria-labelledby="tab-{{.Tab}}">
{{if eq .Tab "chart"}}{{if .Chart}}<figure id="chart">{{.Chart}}<figcaption>{{.T "轨迹图：实绩、目标、规划路径与所需路径。数值见“表格”。" "Trajectory: actuals, target, planned and required paths. The numbers are under “table”."}}</figcaption></figure>{{else}}<p>{{.T "尚无实绩，无法作图。" "No actuals yet: nothing to draw."}}</p>{{end}}
{{else if eq .Tab "table"}}{{if .Points}}<table id="path"><caption>{{.T "目标路径（逐年）" "the path, year by year"}}</caption><thead><tr><th scope="col">{{.T "年份" "year"}}</th><th scope="col">{{.T "规划路径" "planned"}}</th><th scope="col">{{.T "所需路径" "required"}}</th><th scope="col">{{.T "实绩" "actual"}}</th><th scope="col">{{.T "差距" "gap"}}</th></tr></thead>
<tbody>{{range .Points}}<tr><th scope="row">{{.Year}}</th><td class="num">{{.Planned}}</td><td class="num">{{.Required}}</td><td class="num">{{.Actual}}</td><td class="num">{{.Gap}}</td></tr>{{end}}</tbody>
</table>{{else}}<p>{{.T "没有路径（定性任务或尚无实绩）。" "No path (a qualitative task, or no actuals yet)."}}</p>{{end}}
{{else if eq .Tab "history"}}{{if .History}}<table id="history"><caption>{{.T "每个数值的每次修订：哪一批次、来源、状态、导入时间" "every revision of every value: batch, source, status, loaded at"}}</caption><thead><tr><th scope="col">{{.T "年份" "year"}}</th><th scope="col">{{.T "数值" "value"}}</th><th scope="col">{{.T "数据状态" "data status"}}</th><th scope="col">{{.T "批次" "batch"}}</th><th scope="col">{{.T "来源" "source"}}</th><th scope="col">{{.T "导入时间（北京时间）" "loaded at (Beijing time)"}}</th><th scope="col">{{.T "现行" "in use"}}</th></tr></thead>
<tbody>{{range .History}}<tr{{if not .Current}} class="superseded"{{end}}><th scope="row">{{.Year}}</th><td class="num">{{.Value}}</td><td>{{.Status}}</td><td class="num">{{.Batch}}</td><td>{{.Source}}</td><td>{{.LoadedAt}}</td><td>{{.InUse}}</td></tr>{{end}}</tbody>
</table>{{else}}<p>{{.T "尚未导入数值。" "No values loaded yet."}}</p>{{end}}
{{else}}<table id="meta" class="facts"><tbody>{{range .Meta}}<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{end}}</tbody></table>{{end}}
</section>

<section aria-labelledby="dl-h" class="downloads" id="downloads"><h2 id="dl-h">{{.T "下载" "downloads"}}</h2>
<p>{{.T "数据" "data"}}{{.T "：" ": "}}<a href="{{.CSVHref}}" id="dl-csv" download>CSV</a> <a href="{{.XLSXHref}}" id="dl-xlsx" download>Excel (XLSX)</a>
· {{.T "图表" "chart"}}{{.T "：" ": "}}<a href="{{.PNGHref}}" id="dl-png" download="{{.ChartName}}.png">PNG</a> <a href="{{.SVGHref}}" id="dl-svg" download="{{.ChartName}}.svg">SVG</a></p></section>
{{template "bottom"}}{{end}}
`

// fact is a labelled value.
type fact struct{ Label, Value string }

// methodStatus is the target's status under one method.
type methodStatus struct {
	Name, Href, Status, Color, Shape, Measure, Rule string
	Current                                         bool
}

// tab is one of the target page's views.
type tab struct {
	Name, Label, Href string
	Current           bool
}

// revisionRow is one stored value of the indicator, current or revised.
type revisionRow struct {
	Year, batch                                   int
	Value, Status, Batch, Source, LoadedAt, InUse string
	Current                                       bool
}

// pathLine is one year of the path table, as text.
type pathLine struct {
	Year                           int
	Planned, Required, Actual, Gap string
}

type targetPage struct {
	page
	words
	Row                                     pageRow
	Shape, Note, Tab, BackHref, OtherLang   string
	LangHref, LangLabel, SourceText, Clause string
	CSVHref, XLSXHref, PNGHref, SVGHref     string
	ChartName                               string
	Methods                                 []methodStatus
	Figures, PlanFacts, Meta                []fact
	Tabs                                    []tab
	Points                                  []pathLine
	History                                 []revisionRow
}

// targetTabs are the views, in order; the first is the default.
var targetTabs = []struct{ name, zh, en string }{
	{"chart", "图表", "chart"}, {"table", "表格", "table"}, {"history", "修订历史", "revision history"}, {"meta", "元数据", "metadata"},
}

func (s *Server) pageTarget(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	in, row, cfg, err := s.target(r, id)
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	rememberLang(w, r)
	lang := langOf(r)
	l := words(lang)
	th := s.themeFor(lang)
	q := r.URL.Query()
	t := row.Target
	if full, err := s.targetsOf(r.Context(), model.TargetFilter{Region: row.Region, ID: t.ID}); err == nil && len(full) == 1 {
		t = full[0] // with the texts analysis leaves out
	}
	p := targetPage{page: s.base(r, t.Indicator.NameZh), words: l, Row: s.rowOf(th, row), Shape: statusShape(row.Status)}
	p.Title, p.Lang = th.Name(t), lang
	p.Region = row.Region
	p.Method, p.Illustrative, p.Note = th.MethodLabel(cfg.Method), row.Illustrative, th.Text(row.Note)
	p.Tab = q.Get("tab")
	if !slices.ContainsFunc(targetTabs, func(x struct{ name, zh, en string }) bool { return x.name == p.Tab }) {
		p.Tab = targetTabs[0].name
	}
	here := func(changes ...string) string {
		params := []string{"region", row.Region, "lang", lang, "method", q.Get("method"), "year", q.Get("year"), "tab", p.Tab}
		for i := 0; i+1 < len(changes); i += 2 {
			for j := 0; j+1 < len(params); j += 2 {
				if params[j] == changes[i] {
					params[j+1] = changes[i+1]
				}
			}
		}
		return link("/target/"+t.ID, params...)
	}
	for _, x := range targetTabs {
		p.Tabs = append(p.Tabs, tab{Name: x.name, Label: l.T(x.zh, x.en), Href: here("tab", x.name), Current: x.name == p.Tab})
	}
	p.OtherLang, p.LangLabel = "en", "English"
	if lang == "en" {
		p.OtherLang, p.LangLabel = "zh", "中文"
	}
	p.LangHref = here("lang", p.OtherLang)
	p.BackHref = link("/", "region", row.Region, "lang", lang, "method", q.Get("method"))

	if p.Methods, err = s.everyMethod(r, t.ID, cfg, th, here); err != nil {
		s.failPage(w, r, err)
		return
	}
	p.Figures = keyFigures(l, row)
	p.PlanFacts, p.SourceText, p.Clause = planFacts(l, t), t.SourceText, t.Clause

	data := func(format string) string {
		return link("/api/path/"+t.ID, "region", row.Region, "format", format, "year", q.Get("year"), "method", q.Get("method"))
	}
	chart := func(format string) string {
		return link("/api/chart", "kind", "trajectory", "target", t.ID, "region", row.Region, "format", format, "year", q.Get("year"),
			"method", q.Get("method"), "lang", lang)
	}
	p.CSVHref, p.XLSXHref, p.PNGHref, p.SVGHref = data("csv"), data("xlsx"), chart("png"), chart("svg")
	p.ChartName = strings.TrimSuffix(fileName("x", t.ID, t.Indicator.NameZh, row.Region), ".x")

	switch p.Tab {
	case "chart":
		p.Chart = s.inlineChart(r, "page-trajectory/"+lang+"/"+row.Region+"/"+t.ID, func() (charts.Figure, error) {
			return th.Trajectory(in, row, app.TrajectoryWidth, app.TrajectoryHeight)
		})
	case "table":
		for _, pt := range app.PathPoints(row) {
			c := app.PathCSVRow(pt)
			dash := func(s string) string {
				if s == "" {
					return "—"
				}
				return s
			}
			p.Points = append(p.Points, pathLine{Year: pt.Year, Planned: dash(c[1]), Required: dash(c[2]), Actual: dash(c[3]), Gap: dash(c[4])})
		}
	case "history":
		if p.History, err = s.revisions(r, l, t.Indicator.Code, row.Region); err != nil {
			s.failPage(w, r, err)
			return
		}
	case "meta":
		if p.Meta, err = s.metadata(r, l, t, row); err != nil {
			s.failPage(w, r, err)
			return
		}
	}
	renderView(w, "target", p)
}

// everyMethod judges the target under each method: the same request,
// its method changed, through s.target (and so s.analyse and its cache).
func (s *Server) everyMethod(r *http.Request, id string, cfg analysis.Config, th *charts.Theme, here func(...string) string) ([]methodStatus, error) {
	l := words(th.Lang)
	var out []methodStatus
	for _, j := range analysis.Judges {
		in := j.Info()
		r2 := r.Clone(r.Context())
		v := r2.URL.Query()
		v.Set("method", string(in.Method))
		r2.URL.RawQuery = v.Encode()
		_, row, c, err := s.target(r2, id)
		if err != nil {
			return nil, err
		}
		out = append(out, methodStatus{Name: th.MethodLabel(in.Method), Href: here("method", string(in.Method)), Status: th.StatusLabel(row.Status),
			Color: hexColor(row.Status), Shape: statusShape(row.Status), Measure: methodMeasure(l, in.Method, row),
			Rule: l.label(j.Explain(c.ThresholdsOf(in.Method))), Current: in.Method == cfg.Method})
	}
	return out, nil
}

// methodMeasure is the number a method's rule judges.
func methodMeasure(l words, m analysis.Method, row analysis.Row) string {
	switch m {
	case analysis.Schedule:
		if math.IsNaN(row.ScheduleGap) {
			return "—"
		}
		return fmt.Sprintf("π−τ %s %s", analysis.Fixed(row.ScheduleGap, 1), l.T("个百分点", "pp"))
	case analysis.Eurostat:
		if math.IsNaN(row.Ratio) || math.IsInf(row.Ratio, 0) {
			return "—"
		}
		return "R " + analysis.Fixed(row.Ratio, 2)
	case analysis.UN:
		if math.IsNaN(row.UNRatio) || math.IsInf(row.UNRatio, 0) {
			return "—"
		}
		return l.T("预测比率 ", "projected ratio ") + analysis.Fixed(row.UNRatio, 2)
	case analysis.DNS:
		if math.IsInf(row.DNSMiss, 0) || math.IsNaN(row.DNSMiss) {
			return "—"
		}
		return l.T("缺口 ", "miss ") + analysis.Percent(row.DNSMiss)
	}
	return ""
}

// keyFigures are the target's numbers: where it stands, how far it is,
// and the pace now needed.
func keyFigures(l words, row analysis.Row) []fact {
	t := row.Target
	dec := func(d interface{ String() string }, ok bool) string {
		if !ok {
			return "—"
		}
		return d.String()
	}
	unit := " " + t.Indicator.Unit
	// A change of a share in % is in percentage points.
	change := unit
	if t.Indicator.Unit == "%" {
		change = l.T(" 个百分点", " pp")
	}
	actual := "—"
	if row.Actual != nil {
		actual = fmt.Sprintf(l.T("%s%s（%d）", "%s%s (%d)"), row.Actual.String(), unit, row.Year)
	}
	target := "—"
	if row.TargetLevel != nil {
		target = fmt.Sprintf(l.T("%s%s（%d）", "%s%s (%d)"), row.TargetLevel.Round(4).String(), unit, t.TargetYear)
	}
	base := "—"
	if row.BaseValue != nil {
		base = fmt.Sprintf(l.T("%s%s（%d）", "%s%s (%d)"), row.BaseValue.String(), unit, row.BaseYear)
	}
	gap := "—"
	if row.Gap != nil {
		gap = dec(row.Gap.Round(4), true) + change
	}
	required := "—"
	switch {
	case row.Geometric && !math.IsNaN(row.RequiredRate):
		required = analysis.Percent(row.RequiredRate) + l.T("/年", " a year")
	case !math.IsNaN(row.RequiredIncrement):
		required = analysis.Fixed(row.RequiredIncrement, 2) + change + l.T("/年", " a year")
	}
	if analysis.Tones[row.Status] == analysis.ToneAchieved {
		required = l.T("已实现，无需", "achieved: none needed")
	}
	sg := "—"
	if !math.IsNaN(row.ScheduleGap) {
		sg = analysis.Fixed(row.ScheduleGap, 1) + l.T(" 个百分点", " pp")
	}
	figs := []fact{
		{l.T("基期值", "base"), base},
		{l.T("最新实绩", "latest actual"), actual},
	}
	// What is compared with the target, when it is not the latest value:
	// a running sum, a compounded reduction, an average of rates.
	if row.Outcome != nil && (row.Actual == nil || !row.Outcome.Equal(*row.Actual)) {
		figs = append(figs, fact{l.T("评价值（累计或平均）", "value judged (sum, compounded or mean)"), row.Outcome.Round(4).String() + unit})
	}
	return append(figs, []fact{
		{l.T("目标", "target"), target},
		{l.T("差距（尚需）", "gap (still to go)"), gap},
		{l.T("完成进度 π", "completion π"), analysis.Percent(row.Completion)},
		{l.T("时序进度 τ", "time elapsed τ"), analysis.Percent(row.TimeShare)},
		{l.T("进度差 π−τ", "schedule gap π−τ"), sg},
		{l.T("所需年均增速（增量）", "required rate"), required},
		{l.T("实际年均增速", "observed rate"), analysis.Percent(row.ObservedRate)},
	}...)
}

// planFacts is what the plan says of the target.
func planFacts(l words, t model.Target) []fact {
	join := func(xs []string) string {
		if len(xs) == 0 {
			return "—"
		}
		return strings.Join(xs, "、")
	}
	or := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	attr := labels.Attribute(t.Attribute, string(l))
	chapter := t.Chapter
	if en := model.ChapterEnglish[t.Chapter]; en != "" && l == "en" {
		chapter = en
	}
	return []fact{
		{l.T("属性", "attribute"), attr},
		{l.T("牵头部门", "lead department"), join(t.LeadDepartments)},
		{l.T("参与部门", "participating departments"), join(t.ParticipatingDepartments)},
		{l.T("完成时限", "deadline"), or(t.Deadline)},
		{l.T("目标年份", "target year"), fmt.Sprint(t.TargetYear)},
		{l.T("领域", "chapter"), or(chapter)},
		{l.T("条款", "clause"), or(t.Clause)},
	}
}

// revisions lists every stored value of the indicator in the region,
// newest year first, each with its batch and whether a later batch
// revised it.
func (s *Server) revisions(r *http.Request, l words, code, region string) ([]revisionRow, error) {
	revs, err := s.Store.Revisions(r.Context(), region)
	if err != nil {
		return nil, err
	}
	var out []revisionRow
	for _, v := range revs {
		if v.Indicator != code {
			continue
		}
		status := l.T("最终核实", "final")
		if v.Status == model.Preliminary {
			status = l.T("初步核算", "preliminary")
		}
		src := v.Source
		if v.Illustrative && !strings.Contains(src, "示例") && !strings.Contains(strings.ToLower(src), "illustrative") {
			src += l.T("（示例数据）", " (illustrative)")
		}
		rr := revisionRow{Year: v.Year, batch: v.Batch, Value: v.Value.String(), Status: status, Batch: fmt.Sprint(v.Batch), Source: src,
			LoadedAt: v.LoadedAt.In(beijing).Format("2006-01-02 15:04"), Current: v.SupersededBy == 0, InUse: l.T("是", "yes")}
		if !rr.Current {
			rr.InUse = fmt.Sprintf(l.T("已被批次 %d 修订", "revised by batch %d"), v.SupersededBy)
		}
		out = append(out, rr)
	}
	// Newest year first; within a year the value in use, then the
	// revisions it replaced, newest first.
	slices.SortStableFunc(out, func(a, b revisionRow) int {
		if a.Year != b.Year {
			return b.Year - a.Year
		}
		return b.batch - a.batch
	})
	return out, nil
}

// metadata describes the indicator and the target: definition, unit,
// sources, and whether the figures are illustrative.
func (s *Server) metadata(r *http.Request, l words, t model.Target, row analysis.Row) ([]fact, error) {
	revs, err := s.Store.Revisions(r.Context(), row.Region)
	if err != nil {
		return nil, err
	}
	var sources []string
	illustrative := false
	for _, v := range revs {
		if v.Indicator == t.Indicator.Code {
			if !slices.Contains(sources, v.Source) {
				sources = append(sources, v.Source)
			}
			illustrative = illustrative || v.Illustrative
		}
	}
	src := strings.Join(sources, "；")
	if src == "" {
		src = l.T("尚无数据", "no data yet")
	}
	illus := l.T("否，均为正式统计数据", "no: official statistics")
	if illustrative {
		illus = l.T("是：示例数据，非官方统计", "yes: illustrative data, not official statistics")
	}
	dir := map[model.Direction][2]string{model.HigherIsBetter: {"正指标（越高越好）", "higher is better"},
		model.LowerIsBetter: {"逆指标（越低越好）", "lower is better"}, model.BandIsBetter: {"区间指标", "within a band"}}[t.Indicator.Direction]
	shape := l.T("线性（等量）", "linear (equal steps)")
	if row.Geometric {
		shape = l.T("几何（等速增长）", "geometric (constant growth)")
	}
	plan := ""
	if p, err := s.app().ChoosePlan(r.Context(), t.Region, t.PlanCode); err == nil {
		plan = strings.TrimSpace(p.Title + " " + p.DocNo)
	}
	return []fact{
		{l.T("指标", "indicator"), fmt.Sprintf(l.T("%s / %s（%s）", "%s / %s (%s)"), t.Indicator.NameZh, t.Indicator.NameEn, t.Indicator.Code)},
		{l.T("定义", "definition"), definition(l, t)},
		{l.T("单位", "unit"), unitBoth(t.Indicator.Unit, string(l))},
		{l.T("方向", "direction"), l.T(dir[0], dir[1])},
		{l.T("目标类型", "kind of target"), string(t.Kind)},
		{l.T("路径形状", "path shape"), shape},
		{l.T("规划", "plan"), plan},
		{l.T("数据来源", "data source"), src},
		{l.T("示例数据", "illustrative"), illus},
	}, nil
}

// definition states the target in words: the operator, the number, the
// year.
func definition(l words, t model.Target) string {
	op := map[model.Operator]string{model.AtLeast: "≥", model.Above: ">", model.AtMost: "≤", model.Below: "<", model.About: "≈"}[t.Operator]
	v := t.Value.String() + " " + t.Unit
	switch t.Operator {
	case model.Between:
		hi := "?"
		if t.ValueHigh != nil {
			hi = t.ValueHigh.String()
		}
		v = fmt.Sprintf("%s–%s %s", t.Value.String(), hi, t.Unit)
	case model.Done:
		return fmt.Sprintf(l.T("%d年前完成", "done by %d"), t.TargetYear)
	}
	base := ""
	if t.BaseYear > 0 {
		base = fmt.Sprintf(l.T("（基期 %d 年）", " (base year %d)"), t.BaseYear)
	}
	return fmt.Sprintf(l.T("%d年 %s %s%s", "%d: %s %s%s"), t.TargetYear, op, v, base)
}

// beijing is the time the bureau reads: load times are shown in it.
var beijing = time.FixedZone("CST", 8*3600)

// unitBoth is a unit as the page's language names it, with the plan's
// own symbol beside an English name (100 million yuan (亿元)).
func unitBoth(u, lang string) string {
	if n := labels.Unit(u, lang); n != u {
		return n + " (" + u + ")"
	}
	return u
}
