// Package atomicfile writes output files so that a failed write never
// destroys what was there: the new content goes to a temporary file in the
// same directory, is synced, and only then renamed over the old name.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxLinks bounds how many symlinks Write follows, as the kernel does.
const maxLinks = 40

// Write writes path with what fill writes, atomically.
//
// A regular file (or a new name) is replaced only after fill succeeded and
// the data reached the disk; on any error the old file is left untouched
// and the temporary file removed. A symlink is followed, and the file it
// points to is replaced, so the link stays a link. A path that exists and
// is not a regular file (a device such as /dev/stdout or /dev/null, a
// FIFO) is written straight into: such a node is never created, renamed
// over or removed.
func Write(path string, fill func(w io.Writer) error) error {
	target, info, err := resolve(path)
	if err != nil {
		return err
	}
	if info != nil && info.IsDir() {
		return fmt.Errorf("write %s: is a directory", path)
	}
	if info != nil && !info.Mode().IsRegular() {
		return writeInPlace(target, fill)
	}
	mode := fs.FileMode(0o644)
	if info != nil {
		mode = info.Mode().Perm()
	}
	return replace(target, mode, fill)
}

// resolve follows symlinks from path to the name that should be written,
// and returns what is there now (nil info when nothing is).
func resolve(path string) (string, fs.FileInfo, error) {
	for range maxLinks {
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil, nil
		}
		if err != nil {
			return "", nil, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return path, info, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", nil, err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", nil, fmt.Errorf("write %s: too many levels of symbolic links", path)
}

// writeInPlace writes into an existing special file without creating,
// truncating through rename, or removing anything.
func writeInPlace(path string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// replace writes a temporary file beside path and renames it over path.
func replace(path string, mode fs.FileMode, fill func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("write %s: %w", path, err)
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	// Sync before rename: otherwise a crash can leave the new name
	// pointing at an empty file.
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename itself durable. Some file systems refuse to
// sync a directory; the data are safe either way, so that is not an error.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
