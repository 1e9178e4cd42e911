package report

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoChromium means no Chromium or Chrome could be found to print the
// report to PDF.
var ErrNoChromium = errors.New("需要安装Chromium chromium not found: apt-get install chromium")

// ChromiumEnv names a Chromium binary to use instead of the one on PATH.
const ChromiumEnv = "PLANGAP_CHROMIUM"

// FindChromium returns the path of a headless-capable Chromium or Chrome:
// $PLANGAP_CHROMIUM, else the first of chromium, chromium-browser,
// google-chrome and google-chrome-stable on PATH.
func FindChromium() (string, error) {
	if p := os.Getenv(ChromiumEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("$%s %q: %w", ChromiumEnv, p, ErrNoChromium)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// PrintPDF prints the HTML file at htmlPath to a PDF at pdfPath with
// headless Chromium: the page's own print styles (A4, page numbers in the
// margin boxes, landscape 附表) lay it out; Chromium's own header and
// footer are left off.
func PrintPDF(ctx context.Context, htmlPath, pdfPath string) error {
	bin, err := FindChromium()
	if err != nil {
		return err
	}
	in, err := filepath.Abs(htmlPath)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(pdfPath)
	if err != nil {
		return err
	}
	// A profile of its own: Chromium refuses to share one with a running
	// browser, and HOME may not be writable.
	profile, err := os.MkdirTemp("", "plangap-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+profile, "--print-to-pdf="+out, "file://"+in)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("chromium print to pdf: %w: %s", err, tail(string(msg), 400))
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		return fmt.Errorf("chromium wrote no PDF to %s: %s", out, tail(string(msg), 400))
	}
	return nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
