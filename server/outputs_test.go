package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/plangap/plangap/app"

	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/store"
)

// countingBody counts the bytes a handler reads of a request body.
type countingBody struct {
	r io.Reader
	n int
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *countingBody) Close() error { return nil }

// multipartBody builds a form: fields in order, then the file.
func multipartBody(fields [][2]string, fileName string, file []byte) (*bytes.Buffer, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	if fileName != "" {
		fw, _ := mw.CreateFormFile("file", fileName)
		fw.Write(file)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

// handlerServer is a Server on the default plan, its handler called
// directly so that the test sees exactly what was read of a body.
func handlerServer(t *testing.T) (*Server, http.Handler, string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, _ := datasets.DefaultPlan()
	if _, err := st.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		t.Fatal(err)
	}
	tok, _ := st.CreateToken(ctx, store.RoleBureau, "test")
	th, _ := charts.NewTheme("en", "")
	srv := &Server{Store: app.New(st), Theme: th, Logf: func(string, ...any) {}}
	return srv, srv.Handler(), tok
}

func TestTokenCheckedBeforeTheBodyIsRead(t *testing.T) {
	_, h, tok := handlerServer(t)
	big := bytes.Repeat([]byte("指标,年份,数值,单位\n"), 200_000) // about 5 MB
	for _, tc := range []struct {
		name, path, header string
		fields             [][2]string
		want               int
	}{
		{"form, wrong token", "/upload", "", [][2]string{{"token", "pg_wrong"}, {"source", "x"}}, http.StatusUnauthorized},
		{"form, no token", "/upload", "", nil, http.StatusUnauthorized},
		{"form, token after the file", "/upload", "", nil, http.StatusUnauthorized},
		{"API, no token", "/api/upload", "", nil, http.StatusUnauthorized},
		{"API, wrong token", "/api/upload", "pg_wrong", nil, http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := multipartBody(tc.fields, "big.csv", big)
			if tc.name == "form, token after the file" {
				// A valid token after the file comes too late: the file
				// is not read to find it.
				var b bytes.Buffer
				mw := multipart.NewWriter(&b)
				fw, _ := mw.CreateFormFile("file", "big.csv")
				fw.Write(big)
				mw.WriteField("token", tok)
				mw.Close()
				body, ct = &b, mw.FormDataContentType()
			}
			total := body.Len()
			cb := &countingBody{r: body}
			req := httptest.NewRequest("POST", tc.path, nil)
			req.Body = cb
			req.Header.Set("Content-Type", ct)
			if tc.header != "" {
				req.Header.Set("Authorization", "Bearer "+tc.header)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.want {
				t.Errorf("status %d, want %d: %s", rec.Code, tc.want, rec.Body.String()[:min(200, rec.Body.Len())])
			}
			if cb.n > 64<<10 {
				t.Errorf("read %d of %d bytes before refusing", cb.n, total)
			}
		})
	}
	// With the token first the same form loads (the file is read then).
	good := "指标,年份,数值,单位\n社会消费品零售总额,2023,421300,万元\n"
	body, ct := multipartBody([][2]string{{"token", tok}}, "good.csv", []byte(good))
	req := httptest.NewRequest("POST", "/upload", body)
	req.Header.Set("Content-Type", ct)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "已导入为批次 1") {
		t.Errorf("good form upload: %d", rec.Code)
	}
}

func TestIllustrativeIsAnExplicitField(t *testing.T) {
	srv, h, tok := handlerServer(t)
	post := func(name, content string, fields ...[2]string) {
		t.Helper()
		body, ct := multipartBody(fields, name, []byte(content))
		req := httptest.NewRequest("POST", "/api/upload", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", name, rec.Code, rec.Body.String())
		}
	}
	// A source that says 示例 is not enough; the field is.
	post("a.csv", "指标,年份,数值,单位\n社会消费品零售总额,2022,386520,万元\n", [2]string{"source", "示例数据 illustrative"})
	post("b.csv", "指标,年份,数值,单位\n社会消费品零售总额,2023,421300,万元\n", [2]string{"illustrative", "on"})
	bs, err := srv.Store.Batches(context.Background())
	if err != nil || len(bs) != 2 {
		t.Fatalf("%d batches, %v", len(bs), err)
	}
	if bs[0].Illustrative || !bs[1].Illustrative {
		t.Errorf("illustrative: a=%v (want false), b=%v (want true)", bs[0].Illustrative, bs[1].Illustrative)
	}
}

func TestProblemsCappedWithTotal(t *testing.T) {
	_, h, tok := handlerServer(t)
	var f strings.Builder
	f.WriteString("指标,年份,数值,单位\n")
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&f, "社会消费品零售总额,%d,abc,万元\n", 2000+i%20)
	}
	body, ct := multipartBody(nil, "bad.csv", []byte(f.String()))
	req := httptest.NewRequest("POST", "/api/upload", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", rec.Code)
	}
	var got struct {
		Problems []map[string]any `json:"problems"`
		Total    int              `json:"total"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Problems) != 1000 || got.Total != 1500 {
		t.Errorf("%d problems listed, total %d; want 1000 and 1500", len(got.Problems), got.Total)
	}
	// The page says how many are not listed.
	body, ct = multipartBody([][2]string{{"token", tok}}, "bad.csv", []byte(f.String()))
	req = httptest.NewRequest("POST", "/upload", body)
	req.Header.Set("Content-Type", ct)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	page := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(page, "另有500个问题未列出") || strings.Count(page, `<tr class="err">`) != 1000 {
		t.Errorf("page: %d, %d rows", rec.Code, strings.Count(page, `<tr class="err">`))
	}
}

func TestErrorsMapToStatuses(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{fmt.Errorf("target %q: %w", "x", store.ErrNotFound), 404},
		{badRequest("year: want a year"), 400},
		{invalid(errors.New("method \"astrology\"")), 400},
		{fmt.Errorf("draw: %w", charts.ErrNoData), 404},
		{&http.MaxBytesError{Limit: 1}, 413},
		{unauthorized("no"), 401},
		{fmt.Errorf("inputs: %w", &store.UnknownBatchError{Batch: 99, Latest: 2}), 400},
		{&store.AliasTakenError{Alias: "x", Indicator: "gdp", Name: "地区生产总值", As: "name"}, 409},
		{errors.New("duckdb: IO Error: /var/lib/secret.duckdb"), 500},
	} {
		status, msg := statusOf(tc.err)
		if status != tc.want {
			t.Errorf("%v: %d, want %d", tc.err, status, tc.want)
		}
		if status == 500 && strings.Contains(msg, "secret") {
			t.Errorf("a 500 shows the raw error: %s", msg)
		}
	}
	// A store failure: generic message to the client, the detail logged.
	srv, h, _ := handlerServer(t)
	var logged []string
	var mu sync.Mutex
	srv.Logf = func(f string, a ...any) { mu.Lock(); logged = append(logged, fmt.Sprintf(f, a...)); mu.Unlock() }
	srv.Store.Close()
	for _, path := range []string{"/api/targets", "/api/gap", "/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 500 || !strings.Contains(rec.Body.String(), "internal server error") {
			t.Errorf("GET %s on a closed store: %d %s", path, rec.Code, rec.Body.String())
		}
		if strings.Contains(strings.ToLower(rec.Body.String()), "closed") {
			t.Errorf("GET %s shows the raw error: %s", path, rec.Body.String())
		}
	}
	if len(logged) < 3 {
		t.Errorf("%d errors logged, want the 3 details", len(logged))
	}
}

// TestChartRenderedOncePerDataVersion: 200 concurrent requests for the
// same chart render it once; new data renders it again.
func TestChartRenderedOncePerDataVersion(t *testing.T) {
	srv, h, tok := handlerServer(t)
	loadExamples(t, srv.Store.Store)
	var wg sync.WaitGroup
	bodies := make([]string, 200)
	codes := make([]int, 200)
	for i := range bodies {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/chart?kind=progress&format=svg", nil))
			codes[i], bodies[i] = rec.Code, rec.Body.String()
		}(i)
	}
	wg.Wait()
	for i := range bodies {
		if codes[i] != 200 || bodies[i] != bodies[0] || !strings.Contains(bodies[i], "<svg") {
			t.Fatalf("request %d: %d, same chart %v", i, codes[i], bodies[i] == bodies[0])
		}
	}
	if n := srv.charts.renders; n != 1 {
		t.Errorf("200 requests rendered the chart %d times, want once", n)
	}
	// Another query is another chart.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/chart?kind=progress&format=svg&method=eurostat", nil))
	if srv.charts.renders != 2 {
		t.Errorf("renders %d after a second query, want 2", srv.charts.renders)
	}
	// New data: the chart is drawn again and shows them.
	body, ct := multipartBody(nil, "new.csv", []byte("指标,年份,数值,单位\n社会消费品零售总额,2025,520000,万元\n"))
	req := httptest.NewRequest("POST", "/api/upload", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/chart?kind=progress&format=svg", nil))
	if srv.charts.renders != 3 || rec.Body.String() == bodies[0] {
		t.Errorf("after new data: renders %d (want 3), chart changed %v", srv.charts.renders, rec.Body.String() != bodies[0])
	}
}

// TestPartialDataPages: every page and API answer on a plan with no
// actuals, and a chart with nothing to draw is a 404 with a reason.
func TestPartialDataPages(t *testing.T) {
	_, h, _ := handlerServer(t)
	for path, want := range map[string]int{
		"/": 200, "/target/6": 200, "/target/11a": 200, "/upload": 200, "/api/gap": 200, "/api/path/11a": 200,
		"/api/chart?kind=trajectory&target=11a": 200, "/api/chart?kind=progress": 404, "/api/chart?kind=heatmap": 404,
		"/api/chart?kind=dashboard": 200, "/api/gap?year=2019": 200, "/api/gap?as_of=2000-01-01": 200,
		"/api/gap?as_of=99": 400, "/api/actuals?as_of=99": 400, "/?as_of=99": 400,
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != want {
			t.Errorf("GET %s: %d, want %d: %s", path, rec.Code, want, rec.Body.String()[:min(200, rec.Body.Len())])
		}
	}
}
