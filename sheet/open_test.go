package sheet

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Things that are not regular files are refused before they are opened:
// opening a FIFO would block, /dev/zero would never end.
func TestOpenRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.csv")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	} else {
		sock = ""
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	paths := []string{"/dev/zero", fifo, dir, link}
	if sock != "" {
		paths = append(paths, sock)
	}
	for _, p := range paths {
		done := make(chan error, 1)
		go func() {
			_, err := Open(p, Options{})
			done <- err
		}()
		select {
		case err := <-done:
			want := "“" + p + "”不是普通文件 not a regular file: " + p
			if err == nil || err.Error() != want {
				t.Errorf("Open(%s): %v, want %q", p, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Open(%s) hangs", p)
		}
	}
	if _, err := Open(filepath.Join(dir, "missing.csv"), Options{}); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
}

func TestOpenFiles(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(csvPath, []byte(yearbookCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	rows, err := Open(csvPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb, err := readAll(t, rows)
	if err != nil {
		t.Fatal(err)
	}
	wantTexts(t, tb, yearbookWant)
	if info := rows.Info(); info.File != csvPath || info.Encoding != "UTF-8" {
		t.Errorf("info %+v", info)
	}
	if err := rows.Close(); err != nil {
		t.Error(err)
	}

	xlsxPath := filepath.Join(dir, "b.xlsx")
	if err := os.WriteFile(xlsxPath, yearbookBook(t), 0o600); err != nil {
		t.Fatal(err)
	}
	rows, err = Open(xlsxPath, Options{Sheet: "数据"})
	if err != nil {
		t.Fatal(err)
	}
	tb, err = readAll(t, rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.texts) != 6 || tb.texts[3][1] != "41234.56" {
		t.Errorf("workbook read as %q", tb.texts)
	}
	if err := rows.Close(); err != nil {
		t.Error(err)
	}
}

// The actuals package's bad files that are bad at the sheet level are
// refused here with the words its expectations look for.
func TestActualsBadFiles(t *testing.T) {
	for file, want := range map[string]string{
		"bom-with-gbk.csv":    "byte-order mark",
		"utf16.csv":           "neither UTF-8 nor GBK",
		"nul-byte.csv":        "NUL bytes",
		"latin1.csv":          "neither UTF-8 nor GBK",
		"binary-garbage.csv":  "neither UTF-8 nor GBK",
		"gzip-named-csv.csv":  "neither UTF-8 nor GBK",
		"truncated.xlsx":      "not a readable XLSX workbook",
		"not-a-zip.xlsx":      "not a readable XLSX workbook",
		"zip-bomb.xlsx":       "not a readable XLSX workbook",
		"truncated-real.xlsx": "not a readable XLSX workbook",
		// The line cap is met before the cell's end is: the message
		// names the row and the cap, not the cell's full length.
		"ten-mb-cell.csv": "row 2: a line longer than 1048576 bytes",
	} {
		path := filepath.Join("..", "actuals", "testdata", "bad", file)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("no %s: %v", path, err)
		}
		rows, err := Open(path, Options{})
		if err == nil {
			_, err = readAll(t, rows)
			rows.Close()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want it to contain %q", file, err, want)
		}
	}
	// A formula written with its "=" (and no cached value) is reported
	// without it, for the caller to refuse.
	rows, err := Open(filepath.Join("..", "actuals", "testdata", "bad", "formula-cell.xlsx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	rows.Next()
	r, err := rows.Next()
	if err != nil || r.Num != 2 || len(r.Cells) != 4 || r.Cells[2].Formula != "1000+460" || r.Cells[2].Text != "" || r.Cells[1].Text != "2023" {
		t.Errorf("formula-cell.xlsx row 2: %v %+v", err, r)
	}
}
