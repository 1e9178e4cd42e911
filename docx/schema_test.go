package docx

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPartsValidateAgainstSchemas checks every XML part against the
// ECMA-376 transitional schemas, which is what makes Word refuse a file
// ("unreadable content") when an element is out of order. The schemas are
// not shipped here: set PLANGAP_OOXML_XSD to a folder holding wml.xsd,
// opc-contentTypes.xsd, opc-relationships.xsd, opc-coreProperties.xsd,
// shared-documentPropertiesExtended.xsd and their imports; xmllint
// (libxml2-utils) must be installed.
func TestPartsValidateAgainstSchemas(t *testing.T) {
	xsd := os.Getenv("PLANGAP_OOXML_XSD")
	if xsd == "" {
		t.Skip("PLANGAP_OOXML_XSD not set: parts not validated against the OOXML schemas")
	}
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint (libxml2-utils) not installed")
	}
	// A second document with what the report does not use: no title or
	// header, an empty contents field, a level-3 heading, a landscape
	// section first and a styled table ending the body.
	d := New(Options{FooterText: "冠县统计局"})
	d.TOC()
	d.Landscape(func() {
		d.Heading(3, "1.细目")
		d.Banner("示例数据")
		d.Table(Table{Rows: [][]string{{"a", "1"}, {MergeUp, "2"}}, Style: func(r, c int, _ string) CellStyle {
			return CellStyle{Fill: "EEEEEE", Color: "333333", Bold: r == 0}
		}})
	})
	d.Note("注：示例。")
	d.Table(Table{Header: [][]string{{"x", MergeLeft}}, Rows: [][]string{{"1", "2"}}})
	var other bytes.Buffer
	if _, err := d.WriteTo(&other); err != nil {
		t.Fatal(err)
	}
	for i, doc := range [][]byte{buildReport(t), other.Bytes()} {
		validate(t, xmllint, xsd, doc, fmt.Sprintf("document %d", i+1))
	}
}

func validate(t *testing.T, xmllint, xsd string, docx []byte, label string) {
	dir := t.TempDir()
	for name, data := range unzip(t, docx) {
		if strings.HasPrefix(name, "word/media/") {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		schema := "wml.xsd"
		switch {
		case name == "[Content_Types].xml":
			schema = "opc-contentTypes.xsd"
		case strings.HasSuffix(name, ".rels"):
			schema = "opc-relationships.xsd"
		case name == "docProps/core.xml":
			schema = "opc-coreProperties.xsd"
		case name == "docProps/app.xml":
			schema = "shared-documentPropertiesExtended.xsd"
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join(xsd, schema), path).CombinedOutput()
		if err != nil {
			t.Errorf("%s: %s does not validate against %s: %v\n%s", label, name, schema, err, out)
		}
	}
}
