package docx

import (
	"fmt"
	"strings"
)

// chineseFontNames pairs the Chinese and English names of the fonts
// government documents use. Word and WPS look a font up by either name; the
// other one goes in w:altName so a machine that knows only one still finds it.
var chineseFontNames = map[string]string{
	"宋体":        "SimSun",
	"黑体":        "SimHei",
	"仿宋":        "FangSong",
	"楷体":        "KaiTi",
	"仿宋_GB2312": "FangSong_GB2312",
	"楷体_GB2312": "KaiTi_GB2312",
	"微软雅黑":      "Microsoft YaHei",
	"方正小标宋简体":   "FZXiaoBiaoSong-B05S",
}

func altFontName(name string) (alt string, chinese bool) {
	if en, ok := chineseFontNames[name]; ok {
		return en, true
	}
	for zh, en := range chineseFontNames {
		if strings.EqualFold(en, name) {
			return zh, true
		}
	}
	return "", false
}

// fontTableXML lists the document's fonts with their character set (86 =
// GB2312) and other name.
func (d *Document) fontTableXML() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:fonts xmlns:w="` + nsW + `">`)
	seen := map[string]bool{}
	for _, name := range []string{d.opt.LatinFont, d.opt.Font, d.opt.HeadingFont} {
		if seen[name] {
			continue
		}
		seen[name] = true
		fmt.Fprintf(&b, `<w:font w:name="%s">`, esc(name))
		alt, chinese := altFontName(name)
		if alt != "" {
			fmt.Fprintf(&b, `<w:altName w:val="%s"/>`, esc(alt))
		}
		if chinese {
			b.WriteString(`<w:charset w:val="86"/><w:family w:val="auto"/>`)
		} else {
			b.WriteString(`<w:charset w:val="00"/><w:family w:val="roman"/>`)
		}
		b.WriteString(`<w:pitch w:val="variable"/></w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}
