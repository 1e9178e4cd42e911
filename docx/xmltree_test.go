package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// node is a parsed XML element, enough to query the parts in tests.
type node struct {
	name xml.Name
	attr []xml.Attr
	kids []*node
	text string // character data directly inside
}

func parseXML(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name, attr: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(t)
		}
	}
	if len(root.kids) != 1 {
		return nil, io.ErrUnexpectedEOF
	}
	return root.kids[0], nil
}

// all returns n's descendants named local in namespace space, document order.
func (n *node) all(space, local string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, k := range m.kids {
			if k.name.Local == local && k.name.Space == space {
				out = append(out, k)
			}
			walk(k)
		}
	}
	walk(n)
	return out
}

func (n *node) first(space, local string) *node {
	if a := n.all(space, local); len(a) > 0 {
		return a[0]
	}
	return nil
}

func (n *node) get(space, local string) string {
	for _, a := range n.attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// wtext is the text of n's w:t elements joined.
func (n *node) wtext() string {
	var b strings.Builder
	for _, t := range n.all(nsW, "t") {
		b.WriteString(t.text)
	}
	return b.String()
}

// unzip reads every part of a .docx.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
	}
	return parts
}

func mustParse(t *testing.T, parts map[string][]byte, name string) *node {
	t.Helper()
	data, ok := parts[name]
	if !ok {
		t.Fatalf("part %s missing", name)
	}
	n, err := parseXML(data)
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	return n
}
