package model

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Dimension groups units that can be converted into each other.
type Dimension string

// The dimensions plangap knows. Units of different dimensions never convert.
const (
	Money       Dimension = "money"       // 元
	Area        Dimension = "area"        // 平方米, 亩
	Mass        Dimension = "mass"        // 斤, 吨
	Power       Dimension = "power"       // 千瓦
	People      Dimension = "people"      // 人
	PersonTimes Dimension = "persontimes" // 人次
	Count       Dimension = "count"       // 个, 家, 座, 名 …
	Share       Dimension = "share"       // %
	Points      Dimension = "points"      // 百分点
	Age         Dimension = "age"         // 岁
	Length      Dimension = "length"      // 公里
	Concentr    Dimension = "concentration"
	Ratio       Dimension = "ratio"    // a pure ratio such as 城乡居民收入比
	Times       Dimension = "multiple" // 倍, for 翻番-style targets
	PerCapita   Dimension = "percapita"
)

// Unit is one entry of the unit registry. Factor converts a value in this
// unit to the dimension's base unit: base = value × Factor.
type Unit struct {
	Symbol    string // as written in Chinese plans and yearbooks
	English   string
	Dimension Dimension
	Factor    decimal.Decimal
}

func unit(sym, en string, dim Dimension, factor string) Unit {
	return Unit{Symbol: sym, English: en, Dimension: dim, Factor: decimal.RequireFromString(factor)}
}

// units is the registry. Counts of different things (家 enterprises, 个
// stations, 名 persons trained) share the Count dimension at factor 1 because
// yearbooks use them interchangeably for "number of".
var units = map[string]Unit{}

// aliases map other spellings to registry symbols.
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
	"kw":      "千瓦",
	"kW":      "千瓦",
	"yuan":    "元",
	"年":       "岁",
}

func init() {
	for _, u := range []Unit{
		unit("元", "yuan", Money, "1"),
		unit("万元", "10k yuan", Money, "10000"),
		unit("亿元", "100m yuan", Money, "100000000"),
		unit("平方米", "m²", Area, "1"),
		unit("斤", "jin", Mass, "0.5"),
		unit("万斤", "10k jin", Mass, "5000"),
		unit("亿斤", "100m jin", Mass, "50000000"),
		unit("公斤", "kg", Mass, "1"),
		unit("吨", "t", Mass, "1000"),
		unit("万吨", "10k t", Mass, "10000000"),
		unit("千瓦", "kW", Power, "1"),
		unit("万千瓦", "10 MW", Power, "10000"),
		unit("人", "persons", People, "1"),
		unit("万人", "10k persons", People, "10000"),
		unit("人次", "person-times", PersonTimes, "1"),
		unit("万人次", "10k person-times", PersonTimes, "10000"),
		unit("个", "units", Count, "1"),
		unit("家", "firms", Count, "1"),
		unit("座", "sites", Count, "1"),
		unit("名", "persons", Count, "1"),
		unit("件", "items", Count, "1"),
		unit("轮", "rounds", Count, "1"),
		unit("届", "editions", Count, "1"),
		unit("起", "incidents", Count, "1"),
		unit("%", "%", Share, "1"),
		unit("百分点", "pp", Points, "1"),
		unit("岁", "years", Age, "1"),
		unit("公里", "km", Length, "1"),
		unit("微克/立方米", "µg/m³", Concentr, "1"),
		unit("比值", "ratio", Ratio, "1"),
		unit("倍", "×", Times, "1"),
		unit("件/万人", "per 10k people", PerCapita, "1"),
		unit("个/千人", "per 1k people", PerCapita, "1"),
		unit("平方米/人", "m² per person", PerCapita, "1"),
	} {
		units[u.Symbol] = u
	}
	// 亩 is exactly 2000/3 m²; keep the factor exact by deriving it.
	mu := decimal.NewFromInt(2000).DivRound(decimal.NewFromInt(3), 28)
	units["亩"] = Unit{Symbol: "亩", English: "mu", Dimension: Area, Factor: mu}
	units["万亩"] = Unit{Symbol: "万亩", English: "10k mu", Dimension: Area, Factor: mu.Mul(decimal.NewFromInt(10000))}
}

// LookupUnit finds a unit by symbol or alias. Surrounding blanks and
// full-width forms are tolerated.
func LookupUnit(sym string) (Unit, error) {
	s := strings.TrimSpace(sym)
	if a, ok := unitAliases[s]; ok {
		s = a
	}
	if u, ok := units[s]; ok {
		return u, nil
	}
	return Unit{}, fmt.Errorf("unknown unit %q", sym)
}

// Units lists the registry, sorted by dimension then factor.
func Units() []Unit {
	out := make([]Unit, 0, len(units))
	for _, u := range units {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Dimension != out[j].Dimension {
			return out[i].Dimension < out[j].Dimension
		}
		if c := out[i].Factor.Cmp(out[j].Factor); c != 0 {
			return c < 0
		}
		return out[i].Symbol < out[j].Symbol
	})
	return out
}

// Convert expresses v, given in unit from, in unit to. Converting between
// different dimensions is an error. The result is exact for the decimal
// conversions (元/万元/亿元, 斤/吨 …); 亩 ↔ 平方米 is rounded to 20 places.
func Convert(v decimal.Decimal, from, to string) (decimal.Decimal, error) {
	f, err := LookupUnit(from)
	if err != nil {
		return decimal.Decimal{}, err
	}
	t, err := LookupUnit(to)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if f.Dimension != t.Dimension {
		return decimal.Decimal{}, fmt.Errorf("cannot convert %s (%s) to %s (%s)", f.Symbol, f.Dimension, t.Symbol, t.Dimension)
	}
	if f.Symbol == t.Symbol {
		return v, nil
	}
	return v.Mul(f.Factor).DivRound(t.Factor, 20), nil
}
