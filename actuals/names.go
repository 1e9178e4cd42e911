package actuals

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
	"golang.org/x/text/width"

	"github.com/plangap/plangap/model"
)

// How a label was matched to an indicator (Match.How).
const (
	MatchAlias      = "alias"      // an alias saved in the catalogue (plangap alias add)
	MatchNormalised = "normalised" // equal once brackets, qualifiers and marks are dropped
	MatchSimilar    = "similar"    // one character apart from exactly one indicator
)

// nameIndex finds the catalogue indicator a yearbook label means. The rule
// is written out in docs/loading.md; keep the two in step.
type nameIndex struct {
	inds  map[string]model.Indicator
	exact map[string]nameRef   // labelKey of a code, name or alias
	loose map[string][]nameRef // looseKey of the same, possibly several indicators
	keys  []looseName          // every loose key, for the similarity search
	moved map[string][]string  // sorted characters of a flatKey → codes
}

type nameRef struct {
	code  string
	alias bool
}

type looseName struct {
	key   string
	runes []rune
	code  string
	quals uint32 // which populations the key names
}

// resolution is what a label turned out to be.
type resolution struct {
	code        string // the indicator, when matched
	how         string // "" for a code or name as written in the catalogue
	ambiguous   bool   // several indicators fit equally well
	suggestions []string
}

func newNameIndex(inds map[string]model.Indicator) *nameIndex {
	x := &nameIndex{inds: inds, exact: map[string]nameRef{}, loose: map[string][]nameRef{}, moved: map[string][]string{}}
	codes := make([]string, 0, len(inds))
	for c := range inds {
		codes = append(codes, c)
	}
	sort.Strings(codes) // a stable order keeps suggestions reproducible
	for _, code := range codes {
		ind := inds[code]
		x.add(code, code, false)
		x.add(ind.NameZh, code, false)
		for _, a := range ind.Aliases {
			x.add(a, code, true)
		}
	}
	return x
}

func (x *nameIndex) add(name, code string, alias bool) {
	if name == "" {
		return
	}
	if _, dup := x.exact[labelKey(name)]; !dup {
		x.exact[labelKey(name)] = nameRef{code, alias}
	}
	mk := sortedRunes(flatKey(name))
	if !slices.Contains(x.moved[mk], code) {
		x.moved[mk] = append(x.moved[mk], code)
	}
	lk := looseKey(name)
	if lk == "" {
		return
	}
	for _, r := range x.loose[lk] {
		if r.code == code {
			return
		}
	}
	x.loose[lk] = append(x.loose[lk], nameRef{code, alias})
	x.keys = append(x.keys, looseName{key: lk, runes: []rune(lk), code: code, quals: qualifiers(lk)})
}

// known reports whether s is a code, name or alias as written (after
// width and blank folding): header detection uses it to tell data rows.
func (x *nameIndex) known(s string) bool {
	_, ok := x.exact[labelKey(s)]
	return ok
}

// resolve matches a label. A zero code with no suggestions means the label
// is close to nothing in the catalogue: an indicator no target uses.
func (x *nameIndex) resolve(label string) resolution {
	if r, ok := x.exact[labelKey(label)]; ok {
		how := ""
		if r.alias {
			how = MatchAlias
		}
		return resolution{code: r.code, how: how}
	}
	lk := looseKey(label)
	if refs := x.loose[lk]; len(refs) == 1 {
		return resolution{code: refs[0].code, how: MatchNormalised}
	} else if len(refs) > 1 {
		res := resolution{ambiguous: true}
		for _, r := range refs {
			res.suggestions = append(res.suggestions, x.inds[r.code].NameZh)
		}
		return res
	}
	// A qualifier moved, in or out of brackets: 新增就业人数(城镇).
	if codes := x.moved[sortedRunes(flatKey(label))]; len(codes) == 1 && len([]rune(flatKey(label))) >= 4 {
		return resolution{code: codes[0], how: MatchSimilar}
	}
	return x.similar(lk)
}

// similar applies the similarity rule to a loose key nothing equals.
func (x *nameIndex) similar(lk string) resolution {
	a := []rune(lk)
	if len(a) == 0 {
		return resolution{}
	}
	type cand struct {
		code   string
		d      int
		strong bool
	}
	best := map[string]cand{} // per indicator, its closest key
	quals := qualifiers(lk)
	for _, k := range x.keys {
		// The distance is at least the difference in length, and a
		// candidate needs a distance of at most 3.
		if k.quals != quals || len(a)-len(k.runes) > 3 || len(k.runes)-len(a) > 3 {
			continue
		}
		d := levenshtein.ComputeDistance(lk, k.key)
		l := max(len(a), len(k.runes))
		strong := (d == 1 && l >= 5 && harmlessEdit(a, k.runes)) ||
			(d > 0 && l >= 4 && sameCharacters(a, k.runes) && sameDigits(a, k.runes))
		close := d <= 3 && 4*d <= l // similarity 1 − d/l of at least 0.75
		if !strong && !close {
			continue
		}
		if c, ok := best[k.code]; ok && (c.strong || !strong && c.d <= d) {
			continue
		}
		best[k.code] = cand{k.code, d, strong}
	}
	var cands []cand
	for _, c := range best {
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].strong != cands[j].strong {
			return cands[i].strong
		}
		if cands[i].d != cands[j].d {
			return cands[i].d < cands[j].d
		}
		return cands[i].code < cands[j].code
	})
	res := resolution{}
	strong := 0
	for i, c := range cands {
		if c.strong {
			strong++
		}
		if i < 3 {
			res.suggestions = append(res.suggestions, x.inds[c.code].NameZh)
		}
	}
	if strong == 1 {
		return resolution{code: cands[0].code, how: MatchSimilar}
	}
	res.ambiguous = strong > 1
	return res
}

var (
	// Marks yearbooks put before or after a name: 其中 rows, # for 其中,
	// footnote references ①②, *, △.
	leadingMarks  = regexp.MustCompile(`^(其中[:：]?|[#＃△▲*※]+)`)
	footnoteMarks = regexp.MustCompile(`[①-⑳*＊#＃※△▲]|\[\d+\]`)
	bracketed     = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】`)
	quotes        = strings.NewReplacer("“", "", "”", "", "\"", "", "‘", "", "’", "", "'", "", "「", "", "」", "")
)

// labelKey folds what never changes a name's meaning: full-width forms,
// blanks, letter case, a leading 其中, footnote marks and quotes.
func labelKey(s string) string {
	s = width.Narrow.String(s)
	s = strings.Join(strings.Fields(s), "")
	s = leadingMarks.ReplaceAllString(s, "")
	s = footnoteMarks.ReplaceAllString(s, "")
	s = quotes.Replace(s)
	return strings.ToLower(s)
}

// looseKey also drops every bracketed part, a unit (亿元) or a qualifier
// (常住人口, 现价, PM2.5) alike, wherever it stands.
func looseKey(s string) string {
	k := labelKey(s)
	for {
		n := bracketed.ReplaceAllString(k, "")
		if n == k {
			return k
		}
		k = n
	}
}

// flatKey keeps what brackets hold but not the brackets.
func flatKey(s string) string {
	return strings.NewReplacer("(", "", ")", "", "[", "", "]", "", "【", "", "】", "").Replace(labelKey(s))
}

func sortedRunes(s string) string {
	r := []rune(s)
	slices.Sort(r)
	return string(r)
}

// populations are qualifiers that name a different statistic, never a
// misspelling: 城镇居民人均可支配收入 is not 居民人均可支配收入, however
// close the strings are.
var populations = []string{"城镇", "农村", "城市", "乡村", "城乡", "全体", "规模以上", "规上", "限额以上", "限上",
	"第一产业", "第二产业", "第三产业", "人均", "男", "女", "进口", "出口", "收入", "支出", "增速", "增长", "比重", "占比"}

// qualifiers is the set of populations a key names, one bit each: two
// keys with different sets name different statistics.
func qualifiers(k string) uint32 {
	var m uint32
	for i, q := range populations {
		if strings.Contains(k, q) {
			m |= 1 << i
		}
	}
	return m
}

// contrasts are characters whose exchange turns a name into its opposite
// or a sibling statistic (上/下, 城/乡, digits …), so a one-character edit
// involving them is no misspelling.
const contrasts = "0123456789一二三四五六七八九十百千万亿上下城乡男女增减进出收支高低大小内外前后新旧净毛总均"

// harmlessEdit reports whether the single edit between a and b (their
// distance is 1) touches no contrasting character.
func harmlessEdit(a, b []rune) bool {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	var changed []rune
	switch {
	case len(a) == len(b):
		changed = []rune{a[i], b[i]}
	case len(a) > len(b):
		changed = []rune{a[i]}
	default:
		changed = []rune{b[i]}
	}
	for _, r := range changed {
		if strings.ContainsRune(contrasts, r) || r < 0x80 {
			return false
		}
	}
	return true
}

// sameCharacters reports whether a and b are the same characters in
// another order: a qualifier moved (城镇化率常住人口 / 常住人口城镇化率).
func sameCharacters(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func sameDigits(a, b []rune) bool {
	digits := func(rs []rune) string {
		var b strings.Builder
		for _, r := range rs {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	return digits(a) == digits(b)
}
