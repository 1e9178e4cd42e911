package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/plangap/plangap/model"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plangap/plangap/store"
)

// bin is the plangap binary, built once for every test in this package.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "plangap-bin")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "plangap")
	if out, err := exec.Command("go", "build", "-tags", "plangap_crashtest", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// bigCSV writes n long-format rows over one indicator and many regions.
func bigCSV(t *testing.T, dir string, n int) string {
	var b bytes.Buffer
	b.WriteString("指标,地区,年份,数值,单位\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "5G基站数量,R%06d,%d,%d,个\n", i/10, 2016+i%10, 100+i%977)
	}
	p := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCrashMidLoad kills a loading process with SIGKILL inside its
// transaction, then checks that the database opens, holds nothing of the
// killed batch, and takes the same load again.
func TestCrashMidLoad(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.duckdb")
	if out, err := exec.Command(bin, "--db", db, "init").CombinedOutput(); err != nil {
		t.Fatalf("init: %v %s", err, out)
	}
	const n = 200_000
	file := bigCSV(t, dir, n)
	marker := filepath.Join(dir, "at-commit")
	cmd := exec.Command(bin, "--db", db, "load", file, "--quiet", "--new-region")
	cmd.Env = append(os.Environ(), "PLANGAP_TEST_HOLD_COMMIT="+marker)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the load never reached its commit")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("the database does not open after the crash: %v", err)
	}
	bs, _ := s.Batches(ctx)
	xs, _ := s.Actuals(ctx, "", "", model.AsOf{})
	plans, _ := s.Plans(ctx)
	s.Close()
	if len(bs) != 0 || len(xs) != 0 {
		t.Errorf("the killed batch is visible: %d batches, %d values", len(bs), len(xs))
	}
	if len(plans) != 1 {
		t.Errorf("the plan was lost: %d plans", len(plans))
	}
	out, err := exec.Command(bin, "--db", db, "load", file, "--quiet", "--new-region").CombinedOutput()
	if err != nil || !strings.Contains(string(out), fmt.Sprintf("%d inserted", n)) {
		t.Errorf("the load after the crash: %v\n%s", err, out)
	}
}

// TestExitCodes: errors give a non-zero exit and a message on stderr.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("指标,年份,数值\n5G基站数量,2023,abc\n"), 0o644)
	cmd := exec.Command(bin, "--db", filepath.Join(dir, "p.duckdb"), "load", bad)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() == 0 {
		t.Errorf("bad load exited %v", err)
	}
	if !strings.Contains(stderr.String(), "bad.csv 第2行“数值”列 row 2 column 数值") {
		t.Errorf("stderr: %s", stderr.String())
	}
	if out, err := exec.Command(bin, "--help").CombinedOutput(); err != nil || !strings.Contains(string(out), "时序进度") && !strings.Contains(string(out), "规划") {
		t.Errorf("--help: %v %s", err, out)
	}
}
