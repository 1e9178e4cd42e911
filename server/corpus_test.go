package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"
)

// upload posts a file to /api/upload as the bureau would.
func uploadTo(t *testing.T, h http.Handler, tok, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	body, ctype := multipartBody([][2]string{{"status", "final"}}, name, data)
	req := httptest.NewRequest("POST", "/api/upload", body)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestUploadBadCorpus sends every malformed file of actuals/testdata/bad
// through the upload API: each is refused with 422 and its problems, and
// the database dumps identically afterwards.
func TestUploadBadCorpus(t *testing.T) {
	srv, h, tok := handlerServer(t)
	ctx := context.Background()
	before, err := srv.Store.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../actuals/testdata/bad/*")
	n := 0
	for _, path := range files {
		name := filepath.Base(path)
		if name == "expect.txt" {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n++
		rec := uploadTo(t, h, tok, name, data)
		var resp struct {
			Problems []map[string]any `json:"problems"`
		}
		json.Unmarshal(rec.Body.Bytes(), &resp)
		if rec.Code != http.StatusUnprocessableEntity || len(resp.Problems) == 0 {
			t.Errorf("%s: status %d, %d problems: %.200s", name, rec.Code, len(resp.Problems), rec.Body.String())
		}
	}
	if n < 50 {
		t.Errorf("the bad corpus has %d files, want at least 50", n)
	}
	if after, _ := srv.Store.Dump(ctx); after != before {
		t.Error("the database changed while refusing bad uploads")
	}
}

// TestUploadOddCorpus sends every unusual-but-valid file of
// actuals/testdata/odd through the upload API into a fresh database and
// checks that exactly the expected values are stored.
func TestUploadOddCorpus(t *testing.T) {
	want := map[string][]string{}
	data, err := os.ReadFile("../actuals/testdata/odd/expect.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		want[f[0]] = append(want[f[0]], f[1]+"/"+f[2]+"/"+f[3]+"="+f[4])
	}
	for name, exp := range want {
		srv, h, tok := handlerServer(t)
		file, err := os.ReadFile(filepath.Join("../actuals/testdata/odd", name))
		if err != nil {
			t.Fatal(err)
		}
		if rec := uploadTo(t, h, tok, name, file); rec.Code != http.StatusOK {
			t.Errorf("%s: status %d: %.300s", name, rec.Code, rec.Body.String())
			continue
		}
		xs, err := srv.Store.Actuals(context.Background(), "", "", model.AsOf{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range xs {
			got = append(got, x.Indicator+"/"+x.Region+"/"+strconv.Itoa(x.Year)+"="+x.Value.String())
		}
		sort.Strings(got)
		sort.Strings(exp)
		if strings.Join(got, " ") != strings.Join(exp, " ") {
			t.Errorf("%s stored %v, want %v", name, got, exp)
		}
	}
}
