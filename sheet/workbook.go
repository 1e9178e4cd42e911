package sheet

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// workbook is an XLSX package: its parts, and a budget of bytes it may
// still unzip, counted while inflating (a zip's declared sizes may lie).
type workbook struct {
	zr    *zip.Reader
	parts map[string]*zip.File // by lower-case name
	left  int64
	limit int64
}

// errTooBig is wrapped by reads past the unzip budget.
var errTooBig = errors.New("unzips to more bytes than the limit (a zip bomb?)")

func newWorkbook(zr *zip.Reader, limit int64) *workbook {
	w := &workbook{zr: zr, parts: map[string]*zip.File{}, left: limit, limit: limit}
	for _, f := range zr.File {
		w.parts[strings.ToLower(f.Name)] = f
	}
	return w
}

func (w *workbook) has(name string) bool { return w.parts[strings.ToLower(name)] != nil }

// open opens a part whose bytes count against budget.
func (w *workbook) open(name string, budget *int64) (io.ReadCloser, error) {
	f := w.parts[strings.ToLower(name)]
	if f == nil {
		return nil, fmt.Errorf("no part %s", name)
	}
	if f.UncompressedSize64 > uint64(*budget) {
		return nil, fmt.Errorf("%s: %w", name, errTooBig)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &budgetReader{rc: rc, left: budget, name: name, compressed: int64(f.CompressedSize64)}, nil
}

// decode unmarshals a small metadata part, counting it against the
// workbook's budget.
func (w *workbook) decode(name string, v any) error {
	rc, err := w.open(name, &w.left)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// budgetReader counts the bytes inflated and fails past the budget, or
// as soon as a part inflates beyond maxRatio times its compressed size:
// worksheet XML compresses about ten to one, a zip bomb a thousand to one,
// so a bomb is caught after a few megabytes whatever the budget.
type budgetReader struct {
	rc         io.ReadCloser
	left       *int64
	name       string
	compressed int64
	inflated   int64
}

// maxRatio and ratioAfter: a part may inflate to 100× its compressed size
// once past 16 MiB (small parts of repeated text may compress better).
const (
	maxRatio   = 100
	ratioAfter = 16 << 20
)

func (b *budgetReader) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	*b.left -= int64(n)
	b.inflated += int64(n)
	if *b.left < 0 || (b.inflated > ratioAfter && b.inflated > maxRatio*max(b.compressed, 1)) {
		return n, fmt.Errorf("%s: %w", b.name, errTooBig)
	}
	return n, err
}

func (b *budgetReader) Close() error { return b.rc.Close() }

// relationships is an OPC .rels part.
type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// relation is one relationship: its target part and the last segment of
// its type (officeDocument, worksheet, chartsheet, styles …).
type relation struct{ target, kind string }

// rels reads the relationships of part (xl/workbook.xml →
// xl/_rels/workbook.xml.rels), with targets resolved to part names.
func (w *workbook) rels(part string) (map[string]relation, map[string]string, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	byID, byType := map[string]relation{}, map[string]string{}
	if !w.has(name) {
		return byID, byType, nil
	}
	var r relationships
	if err := w.decode(name, &r); err != nil {
		return nil, nil, err
	}
	for _, rel := range r.Rels {
		target := rel.Target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		byID[rel.ID] = relation{target: target, kind: path.Base(rel.Type)}
		byType[path.Base(rel.Type)] = target
	}
	return byID, byType, nil
}

// sheetEntry is one sheet as listed in the workbook.
type sheetEntry struct {
	name, state, part string
	chart             bool // a chart sheet: no cells
}

type workbookXML struct {
	Sheets []struct {
		Name  string     `xml:"name,attr"`
		State string     `xml:"state,attr"`
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"sheets>sheet"`
}

// sheets lists the workbook's sheets in order, with the parts for shared
// strings and styles ("" when absent).
func (w *workbook) sheets() (list []sheetEntry, shared, styles string, err error) {
	_, root, err := w.rels("")
	if err != nil {
		return nil, "", "", err
	}
	book := root["officeDocument"]
	if book == "" {
		book = "xl/workbook.xml"
	}
	var wb workbookXML
	if err := w.decode(book, &wb); err != nil {
		return nil, "", "", err
	}
	byID, byType, err := w.rels(book)
	if err != nil {
		return nil, "", "", err
	}
	for i, s := range wb.Sheets {
		part, chart := "", false
		for _, a := range s.Attrs {
			// r:id, in whichever namespace (transitional or strict).
			if a.Name.Local == "id" && a.Name.Space != "" {
				rel := byID[a.Value]
				part, chart = rel.target, rel.kind == "chartsheet"
			}
		}
		if !chart && (part == "" || !w.has(part)) {
			// Some writers leave out the relationships: fall back on
			// the conventional name.
			part = "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml"
		}
		list = append(list, sheetEntry{name: s.Name, state: s.State, part: part, chart: chart})
	}
	if len(list) == 0 {
		return nil, "", "", errors.New("the workbook lists no sheets")
	}
	shared, styles = byType["sharedStrings"], byType["styles"]
	if shared == "" && w.has("xl/sharedStrings.xml") {
		shared = "xl/sharedStrings.xml"
	}
	if styles == "" && w.has("xl/styles.xml") {
		styles = "xl/styles.xml"
	}
	return list, shared, styles, nil
}

// sharedStrings reads the shared string table. Rich-text runs are joined;
// phonetic guides (<rPh>) are not part of the text.
func (w *workbook) sharedStrings(name string) ([]string, error) {
	if name == "" || !w.has(name) {
		return nil, nil
	}
	rc, err := w.open(name, &w.left)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	scan := newXMLScan(rc, 1<<20)
	var (
		out      []string
		buf      []byte
		inT      bool
		phonetic int
	)
	for {
		tok, err := scan.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		switch tok.kind {
		case tokStart:
			switch string(tok.name) {
			case "si":
				buf = buf[:0]
				if tok.self {
					out = append(out, "")
				}
			case "t":
				inT = phonetic == 0 && !tok.self
			case "rPh":
				if !tok.self {
					phonetic++
				}
			}
		case tokEnd:
			switch string(tok.name) {
			case "si":
				out = append(out, string(buf))
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case tokText:
			if inT {
				buf = append(buf, tok.text...)
			}
		}
	}
}

type styleSheetXML struct {
	NumFmts []struct {
		ID   int    `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID int `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// styles returns, for each cell style index (a cell's s attribute), what
// its number format makes of a number.
func (w *workbook) styles(name string) ([]fmtKind, error) {
	if name == "" || !w.has(name) {
		return nil, nil
	}
	var ss styleSheetXML
	if err := w.decode(name, &ss); err != nil {
		return nil, err
	}
	custom := map[int]string{}
	for _, f := range ss.NumFmts {
		custom[f.ID] = f.Code
	}
	kinds := make([]fmtKind, len(ss.CellXfs))
	for i, xf := range ss.CellXfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			kinds[i] = customKind(code)
		} else {
			kinds[i] = builtinKind(xf.NumFmtID)
		}
	}
	return kinds, nil
}
