package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/locknote"
	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/server"
)

// The command line beside a running server. DuckDB lets one process open a
// database file, and "plangap serve" holds it while it runs. The read
// commands (gap, path, targets, actuals, batches, history, chart) and load
// then go through the server's API — found through the lock note serve
// leaves beside the database (locknote), or named with --server — and
// print what they print on the database itself. Every other command says
// who holds the database and what to do.

// source is what the read commands need of a database: a local
// *app.Service, or a plangap server's API (remote).
type source interface {
	Analyse(ctx context.Context, q app.Query) (*app.Analysis, error)
	// AnalyseEach hands the rows to fn one at a time, in Analyse's order.
	AnalyseEach(ctx context.Context, q app.Query, fn func(*analysis.Row) error) error
	Targets(ctx context.Context, f model.TargetFilter) ([]model.Target, error)
	Batches(ctx context.Context) ([]model.Batch, error)
	ResolveIndicator(ctx context.Context, name string) (model.Indicator, error)
	History(ctx context.Context, indicator, region string) ([]model.Actual, error)
	Actuals(ctx context.Context, region, indicator string, at model.AsOf) ([]model.Actual, error)
	Plans(ctx context.Context) ([]model.Plan, error)
	Revisions(ctx context.Context, region string) ([]model.Revision, error)
	Close() error
}

// figure is app.Service.Figure over a source: the chart is drawn here,
// with this command's theme and fonts, from a server's data too.
func figure(ctx context.Context, s source, th *charts.Theme, kind string, q app.Query) (charts.Figure, error) {
	q, err := app.FigureQuery(kind, q)
	if err != nil {
		return charts.Figure{}, err
	}
	a, err := s.Analyse(ctx, q)
	if err != nil {
		return charts.Figure{}, err
	}
	return app.FigureOf(ctx, s, th, kind, a)
}

var _ source = (*app.Service)(nil)

// openSource opens the database, or goes through a server: the one named
// by --server (PLANGAP_SERVER), else the live server whose lock note says
// it holds the database.
func (a *App) openSource(ctx context.Context) (source, error) {
	if a.serverURL != "" {
		return a.dial(ctx, a.serverURL)
	}
	s, err := a.openLocal(ctx)
	if err == nil {
		return s, nil
	}
	held, ok := lockHolder(err)
	if !ok {
		return nil, err
	}
	if n, stale, found := a.liveNote(ctx); found && stale == "" {
		// Said once, though a command may ask the server more than once.
		if a.viaServer++; a.viaServer == 1 {
			fmt.Fprintf(a.Stderr, "数据库由 plangap serve 使用（PID %d，%s），通过其 API 读取 the database is held by plangap serve (PID %d, %s): going through its API\n",
				n.PID, n.URL, n.PID, n.URL)
		}
		return &remote{url: strings.TrimRight(n.URL, "/"), token: a.token, client: &http.Client{Timeout: 5 * time.Minute}}, nil
	}
	return nil, a.heldError(ctx, held, err)
}

// dial checks that url is a plangap server before the command uses it.
func (a *App) dial(ctx context.Context, u string) (*remote, error) {
	r := &remote{url: strings.TrimRight(u, "/"), token: a.token, client: &http.Client{Timeout: 5 * time.Minute}}
	if _, err := r.info(ctx); err != nil {
		return nil, fmt.Errorf("--server %s: 不是可用的 plangap 服务器 not a plangap server that answers: %w", u, err)
	}
	return r, nil
}

// explainOpen words an error opening the database: DuckDB's "Could not
// set lock" becomes who holds the database and what to do.
func (a *App) explainOpen(ctx context.Context, err error) error {
	if held, ok := lockHolder(err); ok {
		return a.heldError(ctx, held, err)
	}
	return err
}

// holder is what DuckDB's lock message says of the process holding the file.
type holder struct {
	PID     int
	Program string
}

var lockRE = regexp.MustCompile(`Conflicting lock is held in (.*?) \(PID (\d+)\)`)

// lockHolder recognises DuckDB's error for a database file another process
// holds, and reads the holder from it.
func lockHolder(err error) (holder, bool) {
	if err == nil || !strings.Contains(err.Error(), "Could not set lock") {
		return holder{}, false
	}
	var h holder
	if m := lockRE.FindStringSubmatch(err.Error()); m != nil {
		h.Program = m[1]
		h.PID, _ = strconv.Atoi(m[2])
	}
	return h, true
}

// heldError says who holds the database and what to do, in Chinese and
// English, with DuckDB's own message last.
func (a *App) heldError(ctx context.Context, h holder, cause error) error {
	n, stale, found := a.liveNote(ctx)
	if found && stale == "" {
		since := n.Started.UTC().Format("2006-01-02 15:04 UTC")
		return fmt.Errorf("数据库 %s 正由 plangap serve 使用（PID %d，%s，自 %s 起）；此命令不能通过服务器执行，请先停止该服务（在其窗口按 Ctrl-C）再运行。"+
			"读取命令（gap、path、targets、actuals、batches、history、chart）和 load 会自动通过服务器进行。\n"+
			"the database %s is held by plangap serve (PID %d, %s, since %s); this command cannot go through the server's API: "+
			"stop the server (Ctrl-C in its window) and run it again. The read commands (gap, path, targets, actuals, batches, history, chart) and load go through the server by themselves.",
			a.dbPath, n.PID, n.URL, since, a.dbPath, n.PID, n.URL, since)
	}
	who := "另一个进程 another process"
	if h.PID > 0 {
		who = fmt.Sprintf("另一个进程 another process (PID %d, %s)", h.PID, h.Program)
	}
	msg := fmt.Sprintf("数据库 %s 正被%s占用：DuckDB 只允许一个进程打开数据库文件。请等该进程结束或停止它后再运行；若它是 plangap serve，读取命令可加 --server URL 通过其 API 进行。\n"+
		"the database %s is held by %s: DuckDB lets one process open a database file. Wait for that process to end or stop it, then run again; "+
		"if it is plangap serve, read commands can go through its API with --server URL.",
		a.dbPath, who, a.dbPath, who)
	if found {
		msg += fmt.Sprintf("\n（服务器说明 %s 已过期，已忽略：%s the server note is stale and was ignored）", locknote.Path(a.dbPath), stale)
	}
	return fmt.Errorf("%s\n(DuckDB: %v)", msg, cause)
}

// liveNote reads the lock note beside the database. stale says why a
// note found is not trusted: its process is gone, or its URL does not
// answer as that plangap server.
func (a *App) liveNote(ctx context.Context) (n locknote.Note, stale string, found bool) {
	if a.dbPath == ":memory:" {
		return n, "", false
	}
	n, err := locknote.Read(a.dbPath)
	if errors.Is(err, fs.ErrNotExist) {
		return n, "", false
	}
	if err != nil {
		return n, "无法读取 unreadable: " + err.Error(), true
	}
	if !n.ProcessAlive() {
		return n, fmt.Sprintf("进程 PID %d 已不在运行 process %d is gone", n.PID, n.PID), true
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	r := &remote{url: strings.TrimRight(n.URL, "/"), client: http.DefaultClient}
	info, err := r.info(ctx)
	if err != nil || info.PID != n.PID {
		return n, fmt.Sprintf("%s 无应答 does not answer as PID %d", n.URL, n.PID), true
	}
	return n, "", true
}

// staleNotice says, once a database opened, that a note beside it is left
// over from a server that is gone (killed, or crashed), and removes the
// note when its process no longer runs.
func (a *App) staleNotice(ctx context.Context) {
	n, stale, found := a.liveNote(ctx)
	if !found {
		return
	}
	if stale == "" {
		stale = fmt.Sprintf("服务器 PID %d 未持有数据库 server %d does not hold the database", n.PID, n.PID)
	}
	fmt.Fprintf(a.Stderr, "忽略过期的服务器说明 %s（%s） ignoring a stale server note\n", locknote.Path(a.dbPath), stale)
	if n.PID > 0 && !n.ProcessAlive() && locknote.Remove(a.dbPath, n.PID) == nil {
		fmt.Fprintf(a.Stderr, "已删除过期的服务器说明 removed the stale server note\n")
	}
}

// remote is a plangap server's API, read as a source.
type remote struct {
	url, token string
	client     *http.Client
}

// remoteError is an answer other than 200, with the server's message.
type remoteError struct {
	status int
	msg    string
}

func (e *remoteError) Error() string { return e.msg }

// ErrorCode keeps the server's meaning for the CLI's wording.
func (e *remoteError) ErrorCode() model.Code {
	switch e.status {
	case http.StatusNotFound:
		return model.NotFound
	case http.StatusBadRequest:
		return model.Invalid
	case http.StatusConflict:
		return model.Conflict
	}
	return ""
}

func (r *remote) do(req *http.Request, out any) error {
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return fmt.Errorf("服务器 %s 无应答 the server does not answer: %w", r.url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var body struct {
			Error    string         `json:"error"`
			Problems model.Problems `json:"problems"`
			Total    int            `json:"total"`
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
		if json.Unmarshal(b, &body) != nil || body.Error == "" {
			body.Error = strings.TrimSpace(string(b))
		}
		if len(body.Problems) > 0 {
			ps := body.Problems
			if more := body.Total - len(ps); more > 0 {
				ps = append(ps, model.Problem{More: more})
			}
			return ps
		}
		if resp.StatusCode == http.StatusUnauthorized {
			body.Error += "；请用 --token 或 PLANGAP_TOKEN 给出令牌 give a token with --token or PLANGAP_TOKEN"
		}
		return &remoteError{resp.StatusCode, body.Error}
	}
	if b, ok := out.(*[]byte); ok {
		var err error
		*b, err = io.ReadAll(resp.Body)
		return err
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (r *remote) get(ctx context.Context, path string, v url.Values, out any) error {
	u := r.url + path
	if len(v) > 0 {
		u += "?" + v.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	return r.do(req, out)
}

func (r *remote) info(ctx context.Context) (server.ServerInfo, error) {
	var info server.ServerInfo
	if err := r.get(ctx, "/api/server", nil, &info); err != nil {
		return info, err
	}
	if !info.Plangap {
		return info, errors.New("not a plangap server")
	}
	return info, nil
}

func (r *remote) Close() error { return nil }

// filterValues are a target filter as the API reads it.
func filterValues(f model.TargetFilter) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"region": f.Region, "plan": f.Plan, "department": f.Department, "id": f.ID} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Headline {
		v.Set("headline", "true")
	}
	return v
}

func asOfValue(at model.AsOf) string {
	switch {
	case at.Batch > 0:
		return strconv.Itoa(at.Batch)
	case !at.Time.IsZero():
		return at.Time.Format(time.RFC3339Nano)
	}
	return ""
}

// queryValues are a whole query as the API reads it (app.ParseQuery).
func queryValues(q app.Query) url.Values {
	v := filterValues(q.Filter)
	if s := asOfValue(q.AsOf); s != "" {
		v.Set("as_of", s)
	}
	if q.Config.Method != "" {
		v.Set("method", string(q.Config.Method))
	}
	if q.Config.Year != 0 {
		v.Set("year", strconv.Itoa(q.Config.Year))
	}
	if q.Config.Month != 0 {
		v.Set("month", strconv.Itoa(q.Config.Month))
	}
	for m, th := range q.Config.Thresholds {
		parts := make([]string, len(th))
		for i, x := range th {
			parts[i] = strconv.FormatFloat(x, 'g', -1, 64)
		}
		v.Set(string(m)+"-thresholds", strings.Join(parts, ","))
	}
	return v
}

// Analyse reads the query's inputs from the server and analyses them
// here, with the query's own options: the rows the local command gives.
// AnalyseEach analyses the server's inputs here, as Analyse does, and hands
// the rows to fn in order.
func (r *remote) AnalyseEach(ctx context.Context, q app.Query, fn func(*analysis.Row) error) error {
	a, err := r.Analyse(ctx, q)
	if err != nil {
		return err
	}
	for i := range a.Rows {
		if err := fn(&a.Rows[i]); err != nil {
			return err
		}
	}
	return nil
}

func (r *remote) Analyse(ctx context.Context, q app.Query) (*app.Analysis, error) {
	v := filterValues(q.Filter)
	if s := asOfValue(q.AsOf); s != "" {
		v.Set("as_of", s)
	}
	var ins []model.TargetSeries
	if err := r.get(ctx, "/api/inputs", v, &ins); err != nil {
		return nil, err
	}
	return app.AnalyseInputs(ins, q), nil
}

func (r *remote) Targets(ctx context.Context, f model.TargetFilter) ([]model.Target, error) {
	var js []app.TargetJSON
	if err := r.get(ctx, "/api/targets", filterValues(f), &js); err != nil {
		return nil, err
	}
	out := make([]model.Target, len(js))
	for i, j := range js {
		t, err := j.Target()
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

func (r *remote) Batches(ctx context.Context) ([]model.Batch, error) {
	var js []app.BatchJSON
	if err := r.get(ctx, "/api/batches", nil, &js); err != nil {
		return nil, err
	}
	out := make([]model.Batch, len(js))
	for i, j := range js {
		out[i] = j.Batch()
	}
	return out, nil
}

func (r *remote) ResolveIndicator(ctx context.Context, name string) (model.Indicator, error) {
	var j app.IndicatorJSON
	if err := r.get(ctx, "/api/indicators/"+url.PathEscape(name), nil, &j); err != nil {
		return model.Indicator{}, err
	}
	return j.Indicator(), nil
}

func (r *remote) actuals(ctx context.Context, path string, v url.Values, indicator string) ([]model.Actual, error) {
	var js []app.ActualJSON
	if err := r.get(ctx, path, v, &js); err != nil {
		return nil, err
	}
	out := make([]model.Actual, len(js))
	for i, j := range js {
		x, err := j.Actual()
		if err != nil {
			return nil, err
		}
		if x.Indicator == "" {
			x.Indicator = indicator
		}
		out[i] = x
	}
	return out, nil
}

func (r *remote) History(ctx context.Context, indicator, region string) ([]model.Actual, error) {
	v := url.Values{}
	if region != "" {
		v.Set("region", region)
	}
	return r.actuals(ctx, "/api/history/"+url.PathEscape(indicator), v, indicator)
}

func (r *remote) Actuals(ctx context.Context, region, indicator string, at model.AsOf) ([]model.Actual, error) {
	v := url.Values{}
	for k, s := range map[string]string{"region": region, "indicator": indicator, "as_of": asOfValue(at)} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return r.actuals(ctx, "/api/actuals", v, "")
}

func (r *remote) Revisions(ctx context.Context, region string) ([]model.Revision, error) {
	v := url.Values{}
	if region != "" {
		v.Set("region", region)
	}
	var revs []model.Revision
	err := r.get(ctx, "/api/revisions", v, &revs)
	return revs, err
}

func (r *remote) Plans(ctx context.Context) ([]model.Plan, error) {
	var js []server.PlanJSON
	if err := r.get(ctx, "/api/plans", nil, &js); err != nil {
		return nil, err
	}
	out := make([]model.Plan, len(js))
	for i, j := range js {
		out[i] = model.Plan{Code: j.Code, Region: j.Region, Title: j.Title, DocNo: j.DocNo, PeriodStart: j.PeriodStart,
			PeriodEnd: j.PeriodEnd, BaseYear: j.BaseYear, Parent: j.Parent}
	}
	return out, nil
}

// upload loads one file through POST /api/upload.
func (r *remote) upload(ctx context.Context, path string, o loadOptions) (server.UploadResult, error) {
	var res server.UploadResult
	data, err := os.ReadFile(path)
	if err != nil {
		return res, err
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"region": o.region, "source": o.source, "status": o.status} {
		if v != "" {
			mw.WriteField(k, v)
		}
	}
	for k, on := range map[string]bool{"illustrative": o.illustrative, "new_region": o.newRegion, "strict": o.strict} {
		if on {
			mw.WriteField(k, "true")
		}
	}
	fw, err := mw.CreateFormFile("file", filepath.Base(path))
	if err != nil {
		return res, err
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url+"/api/upload", &body)
	if err != nil {
		return res, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	err = r.do(req, &res)
	return res, err
}

// loadRemote loads a file through the server: one file, no sheet choice
// and no dry run, which the upload API does not offer.
func (a *App) loadRemote(ctx context.Context, r *remote, paths []string, o loadOptions) error {
	switch {
	case len(paths) != 1:
		return errors.New("通过服务器一次只能导入一个文件 through the server, load one file at a time (several files load in one transaction only without serve)")
	case o.sheet != "" || o.dryRun:
		return errors.New("通过服务器导入不支持 --sheet 和 --dry-run；请先停止 serve through the server, --sheet and --dry-run are not available: stop serve first")
	case r.token == "":
		return errors.New("通过服务器导入需要令牌：--token 或 PLANGAP_TOKEN loading through the server needs a token: --token or PLANGAP_TOKEN (plangap token create --role bureau, while serve is stopped)")
	}
	if o.status != model.Preliminary && o.status != model.Final {
		return fmt.Errorf("--status %q: 须为 preliminary（初步核算）或 final（最终核实） want preliminary or final", o.status)
	}
	res, err := r.upload(ctx, paths[0], o)
	if err != nil {
		return err
	}
	verb := "loaded as batch " + strconv.Itoa(res.Batch)
	switch {
	case res.Inserted+res.Revised == 0 && res.AlreadyLoaded > 0:
		verb = fmt.Sprintf("unchanged: every value is already stored (this file was loaded as batch %d); no revision created", res.AlreadyLoaded)
	case res.Inserted+res.Revised == 0:
		verb = "unchanged: every value is already stored; no revision created"
	}
	a.printf("%s (%s, through %s): %d values read, %d inserted, %d revised, %d unchanged — %s\n",
		res.File, res.Layout, r.url, res.Read, res.Inserted, res.Revised, res.Unchanged, verb)
	if o.quiet || len(res.PerIndicator) == 0 {
		return nil
	}
	tb := &table{header: []string{"indicator", "read", "inserted", "revised", "unchanged"}, right: map[int]bool{1: true, 2: true, 3: true, 4: true}}
	for _, is := range res.PerIndicator {
		tb.add(is.Indicator, strconv.Itoa(is.Read), strconv.Itoa(is.Inserted), strconv.Itoa(is.Revised), strconv.Itoa(is.Unchanged))
	}
	tb.writeText(a.Stdout)
	return nil
}

// writeLockNote leaves serve's note beside the database and returns what
// removes it; an in-memory database has none. A listener on every
// interface (0.0.0.0, ::) is reached on loopback.
func (a *App) writeLockNote(addr net.Addr) (func(), error) {
	if a.dbPath == ":memory:" {
		return func() {}, nil
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
		if ip.To4() == nil {
			host = "::1"
		}
	}
	n := locknote.Note{URL: "http://" + net.JoinHostPort(host, port), PID: os.Getpid(), Started: time.Now().UTC(),
		Version: PlangapVersion(), DB: locknote.Abs(a.dbPath)}
	if err := locknote.Write(a.dbPath, n); err != nil {
		// A database in a read-only directory is still served.
		fmt.Fprintf(a.Stderr, "警告：无法写服务器说明，其他命令需用 --server %s 连接 warning: could not write the server note (%v); other commands reach this server with --server %s\n", n.URL, err, n.URL)
		return func() {}, nil
	}
	return func() {
		if err := locknote.Remove(a.dbPath, n.PID); err != nil {
			fmt.Fprintf(a.Stderr, "删除服务器说明失败 could not remove the server note: %v\n", err)
		}
	}, nil
}
