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
	"github.com/plangap/plangap/labels"
	"github.com/plangap/plangap/model"
)

const layout = `{{define "top"}}<!DOCTYPE html>
<html lang="{{if eq .Lang "en"}}en{{else}}zh-CN{{end}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
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
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; } .skip:focus { left: 8px; top: 8px; background: #fff; color: #0072B2; padding: 6px 10px; z-index: 10; }
.shape { display: inline-block; width: 1.2em; text-align: center; } td.status, td.region { white-space: nowrap; }
.crumbs { margin: 10px 0 0; display: flex; gap: 6px; flex-wrap: wrap; align-items: baseline; } .crumbs .sub { margin-left: 12px; } .crumbs .lang { margin-left: auto; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; background: #f7f7f7; padding: 8px 10px; border: 1px solid #ddd; }
.filters label { display: flex; flex-direction: column; font-size: 12px; gap: 2px; } .filters select, .filters input { font-size: 13px; }
ul.counts { list-style: none; padding: 0; } ul.counts a { color: inherit; text-decoration: none; } ul.counts a:hover { text-decoration: underline; }
table.facts { width: auto; } table.facts th { font-weight: normal; background: #f7f7f7; } tr.current th, tr.current td { background: #eef6fb; }
tr.superseded td { color: #666; text-decoration: line-through; } td.rule { font-size: 12px; color: #444; }
blockquote { border-left: 4px solid #0072B2; margin: 8px 0; padding: 4px 12px; background: #f7fafc; } blockquote footer { color: #555; font-size: 12px; }
.tabs { display: flex; gap: 4px; border-bottom: 2px solid #0072B2; margin-top: 20px; } .tabs a { padding: 6px 14px; border: 1px solid #ccc; border-bottom: none; color: #0072B2; text-decoration: none; }
.cols { display: flex; flex-wrap: wrap; gap: 0 40px; align-items: flex-start; }
.tabs a[aria-current] { background: #0072B2; color: #fff; font-weight: bold; } .panel { padding: 10px 0; }
header .who { display: flex; gap: 8px; align-items: center; } header .who form { margin-left: 0; }
</style></head><body><a class="skip" href="#main">跳到正文 skip to content</a>
<header><a href="/?region={{.Region}}">plangap</a>{{if or (not .Viewer.Name) .Viewer.MayUpload}}<a href="/upload?region={{.Region}}">上传数据 upload</a>{{end}}
{{if .Regions}}<form method="get" action="{{.Path}}"><label>地区 region <select name="region">{{range .Regions}}<option{{if eq . $.Region}} selected{{end}}>{{.}}</option>{{end}}</select></label> {{if .Lang}}<input type="hidden" name="lang" value="{{.Lang}}">{{end}}<button>切换 switch</button></form>{{end}}
{{with .Viewer}}<div class="who">{{if .Name}}<span id="signed-in">{{.Name}}（{{.RoleLabel}}）</span><form method="post" action="/signout" id="signout"><input type="hidden" name="csrf" value="{{.CSRF}}"><button type="submit">退出 sign out</button></form>{{else if not .Token}}<a href="{{.SignIn}}" id="signin-link">登录 sign in</a>{{end}}</div>{{end}}</header>
<main id="main" tabindex="-1">
{{if .Illustrative}}<div class="banner">示例数据 illustrative, not official statistics — 本页数据为示例，不代表官方统计。</div>{{end}}
{{end}}
{{define "bottom"}}</main></body></html>{{end}}`

var pages = template.Must(template.New("pages").Parse(layout + `
{{define "upload"}}{{template "top" .}}
<h1>上传统计数据 upload statistics</h1>
<p>CSV（UTF-8 或 GBK）或 XLSX，长表或年鉴宽表，校验规则与 <code>plangap load</code> 相同；有任何错误则整份文件不导入。</p>
<p><a href="/template.xlsx?region={{.Region}}" id="template">下载填报模板 download the fill-in template (XLSX)</a></p>
<form method="post" action="/upload" enctype="multipart/form-data" id="upload">
{{if .Viewer.CSRF}}<input type="hidden" name="csrf" value="{{.Viewer.CSRF}}">{{else if not .Viewer.Token}}<p><label>令牌 token <input type="password" name="token" id="token" size="60" required></label> 或 or <a href="{{.Viewer.SignIn}}">登录 sign in</a></p>{{end}}
<p><label>来源 source <input type="text" name="source" size="40"></label>
<label>状态 status <select name="status"><option value="final">最终核实 final</option><option value="preliminary">初步核算 preliminary</option></select></label></p>
<p><label><input type="checkbox" name="illustrative" id="illustrative" value="on"> 示例数据（非官方统计）illustrative, not official statistics</label></p>
<input type="hidden" name="region" value="{{.Region}}">
<p><label>文件 file <input type="file" name="file" id="file" required></label></p>
<p><button type="submit" id="submit">上传 upload</button></p>
</form>
{{if .Notice}}<p class="ok" id="notice">{{.Notice}}</p>{{end}}
{{if .Message}}<p class="{{if .Problems}}banner{{else}}ok{{end}}" id="message">{{.Message}}</p>{{end}}
{{if .Unknown}}<h2>未识别的指标名称 indicator names not recognised</h2>
<p>为每个名称选择对应的指标，保存为别名后将重新导入同一文件（文件在服务器上保留 {{.KeepMinutes}} 分钟）。Choose the indicator each name means; the names are saved as aliases and the same file is loaded again.</p>
<form method="post" action="/upload/alias" id="alias">
<input type="hidden" name="sha256" value="{{.FileSHA}}">
<table id="aliases"><tr><th>文件中的名称 name in the file</th><th>对应指标 indicator</th></tr>
{{range $i, $u := .Unknown}}<tr><td>{{$u.Name}}<input type="hidden" name="alias" value="{{$u.Name}}"></td>
<td><select name="code"><option value="">— 不设置 leave —</option>{{range $u.Suggestions}}<option value="{{.Code}}">{{.Name}}（{{.Code}}，{{.Unit}}）</option>{{end}}</select></td></tr>
{{end}}</table>
{{if .Viewer.CSRF}}<input type="hidden" name="csrf" value="{{.Viewer.CSRF}}">{{else if not .Viewer.Token}}<p><label>令牌 token <input type="password" name="token" id="alias-token" size="60" required></label></p>{{end}}
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
	Notice                               string // what a step saved before the message, e.g. the aliases
	Lang                                 string // zh or en: the page's language
	Regions                              []string
	Illustrative                         bool
	Viewer                               viewer // who is looking: the header's sign-in control, the forms' CSRF token
	Year                                 int
	Chart                                template.HTML
	Problems                             model.Problems // at most model.MaxListed
	MoreProblems                         int
	// The alias step: names a refused file used that no indicator answers
	// to, and the cached file's SHA-256 to load again.
	Unknown     []unknownName
	FileSHA     string
	KeepMinutes int
}

func (s *Server) base(r *http.Request, title string) page {
	regions, _ := s.regions(r.Context())
	return page{Title: title, Region: s.regionOf(r), Regions: regions, Path: r.URL.Path, Viewer: viewerOf(r)}
}

func hexColor(st analysis.Status) string {
	cr, cg, cb, _ := charts.StatusColor(st).RGBA()
	return fmt.Sprintf("#%02X%02X%02X", cr>>8, cg>>8, cb>>8)
}

func (s *Server) rowOf(th *charts.Theme, row analysis.Row) pageRow {
	t := row.Target
	p := pageRow{ID: t.ID, Name: th.Name(t), Unit: labels.Unit(t.Indicator.Unit, th.Lang), Actual: "—", Target: "—",
		Pi: analysis.Percent(row.Completion), Tau: analysis.Percent(row.TimeShare), Status: th.StatusLabel(row.Status), Color: hexColor(row.Status),
		Lead: strings.Join(t.LeadDepartments, "、"), Source: t.SourceText}
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

// render renders a page with status 200.
func render(w http.ResponseWriter, name string, p page) {
	renderTemplate(w, pages, http.StatusOK, name, p)
}

// renderStatus renders a page with a status other than 200.
func renderStatus(w http.ResponseWriter, status int, name string, p page) {
	renderTemplate(w, pages, status, name, p)
}

// renderTemplate renders name from set to a buffer, then sends it with
// status: a template error is ours, and the client gets no half page.
func renderTemplate(w http.ResponseWriter, set *template.Template, status int, name string, data any) {
	var b bytes.Buffer
	if err := set.ExecuteTemplate(&b, name, data); err != nil {
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

func (s *Server) pageUpload(w http.ResponseWriter, r *http.Request) {
	render(w, "upload", s.base(r, "上传 upload"))
}

// pageUploadPost is the browser's upload: the session's CSRF token, or
// without a session an API token, comes in a form field, since a plain
// form cannot send an Authorization header. The form puts it before the
// file, and readUpload checks it before it reads a byte of the file.
func (s *Server) pageUploadPost(w http.ResponseWriter, r *http.Request) {
	p := s.base(r, "上传 upload")
	u, err := s.readUpload(w, r, func(fields map[string]string) error { return s.authorizeForm(r, fields) })
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
