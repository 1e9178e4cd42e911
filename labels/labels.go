// Package labels holds plangap's wording in Chinese and English, in one
// place for the charts, the report, the CLI and the server: target kinds,
// attributes (预期性/约束性), chapters, units' display names, the
// statuses' symbols, axis titles and the column headings the outputs
// share. A status's and a method's own wording stay with the method
// (analysis.Judge); Status and Method here only pick the language.
package labels

import (
	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// Text is one wording in both languages.
type Text struct{ Zh, En string }

// In is the wording in lang: "en" for English, anything else Chinese.
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.En
	}
	return t.Zh
}

// Both is the Chinese wording with the English beside it, the way plangap
// speaks to users ("滞后 lagging").
func (t Text) Both() string {
	if t.Zh == t.En {
		return t.Zh
	}
	return t.Zh + " " + t.En
}

// kinds name the target kinds as a clerk reads them.
var kinds = map[model.Kind]Text{
	model.Level: {"水平值", "level"}, model.Growth: {"年均增长", "growth a year"}, model.Floor: {"底线", "floor"},
	model.Cumulative: {"累计", "cumulative"}, model.Multiple: {"倍数", "multiple"}, model.Increment: {"新增", "increment"},
	model.PointsPerYear: {"每年百分点", "points a year"}, model.Milestone: {"定性任务", "milestone"},
	model.Relative: {"相对增速", "relative growth"}, model.Reduction: {"累计降低", "reduction"},
	model.Annual: {"年度目标", "annual target"}, model.Assigned: {"上级下达", "assigned"},
	model.Average: {"期内年均", "period average"},
}

// Kind is a target kind's name in lang; an unknown kind is its code.
func Kind(k model.Kind, lang string) string {
	if t, ok := kinds[k]; ok {
		return t.In(lang)
	}
	return string(k)
}

// attributes name 指标属性. The English follows the plans' own
// translations: 预期性 "expected", 约束性 "binding".
var attributes = map[string]Text{
	model.Binding: {"约束性", "binding"}, model.Indicative: {"预期性", "expected"}, model.Unstated: {"未注明", "not stated"},
}

// Attribute is an attribute (model.Binding, model.Indicative or
// model.Unstated) in lang.
func Attribute(a string, lang string) string {
	if t, ok := attributes[a]; ok {
		return t.In(lang)
	}
	return a
}

// AttributeEn is the English of an attribute as a plan prints it
// (约束性 → binding, 预期性 → expected); other text is returned as it is.
func AttributeEn(zh string) string {
	for _, t := range attributes {
		if t.Zh == zh {
			return t.En
		}
	}
	return zh
}

// Chapter is a plan chapter's name in lang: the seed plan's chapters have
// English names, others keep their own.
func Chapter(c string, lang string) string {
	if e, ok := model.ChapterEnglish[c]; ok && lang == "en" {
		return e
	}
	return c
}

// Unit is a unit's display name in lang: the symbol in Chinese (亿元), the
// registry's English name (100 million yuan) in English.
func Unit(u string, lang string) string {
	if lang != "en" {
		return u
	}
	if x, err := model.LookupUnit(u); err == nil && x.English != "" {
		return x.English
	}
	return u
}

// Status is a status's wording in lang, as its method words it.
func Status(s analysis.Status, lang string) string {
	l := analysis.Labels[s]
	return Text(l).In(lang)
}

// Method is a method's full name in lang.
func Method(m analysis.Method, lang string) string {
	return Text(analysis.MethodName[m]).In(lang)
}

// MethodShort is a method's short name in lang, for titles.
func MethodShort(m analysis.Method, lang string) string {
	return Text(analysis.MethodShort[m]).In(lang)
}

// toneSymbols mark a status by its tone with a character that reads
// without colour (and prints in black and white): ■ met, ▲ ahead,
// ● on track, ▼ behind, × the wrong way, □ not met, ? not assessable —
// filled for done, hollow for not done, triangles for ahead and behind.
// Every one is in the CJK fonts plangap looks for and in Liberation Sans.
var toneSymbols = map[analysis.Tone]string{
	analysis.ToneAchieved: "■", analysis.ToneAhead: "▲", analysis.ToneOnTrack: "●",
	analysis.ToneBehind: "▼", analysis.ToneAway: "×", analysis.ToneFailed: "□", analysis.ToneUnknown: "?",
}

// StatusSymbol is the status's symbol (by its tone), shown with its colour
// in heatmaps and with its words on web pages, so that no reader needs to
// tell colours apart.
func StatusSymbol(s analysis.Status) string {
	if t, ok := analysis.Tones[s]; ok {
		return toneSymbols[t]
	}
	return toneSymbols[analysis.ToneUnknown]
}
