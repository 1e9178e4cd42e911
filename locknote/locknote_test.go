package locknote

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteReadRemove(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.duckdb")
	want := Note{URL: "http://127.0.0.1:8080", PID: os.Getpid(), Started: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), Version: "v1", DB: db}
	if err := Write(db, want); err != nil {
		t.Fatal(err)
	}
	got, err := Read(db)
	if err != nil || got != want {
		t.Fatalf("Read = %+v, %v; want %+v", got, err, want)
	}
	if !got.ProcessAlive() {
		t.Error("our own process is not alive")
	}
	// Another process's note stays.
	if err := Remove(db, os.Getpid()+1); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(db); err != nil {
		t.Fatalf("note of another process removed: %v", err)
	}
	if err := Remove(db, os.Getpid()); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(db); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("after Remove: %v", err)
	}
	if err := Remove(db, os.Getpid()); err != nil {
		t.Fatalf("Remove without a note: %v", err)
	}
}

func TestDeadProcess(t *testing.T) {
	if (Note{PID: 0}).ProcessAlive() {
		t.Error("PID 0 alive")
	}
	// PIDs are below 2^22 on Linux; this one cannot exist.
	if (Note{PID: 1 << 30}).ProcessAlive() {
		t.Error("PID 2^30 alive")
	}
}
