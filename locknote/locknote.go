// Package locknote is the note a running "plangap serve" leaves beside its
// database (<db>.serve.json): DuckDB lets one process hold the file, and the
// note tells the other plangap commands which server holds it, so they can
// go through its API or say who holds the database.
package locknote

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/plangap/plangap/atomicfile"
)

// Note says which server holds a database.
type Note struct {
	URL     string    `json:"url"`     // where its API answers, e.g. http://127.0.0.1:8080
	PID     int       `json:"pid"`     // the serving process
	Started time.Time `json:"started"` // when it began serving
	Version string    `json:"version"` // plangap's version
	DB      string    `json:"db"`      // the database's absolute path
}

// Path is the note's file for the database at db.
func Path(db string) string { return db + ".serve.json" }

// Write puts the note beside db, atomically: a reader sees the old note
// or the new one, never half of one.
func Write(db string, n Note) error {
	b, err := json.MarshalIndent(n, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(Path(db), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// Read returns the note beside db; an error wrapping fs.ErrNotExist when
// there is none.
func Read(db string) (Note, error) {
	b, err := os.ReadFile(Path(db))
	if err != nil {
		return Note{}, err
	}
	var n Note
	if err := json.Unmarshal(b, &n); err != nil {
		return Note{}, fmt.Errorf("%s: %w", Path(db), err)
	}
	return n, nil
}

// Remove deletes the note beside db if process pid wrote it: a server
// that exits must not remove the note of another that took over.
func Remove(db string, pid int) error {
	n, err := Read(db)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && n.PID != pid {
		return nil
	}
	if err := os.Remove(Path(db)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// ProcessAlive reports whether the note's process still runs.
func (n Note) ProcessAlive() bool { return n.PID > 0 && alive(n.PID) }

// Abs makes db absolute for a note; the path as given when that fails.
func Abs(db string) string {
	if p, err := filepath.Abs(db); err == nil {
		return p
	}
	return db
}
