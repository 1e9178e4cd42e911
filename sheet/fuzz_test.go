package sheet

import (
	"io"
	"strings"
	"testing"
)

// FuzzReadText reads arbitrary bytes as text: no panic, no hang, rows in
// order, and no cell or line past its cap.
func FuzzReadText(f *testing.F) {
	for _, s := range []string{
		yearbookCSV,
		"a,b\n1,\"x\n2,3\n",
		"a;b\r\"c;d\";\"e\"\"f\"\rg;h",
		"\"a\n\nb\",1\n2,3",
		"\xEF\xBB\xBFa\tb\n1\t2\n",
		"\xFF\xFEa\x00,\x00b\x00\n\x00",
		"x,\"\"\"\n\"\"\",y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := Read("fuzz.csv", data, Options{MaxLineBytes: 4096, MaxCellBytes: 512})
		if err != nil {
			return
		}
		defer rows.Close()
		last := 0
		for {
			r, err := rows.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				if !strings.Contains(err.Error(), "fuzz.csv") {
					t.Fatalf("error without the file name: %v", err)
				}
				break
			}
			if r.Num <= last {
				t.Fatalf("row %d after row %d", r.Num, last)
			}
			last = r.Num
			for _, c := range r.Cells {
				if len(c.Text) > 512 {
					t.Fatalf("cell of %d bytes passed the cap", len(c.Text))
				}
			}
		}
		rows.Info()
	})
}

// FuzzReadXLSX mutates the sheet XML of a small workbook.
func FuzzReadXLSX(f *testing.F) {
	f.Add(handSheet)
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B3"/></mergeCells></worksheet>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		rows, err := Read("fuzz.xlsx", handBook(t, sheet), Options{})
		if err != nil {
			return
		}
		defer rows.Close()
		for n := 0; n < 1e6; n++ {
			r, err := rows.Next()
			if err != nil {
				return
			}
			if len(r.Cells) > maxColumns {
				t.Fatalf("%d cells", len(r.Cells))
			}
		}
	})
}
