package app

import (
	"io"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/report"
)

// ReportFormats are the report's formats written to a stream; PDF needs
// Chromium and a file, and is the CLI's alone.
var ReportFormats = []string{"html", "xlsx", "docx"}

// WriteReport writes the report in one of ReportFormats: `plangap
// report` and GET /api/report call it.
func WriteReport(w io.Writer, format string, d *report.Data) error {
	switch format {
	case "xlsx":
		return report.XLSX(w, d)
	case "docx":
		return report.DOCX(w, d)
	case "html":
		return report.HTML(w, d)
	}
	return model.Errorf(model.Invalid, "报告格式“%s”无效（html、xlsx 或 docx） report format %q: want html, xlsx or docx", format, format)
}
