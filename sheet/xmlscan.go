package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScan tokenizes the XML of worksheet and shared-string parts. It is a
// hand-written replacement for encoding/xml's tokenizer, which is about
// ten times slower on sheet XML (it allocates for every name and
// attribute); those parts use only elements, attributes, text, entity and
// character references, and rarely CDATA or comments. A document type
// declaration is refused (no XLSX writer produces one: it would only
// serve entity tricks).
type xmlScan struct {
	r    *bufio.Reader
	max  int    // longest token accepted
	acc  []byte // a token that spans more than the buffer
	text []byte // decoded text
	tag  bool   // the next token is a tag: its '<' has been read
}

type tokKind uint8

const (
	tokText tokKind = iota
	tokStart
	tokEnd
)

// token is one piece of XML; its slices are valid until the next call.
type token struct {
	kind  tokKind
	name  []byte // local name, without any namespace prefix
	attrs []byte // a start tag's attributes, raw
	self  bool   // a start tag that is also its end (<c r="A1"/>)
	text  []byte // text, entity references decoded
}

var errTokenTooLong = errors.New("an XML token longer than the limit")

func newXMLScan(r io.Reader, max int) *xmlScan {
	return &xmlScan{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// until returns the input up to and including delim, valid until the next
// call.
func (s *xmlScan) until(delim byte) ([]byte, error) {
	b, err := s.r.ReadSlice(delim)
	if err != bufio.ErrBufferFull {
		return b, err
	}
	s.acc = append(s.acc[:0], b...)
	for {
		b, err = s.r.ReadSlice(delim)
		s.acc = append(s.acc, b...)
		if len(s.acc) > s.max {
			return nil, errTokenTooLong
		}
		if err != bufio.ErrBufferFull {
			return s.acc, err
		}
	}
}

// next returns the next token, or io.EOF at the end of the input.
func (s *xmlScan) next() (token, error) {
	if !s.tag {
		b, err := s.until('<')
		if err == io.EOF {
			if len(b) > 0 && len(bytes.TrimSpace(b)) > 0 {
				return token{}, io.ErrUnexpectedEOF
			}
			return token{}, io.EOF
		}
		if err != nil {
			return token{}, err
		}
		s.tag = true
		if len(b) > 1 {
			text, err := s.decode(b[:len(b)-1])
			if err != nil {
				return token{}, err
			}
			return token{kind: tokText, text: text}, nil
		}
	}
	s.tag = false
	t, err := s.until('>')
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return token{}, err
	}
	t = t[:len(t)-1]
	if len(t) == 0 {
		return token{}, errors.New("empty tag")
	}
	switch t[0] {
	case '/':
		return token{kind: tokEnd, name: localName(bytes.TrimSpace(t[1:]))}, nil
	case '?':
		if err := s.finish(t, "?"); err != nil {
			return token{}, err
		}
		return s.next()
	case '!':
		switch {
		case bytes.HasPrefix(t, []byte("!--")):
			if err := s.finish(t, "--"); err != nil {
				return token{}, err
			}
			return s.next()
		case bytes.HasPrefix(t, []byte("![CDATA[")):
			acc := append([]byte(nil), t...)
			for !bytes.HasSuffix(acc, []byte("]]")) {
				more, err := s.until('>')
				if err != nil {
					return token{}, fmt.Errorf("unclosed CDATA: %w", err)
				}
				acc = append(append(acc, '>'), more[:len(more)-1]...)
				if len(acc) > s.max {
					return token{}, errTokenTooLong
				}
			}
			return token{kind: tokText, text: acc[len("![CDATA[") : len(acc)-2]}, nil
		}
		return token{}, errors.New("a document type declaration (not allowed in a workbook)")
	}
	// A '>' inside a quoted attribute value does not end the tag.
	if openQuote(t) {
		acc := append([]byte(nil), t...)
		for openQuote(acc) {
			more, err := s.until('>')
			if err != nil {
				return token{}, fmt.Errorf("unclosed tag: %w", err)
			}
			acc = append(append(acc, '>'), more[:len(more)-1]...)
			if len(acc) > s.max {
				return token{}, errTokenTooLong
			}
		}
		t = acc
	}
	tok := token{kind: tokStart}
	if t[len(t)-1] == '/' {
		tok.self = true
		t = t[:len(t)-1]
	}
	end := 0
	for end < len(t) && !isSpace(t[end]) {
		end++
	}
	tok.name, tok.attrs = localName(t[:end]), t[end:]
	return tok, nil
}

// finish reads on until the tag t (without '>') ends with suffix.
func (s *xmlScan) finish(t []byte, suffix string) error {
	for !bytes.HasSuffix(t, []byte(suffix)) {
		more, err := s.until('>')
		if err != nil {
			return err
		}
		t = more[:len(more)-1]
	}
	return nil
}

// openQuote reports whether a tag's text ends inside a quoted value.
func openQuote(t []byte) bool {
	var q byte
	for _, c := range t {
		switch {
		case q != 0 && c == q:
			q = 0
		case q == 0 && (c == '"' || c == '\''):
			q = c
		}
	}
	return q != 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// trimSpace drops leading XML white space.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// eachAttr calls fn for each attribute of a start tag, with its local
// name and its value (entity references decoded).
func (s *xmlScan) eachAttr(raw []byte, fn func(name, value []byte)) error {
	for {
		raw = trimSpace(raw)
		if len(raw) == 0 {
			return nil
		}
		eq := bytes.IndexByte(raw, '=')
		if eq < 0 {
			return fmt.Errorf("attribute %q has no value", raw)
		}
		name := localName(bytes.TrimSpace(raw[:eq]))
		raw = trimSpace(raw[eq+1:])
		if len(raw) == 0 || (raw[0] != '"' && raw[0] != '\'') {
			return fmt.Errorf("attribute %s: unquoted value", name)
		}
		end := bytes.IndexByte(raw[1:], raw[0])
		if end < 0 {
			return fmt.Errorf("attribute %s: unclosed value", name)
		}
		value := raw[1 : 1+end]
		if bytes.IndexByte(value, '&') >= 0 {
			v, err := decodeEntities(nil, value)
			if err != nil {
				return err
			}
			value = v
		}
		fn(name, value)
		raw = raw[2+end:]
	}
}

// attrString returns one attribute's value, or "".
func (s *xmlScan) attrString(raw []byte, local string) string {
	out := ""
	s.eachAttr(raw, func(name, value []byte) {
		if string(name) == local {
			out = string(value)
		}
	})
	return out
}

// decode returns text with entity references decoded, valid until the
// next call.
func (s *xmlScan) decode(b []byte) ([]byte, error) {
	if bytes.IndexByte(b, '&') < 0 {
		return b, nil
	}
	var err error
	s.text, err = decodeEntities(s.text[:0], b)
	return s.text, err
}

// decodeEntities appends b to dst with the five predefined entities and
// character references replaced.
func decodeEntities(dst, b []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...), nil
		}
		dst = append(dst, b[:i]...)
		b = b[i+1:]
		j := bytes.IndexByte(b, ';')
		if j < 0 {
			return nil, errors.New("an unterminated entity reference")
		}
		ent := string(b[:j])
		b = b[j+1:]
		switch ent {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var n uint64
			var err error
			switch {
			case len(ent) > 2 && (ent[:2] == "#x" || ent[:2] == "#X"):
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			case len(ent) > 1 && ent[0] == '#':
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			default:
				err = errors.New("unknown")
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return nil, fmt.Errorf("entity reference &%s;", ent)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
}
