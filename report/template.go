package report

import "html/template"

// page is the report's HTML. Its print styles lay it out on A4: page
// numbers in the bottom margin (Chromium draws @page margin boxes), no
// heading left alone at the foot of a page (break-after: avoid, and a
// heading travels with what follows it in one unbreakable block), no
// figure split across pages, the status column never wrapped, and the
// 附表 on landscape pages of its own.
var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{if eq .Lang "zh"}}zh-CN{{else}}en{{end}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
{{.PageCSS}}
@page annex { size: A4 landscape; margin: 14mm 12mm 16mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif;
       color: #222; margin: 0 auto; max-width: 1100px; padding: 0 16px 40px; line-height: 1.6; font-size: 14px; }
h1 { font-size: 24px; margin: 24px 0 4px; text-align: center; }
.docno { text-align: center; margin: 0 0 4px; font-size: 15px; }
h2 { font-size: 19px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 30px; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; page-break-after: avoid; }
h2 + *, h3 + * { break-before: avoid; page-break-before: avoid; }
.sub { color: #555; margin: 0 0 12px; text-align: center; }
.banner { border: 2px solid #D55E00; color: #D55E00; padding: 8px 12px; margin: 12px 0; font-weight: bold; }
nav.toc ol { list-style: none; padding-left: 0; columns: 2; }
nav.toc li { margin: 2px 0; }
nav.toc a { color: #0072B2; text-decoration: none; }
.narrative p { text-indent: 2em; margin: 6px 0; text-align: justify; }
.narrative p.item { text-indent: 0; padding-left: 2em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 12.5px; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
thead { display: table-header-group; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.status, th.status { white-space: nowrap; min-width: 5.5em; }
td.status .detail { white-space: normal; font-size: 0.9em; color: #555; }
tr { break-inside: avoid; page-break-inside: avoid; }
.chip { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
.counts { display: flex; flex-wrap: wrap; gap: 10px 18px; margin: 8px 0 14px; }
.counts b { font-size: 18px; margin-left: 4px; }
svg.chart { width: 100%; height: auto; display: block; }
figure { margin: 8px 0 14px; break-inside: avoid; page-break-inside: avoid; }
figcaption { text-align: center; font-size: 12px; color: #444; margin-top: 2px; }
.dashboard svg.chart { max-width: 760px; margin: 0 auto; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.note { color: #666; font-size: 12px; }
section.annex table { font-size: 11px; }
section.annex td:nth-child(2) { min-width: 12em; }
footer { margin-top: 40px; color: #777; font-size: 12px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  table { font-size: 9pt; }
  section.annex { page: annex; break-before: page; }
  section.annex table { font-size: 8.5pt; }
  .dashboard svg.chart { width: auto; max-width: 100%; max-height: 232mm; margin: 0 auto; }
  .progress svg.chart { max-height: 235mm; width: auto; max-width: 100%; margin: 0 auto; }
  .charts { grid-template-columns: 1fr 1fr; }
  nav.toc ol { columns: 1; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{if .DocNo}}<p class="docno">{{.DocNo}}</p>{{end}}
<p class="sub">{{.Subtitle}}</p>
{{if .TemplateNote}}<p class="note">{{.TemplateNote}}</p>{{end}}
{{if .Illustrative}}<div class="banner">{{.L.illusBanner}}</div>{{end}}
</header>

<nav class="toc keep"><h2 id="contents">{{.L.contents}}</h2>
<ol>{{range .Contents}}<li><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}</ol>
</nav>

{{range $i, $s := .Narrative}}
<section class="narrative" id="{{$s.ID}}">
<h2>{{$s.Title}}</h2>
{{if eq $i 0}}<div class="keep">
<h3>{{$.L.counts}}</h3>
<div class="counts">{{range $.Counts}}<div><span class="chip" style="background:{{.Color}}"></span>{{.Label}}<b>{{.N}}</b></div>{{end}}</div>
</div>{{end}}
{{range $j, $p := $s.Paragraphs}}<p{{if and (eq $s.ID "problems") (gt $j 0)}} class="item"{{end}}>{{$p}}</p>
{{end}}
{{if eq $i 0}}<div class="keep">
<h3>{{$.L.byChapterT}}</h3>
<table>
<thead><tr><th>{{$.L.chapter}}</th><th>{{$.L.total}}</th><th>{{$.L.composite}}</th>{{range $.StatusHeads}}<th class="status"><span class="chip" style="background:{{.Color}}"></span>{{.Label}}</th>{{end}}</tr></thead>
{{range $.ChapterGroups}}<tr><td>{{.Key}}</td><td class="num">{{.Total}}</td><td class="num">{{.Composite}}</td>{{range .Counts}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</table></div>{{end}}
</section>
{{end}}

<section id="headline">
<h2>{{.L.headline}}</h2>
<table>
<thead><tr><th>{{.L.id}}</th><th>{{.L.indicator}}</th><th>{{.L.unit}}</th><th>{{.L.actual}}</th><th>{{.L.target}}</th><th>{{.L.pi}}</th><th>{{.L.tau}}</th><th>{{.L.sched}}</th><th>{{.L.req}}</th><th class="status">{{.L.status}}</th></tr></thead>
{{range .Headline}}<tr><td>{{.T.ID}}</td><td>{{.Name}}</td><td>{{.T.Indicator.Unit}}</td><td class="num">{{.Actual}}</td><td>{{.TargetText}}</td><td class="num">{{.Pi}}</td><td class="num">{{.Tau}}</td><td class="num">{{.Sched}}</td><td class="num">{{.Req}}</td><td class="status"><span class="chip" style="background:{{.Color}}"></span>{{.Status}}{{if .Detail}}<div class="detail">{{.Detail}}</div>{{end}}</td></tr>
{{end}}</table>
{{if .Preliminary}}<p class="note">{{.L.prelim}}</p>{{end}}
{{range .Dashboards}}<figure class="dashboard">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>{{end}}
{{range .Progress}}<figure class="progress">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>{{end}}
</section>

<section id="byChapter">
<h2>{{.L.byChapter}}</h2>
{{range .Chapters}}
<h3>{{.Name}}</h3>
<table>
<thead><tr><th>{{$.L.id}}</th><th>{{$.L.indicator}}</th><th>{{$.L.unit}}</th><th>{{$.L.actual}}</th><th>{{$.L.target}}</th><th>{{$.L.gap}}</th><th>{{$.L.pi}}</th><th>{{$.L.tau}}</th><th>{{$.L.req}}</th><th class="status">{{$.L.status}}</th><th>{{$.L.lead}}</th></tr></thead>
{{range .Rows}}<tr><td>{{.T.ID}}</td><td>{{.Name}}{{if .Note}}<div class="note">{{.Note}}</div>{{end}}</td><td>{{.T.Indicator.Unit}}</td><td class="num">{{.Actual}}</td><td>{{.TargetText}}</td><td class="num">{{.Gap}}</td><td class="num">{{.Pi}}</td><td class="num">{{.Tau}}</td><td class="num">{{.Req}}</td><td class="status"><span class="chip" style="background:{{.Color}}"></span>{{.Status}}{{if .Detail}}<div class="detail">{{.Detail}}</div>{{end}}</td><td>{{.T.LeadDepartment}}</td></tr>
{{end}}</table>
<div class="charts">{{range .Rows}}{{if .Chart}}<figure>{{.Chart}}<figcaption>{{.Caption}}</figcaption></figure>{{end}}{{end}}</div>
{{end}}
</section>

<section id="depts">
<h2>{{.L.depts}}</h2>
<table>
<thead><tr><th>{{.L.dept}}</th><th>{{.L.total}}</th><th>{{.L.composite}}</th>{{range .StatusHeads}}<th class="status"><span class="chip" style="background:{{.Color}}"></span>{{.Label}}</th>{{end}}</tr></thead>
{{range .Departments}}<tr><td>{{.Key}}</td><td class="num">{{.Total}}</td><td class="num">{{.Composite}}</td>{{range .Counts}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</table>
</section>

<section id="methods">
<h2>{{.L.methods}}</h2>
<ul>{{range .Thresholds}}<li>{{.}}</li>{{end}}</ul>
</section>

<section id="provenance">
<h2>{{.L.provenance}}</h2>
<table>
<thead><tr><th>{{.L.batch}}</th><th>{{.L.loaded}}</th><th>{{.L.file}}</th><th>SHA-256</th><th>{{.L.source}}</th><th>{{.L.dstatus}}</th><th>{{.L.values}}</th><th>{{.L.revised}}</th><th>{{.L.note}}</th></tr></thead>
{{range .Batches}}<tr><td class="num">{{.ID}}</td><td>{{.Loaded}}</td><td>{{.File}}</td><td><code>{{.SHA}}</code></td><td>{{.Source}}</td><td>{{.Status}}</td><td class="num">{{.Rows}}</td><td class="num">{{.Revised}}</td><td>{{.Illus}}</td></tr>
{{end}}</table>
<footer>{{.L.generated}} {{.Generated}} · plangap</footer>
</section>

<section class="annex" id="annex">
<h2>{{.Annex.Title}}</h2>
<table>
<thead><tr>{{range $i, $h := .Annex.Header}}<th{{if eq $i 10}} class="status"{{end}}>{{$h}}</th>{{end}}</tr></thead>
{{range .Annex.Rows}}<tr>{{$r := .}}{{range $i, $v := .Cells}}{{if eq $i 10}}<td class="status"><span class="chip" style="background:{{$r.Color}}"></span>{{$r.Status}}{{if $r.Detail}}<div class="detail">{{$r.Detail}}</div>{{end}}</td>{{else if or (eq $i 0) (ge $i 4)}}<td class="num">{{$v}}</td>{{else}}<td>{{$v}}</td>{{end}}{{end}}</tr>
{{end}}</table>
{{range .Annex.Notes}}<p class="note">{{.}}</p>{{end}}
</section>
</body>
</html>
`))
