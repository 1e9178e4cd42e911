package charts

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/labels"
)

// Theme carries the language, the fonts and the palette every chart uses.
type Theme struct {
	Lang     string // "zh" or "en"
	FontPath string // the CJK font used, for messages
	typeface font.Typeface
	variant  font.Variant
	handler  text.Handler
	fonts    *font.Cache

	// Preliminary, when set, says whether a figure is preliminary
	// (初步核算): trajectories mark such points and the progress chart
	// puts † after the target's name.
	Preliminary func(indicator, region string, year int) bool
}

// NewTheme prepares a theme. lang "zh" needs a CJK font: fontPath, else
// $PLANGAP_FONT, else an installed one; without one it returns
// ErrNoCJKFont. lang "en" uses gonum's bundled Liberation fonts.
func NewTheme(lang, fontPath string) (*Theme, error) {
	switch lang {
	case "en":
		cache := font.NewCache(liberation.Collection())
		return &Theme{Lang: "en", typeface: "Liberation", variant: "Sans", handler: text.Plain{Fonts: cache}, fonts: cache}, nil
	case "zh", "":
	default:
		return nil, fmt.Errorf("unknown --lang %q (want zh or en)", lang)
	}
	path, family, err := FindCJKFont(fontPath)
	if err != nil {
		return nil, err
	}
	face, name, err := loadFace(path, family)
	if err != nil {
		return nil, err
	}
	cache := font.NewCache(cjkCollection(face, name))
	return &Theme{Lang: "zh", FontPath: path, typeface: font.Typeface(name), handler: text.Plain{Fonts: cache}, fonts: cache}, nil
}

// Zh reports whether labels are Chinese.
func (th *Theme) Zh() bool { return th.Lang == "zh" }

// T picks the Chinese or English wording.
func (th *Theme) T(zh, en string) string {
	if th.Zh() {
		return zh
	}
	return en
}

// L is a wording from package labels in the theme's language.
func (th *Theme) L(t labels.Text) string { return t.In(th.Lang) }

// font returns the theme's font at a size.
func (th *Theme) font(size vg.Length) font.Font {
	return font.Font{Typeface: th.typeface, Variant: th.variant, Size: size}
}

// newPlot makes a plot whose every text uses the theme's font.
func (th *Theme) newPlot() *plot.Plot {
	p := plot.New()
	// Every figure draws on a white page: a plot's own white background
	// would paint every pixel again.
	p.BackgroundColor = nil
	p.TextHandler = th.handler
	p.Title.TextStyle.Handler = th.handler
	p.Title.TextStyle.Font = th.font(11)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Handler = th.handler
		a.Label.TextStyle.Font = th.font(9)
		a.Tick.Label.Handler = th.handler
		a.Tick.Label.Font = th.font(8)
	}
	p.Legend.TextStyle.Handler = th.handler
	p.Legend.TextStyle.Font = th.font(8)
	return p
}

// textStyle is a free text style in the theme's font.
func (th *Theme) textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: th.font(size), Handler: th.handler}
}

// StatusLabel is a status's wording in the theme's language.
func (th *Theme) StatusLabel(s analysis.Status) string { return labels.Status(s, th.Lang) }

// MethodLabel is a method's name in the theme's language.
func (th *Theme) MethodLabel(m analysis.Method) string { return labels.Method(m, th.Lang) }

// MethodShort is a method's short name, for chart titles.
func (th *Theme) MethodShort(m analysis.Method) string { return labels.MethodShort(m, th.Lang) }

// Text prepares free text from the data (region names, sources) for the
// theme's fonts: without a CJK font, Chinese characters cannot be drawn,
// so they are dropped rather than shown as empty boxes.
func (th *Theme) Text(s string) string {
	if th.Zh() {
		return s
	}
	out := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(out), " ")
}

// Okabe–Ito, a palette colour-blind readers can tell apart, with grey for
// "not assessable". Statuses are ranked best to worst and every method's
// statuses take the colours of their rank, so one palette serves all
// charts.
var (
	okabeGreen  = color.RGBA{0x00, 0x9E, 0x73, 0xff}
	okabeBlue   = color.RGBA{0x00, 0x72, 0xB2, 0xff}
	okabeSky    = color.RGBA{0x56, 0xB4, 0xE9, 0xff}
	okabeOrange = color.RGBA{0xE6, 0x9F, 0x00, 0xff}
	okabeRed    = color.RGBA{0xD5, 0x5E, 0x00, 0xff}
	okabePurple = color.RGBA{0xCC, 0x79, 0xA7, 0xff}
	grey        = color.RGBA{0x99, 0x99, 0x99, 0xff}
	ink         = color.RGBA{0x22, 0x22, 0x22, 0xff}
)

// toneColor colours a status by its tone, whatever its method: a new
// method needs no colours of its own.
var toneColor = map[analysis.Tone]color.RGBA{
	analysis.ToneAchieved: okabeGreen, analysis.ToneAhead: okabeBlue, analysis.ToneOnTrack: okabeSky,
	analysis.ToneBehind: okabeOrange, analysis.ToneAway: okabeRed, analysis.ToneFailed: okabePurple,
	analysis.ToneUnknown: grey,
}

// StatusColor is the palette colour of a status.
func StatusColor(s analysis.Status) color.Color {
	if t, ok := analysis.Tones[s]; ok {
		return toneColor[t]
	}
	return grey
}
