package docx

import "math"

// Lengths in WordprocessingML are twips (1/20 pt) for layout and EMU
// (English Metric Units) for drawings.
const (
	twipsPerCm = 1440 / 2.54
	emuPerCm   = 360000
	emuPerTwip = 635
)

func twips(cm float64) int { return int(math.Round(cm * twipsPerCm)) }

// pageGeometry is one section's page: A4 with margins 2.54 cm top and bottom
// and 3.17 cm left and right (Word's defaults for Chinese documents); the
// landscape page turns the margins with the paper, as Word does.
type pageGeometry struct {
	w, h                     int // page size, twips
	top, right, bottom, left int // margins, twips
	landscape                bool
}

var (
	portrait  = pageGeometry{w: 11906, h: 16838, top: 1440, right: 1797, bottom: 1440, left: 1797}
	landscape = pageGeometry{w: 16838, h: 11906, top: 1797, right: 1440, bottom: 1797, left: 1440, landscape: true}
)

// textWidth and textHeight are the area inside the margins, twips.
func (g pageGeometry) textWidth() int  { return g.w - g.left - g.right }
func (g pageGeometry) textHeight() int { return g.h - g.top - g.bottom }

// Header and footer distances from the paper's edge: 1.5 cm and 1.75 cm.
const (
	headerDistance = 851
	footerDistance = 992
)
