package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

var errFill = errors.New("fill failed")

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names lists a directory, to show nothing was left behind.
func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteNewAndReplace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.html")
	if err := Write(p, writeString("first")); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, writeString("second")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, p); got != "second" {
		t.Errorf("content %q, want second", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"report.html"}) {
		t.Errorf("directory holds %v, want only report.html", got)
	}
}

func TestFailedWriteKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "gap.csv")
	os.WriteFile(p, []byte("old content"), 0o640)
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half a new fi")
		return errFill
	})
	if !errors.Is(err, errFill) {
		t.Fatalf("error %v, want the fill error", err)
	}
	if got := read(t, p); got != "old content" {
		t.Errorf("old file now holds %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"gap.csv"}) {
		t.Errorf("temporary file left behind: %v", got)
	}
	// A failed first write leaves no file at all, not an empty one.
	q := filepath.Join(dir, "new.csv")
	if err := Write(q, func(io.Writer) error { return errFill }); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(q); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("failed write left %s: %v", q, err)
	}
}

func TestKeepsPermissions(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(p, []byte("a"), 0o600)
	if err := Write(p, writeString("b")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(p)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", info.Mode().Perm())
	}
}

func TestSymlinkStaysALink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "report.html")
	os.Mkdir(filepath.Dir(real), 0o755)
	os.WriteFile(real, []byte("old"), 0o644)
	link := filepath.Join(dir, "latest.html")
	if err := os.Symlink("data/report.html", link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(link)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("link replaced by a file: %v %v", info.Mode(), err)
	}
	if got := read(t, real); got != "new" {
		t.Errorf("linked file holds %q, want new", got)
	}
	// A failed write through the link leaves both the link and the file.
	if err := Write(link, func(io.Writer) error { return errFill }); err == nil {
		t.Fatal("no error")
	}
	if got := read(t, link); got != "new" {
		t.Errorf("after a failed write the link reads %q", got)
	}
	if got := names(t, filepath.Dir(real)); !slices.Equal(got, []string{"report.html"}) {
		t.Errorf("temporary file left behind: %v", got)
	}
}

func TestDirectoryRefused(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, writeString("x")); err == nil {
		t.Fatal("writing over a directory succeeded")
	}
}

// TestDeviceIsNeverRemoved is the regression for "chart --out /dev/full
// deleted the device node": a write to a full device fails and the node,
// and the rest of /dev, stay as they were.
func TestDeviceIsNeverRemoved(t *testing.T) {
	before, err := os.Stat("/dev/full")
	if err != nil {
		t.Skip("no /dev/full here")
	}
	devBefore := names(t, "/dev")
	err = Write("/dev/full", writeString("a chart"))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %v, want no space left on device", err)
	}
	after, err := os.Stat("/dev/full")
	if err != nil {
		t.Fatalf("/dev/full is gone: %v", err)
	}
	if after.Mode() != before.Mode() || after.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("/dev/full mode %v, was %v", after.Mode(), before.Mode())
	}
	if devAfter := names(t, "/dev"); !slices.Equal(devAfter, devBefore) {
		t.Errorf("/dev changed: before %v, after %v", devBefore, devAfter)
	}
	// A symlink to the device is followed to the device, not replaced.
	link := filepath.Join(t.TempDir(), "out.png")
	os.Symlink("/dev/null", link)
	if err := Write(link, writeString("x")); err != nil {
		t.Errorf("write through a link to /dev/null: %v", err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link to /dev/null replaced: %v", err)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("/dev/null damaged: %v", err)
	}
}

func TestFIFOWrittenStraight(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string)
	go func() {
		b, _ := os.ReadFile(p)
		got <- string(b)
	}()
	if err := Write(p, writeString("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("reader got %q", s)
	}
	if info, err := os.Lstat(p); err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("FIFO replaced: %v", err)
	}
}
