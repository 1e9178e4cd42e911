package docx

import (
	"strings"
	"unicode/utf8"
)

// clean drops what XML 1.0 cannot carry: control characters other than tab,
// newline and carriage return, surrogates, U+FFFE/U+FFFF and bytes that are
// not UTF-8. Text from yearbook cells sometimes holds such bytes (a stray
// \x0b from an Excel line break); Word refuses the whole file if one of them
// reaches document.xml, so they are removed rather than escaped.
func clean(s string) string {
	ok := true
	for i, r := range s {
		if !allowed(r) || (r == utf8.RuneError && isBadByte(s, i)) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError && isBadByte(s, i) {
			continue
		}
		if allowed(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isBadByte(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

func allowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// esc makes s safe as XML character data or as an attribute value in double
// quotes, after dropping characters XML forbids.
func esc(s string) string {
	s = clean(s)
	if !strings.ContainsAny(s, `&<>"'`+"\t\n\r") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
