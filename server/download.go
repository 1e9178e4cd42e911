package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/model"
)

// Content types of the downloads.
const (
	typeCSV  = "text/csv; charset=utf-8"
	typeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	typeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	typeHTML = "text/html; charset=utf-8"
)

// attachment is a Content-Disposition that saves the response as name:
// an ASCII fallback for old clients and the UTF-8 name (RFC 6266,
// filename*) that browsers use, so 指标差距-冠县.csv keeps its name.
func attachment(name, fallback string) string {
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// fileName makes a file name of parts: what the file is, the region…
// Characters a file system refuses become "_".
func fileName(ext string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, strings.Join(kept, "-"))
	return name + "." + ext
}

// download writes a file made by write: in full to a buffer first, so
// that a failure is an error status, not a truncated file.
func (s *Server) download(w http.ResponseWriter, r *http.Request, contentType, name, fallback string, write func(io.Writer) error) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", attachment(name, fallback))
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.Write(b.Bytes())
}

// apiGap serves the gap table: JSON (the default), or ?format=csv or
// xlsx as a file, with the CLI's writers. The overview's filters
// (chapter, status, attribute, q) apply, so a download holds the rows a
// page shows.
func (s *Server) apiGap(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "json"
	}
	if format != "json" && format != "csv" && format != "xlsx" {
		s.fail(w, r, badRequest("format“%s”无效（json、csv 或 xlsx） format %q: want json, csv or xlsx", format, format))
		return
	}
	_, rows, _, err := s.analyse(r, model.TargetFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows = rowFilterOf(r).apply(rows)
	name := func(ext string) string { return fileName(ext, "指标差距", s.regionOf(r)) }
	switch format {
	case "csv":
		s.download(w, r, typeCSV, name("csv"), "gap.csv", func(w io.Writer) error { return app.WriteGapCSV(w, rows) })
	case "xlsx":
		s.download(w, r, typeXLSX, name("xlsx"), "gap.xlsx", func(w io.Writer) error { return app.WriteGapXLSX(w, rows) })
	default:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		if err := app.WriteGapJSON(w, rows); err != nil {
			s.logf("%s: %v", r.URL.Path, err)
		}
	}
}

// apiReport serves the mid-term evaluation report (?format=html, xlsx or
// docx; ?lang=en for English), written by the CLI's writers from
// app.ReportData.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "html"
	}
	if !slices.Contains(app.ReportFormats, format) {
		s.fail(w, r, badRequest("format“%s”无效（html、xlsx 或 docx） format %q: want html, xlsx or docx", format, format))
		return
	}
	q, err := s.query(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := r.URL.Query().Get("lang")
	if lang != "en" {
		lang = "zh"
	}
	d, err := s.app().ReportData(r.Context(), s.themeFor(lang), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ct := map[string]string{"html": typeHTML, "xlsx": typeXLSX, "docx": typeDOCX}[format]
	name := fileName(format, words(lang).T("中期评估报告", "midterm-evaluation"), d.Plan.Region)
	s.download(w, r, ct, name, "report."+format, func(w io.Writer) error { return app.WriteReport(w, format, d) })
}

// pathDownload serves a target's data — its path table year by year,
// as `plangap path --format csv` writes it — as CSV or XLSX.
func (s *Server) pathDownload(w http.ResponseWriter, r *http.Request, row analysis.Row, format string) {
	t := row.Target
	pts := app.PathPoints(row)
	name := fileName(format, t.ID, t.Indicator.NameZh, row.Region)
	fallback := fileName(format, "target", t.ID)
	if format == "xlsx" {
		title := fmt.Sprintf("%s %s（%s） %s", t.ID, t.Indicator.NameZh, t.Indicator.Unit, row.Region)
		if row.Illustrative {
			title += " 示例数据 illustrative"
		}
		s.download(w, r, typeXLSX, name, fallback, func(w io.Writer) error { return app.WritePathXLSX(w, title, pts) })
		return
	}
	s.download(w, r, typeCSV, name, fallback, func(w io.Writer) error { return app.WritePathCSV(w, pts) })
}
