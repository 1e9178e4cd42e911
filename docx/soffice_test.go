package docx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestReportOpensInLibreOffice converts the test report to PDF with
// LibreOffice, a reader independent of this package, and checks the pages it
// lays out. Set PLANGAP_DOCX_OUT=dir to keep report.docx and report.pdf.
func TestReportOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not installed: the .docx is not opened by a word processor")
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice conversion skipped")
	}
	dir := t.TempDir()
	if keep := os.Getenv("PLANGAP_DOCX_OUT"); keep != "" {
		dir = keep
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(file, buildReport(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile,
		"--headless", "--convert-to", "pdf", "--outdir", dir, file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("LibreOffice wrote no PDF: %v", err)
	}

	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) not installed: pages not counted")
	}
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", "100", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	pages, portraitPages, landscapePages := 0, 0, 0
	sizeLine := regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`)
	for _, m := range sizeLine.FindAllStringSubmatch(string(out), -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		// A4 is 595 × 842 pt.
		switch {
		case near(w, 595) && near(h, 842):
			portraitPages++
		case near(w, 842) && near(h, 595):
			landscapePages++
		default:
			t.Errorf("page of %v × %v pt is not A4", w, h)
		}
		pages++
	}
	if pages < 2 {
		t.Fatalf("%d pages, want at least 2\n%s", pages, out)
	}
	if portraitPages == 0 || landscapePages == 0 {
		t.Errorf("%d portrait and %d landscape pages: the 附表 section should be landscape", portraitPages, landscapePages)
	}
	t.Logf("LibreOffice: %d pages, %d portrait, %d landscape", pages, portraitPages, landscapePages)

	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// pdftotext puts spaces between Chinese and Latin letters or digits
	// where LibreOffice widened the gap; compare without any.
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, want := range append(headingTexts, "冠发〔2023〕5号", "年均增速", "<R&D>", "第1页共"+strconv.Itoa(pages)+"页") {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
	// Every page with body rows of the 附表 (the 属性 words 预期性/约束性
	// appear nowhere else in the test report) starts with the header.
	tablePages := 0
	for p := 1; p <= pages; p++ {
		n := strconv.Itoa(p)
		out, err := exec.Command("pdftotext", "-f", n, "-l", n, pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %d: %v", p, err)
		}
		page := strings.Join(strings.Fields(string(out)), "")
		if strings.Contains(page, "预期性") || strings.Contains(page, "约束性") {
			tablePages++
			if !strings.Contains(page, "序号") || !strings.Contains(page, "时序进度") {
				t.Errorf("page %d has table rows but no header", p)
			}
		}
	}
	if tablePages == 0 {
		t.Error("no page shows the table's rows")
	}
	t.Logf("the 附表 spans %d pages", tablePages)
}

func near(a, b float64) bool { return a-b < 2 && b-a < 2 }
