package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sampleBytes is how much of a text file decides its encoding and
// delimiter.
const sampleBytes = 64 << 10

// Encodings as reported in Info.Encoding.
const (
	encUTF8    = "UTF-8"
	encUTF8BOM = "UTF-8 (BOM)"
	encGBK     = "GBK/GB18030"
	encUTF16LE = "UTF-16LE"
	encUTF16BE = "UTF-16BE"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	// replacement is U+FFFD in UTF-8: the decoders write it for a byte
	// sequence that is not valid in their encoding.
	replacement = []byte("\uFFFD")
)

// encoding is what detectEncoding decided: a name for Info, how many
// bytes of byte-order mark to skip, and a decoder to UTF-8 (nil for UTF-8
// itself).
type encoding struct {
	name    string
	skip    int
	decoder transform.Transformer
}

// detectEncoding decides a text file's encoding from its first bytes.
// whole says the sample is the entire file (so a multi-byte character cut
// at its end is an error, not the sample's edge). Chinese offices write
// UTF-8 (often behind a BOM), GBK from Excel on Chinese Windows (GB18030
// is its superset and decodes both), or UTF-16LE from Excel's “Unicode
// text” export.
func detectEncoding(name string, sample []byte, whole bool) (encoding, error) {
	switch {
	case bytes.HasPrefix(sample, bomUTF8):
		if !validUTF8Prefix(sample[len(bomUTF8):], whole) {
			return encoding{}, fmt.Errorf("“%s”以UTF-8字节顺序标记开头，但内容不是UTF-8（GBK文本前加了BOM？），请重新保存为UTF-8或GBK %s: the file starts with a UTF-8 byte-order mark but is not UTF-8 (GBK text behind a BOM?): save it again as UTF-8 or GBK", name, name)
		}
		return encoding{name: encUTF8BOM, skip: len(bomUTF8)}, nil
	case bytes.HasPrefix(sample, bomUTF16LE), bytes.HasPrefix(sample, bomUTF16BE):
		enc := encoding{name: encUTF16LE, decoder: unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()}
		if sample[0] == 0xFE {
			enc = encoding{name: encUTF16BE, decoder: unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()}
		}
		if !decodesCleanly(enc.decoder, sample, whole) {
			return encoding{}, fmt.Errorf("“%s”以UTF-16字节顺序标记开头，但不是有效的UTF-16文本 %s: the file starts with a UTF-16 byte-order mark but is not valid UTF-16 text (and neither UTF-8 nor GBK)", name, name)
		}
		enc.decoder.Reset()
		return enc, nil
	case validUTF8Prefix(sample, whole):
		return encoding{name: encUTF8}, nil
	}
	dec := simplifiedchinese.GB18030.NewDecoder()
	if !decodesCleanly(dec, sample, whole) {
		return encoding{}, fmt.Errorf("“%s”既不是UTF-8也不是GBK文本 %s: the file is neither UTF-8 nor GBK/GB18030 text", name, name)
	}
	dec.Reset()
	return encoding{name: encGBK, decoder: dec}, nil
}

// validUTF8Prefix reports whether b is UTF-8, allowing a character cut at
// the end when b is only the start of the file.
func validUTF8Prefix(b []byte, whole bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if whole {
		return false
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			// Only a cut character may be missing: its first byte is a
			// lead byte within the last three.
			return !utf8.FullRune(b[len(b)-cut:])
		}
	}
	return false
}

// decodesCleanly reports whether the decoder turns sample into text
// without a replacement character.
func decodesCleanly(dec transform.Transformer, sample []byte, whole bool) bool {
	dst := make([]byte, 3*len(sample)+16)
	n, _, err := dec.Transform(dst, sample, whole)
	if err != nil && !(errors.Is(err, transform.ErrShortSrc) && !whole) {
		return false
	}
	return !bytes.Contains(dst[:n], replacement)
}

// decodedSample returns the sample as UTF-8 text for the delimiter sniff;
// a character cut at the end is dropped.
func decodedSample(enc encoding, sample []byte) []byte {
	sample = sample[enc.skip:]
	if enc.decoder == nil {
		return sample
	}
	dst := make([]byte, 3*len(sample)+16)
	n, _, _ := enc.decoder.Transform(dst, sample, false)
	enc.decoder.Reset()
	return dst[:n]
}

// textStream returns r decoded to UTF-8 with any byte-order mark skipped.
func textStream(enc encoding, r io.Reader) (io.Reader, error) {
	if enc.skip > 0 {
		if _, err := io.CopyN(io.Discard, r, int64(enc.skip)); err != nil {
			return nil, err
		}
	}
	if enc.decoder == nil {
		return r, nil
	}
	return transform.NewReader(r, enc.decoder), nil
}
