package report

import "html/template"

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{if eq .Lang "zh"}}zh-CN{{else}}en{{end}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif;
       color: #222; margin: 0 auto; max-width: 1100px; padding: 0 16px 40px; line-height: 1.5; font-size: 14px; }
h1 { font-size: 22px; margin: 24px 0 4px; }
h2 { font-size: 18px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 32px; page-break-after: avoid; }
h3 { font-size: 15px; margin: 20px 0 6px; page-break-after: avoid; }
.sub { color: #555; margin: 0 0 12px; }
.banner { border: 2px solid #D55E00; color: #D55E00; padding: 8px 12px; margin: 12px 0; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 12.5px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { page-break-inside: avoid; }
.chip { display: inline-block; min-width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: middle; }
.counts { display: flex; flex-wrap: wrap; gap: 10px 18px; margin: 8px 0 14px; }
.counts div { font-size: 14px; }
.counts b { font-size: 18px; margin-left: 4px; }
svg.chart { width: 100%; height: auto; display: block; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.charts figure { margin: 0; page-break-inside: avoid; }
.wide { page-break-before: always; }
.note { color: #666; font-size: 12px; }
footer { margin-top: 40px; color: #777; font-size: 12px; }
@media print { body { max-width: none; padding: 0; font-size: 11px; } .charts { grid-template-columns: 1fr 1fr; } a { color: inherit; text-decoration: none; } }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}} · {{.Method}}</p>
{{if .Illustrative}}<div class="banner">{{.L.illusBanner}}</div>{{end}}

<h2 id="summary">{{.L.summary}}</h2>
<h3>{{.L.counts}}</h3>
<div class="counts">{{range .Counts}}<div><span class="chip" style="background:{{.Color}}"></span>{{.Label}}<b>{{.N}}</b></div>{{end}}</div>
<table>
<tr><th>{{.L.chapter}}</th><th>{{.L.total}}</th><th>{{.L.composite}}</th>{{range .StatusHeads}}<th><span class="chip" style="background:{{.Color}}"></span>{{.Label}}</th>{{end}}</tr>
{{range .ChapterGroups}}<tr><td>{{.Key}}</td><td class="num">{{.Total}}</td><td class="num">{{.Composite}}</td>{{range .Counts}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</table>

<h3>{{.L.headline}}</h3>
<table>
<tr><th>{{.L.id}}</th><th>{{.L.indicator}}</th><th>{{.L.unit}}</th><th>{{.L.actual}}</th><th>{{.L.target}}</th><th>{{.L.pi}}</th><th>{{.L.tau}}</th><th>{{.L.sched}}</th><th>{{.L.req}}</th><th>{{.L.status}}</th></tr>
{{range .Headline}}<tr><td>{{.T.ID}}</td><td>{{.Name}}</td><td>{{.T.Indicator.Unit}}</td><td class="num">{{.Actual}}</td><td class="num">{{.TargetText}}</td><td class="num">{{.Pi}}</td><td class="num">{{.Tau}}</td><td class="num">{{.Sched}}</td><td class="num">{{.Req}}</td><td><span class="chip" style="background:{{.Color}}"></span>{{.Status}}</td></tr>
{{end}}</table>

<h3>{{.L.dashboard}}</h3>
<figure>{{.Dashboard}}</figure>
<h3 class="wide">{{.L.progress}}</h3>
<figure>{{.Progress}}</figure>

<h2 id="chapters">{{.L.byChapter}}</h2>
{{range .Chapters}}
<h3>{{.Name}}</h3>
<table>
<tr><th>{{$.L.id}}</th><th>{{$.L.indicator}}</th><th>{{$.L.unit}}</th><th>{{$.L.actual}}</th><th>{{$.L.target}}</th><th>{{$.L.gap}}</th><th>{{$.L.pi}}</th><th>{{$.L.tau}}</th><th>{{$.L.req}}</th><th>{{$.L.status}}</th><th>{{$.L.lead}}</th></tr>
{{range .Rows}}<tr><td>{{.T.ID}}</td><td>{{.Name}}{{if .Note}}<div class="note">{{.Note}}</div>{{end}}</td><td>{{.T.Indicator.Unit}}</td><td class="num">{{.Actual}}</td><td class="num">{{.TargetText}}</td><td class="num">{{.Gap}}</td><td class="num">{{.Pi}}</td><td class="num">{{.Tau}}</td><td class="num">{{.Req}}</td><td><span class="chip" style="background:{{.Color}}"></span>{{.Status}}</td><td>{{.T.LeadDepartment}}</td></tr>
{{end}}</table>
<div class="charts">{{range .Rows}}{{if .Chart}}<figure>{{.Chart}}</figure>{{end}}{{end}}</div>
{{end}}

<h2 id="departments">{{.L.depts}}</h2>
<table>
<tr><th>{{.L.dept}}</th><th>{{.L.total}}</th><th>{{.L.composite}}</th>{{range .StatusHeads}}<th><span class="chip" style="background:{{.Color}}"></span>{{.Label}}</th>{{end}}</tr>
{{range .Departments}}<tr><td>{{.Key}}</td><td class="num">{{.Total}}</td><td class="num">{{.Composite}}</td>{{range .Counts}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</table>

<h2 id="methods">{{.L.methods}}</h2>
<ul>{{range .Thresholds}}<li>{{.}}</li>{{end}}</ul>

<h2 id="provenance">{{.L.provenance}}</h2>
<table>
<tr><th>{{.L.batch}}</th><th>{{.L.loaded}}</th><th>{{.L.file}}</th><th>SHA-256</th><th>{{.L.source}}</th><th>{{.L.dstatus}}</th><th>{{.L.values}}</th><th>{{.L.revised}}</th><th>{{.L.note}}</th></tr>
{{range .Batches}}<tr><td class="num">{{.ID}}</td><td>{{.Loaded}}</td><td>{{.File}}</td><td><code>{{.SHA}}</code></td><td>{{.Source}}</td><td>{{.Status}}</td><td class="num">{{.Rows}}</td><td class="num">{{.Revised}}</td><td>{{.Illus}}</td></tr>
{{end}}</table>
{{if .Illustrative}}<p class="note">* {{.L.illusBanner}}</p>{{end}}
<footer>{{.L.generated}} {{.Generated}} · plangap</footer>
</body>
</html>
`))
