package server

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"strings"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/model"
)

const layout = `{{define "top"}}<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · plangap</title>
<style>
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; color: #222; font-size: 14px; }
header { background: #0072B2; color: #fff; padding: 10px 20px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
header a { color: #fff; text-decoration: none; font-weight: bold; }
header form { margin-left: auto; }
main { max-width: 1100px; margin: 0 auto; padding: 8px 20px 40px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; }
th { background: #f2f2f2; } td.num { text-align: right; white-space: nowrap; }
.chip { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.counts { display: flex; gap: 16px; flex-wrap: wrap; } .counts b { font-size: 18px; margin-left: 3px; }
.banner { border: 2px solid #D55E00; color: #D55E00; padding: 6px 10px; margin: 10px 0; font-weight: bold; }
.err { background: #fdecea; } .ok { border: 2px solid #009E73; padding: 6px 10px; }
svg.chart { width: 100%; height: auto; }
</style></head><body>
<header><a href="/?region={{.Region}}">plangap</a><a href="/upload?region={{.Region}}">上传数据 upload</a>
<form method="get" action="{{.Path}}"><label>地区 region <select name="region">{{range .Regions}}<option{{if eq . $.Region}} selected{{end}}>{{.}}</option>{{end}}</select></label> <button>切换 switch</button></form></header>
<main>
{{if .Illustrative}}<div class="banner">示例数据 illustrative, not official statistics — 本页数据为示例，不代表官方统计。</div>{{end}}
{{end}}
{{define "bottom"}}</main></body></html>{{end}}`

var pages = template.Must(template.New("pages").Parse(layout + `
{{define "overview"}}{{template "top" .}}
<h1>{{.Title}}</h1>
<p>{{.Method}} · 报告年份 report year {{.Year}}</p>
<div class="counts" id="counts">{{range .Counts}}<div><span class="chip" style="background:{{.Color}}"></span>{{.Label}}<b>{{.N}}</b></div>{{end}}</div>
<h2>完成进度与时序进度 progress against 时序进度</h2>
<figure>{{.Chart}}</figure>
<h2>全部目标 all targets</h2>
<table id="targets"><tr><th>编号</th><th>指标</th><th>单位</th><th>最新实绩</th><th>目标</th><th>完成进度π</th><th>时序进度τ</th><th>状态</th><th>牵头部门</th></tr>
{{range .Rows}}<tr><td><a href="/target/{{.ID}}?region={{$.Region}}">{{.ID}}</a></td><td>{{.Name}}</td><td>{{.Unit}}</td><td class="num">{{.Actual}}</td><td class="num">{{.Target}}</td><td class="num">{{.Pi}}</td><td class="num">{{.Tau}}</td><td><span class="chip" style="background:{{.Color}}"></span>{{.Status}}</td><td>{{.Lead}}</td></tr>
{{end}}</table>
{{template "bottom"}}{{end}}

{{define "target"}}{{template "top" .}}
<h1>{{.Row.ID}} {{.Row.Name}}（{{.Row.Unit}}）</h1>
<p>{{.Row.Source}}</p>
<p><span class="chip" style="background:{{.Row.Color}}"></span>{{.Row.Status}} — {{.Method}}</p>
<figure>{{.Chart}}</figure>
<h2>目标路径 path</h2>
<table id="path"><tr><th>年份 year</th><th>规划路径 planned</th><th>所需路径 required</th><th>实绩 actual</th></tr>
{{range .Points}}<tr><td>{{.Year}}</td><td class="num">{{.Planned}}</td><td class="num">{{.Required}}</td><td class="num">{{.Actual}}</td></tr>{{end}}
</table>
{{template "bottom"}}{{end}}

{{define "upload"}}{{template "top" .}}
<h1>上传统计数据 upload statistics</h1>
<p>CSV（UTF-8 或 GBK）或 XLSX，长表或年鉴宽表，校验规则与 <code>plangap load</code> 相同；有任何错误则整份文件不导入。</p>
<p><a href="/template.xlsx?region={{.Region}}" id="template">下载填报模板 download the fill-in template (XLSX)</a></p>
<form method="post" action="/upload" enctype="multipart/form-data" id="upload">
<p><label>令牌 token <input type="password" name="token" id="token" size="60" required></label></p>
<p><label>来源 source <input type="text" name="source" size="40"></label>
<label>状态 status <select name="status"><option value="final">最终核实 final</option><option value="preliminary">初步核算 preliminary</option></select></label></p>
<p><label><input type="checkbox" name="illustrative" id="illustrative" value="on"> 示例数据（非官方统计）illustrative, not official statistics</label></p>
<input type="hidden" name="region" value="{{.Region}}">
<p><label>文件 file <input type="file" name="file" id="file" required></label></p>
<p><button type="submit" id="submit">上传 upload</button></p>
</form>
{{if .Message}}<p class="{{if .Problems}}banner{{else}}ok{{end}}" id="message">{{.Message}}</p>{{end}}
{{if .Unknown}}<h2>未识别的指标名称 indicator names not recognised</h2>
<p>为每个名称选择对应的指标，保存为别名后将重新导入同一文件（文件在服务器上保留 {{.KeepMinutes}} 分钟）。Choose the indicator each name means; the names are saved as aliases and the same file is loaded again.</p>
<form method="post" action="/upload/alias" id="alias">
<input type="hidden" name="sha256" value="{{.FileSHA}}">
<table id="aliases"><tr><th>文件中的名称 name in the file</th><th>对应指标 indicator</th></tr>
{{range $i, $u := .Unknown}}<tr><td>{{$u.Name}}<input type="hidden" name="alias" value="{{$u.Name}}"></td>
<td><select name="code"><option value="">— 不设置 leave —</option>{{range $u.Suggestions}}<option value="{{.Code}}">{{.Name}}（{{.Code}}，{{.Unit}}）</option>{{end}}</select></td></tr>
{{end}}</table>
<p><label>令牌 token <input type="password" name="token" id="alias-token" size="60" required></label></p>
<p><button type="submit" id="alias-submit">保存别名并重新导入 save the aliases and load the file again</button></p>
</form>{{end}}
{{if .Problems}}<table id="problems"><tr><th>文件 file</th><th>工作表 sheet</th><th>行 row</th><th>列 column</th><th>值 value</th><th>原因 reason</th></tr>
{{range .Problems}}<tr class="err"><td>{{.File}}</td><td>{{.Sheet}}</td><td class="num">{{.Row}}</td><td>{{.Column}}</td><td>{{.Value}}</td><td>{{.Reason}}</td></tr>{{end}}
</table>{{if .MoreProblems}}<p id="more-problems">另有{{.MoreProblems}}个问题未列出 {{.MoreProblems}} more problems not listed</p>{{end}}{{end}}
{{template "bottom"}}{{end}}
`))

type pageRow struct {
	ID, Name, Unit, Actual, Target, Pi, Tau, Status, Color, Lead, Source string
}

type page struct {
	Title, Region, Path, Method, Message string
	Regions                              []string
	Illustrative                         bool
	Year                                 int
	Counts                               []count
	Rows                                 []pageRow
	Row                                  pageRow
	Chart                                template.HTML
	Points                               []pathRow
	Problems                             model.Problems // at most model.MaxListed
	MoreProblems                         int
	// The alias step: names a refused file used that no indicator answers
	// to, and the cached file's SHA-256 to load again.
	Unknown     []unknownName
	FileSHA     string
	KeepMinutes int
}

type count struct {
	Label, Color string
	N            int
}

type pathRow struct {
	Year                      int
	Planned, Required, Actual string
}

func (s *Server) base(r *http.Request, title string) page {
	regions, _ := s.regions(r.Context())
	return page{Title: title, Region: s.regionOf(r), Regions: regions, Path: r.URL.Path}
}

func hexColor(st analysis.Status) string {
	cr, cg, cb, _ := charts.StatusColor(st).RGBA()
	return fmt.Sprintf("#%02X%02X%02X", cr>>8, cg>>8, cb>>8)
}

func (s *Server) rowOf(row analysis.Row) pageRow {
	t := row.Target
	p := pageRow{ID: t.ID, Name: s.Theme.Name(t), Unit: t.Indicator.Unit, Actual: "—", Target: "—",
		Pi: analysis.Percent(row.Completion), Tau: analysis.Percent(row.TimeShare), Status: s.Theme.StatusLabel(row.Status), Color: hexColor(row.Status),
		Lead: t.LeadDepartment(), Source: t.SourceText}
	if row.Actual != nil {
		p.Actual = fmt.Sprintf("%s (%d)", row.Actual.String(), row.Year)
	}
	if row.TargetLevel != nil {
		p.Target = row.TargetLevel.Round(4).String()
	}
	if row.Illustrative {
		p.Status += " *"
	}
	return p
}

func render(w http.ResponseWriter, name string, p page) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, p); err != nil {
		// A template error is ours; the client gets no half page.
		http.Error(w, internalMessage, http.StatusInternalServerError)
		log.Printf("render %s: %v", name, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// renderStatus renders a page with a status other than 200.
func renderStatus(w http.ResponseWriter, status int, name string, p page) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, p); err != nil {
		http.Error(w, internalMessage, http.StatusInternalServerError)
		log.Printf("render %s: %v", name, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// inlineChart returns a chart's SVG for a page from the chart cache, or
// nothing when it cannot be drawn (no data yet): the page still shows.
func (s *Server) inlineChart(r *http.Request, what string, draw func() (charts.Figure, error)) template.HTML {
	version, err := s.dataVersion(r.Context())
	if err != nil {
		s.logf("%s: data version: %v", r.URL.Path, err)
		return ""
	}
	b, err := s.charts.get(version, s.chartKey(r, what), func() ([]byte, error) {
		fig, err := draw()
		if err != nil {
			return nil, err
		}
		svg, err := fig.InlineSVG(s.Theme)
		return []byte(svg), err
	})
	if err != nil {
		if !errors.Is(err, charts.ErrNoData) {
			s.logf("%s: chart %s: %v", r.URL.Path, what, err)
		}
		return ""
	}
	return template.HTML(b)
}

func (s *Server) pageOverview(w http.ResponseWriter, r *http.Request) {
	_, rows, cfg, err := s.analyse(r, model.TargetFilter{})
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	p := s.base(r, "规划目标监测 plan monitor")
	plans, _ := s.plans(r.Context())
	for _, pl := range plans {
		if pl.Region == p.Region {
			p.Title = pl.Title
		}
	}
	p.Method = s.Theme.MethodLabel(cfg.Method)
	counts := map[analysis.Status]int{}
	for _, row := range rows {
		counts[row.Status]++
		p.Illustrative = p.Illustrative || row.Illustrative
		p.Year = max(p.Year, row.Year)
		p.Rows = append(p.Rows, s.rowOf(row))
	}
	for _, st := range analysis.MethodStatuses[cfg.Method] {
		p.Counts = append(p.Counts, count{Label: s.Theme.StatusLabel(st), Color: hexColor(st), N: counts[st]})
	}
	p.Chart = s.inlineChart(r, "page-progress", func() (charts.Figure, error) { return s.Theme.Progress(rows) })
	render(w, "overview", p)
}

func (s *Server) pageTarget(w http.ResponseWriter, r *http.Request) {
	in, row, cfg, err := s.target(r, r.PathValue("id"))
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	p := s.base(r, row.Target.Indicator.NameZh)
	p.Row, p.Method, p.Illustrative = s.rowOf(row), s.Theme.MethodLabel(cfg.Method), row.Illustrative
	if full, err := s.targetsOf(r.Context(), model.TargetFilter{Region: row.Region, ID: row.Target.ID}); err == nil && len(full) == 1 {
		p.Row.Source = full[0].SourceText
	}
	p.Chart = s.inlineChart(r, "page-trajectory/"+row.Region+"/"+row.Target.ID, func() (charts.Figure, error) {
		return s.Theme.Trajectory(in, row, 460, 300)
	})
	num := func(v float64) string {
		if f := nullable(v); f != nil {
			return fmt.Sprintf("%.4f", *f)
		}
		return "—"
	}
	for _, pt := range row.Path() {
		pr := pathRow{Year: pt.Year, Planned: num(pt.Planned), Required: num(pt.Required), Actual: "—"}
		if pt.Actual != nil {
			pr.Actual = pt.Actual.String()
		}
		p.Points = append(p.Points, pr)
	}
	render(w, "target", p)
}

func (s *Server) pageUpload(w http.ResponseWriter, r *http.Request) {
	render(w, "upload", s.base(r, "上传 upload"))
}

// pageUploadPost is the browser's upload: the token comes in a form field,
// since a plain form cannot send an Authorization header. The form puts
// the token before the file, and readUpload checks it before it reads a
// byte of the file.
func (s *Server) pageUploadPost(w http.ResponseWriter, r *http.Request) {
	p := s.base(r, "上传 upload")
	u, err := s.readUpload(w, r, func(fields map[string]string) error {
		tok := bearer(r)
		if tok == "" {
			tok = strings.TrimSpace(fields["token"])
		}
		return s.checkToken(r.Context(), tok)
	})
	if err != nil {
		s.uploadFailed(w, r, p, err)
		return
	}
	if reg := u.Fields["region"]; reg != "" {
		p.Region = reg
	}
	s.loadForPage(w, r, p, u)
}

// loadForPage loads an upload and renders the outcome; a file refused
// for names no indicator answers to is kept for the alias step.
func (s *Server) loadForPage(w http.ResponseWriter, r *http.Request, p page, u received) {
	res, err := s.load(r, u)
	if err != nil {
		var probs model.Problems
		if errors.As(err, &probs) {
			p.Unknown = s.unknownNames(r, u, probs)
			if len(p.Unknown) > 0 {
				p.FileSHA, p.KeepMinutes = s.files.put(u), int(fileCacheTTL.Minutes())
			}
		}
		s.uploadFailed(w, r, p, err)
		return
	}
	if res.Inserted+res.Revised == 0 {
		p.Message = fmt.Sprintf("%s：%d 个数值均已存在，未产生修订。all %d values already stored; no revision.", u.Name, res.Read, res.Read)
	} else {
		p.Message = fmt.Sprintf("%s 已导入为批次 %d：读取 %d，新增 %d，修订 %d，未变 %d。loaded as batch %d.", u.Name, res.Batch, res.Read, res.Inserted, res.Revised, res.Unchanged, res.Batch)
	}
	render(w, "upload", p)
}

// uploadFailed renders the upload page with err's status and message,
// the problems listed (at most model.MaxListed) when there are some.
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, p page, err error) {
	status, msg := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logf("%s %s: %v", r.Method, r.URL.Path, err)
	}
	p.Message = msg
	var probs model.Problems
	if errors.As(err, &probs) {
		p.Problems, p.MoreProblems = probs.Listed()
	} else {
		p.Problems = model.Problems{{Reason: msg}}
	}
	renderStatus(w, status, "upload", p)
}
