package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Options tune a reader. The zero value reads the first visible sheet with
// the default caps.
type Options struct {
	// Sheet is an XLSX sheet's name or 1-based position (hidden sheets
	// count); "" means the first visible sheet.
	Sheet string
	// MaxLineBytes caps a CSV line (a quoted multi-line record counts as
	// one): 0 means DefaultMaxLineBytes.
	MaxLineBytes int
	// MaxCellBytes caps one cell's text: 0 means DefaultMaxCellBytes.
	MaxCellBytes int
	// MaxXLSXBytes caps the bytes a workbook may unzip to: 0 means
	// DefaultMaxXLSXBytes.
	MaxXLSXBytes int64
}

// The default caps. No statistics table comes near them; files past them
// are hostile or not tables, and are refused before they exhaust memory.
const (
	DefaultMaxLineBytes       = 1 << 20
	DefaultMaxCellBytes       = 64 << 10
	DefaultMaxXLSXBytes int64 = 4 << 30 // Excel's 1,048,576 rows stream well within it; bombs are caught by their ratio
)

func (o Options) withDefaults() Options {
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = DefaultMaxLineBytes
	}
	if o.MaxCellBytes <= 0 {
		o.MaxCellBytes = DefaultMaxCellBytes
	}
	if o.MaxXLSXBytes <= 0 {
		o.MaxXLSXBytes = DefaultMaxXLSXBytes
	}
	return o
}

// Open reads the table in the file at path. Anything that is not a regular
// file (a directory, a FIFO, /dev/zero, a socket) is refused before it is
// opened: opening a FIFO blocks until a writer comes, /dev/zero never ends.
// The format is decided from the bytes: XLSX, or CSV/TSV text.
func Open(path string, opt Options) (Rows, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取“%s” cannot read %s: %w", path, path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("无法打开“%s” cannot open %s: %w", path, path, err)
	}
	// The path may have been swapped between Stat and Open.
	if fi, err = f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path)
	}
	rows, err := open(path, f, f, fi.Size(), f, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	return rows, nil
}

func notRegular(path string) error {
	return fmt.Errorf("“%s”不是普通文件 not a regular file: %s", path, path)
}

// Read reads a table held in memory, such as an upload. name is used in
// messages and as a hint: a name ending in .xlsx must be a workbook.
func Read(name string, data []byte, opt Options) (Rows, error) {
	r := bytes.NewReader(data)
	return open(name, r, r, int64(len(data)), nil, opt)
}

var (
	zipMagic  = []byte("PK\x03\x04")
	oleMagic  = []byte{0xD0, 0xCF, 0x11, 0xE0}
	gzipMagic = []byte{0x1F, 0x8B}
)

// open decides the format from the first bytes and starts the matching
// reader. r must be positioned at the start of the data; closer, if not
// nil, is closed with the rows.
func open(name string, ra io.ReaderAt, r io.Reader, size int64, closer io.Closer, opt Options) (Rows, error) {
	opt = opt.withDefaults()
	head := make([]byte, 8)
	n, err := ra.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("无法读取“%s” cannot read %s: %w", name, name, err)
	}
	head = head[:n]
	lower := strings.ToLower(name)
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return openXLSX(name, ra, size, closer, opt)
	case bytes.HasPrefix(head, oleMagic):
		return nil, fmt.Errorf("“%s”：这是Excel 97-2003 (.xls)文件，请另存为.xlsx %s: an Excel 97-2003 .xls file: save it as .xlsx", name, name)
	case strings.HasSuffix(lower, ".xlsx") || strings.HasSuffix(lower, ".xlsm"):
		return nil, fmt.Errorf("“%s”不是可读的XLSX工作簿（不是zip文件）%s: not a readable XLSX workbook (not a zip archive)", name, name)
	case bytes.HasPrefix(head, gzipMagic):
		return nil, fmt.Errorf("“%s”是gzip压缩文件，请先解压 %s: a gzip-compressed file, neither UTF-8 nor GBK text: decompress it first", name, name)
	}
	return openText(name, ra, r, size, closer, opt)
}
