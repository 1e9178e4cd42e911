package actuals

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// The fast path. A long file of a million values spends its time on the
// few things every row repeats: the same labels, years, regions and plain
// numbers such as 543.6902 in the indicator's own unit. Those are decided
// here once per distinct text, or without decimal arithmetic; anything
// else (a unit to convert, a percentage, a bound crossed, a full-width
// digit …) takes the general path, which words the problem. The fast path
// never decides differently from the general one; it only decides sooner.

// fastPath is switched off by the test that compares both paths.
var fastPath = true

// fastScale is the storage scale (DECIMAL(38,10)): a plain number with at
// most 8 integer digits and 10 decimals is an exact int64 at this scale.
const fastScale = 10

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

// plainDecimal reads -?digits(.digits)? with at most 8 integer and 10
// decimal digits: the coefficient and the number of decimals.
func plainDecimal(s string) (coef int64, decimals int, ok bool) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	start, point := i, -1
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			coef = coef*10 + int64(c-'0')
		case c == '.' && point < 0:
			point = i
		default:
			return 0, 0, false
		}
		if point < 0 && i-start >= 8 || point >= 0 && i-point > fastScale {
			return 0, 0, false // too long for the int64 at scale 10
		}
	}
	switch {
	case i == start, point == start, point == len(s)-1:
		return 0, 0, false // no digits, .5 or 5.: the general path reads them
	case point >= 0:
		decimals = len(s) - point - 1
	}
	if neg {
		coef = -coef
	}
	return coef, decimals, true
}

// fastIndicator is what the fast path needs of an indicator, worked out
// once per file.
type fastIndicator struct {
	ind model.Indicator
	ok  bool // a quantity whose unit converts to itself unchanged
	// bare: a value without a unit is in the indicator's unit (no other
	// unit of the same kind exists).
	bare           bool
	min, max       int64 // bounds at fastScale
	hasMin, hasMax bool
}

func (p *parser) fastIndicator(code string) *fastIndicator {
	if fi, ok := p.fastInds[code]; ok {
		return fi
	}
	ind := p.opt.Indicators[code]
	fi := &fastIndicator{ind: ind}
	p.fastInds[code] = fi
	if ind.Unit == "" {
		return fi // a milestone
	}
	one := decimal.NewFromInt(1)
	if v, err := model.Convert(one, ind.Unit, ind.Unit); err != nil || !v.Equal(one) {
		return fi
	}
	fi.bare = !model.Ambiguous(ind.Unit)
	var ok1, ok2 bool
	fi.min, fi.hasMin, ok1 = scaledBound(ind.Min)
	fi.max, fi.hasMax, ok2 = scaledBound(ind.Max)
	fi.ok = ok1 && ok2
	return fi
}

// scaledBound is a bound at fastScale, when it is exact there and within
// the fast path's range.
func scaledBound(b *decimal.Decimal) (v int64, has, ok bool) {
	if b == nil {
		return 0, false, true
	}
	if b.Exponent() < -fastScale || b.Abs().GreaterThanOrEqual(decimal.New(1, 8)) {
		return 0, true, false
	}
	return b.Shift(fastScale).IntPart(), true, true
}

// fastValue stores a plain number in the indicator's own unit within its
// bounds, and reports whether it did; false leaves the cell to the general
// path.
func (p *parser) fastValue(c cellValue) bool {
	if !fastPath || c.cell.Formula != "" || c.cell.Percent {
		return false
	}
	coef, decimals, ok := plainDecimal(c.cell.Text)
	if !ok {
		return false
	}
	fi := p.fastIndicator(c.code)
	if !fi.ok || c.unit != fi.ind.Unit && (c.unit != "" || !fi.bare) {
		return false
	}
	scaled := coef * pow10[fastScale-decimals]
	if fi.hasMin && scaled < fi.min || fi.hasMax && scaled > fi.max {
		return false
	}
	p.store(c, fi.ind, c.cell.Text, decimal.New(coef, -int32(decimals)))
	return true
}

// labelParts is a long row's label taken apart, once per distinct label.
type labelParts struct {
	footnote bool   // a 注/资料来源 line
	unit     string // a unit in brackets at its end
	name     string // the label without that unit
}

// maxCached bounds the per-file caches of texts: a file of a million
// distinct labels is read, only not faster.
const maxCached = 1 << 14

func (p *parser) labelParts(label string) labelParts {
	if lp, ok := p.labels[label]; ok {
		return lp
	}
	lp := labelParts{footnote: footnote.MatchString(norm(label)), name: label}
	if u := unitInLabel(label); u != "" {
		lp.unit, lp.name = u, stripUnit(label)
	}
	if len(p.labels) < maxCached {
		p.labels[strings.Clone(label)] = lp
	}
	return lp
}

// interned is a region's name kept once per file with a number: the
// duplicate check keys on numbers, and observations do not pin the lines
// they were cut from.
type interned struct {
	name string
	id   uint32
}

func (p *parser) intern(region string) interned {
	if r, ok := p.regionIDs[region]; ok {
		return r
	}
	r := interned{name: strings.Clone(region), id: uint32(len(p.regionIDs))}
	p.regionIDs[r.name] = r
	return r
}

// pairKey identifies an indicator and region in the duplicate check.
type pairKey struct{ indicator, region uint32 }

// pairYears are the years given so far for one indicator and region, with
// their rows: a long file gives a pair's years one after another, so the
// check mostly looks at the previous row's pair and a few years.
type pairYears []yearRow

type yearRow struct{ year, row int32 }

// pairOf returns the years seen of an indicator and region, and the
// region's interned name.
func (p *parser) pairOf(code, region string) (*pairYears, string) {
	if p.last.pair != nil && code == p.last.code && region == p.last.region {
		return p.last.pair, p.last.name
	}
	r := p.intern(region)
	id, ok := p.codeIDs[code]
	if !ok {
		id = uint32(len(p.codeIDs))
		p.codeIDs[code] = id
	}
	key := pairKey{id, r.id}
	py := p.seen[key]
	if py == nil {
		py = new(pairYears)
		*py = make(pairYears, 0, 10) // a decade, the usual span
		p.seen[key] = py
	}
	p.last.code, p.last.region, p.last.name, p.last.pair = code, region, r.name, py
	return py, r.name
}

// fourDigits reads a year written as four ASCII digits.
func fourDigits(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y := 0
	for i := range 4 {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	return y, true
}
