package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/docx"
	"github.com/plangap/plangap/labels"
)

// DOCX writes the report as a Word document an office can edit and stamp:
// the plan's title and 文号 on the first page and in the page header, a
// contents list, the four narrative sections, the headline indicators with
// the dashboard, progress and department charts as pictures, the methods,
// and the 附表 as a real table on landscape A4 pages, with page numbers.
func DOCX(w io.Writer, d *Data) error {
	d = d.prepared()
	th := d.Theme
	doc := docx.New(docx.Options{
		Title:      d.PlanTitle() + d.t("中期评估报告", " — mid-term evaluation"),
		Subtitle:   fmt.Sprintf("%s · %s %s · %s", d.Plan.Region, d.l(labels.ReportYear), d.reportYearText(), th.MethodShort(d.Config.Method)),
		DocNo:      d.DocNo(),
		HeaderText: d.PlanTitle(),
		FooterText: d.Plan.Region + d.t(" 中期评估", " mid-term evaluation"),
		Created:    d.Now,
	})
	if n := d.templateNote(); n != "" {
		doc.Note(n)
	}
	if d.Illustrative() {
		doc.Banner(d.t("本报告使用示例数据，仅用于演示，不代表官方统计。", "This report uses illustrative data, not official statistics."))
	}
	doc.TOC()
	doc.PageBreak()
	for _, sec := range d.Narrative() {
		doc.Heading(1, sec.Title)
		for _, p := range sec.Paragraphs {
			doc.Paragraph(p.Text)
		}
	}

	fig := 0
	picture := func(f charts.Figure, err error, widthCm float64, name string) error {
		if err != nil {
			return nil // nothing to draw yet: the chart is left out
		}
		png, err := f.Bytes("png", th)
		if err != nil {
			return fmt.Errorf("chart %s: %w", name, err)
		}
		fig++
		doc.Image(png, widthCm, fmt.Sprintf("%s%d　%s", d.t("图", "Figure "), fig, name))
		return nil
	}

	doc.Heading(1, d.l(labels.SectionHeadline))
	head, rows := d.headlineTable()
	if len(rows) > 0 {
		doc.Table(docx.Table{Caption: d.t("表1　主要指标（附件1 指标事项）", "Table 1. Headline indicators (Annex 1)"), Header: [][]string{head}, Rows: rows,
			ColumnWidths: []float64{1.1, 3.9, 2.1, 2.2, 1.5, 1.5, 3.2}, RepeatHeader: true, FontSizePt: 9,
			Notes: d.tableNotes(), Style: d.statusStyle(len(head)-1, d.headlineStatuses())})
	}
	for k, f := range d.dashboards() {
		name := d.t("主要指标走势", "Headline indicators at a glance")
		if k > 0 {
			name += d.t("（续）", " (continued)")
		}
		if err := picture(f, nil, 0, name); err != nil {
			return err
		}
	}
	for k, f := range d.progressCharts() {
		name := d.t("完成进度与时序进度", "Completion against time share")
		if k > 0 {
			name += d.t("（续）", " (continued)")
		}
		if err := picture(f, nil, 15, name); err != nil {
			return err
		}
	}
	f, err := th.Departments(d.Rows)
	if err := picture(f, err, 15, d.t("牵头部门目标状态", "Status by lead department")); err != nil {
		return err
	}

	doc.Heading(1, d.l(labels.SectionMethods))
	for _, line := range thresholds(d) {
		doc.Paragraph(line)
	}
	for _, b := range d.Batches {
		doc.Note(fmt.Sprintf(d.t("批次%d：%s，%s，%s，导入于%s（北京时间）", "Batch %d: %s, %s, %s, loaded %s (Beijing time)"),
			b.ID, b.File, b.Source, d.dataStatus(b.Status), b.LoadedAt.In(Beijing).Format("2006-01-02 15:04")))
	}

	an := d.BuildAnnex()
	doc.Landscape(func() {
		doc.Heading(1, d.t("附表", "Annex"))
		doc.Table(docx.Table{Caption: an.Title, Header: [][]string{an.Header}, Rows: an.Rows, Notes: an.Notes,
			ColumnWidths: []float64{1.0, 5.2, 1.6, 1.3, 1.9, 3.0, 2.2, 2.0, 1.7, 1.7, 4.0},
			Align:        []docx.Align{docx.AlignCenter, docx.AlignLeft, docx.AlignCenter, docx.AlignCenter},
			RepeatHeader: true, FontSizePt: 9, Style: d.statusStyle(ColVerdict, an.Status)})
	})
	_, err = doc.WriteTo(w)
	return err
}

// statusStyle colours the status column as the charts do.
func (d *Data) statusStyle(col int, statuses []analysis.Status) func(row, c int, text string) docx.CellStyle {
	return func(row, c int, _ string) docx.CellStyle {
		if c != col || row >= len(statuses) {
			return docx.CellStyle{}
		}
		return docx.CellStyle{Fill: strings.TrimPrefix(hex(charts.StatusColor(statuses[row])), "#"), Color: "FFFFFF", Bold: true}
	}
}

func (d *Data) headlineStatuses() []analysis.Status {
	var out []analysis.Status
	for _, r := range d.Rows {
		if r.Target.Headline {
			out = append(out, r.Status)
		}
	}
	return out
}

// headlineTable is the headline indicators as text rows.
func (d *Data) headlineTable() ([]string, [][]string) {
	head := []string{d.l(labels.ID), d.l(labels.Indicator), fmt.Sprintf(d.t("实绩（%s年）", "actual (%s)"), d.reportYearText()),
		d.l(labels.Target), d.l(labels.Completion), d.l(labels.TimeShare), d.l(labels.Assessment)}
	var rows [][]string
	for _, r := range d.Rows {
		if !r.Target.Headline {
			continue
		}
		rows = append(rows, []string{r.Target.ID, d.Theme.Name(r.Target) + d.t("（"+d.unit(r.Target.Indicator.Unit)+"）", " ("+d.unit(r.Target.Indicator.Unit)+")"),
			d.actualText(r), d.targetWords(r), d.percentOrDash(r, r.Completion), d.percentOrDash(r, r.TimeShare), d.verdict(r)})
	}
	return head, rows
}

func (d *Data) tableNotes() []string {
	var notes []string
	if d.anyPreliminary() {
		notes = append(notes, d.t(PrelimMark+" 初步核算数，待最终核实。", PrelimMark+" preliminary figure, to be finalised."))
	}
	if d.Illustrative() {
		notes = append(notes, d.t("示例数据，不代表官方统计。", "Illustrative data, not official statistics."))
	}
	return notes
}
