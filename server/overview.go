package server

import (
	"html/template"
	"net/http"
	"slices"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

// The overview: status counts, the progress chart and every target of a
// region, with filters in a GET form (a bookmark keeps them), region
// navigation along the region tree, a zh/en switch and downloads.
const overviewTemplate = `
{{define "overview"}}{{template "top" .}}
<nav aria-label="{{.T "地区" "regions"}}" class="crumbs" id="region-nav">{{range $i, $c := .Crumbs}}{{if $i}} › {{end}}{{if $c.Current}}<strong aria-current="page">{{$c.Name}}</strong>{{else}}<a href="{{$c.Href}}">{{$c.Name}}</a>{{end}}{{end}}
{{if .Children}}<span class="sub">{{.T "下级地区" "regions below"}}{{.T "：" ": "}}{{range $i, $c := .Children}}{{if $i}} · {{end}}<a href="{{$c.Href}}">{{$c.Name}}</a>{{end}}</span>{{end}}
<span class="lang"><a href="{{.LangHref}}" lang="{{.OtherLang}}" id="lang-switch">{{.LangLabel}}</a></span></nav>
<h1>{{.Title}}</h1>
<p>{{.Method}}{{if .Year}} · {{.T "报告年份" "report year"}} {{.Year}}{{end}}</p>
<form method="get" action="/" id="filters" class="filters" role="search">
<input type="hidden" name="region" value="{{.Region}}"><input type="hidden" name="lang" value="{{.Lang}}">
<label>{{.T "领域" "chapter"}} <select name="chapter" id="f-chapter"><option value="">{{.T "全部" "all"}}</option>{{range .Chapters}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<label>{{.T "牵头部门" "lead department"}} <select name="department" id="f-department"><option value="">{{.T "全部" "all"}}</option>{{range .Departments}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<label>{{.T "评价方法" "method"}} <select name="method" id="f-method">{{range .Methods}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<label>{{.T "状态" "status"}} <select name="status" id="f-status"><option value="">{{.T "全部" "all"}}</option>{{range .Statuses}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<label>{{.T "属性" "attribute"}} <select name="attribute" id="f-attribute"><option value="">{{.T "全部" "all"}}</option>{{range .Attributes}}<option value="{{.Value}}"{{if .Selected}} selected{{end}}>{{.Label}}</option>{{end}}</select></label>
<label>{{.T "搜索名称或编号" "search name or ID"}} <input type="search" name="q" id="f-q" value="{{.Search}}" size="16"></label>
<button type="submit" id="f-submit">{{.T "筛选" "filter"}}</button> <a href="{{.ResetHref}}" id="f-reset">{{.T "清除筛选" "clear filters"}}</a>
</form>
<p id="shown">{{if .Filtered}}{{.T "筛选结果" "filtered"}}{{.T "：" ": "}}{{end}}{{.Shown}} {{.T "个目标" "targets"}}{{if .Filtered}}{{.T "（共" " (of"}} {{.Total}}{{.T "）" ")"}}{{end}}</p>
<ul class="counts" id="counts" aria-label="{{.T "各状态目标数" "targets by status"}}">{{range .Counts}}<li><a href="{{.Href}}"><span class="shape" style="color:{{.Color}}" aria-hidden="true">{{.Shape}}</span>{{.Label}}<b>{{.N}}</b></a></li>{{end}}</ul>
<section aria-labelledby="dl-h" class="downloads"><h2 id="dl-h">{{.T "下载" "downloads"}}</h2>
<p>{{.T "报告" "report"}}{{.T "：" ": "}}{{range .ReportLinks}}<a href="{{.Href}}" id="{{.ID}}" download>{{.Label}}</a> {{else}}{{.T "先选择一个地区" "choose a region first"}} {{end}}
· {{.T "差距表（当前筛选）" "gap table (as filtered)"}}{{.T "：" ": "}}{{range .GapLinks}}<a href="{{.Href}}" id="{{.ID}}" download>{{.Label}}</a> {{end}}</p></section>
{{if .Chart}}<h2>{{.T "完成进度与时序进度" "progress against time elapsed"}}</h2>
<figure id="progress">{{.Chart}}<figcaption>{{.T "每个定量目标的完成进度与时序进度（虚线）；各目标的数值见下表。" "Each quantitative target's completion share against the time elapsed (dashed line); the numbers are in the table below."}}</figcaption></figure>{{end}}
<h2 id="targets-h">{{if .Filtered}}{{.T "筛选出的目标" "targets selected"}}{{else}}{{.T "全部目标" "all targets"}}{{end}}</h2>
{{if .Rows}}<table id="targets" aria-labelledby="targets-h"><thead><tr><th scope="col">{{.T "编号" "ID"}}</th>{{if .ShowRegion}}<th scope="col">{{.T "地区" "region"}}</th>{{end}}<th scope="col">{{.T "指标" "indicator"}}</th><th scope="col">{{.T "单位" "unit"}}</th><th scope="col">{{.T "最新实绩" "latest actual"}}</th><th scope="col">{{.T "目标" "target"}}</th><th scope="col">{{.T "完成进度π" "completion π"}}</th><th scope="col">{{.T "时序进度τ" "time elapsed τ"}}</th><th scope="col">{{.T "状态" "status"}}</th><th scope="col">{{.T "牵头部门" "lead department"}}</th></tr></thead>
<tbody>{{range .Rows}}<tr><th scope="row"><a href="{{.Href}}">{{.ID}}</a></th>{{if $.ShowRegion}}<td class="region">{{.Region}}</td>{{end}}<td><a href="{{.Href}}">{{.Name}}</a></td><td>{{.Unit}}</td><td class="num">{{.Actual}}</td><td class="num">{{.Target}}</td><td class="num">{{.Pi}}</td><td class="num">{{.Tau}}</td><td class="status"><span class="shape" style="color:{{.Color}}" aria-hidden="true">{{.Shape}}</span>{{.Status}}</td><td>{{.Lead}}</td></tr>
{{end}}</tbody></table>
{{else}}<p id="no-targets">{{.T "没有符合条件的目标。" "No target matches."}}</p>{{end}}
{{if .Illustrative}}<p class="note">* {{.T "示例数据，非官方统计" "illustrative data, not official statistics"}}</p>{{end}}
{{template "bottom"}}{{end}}
`

// option is one choice of a filter.
type option struct {
	Value, Label string
	Selected     bool
}

// pageLink is a link with its text.
type pageLink struct {
	Href, Label, ID string
}

// regionLink is a region in the navigation.
type regionLink struct {
	Name, Href string
	Current    bool
}

// statusCount is one status's count, linking to the targets with it.
type statusCount struct {
	Label, Color, Shape, Href string
	N                         int
}

// overviewRow is one target of the overview.
type overviewRow struct {
	pageRow
	Region, Href, Shape string
}

type overviewPage struct {
	page
	words
	OtherLang, LangHref, LangLabel, ResetHref, Search string
	Crumbs, Children                                  []regionLink
	Chapters, Departments, Methods                    []option
	Statuses, Attributes                              []option
	Counts                                            []statusCount
	ReportLinks, GapLinks                             []pageLink
	Rows                                              []overviewRow
	Shown, Total                                      int
	Filtered, ShowRegion                              bool
}

func (s *Server) pageOverview(w http.ResponseWriter, r *http.Request) {
	_, all, cfg, err := s.analyse(r, model.TargetFilter{})
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	rememberLang(w, r)
	lang := langOf(r)
	th := s.themeFor(lang)
	q := r.URL.Query()
	f := rowFilterOf(r)
	rows := f.apply(all)
	p := overviewPage{page: s.base(r, words(lang).T("规划目标监测", "plan monitor")), words: words(lang), Search: f.Search}
	p.Method, p.Lang = th.MethodLabel(cfg.Method), lang
	p.Shown = len(rows)
	p.Filtered = f != (rowFilter{}) || q.Get("department") != ""
	plans, _ := s.plans(r.Context())
	for _, pl := range plans {
		if pl.Region == p.Region {
			p.Title = pl.Title
		}
	}
	// keep is a link to the overview with the current choices, changed.
	keep := func(changes ...string) string {
		params := []string{"region", p.Region, "lang", lang, "chapter", f.Chapter, "department", q.Get("department"),
			"method", q.Get("method"), "status", f.Status, "attribute", f.Attribute, "q", f.Search}
		for i := 0; i+1 < len(changes); i += 2 {
			for j := 0; j+1 < len(params); j += 2 {
				if params[j] == changes[i] {
					params[j+1] = changes[i+1]
				}
			}
		}
		return link("/", params...)
	}
	p.OtherLang, p.LangLabel = "en", "English"
	if lang == "en" {
		p.OtherLang, p.LangLabel = "zh", "中文"
	}
	p.LangHref = keep("lang", p.OtherLang)
	p.ResetHref = link("/", "region", p.Region, "lang", lang)
	p.Crumbs, p.Children = regionTree(plans, p.Region, lang)
	s.filterChoices(r, &p, cfg, f)

	counts := map[analysis.Status]int{}
	regions := map[string]bool{}
	for _, row := range rows {
		counts[row.Status]++
		regions[row.Region] = true
		p.Illustrative = p.Illustrative || row.Illustrative
		p.Year = max(p.Year, row.Year)
		p.Rows = append(p.Rows, overviewRow{pageRow: s.rowOf(th, row), Region: row.Region, Shape: statusShape(row.Status),
			Href: link("/target/"+row.Target.ID, "region", row.Region, "lang", lang, "method", q.Get("method"))})
	}
	p.ShowRegion = len(regions) > 1 || p.Region == ""
	for _, st := range analysis.MethodStatuses[cfg.Method] {
		p.Counts = append(p.Counts, statusCount{Label: th.StatusLabel(st), Color: hexColor(st), Shape: statusShape(st), N: counts[st],
			Href: keep("status", string(st))})
	}
	for _, fm := range []struct{ format, label string }{{"html", "HTML"}, {"xlsx", "Excel (XLSX)"}, {"docx", "Word (DOCX)"}} {
		if p.Region == "" {
			break // a report is one region's plan
		}
		p.ReportLinks = append(p.ReportLinks, pageLink{Href: link("/api/report", "format", fm.format, "region", p.Region, "lang", lang,
			"method", q.Get("method")), Label: fm.label, ID: "dl-report-" + fm.format})
	}
	for _, fm := range []struct{ format, label string }{{"csv", "CSV"}, {"xlsx", "Excel (XLSX)"}} {
		p.GapLinks = append(p.GapLinks, pageLink{Href: link("/api/gap", "format", fm.format, "region", p.Region, "chapter", f.Chapter,
			"department", q.Get("department"), "method", q.Get("method"), "status", f.Status, "attribute", f.Attribute, "q", f.Search),
			Label: fm.label, ID: "dl-gap-" + fm.format})
	}
	if len(rows) > 0 {
		p.Chart = s.inlineChart(r, "page-progress/"+lang, func() (charts.Figure, error) { return th.Progress(rows) })
	}
	renderView(w, "overview", p)
}

// filterChoices fills the form's choices from the region's targets, so
// that every choice finds something; the current ones are selected.
func (s *Server) filterChoices(r *http.Request, p *overviewPage, cfg analysis.Config, f rowFilter) {
	lang := p.words
	ts, _ := s.targetsOf(r.Context(), model.TargetFilter{Region: p.Region})
	p.Total = len(ts)
	var chapters, depts []string
	attrs := map[string]bool{}
	for _, t := range ts {
		if t.Chapter != "" && !slices.Contains(chapters, t.Chapter) {
			chapters = append(chapters, t.Chapter)
		}
		for _, d := range t.LeadDepartments {
			if !slices.Contains(depts, d) {
				depts = append(depts, d)
			}
		}
		attrs[attributeKey(t.Attribute)] = true
	}
	slices.SortStableFunc(chapters, func(a, b string) int { return chapterOrder(a) - chapterOrder(b) })
	slices.Sort(depts)
	for _, c := range chapters {
		p.Chapters = append(p.Chapters, option{Value: c, Label: labels.Chapter(c, string(lang)), Selected: c == f.Chapter})
	}
	dept := r.URL.Query().Get("department")
	for _, d := range depts {
		p.Departments = append(p.Departments, option{Value: d, Label: d, Selected: d == dept})
	}
	for _, j := range analysis.Judges {
		in := j.Info()
		p.Methods = append(p.Methods, option{Value: string(in.Method), Label: lang.label(in.Name), Selected: in.Method == cfg.Method})
	}
	for _, st := range append(slices.Clone(analysis.MethodStatuses[cfg.Method]), analysis.NotAssessable) {
		if slices.ContainsFunc(p.Statuses, func(o option) bool { return o.Value == string(st) }) {
			continue
		}
		p.Statuses = append(p.Statuses, option{Value: string(st), Label: statusShape(st) + " " + lang.label(analysis.Labels[st]), Selected: string(st) == f.Status})
	}
	for _, a := range model.Attributes {
		k := attributeKey(a)
		if attrs[k] {
			p.Attributes = append(p.Attributes, option{Value: k, Label: labels.Attribute(a, string(lang)), Selected: k == f.Attribute})
		}
	}
}

func chapterOrder(c string) int {
	if i := slices.Index(model.Chapters, c); i >= 0 {
		return i
	}
	return len(model.Chapters)
}

// regionTree is the navigation along the region tree: the chosen
// region's ancestors (县 → 市 → 省 → 全国, by Plan.Parent) and the regions
// whose plans name it as their parent. With no region chosen, the top
// regions are the ones below.
func regionTree(plans []model.Plan, region, lang string) (crumbs, children []regionLink) {
	parent := map[string]string{}
	has := map[string]bool{}
	var order []string
	for _, p := range plans {
		if !has[p.Region] {
			order = append(order, p.Region)
		}
		has[p.Region] = true
		if p.Parent != "" {
			parent[p.Region] = p.Parent
		}
	}
	href := func(reg string) string {
		if !has[reg] {
			return ""
		}
		return link("/", "region", reg, "lang", lang)
	}
	all := regionLink{Name: words(lang).T("全部地区", "all regions"), Href: "/?lang=" + lang, Current: region == ""}
	if len(order) > 1 {
		crumbs = append(crumbs, all)
	}
	var up []regionLink
	seen := map[string]bool{}
	for reg := region; reg != "" && !seen[reg]; reg = parent[reg] {
		seen[reg] = true
		up = append(up, regionLink{Name: reg, Href: href(reg), Current: reg == region})
	}
	slices.Reverse(up)
	for _, c := range up {
		if c.Href == "" && !c.Current {
			continue // a parent with no plan of its own: nothing to show
		}
		crumbs = append(crumbs, c)
	}
	for _, reg := range order {
		switch {
		case region == "" && (parent[reg] == "" || !has[parent[reg]]),
			region != "" && parent[reg] == region:
			children = append(children, regionLink{Name: reg, Href: href(reg)})
		}
	}
	return crumbs, children
}

// views are the overview and the target page, parsed beside the layout.
var views = template.Must(template.Must(pages.Clone()).Parse(overviewTemplate + targetTemplate))

// renderView renders a view to a buffer, then sends it.
func renderView(w http.ResponseWriter, name string, data any) {
	renderTemplate(w, views, http.StatusOK, name, data)
}
