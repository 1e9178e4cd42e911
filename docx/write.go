package docx

import (
	"archive/zip"
	"io"
	"time"
)

// writePackage writes the parts into a zip. [Content_Types].xml comes first,
// as Word writes it; some readers sniff for it there.
func (d *Document) writePackage(w io.Writer) error {
	z := zip.NewWriter(w)
	modified := d.opt.Created
	if modified.IsZero() {
		// A fixed time keeps the output the same from run to run.
		modified = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	put := func(name string, data []byte) error {
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	parts := []struct {
		name string
		xml  string
	}{
		{"[Content_Types].xml", d.contentTypesXML()},
		{"_rels/.rels", packageRelsXML},
		{"docProps/core.xml", d.coreXML()},
		{"docProps/app.xml", appXML},
		{"word/document.xml", d.documentXML()},
		{"word/_rels/document.xml.rels", d.documentRelsXML()},
		{"word/styles.xml", d.stylesXML()},
		{"word/settings.xml", settingsXML},
		{"word/fontTable.xml", d.fontTableXML()},
		{"word/footer1.xml", d.footerXML()},
	}
	if d.hasHeader() {
		parts = append(parts,
			struct{ name, xml string }{"word/header1.xml", d.headerXML(portrait)},
			struct{ name, xml string }{"word/header2.xml", d.headerXML(landscape)})
	}
	for _, p := range parts {
		if err := put(p.name, []byte(p.xml)); err != nil {
			return err
		}
	}
	for _, m := range d.media {
		if err := put("word/media/"+m.name, m.data); err != nil {
			return err
		}
	}
	return z.Close()
}
