package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/charts"
	"github.com/plangap/plangap/server"
)

// TestCLIAndAPIGiveTheSameJSON runs the same queries through the command
// line and the HTTP API on one database: both go through app, so the
// answers must be the same, field for field.
func TestCLIAndAPIGiveTheSameJSON(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	if _, err := run(t, "--db", db, "run", "--out", dir); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		cli []string
		api string
	}{
		{[]string{"gap", "--format", "json"}, "/api/gap"},
		{[]string{"gap", "--format", "json", "--method", "eurostat", "--year", "2024", "--region", "冠县"}, "/api/gap?method=eurostat&year=2024&region=冠县"},
		{[]string{"gap", "--format", "json", "--method", "dns", "--dns-thresholds", "0.1,0.3", "--as-of", "1"}, "/api/gap?method=dns&dns-thresholds=0.1,0.3&as_of=1"},
		{[]string{"gap", "--format", "json", "--band", "10", "--month", "4"}, "/api/gap?band=10&month=4"},
		{[]string{"targets", "--format", "json"}, "/api/targets"},
		{[]string{"actuals", "--format", "json"}, "/api/actuals"},
		{[]string{"actuals", "--format", "json", "--indicator", "retail_sales", "--as-of", "1"}, "/api/actuals?indicator=retail_sales&as_of=1"},
	}
	var cliOut []string
	for _, c := range cases {
		out, err := run(t, append([]string{"--db", db}, c.cli...)...)
		if err != nil {
			t.Fatalf("%v: %v", c.cli, err)
		}
		cliOut = append(cliOut, out)
	}
	svc, err := app.Open(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	th, _ := charts.NewTheme("en", "")
	ts := httptest.NewServer((&server.Server{Store: svc, Theme: th}).Handler())
	defer ts.Close()
	for i, c := range cases {
		resp, err := ts.Client().Get(ts.URL + c.api)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var fromCLI, fromAPI any
		if err := json.Unmarshal([]byte(cliOut[i]), &fromCLI); err != nil {
			t.Fatalf("%v: %v", c.cli, err)
		}
		if err := json.Unmarshal(body, &fromAPI); err != nil {
			t.Fatalf("%s: %v: %s", c.api, err, body)
		}
		if !reflect.DeepEqual(fromCLI, fromAPI) {
			t.Errorf("%v and %s differ:\nCLI %.400s\nAPI %.400s", c.cli, c.api, cliOut[i], body)
		}
	}
}
