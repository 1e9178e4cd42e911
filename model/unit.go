package model

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Dimension names what a unit measures. Units convert only within one
// dimension, and for counts only between compatible kinds (see Unit).
type Dimension string

// The dimensions plangap knows.
const (
	Money       Dimension = "money"       // 元
	Area        Dimension = "area"        // 平方米, 亩, 平方公里
	Mass        Dimension = "mass"        // 斤, 吨
	Power       Dimension = "power"       // 千瓦
	People      Dimension = "people"      // 人, 名
	PersonTimes Dimension = "persontimes" // 人次: visits, not persons
	Count       Dimension = "count"       // 个, 家, 座, 起 … (see Unit.Kind)
	Share       Dimension = "share"       // %
	Points      Dimension = "points"      // 百分点
	Age         Dimension = "age"         // 岁
	Length      Dimension = "length"      // 公里
	Concentr    Dimension = "concentration"
	Ratio       Dimension = "ratio"    // a pure ratio such as 城乡居民收入比
	Times       Dimension = "multiple" // 倍, for 翻番-style targets
	// PerCapita is the family of every rate A/B (件/万人, 元/人, 辆/百户,
	// 人/平方公里). It is coarse on purpose: callers that only pick a path
	// shape or a label need "a rate"; what the rate measures is in Of/Per.
	PerCapita Dimension = "percapita"
)

// Unit is one entry of the unit registry. Factor converts a value in this
// unit to its dimension's base unit: base = value × Factor.
//
// A rate A/B (个/千人) is the numerator unit A over the denominator unit B:
// it measures Of per Per (count per people) and its factor is factor A /
// factor B, so 0.24 个/千人 = 2.4 件/万人.
type Unit struct {
	Symbol  string // canonical, as written in Chinese plans and yearbooks
	English string
	// Dimension is the unit's family: Of for a plain unit, PerCapita for
	// every rate. Use ConvertsTo, not Dimension equality, to decide whether
	// two units can be compared.
	Dimension Dimension
	Of        Dimension // what is measured (the numerator's dimension)
	Per       Dimension // the denominator's dimension; empty for a plain unit
	// Kind is what a count unit counts, named by its classifier (家 firms,
	// 起 incidents, 户 households). It is empty for 个, the generic
	// classifier that yearbooks use for anything, and for non-counts.
	Kind    string
	PerKind string // Kind of the denominator (户 in 辆/百户)
	Factor  decimal.Decimal

	// num/den is the exact factor; 亩 is 2000/3 m², which no decimal holds.
	num, den decimal.Decimal
}

// Measures describes the dimension in words, for listings:
// "count(件)/people", "money", "count" (个, any kind).
func (u Unit) Measures() string {
	s := words(u.Of, u.Kind)
	if u.Per != "" {
		s += "/" + words(u.Per, u.PerKind)
	}
	return s
}

func words(d Dimension, kind string) string {
	if kind != "" {
		return string(d) + "(" + kind + ")"
	}
	return string(d)
}

// ConvertsTo reports whether a value in u can be expressed in v: the same
// dimension over the same denominator, and counts of the same kind (or 个,
// which counts anything).
func (u Unit) ConvertsTo(v Unit) bool {
	return u.Of == v.Of && u.Per == v.Per &&
		sameKind(u.Kind, v.Kind) && sameKind(u.PerKind, v.PerKind)
}

func sameKind(a, b string) bool { return a == b || a == "" || b == "" }

// sameSize reports whether one of u is one of v, exactly.
func (u Unit) sameSize(v Unit) bool {
	return u.num.Mul(v.den).Equal(v.num.Mul(u.den))
}

var one = decimal.NewFromInt(1)

func newUnit(sym, en string, dim Dimension, kind string, num, den decimal.Decimal) Unit {
	f := num
	if !den.Equal(one) {
		f = num.DivRound(den, 28)
	}
	return Unit{Symbol: sym, English: en, Dimension: dim, Of: dim, Kind: kind, Factor: f, num: num, den: den}
}

func plain(sym, en string, dim Dimension, factor string) Unit {
	return newUnit(sym, en, dim, "", decimal.RequireFromString(factor), one)
}

// counted is a count unit of one kind: the classifier is the kind.
func counted(sym, en string) Unit {
	return newUnit(sym, en, Count, sym, one, one)
}

// units is the registry of plain units and of the rates the seed plan
// names; other rates are composed on demand (see compose).
var units = map[string]Unit{}

// denominators are the units a rate may be "per": population, households
// and area. 百户 is only a denominator: as a unit of its own it would make
// every count (个 included) ambiguous.
var denominators = map[string]Unit{}

// numerators are the dimensions a rate may count or measure.
var numerators = map[Dimension]bool{
	Money: true, Area: true, Mass: true, Power: true, People: true,
	PersonTimes: true, Count: true, Length: true,
}

// aliases map other spellings of a whole unit to registry symbols.
var unitAliases = map[string]string{
	"％":       "%",
	"percent": "%",
	"pp":      "百分点",
	"个百分点":    "百分点",
	"μg/m3":   "微克/立方米",
	"µg/m³":   "微克/立方米",
	"μg/m³":   "微克/立方米",
	"ug/m3":   "微克/立方米",
	"km":      "公里",
	"千米":      "公里",
	"m2":      "平方米",
	"m²":      "平方米",
	"km2":     "平方公里",
	"km²":     "平方公里",
	"平方千米":    "平方公里",
	"kw":      "千瓦",
	"kW":      "千瓦",
	"yuan":    "元",
	"年":       "岁",
	"万人口":     "万人",
	"千人口":     "千人",
}

func init() {
	for _, u := range []Unit{
		plain("元", "yuan", Money, "1"),
		plain("万元", "10k yuan", Money, "10000"),
		plain("亿元", "100m yuan", Money, "100000000"),
		plain("平方米", "m²", Area, "1"),
		plain("公顷", "ha", Area, "10000"),
		plain("平方公里", "km²", Area, "1000000"),
		plain("斤", "jin", Mass, "0.5"),
		plain("万斤", "10k jin", Mass, "5000"),
		plain("亿斤", "100m jin", Mass, "50000000"),
		plain("公斤", "kg", Mass, "1"),
		plain("吨", "t", Mass, "1000"),
		plain("万吨", "10k t", Mass, "10000000"),
		plain("千瓦", "kW", Power, "1"),
		plain("万千瓦", "10 MW", Power, "10000"),
		plain("人", "persons", People, "1"),
		// 名 counts people (trained, named, selected): a person is a person.
		plain("名", "persons", People, "1"),
		plain("百人", "100 persons", People, "100"),
		plain("千人", "1k persons", People, "1000"),
		plain("万人", "10k persons", People, "10000"),
		plain("人次", "person-times", PersonTimes, "1"),
		plain("万人次", "10k person-times", PersonTimes, "10000"),
		plain("个", "units", Count, "1"),
		counted("家", "firms"),
		counted("户", "households"),
		counted("座", "sites"),
		counted("件", "items"),
		counted("起", "incidents"),
		counted("轮", "rounds"),
		counted("届", "editions"),
		counted("辆", "vehicles"),
		counted("张", "beds"),
		counted("所", "institutions"),
		counted("项", "projects"),
		counted("处", "places"),
		counted("台", "machines"),
		counted("套", "sets"),
		counted("条", "lines"),
		counted("次", "times"),
		counted("场", "events"),
		counted("支", "teams"),
		counted("头", "head"),
		counted("只", "animals"),
		counted("篇", "articles"),
		plain("%", "%", Share, "1"),
		plain("百分点", "pp", Points, "1"),
		plain("岁", "years", Age, "1"),
		plain("公里", "km", Length, "1"),
		plain("微克/立方米", "µg/m³", Concentr, "1"),
		plain("比值", "ratio", Ratio, "1"),
		plain("倍", "×", Times, "1"),
	} {
		units[u.Symbol] = u
	}
	// 亩 is exactly 2000/3 m²; the exact ratio is kept and rounded only
	// when a conversion's result is.
	units["亩"] = newUnit("亩", "mu", Area, "", decimal.NewFromInt(2000), decimal.NewFromInt(3))
	units["万亩"] = newUnit("万亩", "10k mu", Area, "", decimal.NewFromInt(20000000), decimal.NewFromInt(3))

	for _, s := range []string{"人", "百人", "千人", "万人", "户", "平方米", "亩", "平方公里"} {
		denominators[s] = units[s]
	}
	denominators["百户"] = newUnit("百户", "100 households", Count, "户", decimal.NewFromInt(100), one)

	// The rates the seed plan uses keep the English labels charts print.
	for _, r := range [][2]string{
		{"件/万人", "per 10k people"},
		{"个/千人", "per 1k people"},
		{"平方米/人", "m² per person"},
	} {
		u, err := compose(r[0])
		if err != nil {
			panic("model: " + err.Error())
		}
		u.English = r[1]
		units[u.Symbol] = u
	}
}

// denominatorEnglish reads well after "per".
var denominatorEnglish = map[string]string{
	"人": "person", "百人": "100 people", "千人": "1k people", "万人": "10k people",
	"户": "household", "百户": "100 households",
	"平方米": "m²", "亩": "mu", "平方公里": "km²",
}

// compose reads a rate A/B that the registry does not list: A a plain
// unit of a numerator dimension, B a denominator. 个/每千人 and 个/千人口
// are read as 个/千人.
func compose(s string) (Unit, error) {
	s = strings.ReplaceAll(s, "／", "/")
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return Unit{}, fmt.Errorf("未知单位“%s” unknown unit %q", s, s)
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if x, ok := unitAliases[a]; ok {
		a = x
	}
	num, ok := units[a]
	if !ok || !numerators[num.Dimension] {
		return Unit{}, fmt.Errorf("未知单位“%s”：分子“%s”不是可计量的单位 unknown unit %q: %q is not a unit that can be counted or measured per something", s, a, s, a)
	}
	b = strings.TrimPrefix(b, "每")
	if strings.HasSuffix(b, "人口") {
		b = strings.TrimSuffix(b, "口")
	}
	if x, ok := unitAliases[b]; ok {
		b = x
	}
	den, ok := denominators[b]
	if !ok {
		return Unit{}, fmt.Errorf("未知单位“%s”：分母“%s”不是人口、户数或面积 unknown unit %q: %q is not a population, household or area denominator", s, b, s, b)
	}
	u := newUnit(a+"/"+b, num.English+" per "+denominatorEnglish[b], PerCapita, num.Kind,
		num.num.Mul(den.den), num.den.Mul(den.num))
	u.Of, u.Per, u.PerKind = num.Of, den.Of, den.Kind
	return u, nil
}

// composed caches the rates read by compose, keyed by the spelling asked
// for, so that the loader's per-value lookups do not parse or allocate.
// Only units that were read successfully are kept, and only so many.
var composed = struct {
	sync.RWMutex
	m map[string]Unit
}{m: map[string]Unit{}}

const composedMax = 4096

// LookupUnit finds a unit by symbol or alias, or reads a rate A/B (张/千人,
// 元/人, 辆/百户) from its parts. Surrounding blanks and full-width forms
// are tolerated.
func LookupUnit(sym string) (Unit, error) {
	s := strings.TrimSpace(sym)
	if a, ok := unitAliases[s]; ok {
		s = a
	}
	if u, ok := units[s]; ok {
		return u, nil
	}
	composed.RLock()
	u, ok := composed.m[s]
	composed.RUnlock()
	if ok {
		return u, nil
	}
	if s == "" {
		return Unit{}, fmt.Errorf("单位为空 empty unit")
	}
	u, err := compose(s)
	if err != nil {
		return Unit{}, err
	}
	composed.Lock()
	if len(composed.m) < composedMax {
		composed.m[s] = u
	}
	composed.Unlock()
	return u, nil
}

// Units lists the registry, sorted by what the units measure (Of, then
// Per) and then by factor, so that each rate follows its numerator. Rates other
// than the listed ones are composed on demand (see LookupUnit).
func Units() []Unit {
	out := make([]Unit, 0, len(units))
	for _, u := range units {
		out = append(out, u)
	}
	sortUnits(out)
	return out
}

// Denominators lists the units a rate A/B may be "per", sorted like Units.
func Denominators() []Unit {
	out := make([]Unit, 0, len(denominators))
	for _, u := range denominators {
		out = append(out, u)
	}
	sortUnits(out)
	return out
}

func sortUnits(us []Unit) {
	sort.Slice(us, func(i, j int) bool {
		a, b := us[i], us[j]
		if a.Of != b.Of {
			return a.Of < b.Of
		}
		if a.Per != b.Per {
			return a.Per < b.Per
		}
		if c := a.Factor.Cmp(b.Factor); c != 0 {
			return c < 0
		}
		return a.Symbol < b.Symbol
	})
}

// Convert expresses v, given in unit from, in unit to. Units that measure
// different things are refused, naming both. The result is exact whenever
// it is a decimal (元/万元/亿元, 个/千人 → 件/万人 …); 亩 ↔ 平方米 is
// rounded to 20 places.
func Convert(v decimal.Decimal, from, to string) (decimal.Decimal, error) {
	if from == to {
		// The common case (a target in its indicator's unit): a unit
		// converts to itself unchanged; only its validity is asked.
		if _, err := LookupUnit(from); err != nil {
			return decimal.Decimal{}, err
		}
		return v, nil
	}
	f, err := LookupUnit(from)
	if err != nil {
		return decimal.Decimal{}, err
	}
	t, err := LookupUnit(to)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if !f.ConvertsTo(t) {
		return decimal.Decimal{}, convertError(f, t)
	}
	if f.sameSize(t) {
		return v, nil
	}
	return v.Mul(f.num).Mul(t.den).DivRound(f.den.Mul(t.num), 20), nil
}

func convertError(f, t Unit) error {
	why := ""
	switch {
	case f.Of == Count && f.Of == t.Of && f.Per == t.Per:
		why = " (different things counted)"
	case f.Of == t.Of && f.Per != t.Per:
		why = fmt.Sprintf(" (%s is not %s)", f.Measures(), t.Measures())
	}
	return fmt.Errorf("单位“%s”不能换算为“%s” cannot convert %s to %s%s", f.Symbol, t.Symbol, f.Symbol, t.Symbol, why)
}

// ambiguity caches Ambiguous per canonical symbol.
var ambiguity = struct {
	once    sync.Once
	closure []Unit // every unit LookupUnit can return, rates included
	sync.RWMutex
	m map[string]bool
}{m: map[string]bool{}}

// Ambiguous reports whether a bare number cannot be read in unit symbol
// because another unit it converts with has a different size (亿元 and
// 万元; 件/万人 and 个/千人). An unknown unit is ambiguous. The answer is
// worked out once per unit.
func Ambiguous(symbol string) bool {
	u, err := LookupUnit(symbol)
	if err != nil {
		return true
	}
	ambiguity.RLock()
	a, ok := ambiguity.m[u.Symbol]
	ambiguity.RUnlock()
	if ok {
		return a
	}
	ambiguity.once.Do(func() { ambiguity.closure = closure() })
	a = false
	for _, o := range ambiguity.closure {
		if u.ConvertsTo(o) && !u.sameSize(o) {
			a = true
			break
		}
	}
	ambiguity.Lock()
	ambiguity.m[u.Symbol] = a
	ambiguity.Unlock()
	return a
}

// closure lists the registry and every rate compose can read.
func closure() []Unit {
	out := Units()
	for _, n := range units {
		if !numerators[n.Dimension] {
			continue
		}
		for _, d := range denominators {
			if u, err := compose(n.Symbol + "/" + d.Symbol); err == nil {
				out = append(out, u)
			}
		}
	}
	return out
}
