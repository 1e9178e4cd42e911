package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/plangap/plangap/labels"
)

// printed prints the report's HTML with Chromium and returns each page's
// text (pdftotext); it skips when Chromium or poppler is missing.
func printed(t *testing.T, d *Data) []string {
	t.Helper()
	if _, err := FindChromium(); err != nil {
		t.Skip(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	var b bytes.Buffer
	if err := HTML(&b, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if err := PrintPDF(context.Background(), page, pdf); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("PLANGAP_REPORT_PDF"); keep != "" {
		data, _ := os.ReadFile(pdf)
		os.WriteFile(keep, data, 0o644)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

var (
	pageNumber = regexp.MustCompile(`^第 \d+ 页 共 \d+ 页$`)
	captionRe  = regexp.MustCompile(`^图\d+[\s　]+(.+)$`)
)

// TestPrintedPages prints the report to PDF with Chromium and reads it page
// by page: every page has a number, no page is blank or holds only a
// heading, and every chart's caption is on the same page as the chart's own
// title — no chart is split across pages.
func TestPrintedPages(t *testing.T) {
	d := guanxian(t, 0, "zh")
	pages := printed(t, d)
	if len(pages) < 5 {
		t.Fatalf("%d pages", len(pages))
	}
	headings := map[string]bool{"目录": true}
	for _, s := range d.Narrative() {
		headings[s.Title] = true
	}
	for _, l := range labels.ReportPage {
		headings[l.Zh] = true
	}
	for _, c := range chapters(d.Rows) {
		headings[d.Rows[c[0]].Target.Chapter] = true
	}
	headings[d.BuildAnnex().Title] = true
	titles := map[string]string{"主要指标走势": "主要指标一览", "主要指标走势（续）": "主要指标一览", "完成进度与时序进度": "规划目标完成进度与时序进度", "完成进度与时序进度（续）": "规划目标完成进度与时序进度"}
	captions := 0
	for i, p := range pages {
		var body []string
		numbered := false
		for _, l := range strings.Split(p, "\n") {
			l = strings.TrimSpace(l)
			switch {
			case l == "" || l == d.Plan.DocNo:
			case pageNumber.MatchString(l):
				numbered = true
			default:
				body = append(body, l)
			}
		}
		if !numbered {
			t.Errorf("page %d has no page number", i+1)
		}
		if len(body) == 0 {
			t.Errorf("page %d is blank", i+1)
			continue
		}
		onlyHeadings := true
		for _, l := range body {
			onlyHeadings = onlyHeadings && headings[l]
		}
		// An annex title may wrap over two lines: judge the page's words.
		if onlyHeadings || headings[strings.Join(body, "")] {
			t.Errorf("page %d holds only a heading: %q", i+1, body)
		}
		for _, l := range body {
			m := captionRe.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			captions++
			title, ok := titles[m[1]]
			if !ok {
				// “T6c 制造业单项冠军企业数量” → the chart's title
				// “制造业单项冠军企业数量（家）· 冠县”.
				// A long caption wraps: compare the name's first ten characters.
				f := []rune(strings.Fields(m[1])[len(strings.Fields(m[1]))-1])
				title = string(f[:min(10, len(f))])
				if strings.Count(p, title) < 2 {
					t.Errorf("page %d: caption %q without its chart's title: the chart is split from its caption", i+1, l)
				}
				continue
			}
			if !strings.Contains(p, title) {
				t.Errorf("page %d: caption %q without its chart's title %q: the chart is split from its caption", i+1, l, title)
			}
		}
	}
	if captions < 50 {
		t.Errorf("found %d chart captions in the PDF, want one per chart", captions)
	}
}
