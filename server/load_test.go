package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/charts"
)

// TestLoad200 fires 200 concurrent requests on loopback — a third each
// the overview, a target page and a chart PNG — against the default plan
// with its example data, twice: cold (nothing cached) and warm. It checks
// that every answer is right and that the burst analysed the region once
// and drew each chart once; it logs p50/p99 per kind and never asserts a
// timing (the README quotes the figures).
func TestLoad200(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	svc := exampleService(t)
	th, err := charts.NewTheme("zh", "")
	if errors.Is(err, charts.ErrNoCJKFont) {
		th, _ = charts.NewTheme("en", "")
	}
	srv := &Server{Store: svc, Theme: th, Logf: t.Logf}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 2 * time.Minute}

	kinds := []struct{ name, path, want string }{
		{"overview", "/", `id="targets"`},
		{"target", "/target/6", `id="methods"`},
		{"chart-png", "/api/chart?kind=trajectory&target=9&format=png", "\x89PNG"},
	}
	const n = 200
	for _, round := range []string{"cold", "warm"} {
		lat := make([][]time.Duration, len(kinds))
		var mu sync.Mutex
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(k int) {
				defer wg.Done()
				<-start
				t0 := time.Now()
				resp, err := client.Get(ts.URL + kinds[k].path)
				if err != nil {
					t.Errorf("%s: %v", kinds[k].name, err)
					return
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				if resp.StatusCode != 200 || !strings.Contains(string(b), kinds[k].want) {
					t.Errorf("%s: %d, %d bytes, want %q in it", kinds[k].name, resp.StatusCode, len(b), kinds[k].want)
				}
				mu.Lock()
				lat[k] = append(lat[k], d)
				mu.Unlock()
			}(i % len(kinds))
		}
		t0 := time.Now()
		close(start)
		wg.Wait()
		wall := time.Since(t0)
		for k, ds := range lat {
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			if len(ds) == 0 {
				continue
			}
			t.Logf("%s %-9s n=%3d p50=%7.1f ms p99=%7.1f ms max=%7.1f ms", round, kinds[k].name, len(ds),
				ms(ds[len(ds)/2]), ms(ds[(len(ds)*99+99)/100-1]), ms(ds[len(ds)-1]))
		}
		t.Logf("%s: %d requests in %.1f ms on GOMAXPROCS=%d; peak RSS %s", round, n, ms(wall), runtime.GOMAXPROCS(0), peakRSS())
	}
	// One data version: the region was analysed once per method (the
	// target page shows the status under every method), and each chart (the
	// overview's progress chart, the page's trajectory, the PNG) drawn once.
	if srv.analyses.runs != len(analysis.Judges) {
		t.Errorf("%d analyses for one data version, want %d (one per method)", srv.analyses.runs, len(analysis.Judges))
	}
	if srv.charts.renders != 3 {
		t.Errorf("%d chart renderings, want 3", srv.charts.renders)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// peakRSS reads the process's high-water resident set (Linux), for the log.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return fmt.Sprint("unknown")
}
