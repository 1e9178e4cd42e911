package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plangap/plangap/app"
	"github.com/plangap/plangap/locknote"
)

// serveEnv names the database TestRemoteServeHelper serves when the test
// binary is run again as a server process.
const serveEnv = "PLANGAP_TEST_SERVE_DB"

// TestRemoteServeHelper is not a test: run by TestRemoteGap as a separate
// process (DuckDB's lock is per process), it serves the database named by
// $PLANGAP_TEST_SERVE_DB until interrupted.
func TestRemoteServeHelper(t *testing.T) {
	db := os.Getenv(serveEnv)
	if db == "" {
		t.Skip("run by TestRemoteGap")
	}
	if err := Run(context.Background(), []string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, os.Stdout, os.Stderr); err != nil {
		t.Fatal(err)
	}
}

// TestRemoteGap runs "plangap gap" in-process while another process
// serves the database: the CLI finds the server through its lock note and
// prints, in every format, what the local command prints on a copy of the
// database, and its JSON rows are the rows of GET /api/gap. A command
// that cannot go through the API says who holds the database. Stopping
// the server removes the note.
func TestRemoteGap(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, cp := filepath.Join(dir, "p.duckdb"), filepath.Join(dir, "copy.duckdb")
	svc, err := app.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.LoadExamples(ctx); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	copyFile(t, db, cp)

	srv := exec.Command(os.Args[0], "-test.run=^TestRemoteServeHelper$", "-test.count=1")
	srv.Env = append(os.Environ(), serveEnv+"="+db)
	srvOut, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer srvOut.Close()
	srv.Stdout, srv.Stderr = srvOut, srvOut
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			srv.Process.Signal(os.Interrupt)
			srv.Wait()
		}
	}
	defer stop()
	note := waitForNote(t, db, srv.Process.Pid, srvOut.Name())

	for _, format := range []string{"table", "csv", "json"} {
		var remoteOut, remoteErr, localOut bytes.Buffer
		if err := Run(ctx, []string{"--db", db, "gap", "--format", format}, &remoteOut, &remoteErr); err != nil {
			t.Fatalf("gap --format %s beside the server: %v", format, err)
		}
		if !strings.Contains(remoteErr.String(), "PID "+strconv.Itoa(note.PID)) || !strings.Contains(remoteErr.String(), note.URL) {
			t.Errorf("gap beside the server does not say it goes through the server: %q", remoteErr.String())
		}
		if err := Run(ctx, []string{"--db", cp, "gap", "--format", format}, &localOut, io.Discard); err != nil {
			t.Fatal(err)
		}
		if remoteOut.String() != localOut.String() {
			t.Errorf("gap --format %s through the server differs from the local command:\n%s\nlocal:\n%s", format, remoteOut.String(), localOut.String())
		}
		if format != "json" {
			continue
		}
		resp, err := http.Get(note.URL + "/api/gap")
		if err != nil {
			t.Fatal(err)
		}
		api, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var cliRows, apiRows []map[string]any
		if err := json.Unmarshal(remoteOut.Bytes(), &cliRows); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(api, &apiRows); err != nil {
			t.Fatal(err)
		}
		if len(cliRows) != 117 || !reflect.DeepEqual(cliRows, apiRows) {
			t.Errorf("gap JSON: %d rows through the CLI, %d from /api/gap, equal %v; want the same 117",
				len(cliRows), len(apiRows), reflect.DeepEqual(cliRows, apiRows))
		}
		// The rows are the data's: 常住人口城镇化率 (target 9) is 44.6 in
		// 2024 in the example yearbook table, its latest year.
		for _, r := range cliRows {
			if r["target_id"] == "9" && (r["actual"] != "44.6" || r["year"] != 2024.0) {
				t.Errorf("target 9 through the server: actual %v in %v, want 44.6 in 2024", r["actual"], r["year"])
			}
		}
	}

	// A command that cannot go through the API names the server.
	err = Run(ctx, []string{"--db", db, "token", "create"}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "plangap serve") || !strings.Contains(err.Error(), strconv.Itoa(note.PID)) ||
		!strings.Contains(err.Error(), note.URL) || !strings.Contains(err.Error(), "Ctrl-C") {
		t.Errorf("token create beside the server: %v", err)
	}

	stop()
	if _, err := locknote.Read(db); !errors.Is(err, fs.ErrNotExist) {
		log, _ := os.ReadFile(srvOut.Name())
		t.Errorf("the note outlives the server: %v\n%s", err, log)
	}
}

// waitForNote waits for the server process's lock note.
func waitForNote(t *testing.T, db string, pid int, log string) locknote.Note {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if n, err := locknote.Read(db); err == nil && n.PID == pid {
			if n.DB != locknote.Abs(db) || !strings.HasPrefix(n.URL, "http://127.0.0.1:") || n.Started.IsZero() {
				t.Fatalf("note %+v", n)
			}
			return n
		}
		time.Sleep(50 * time.Millisecond)
	}
	out, _ := os.ReadFile(log)
	t.Fatalf("no lock note from the server process:\n%s", out)
	return locknote.Note{}
}

// TestStaleNoteIgnored checks that a note left by a server that is gone
// (killed) is ignored, said so, and removed.
func TestStaleNoteIgnored(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.duckdb")
	// PIDs on Linux stay below 2^22: no process has this one.
	if err := locknote.Write(db, locknote.Note{URL: "http://127.0.0.1:1", PID: 1 << 30, Started: time.Now()}); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := Run(context.Background(), []string{"--db", db, "targets", "--headline", "--format", "csv"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "stale") || !strings.Contains(errOut.String(), strconv.Itoa(1<<30)) {
		t.Errorf("no word of the stale note: %q", errOut.String())
	}
	if !strings.Contains(out.String(), "\n1,冠县,万人高价值发明专利拥有量,multiple,") {
		t.Errorf("targets --headline beside a stale note:\n%s", out.String())
	}
	if _, err := locknote.Read(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale note kept: %v", err)
	}
}
