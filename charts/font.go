package charts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
)

// FontEnv names the environment variable that overrides the CJK font.
const FontEnv = "PLANGAP_FONT"

// ErrNoCJKFont means no font that covers Chinese was found.
var ErrNoCJKFont = errors.New("no CJK font found: install one (Debian/Ubuntu: apt-get install fonts-noto-cjk; " +
	"Fedora: google-noto-sans-cjk-fonts; macOS and Windows ship one), or name a .ttf/.otf/.ttc file with --font or " + FontEnv +
	", or draw English labels with --lang en")

// candidates are the CJK fonts that also cover Latin, by file, in order
// of preference; the family picks the right member of a .ttc collection.
var candidates = []struct{ glob, family string }{
	{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"},
	{"/usr/share/fonts/**/NotoSansCJK*Regular*.tt?", "Noto Sans CJK SC"},
	{"/usr/share/fonts/**/NotoSansCJKsc-Regular.otf", "Noto Sans CJK SC"},
	{"/usr/share/fonts/**/SourceHanSans*Regular*.tt?", "Source Han Sans SC"},
	{"/usr/share/fonts/**/SourceHanSansSC-Regular.otf", "Source Han Sans SC"},
	{"/usr/share/fonts/**/wqy-zenhei.ttc", "WenQuanYi Zen Hei"},
	{"/System/Library/Fonts/PingFang.ttc", "PingFang SC"},
	{"/System/Library/Fonts/Hiragino Sans GB.ttc", "Hiragino Sans GB"},
	{"C:/Windows/Fonts/msyh.ttc", "Microsoft YaHei"},
	{"C:/Windows/Fonts/msyh.ttf", "Microsoft YaHei"},
}

// FindCJKFont returns the path of a CJK font and the family to take from
// it: the explicit path if given, else $PLANGAP_FONT, else the first
// installed candidate.
func FindCJKFont(explicit string) (path, family string, err error) {
	if explicit == "" {
		explicit = os.Getenv(FontEnv)
	}
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", "", fmt.Errorf("font %s: %w", explicit, err)
		}
		return explicit, "", nil
	}
	for _, c := range candidates {
		for _, p := range glob(c.glob) {
			return p, c.family, nil
		}
	}
	return "", "", ErrNoCJKFont
}

// glob expands one ** level, enough for the fonts directories.
func glob(pattern string) []string {
	if !strings.Contains(pattern, "**") {
		m, _ := filepath.Glob(pattern)
		return m
	}
	root, rest, _ := strings.Cut(pattern, "**")
	var out []string
	filepath.WalkDir(filepath.Clean(root), func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		m, _ := filepath.Glob(filepath.Join(p, strings.TrimPrefix(rest, "/")))
		out = append(out, m...)
		return nil
	})
	return out
}

// faces holds the fonts parsed in this process, by path and family: a
// CJK collection is 20 MB, read and parsed once however many themes are
// made (the server makes one per language).
var faces sync.Map // faceFile → parsedFace

type faceFile struct{ path, family string }

type parsedFace struct {
	f    *opentype.Font
	name string
}

// loadFace parses a font file once per process; see parseFace.
func loadFace(path, family string) (*opentype.Font, string, error) {
	k := faceFile{path, family}
	if v, ok := faces.Load(k); ok {
		p := v.(parsedFace)
		return p.f, p.name, nil
	}
	f, name, err := parseFace(path, family)
	if err == nil {
		faces.Store(k, parsedFace{f, name})
	}
	return f, name, err
}

// parseFace parses a font file. For a collection (.ttc) it takes the member
// whose family name is family (or, with family empty, the first member
// whose name ends in SC, else the first).
func parseFace(path, family string) (*opentype.Font, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	coll, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, "", fmt.Errorf("font %s: %w", path, err)
	}
	var buf sfnt.Buffer
	pick, name := -1, ""
	for i := 0; i < coll.NumFonts(); i++ {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		fam, _ := f.Name(&buf, sfnt.NameIDFamily)
		if family != "" && fam == family || family == "" && strings.HasSuffix(fam, " SC") {
			pick, name = i, fam
			break
		}
		if pick < 0 {
			pick, name = i, fam
		}
	}
	if pick < 0 {
		return nil, "", fmt.Errorf("font %s: no usable font in the file", path)
	}
	f, err := coll.Font(pick)
	if err != nil {
		return nil, "", err
	}
	// Check it really covers Chinese: 中 (U+4E2D) must have a glyph.
	if gi, err := f.GlyphIndex(&buf, '中'); err != nil || gi == 0 {
		return nil, "", fmt.Errorf("font %s (%s) has no Chinese glyphs", path, name)
	}
	return f, name, nil
}

// cjkCollection wraps the face as a gonum/plot font collection.
func cjkCollection(f *opentype.Font, typeface string) font.Collection {
	return font.Collection{{Font: font.Font{Typeface: font.Typeface(typeface)}, Face: f}}
}
