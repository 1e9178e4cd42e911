package labels

import (
	"testing"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// TestEveryKindNamed: every target kind has a Chinese name (not its
// code) and an English one.
func TestEveryKindNamed(t *testing.T) {
	for _, k := range model.Kinds {
		zh, en := Kind(k, "zh"), Kind(k, "en")
		if zh == string(k) || en == "" || zh == en {
			t.Errorf("kind %s: zh %q, en %q", k, zh, en)
		}
	}
	if Kind("no-such-kind", "zh") != "no-such-kind" {
		t.Error("an unknown kind is not its code")
	}
}

func TestAttributes(t *testing.T) {
	cases := []struct{ a, zh, en string }{
		{model.Binding, "约束性", "binding"},
		{model.Indicative, "预期性", "expected"},
		{model.Unstated, "未注明", "not stated"},
	}
	for _, c := range cases {
		if got := Attribute(c.a, "zh"); got != c.zh {
			t.Errorf("%q zh: %q", c.a, got)
		}
		if got := Attribute(c.a, "en"); got != c.en {
			t.Errorf("%q en: %q", c.a, got)
		}
		if got := AttributeEn(c.zh); got != c.en {
			t.Errorf("AttributeEn(%q) = %q", c.zh, got)
		}
		// The plans' wording agrees with model's, which parses it.
		if model.AttributeZh[c.a] != c.zh {
			t.Errorf("model says %q for %q", model.AttributeZh[c.a], c.a)
		}
	}
}

func TestChapterAndUnit(t *testing.T) {
	if Chapter("内需", "en") != "Domestic demand" || Chapter("内需", "zh") != "内需" || Chapter("别的", "en") != "别的" {
		t.Error("chapters")
	}
	if Unit("亿元", "zh") != "亿元" || Unit("亿元", "en") != "100m yuan" {
		t.Errorf("units: %q", Unit("亿元", "en"))
	}
}

// TestStatusSymbols: every method's statuses have a symbol, and two
// statuses of one method share one only when they share a tone.
func TestStatusSymbols(t *testing.T) {
	for _, m := range analysis.Methods {
		seen := map[string]analysis.Status{}
		for _, s := range analysis.MethodStatuses[m] {
			sym := StatusSymbol(s)
			if sym == "" {
				t.Errorf("%s %s: no symbol", m, s)
			}
			if o, ok := seen[sym]; ok && analysis.Tones[o] != analysis.Tones[s] {
				t.Errorf("%s: %s and %s share %s", m, o, s, sym)
			}
			seen[sym] = s
			if Status(s, "zh") == "" || Status(s, "en") == "" {
				t.Errorf("%s %s: no wording", m, s)
			}
		}
		if Method(m, "zh") == Method(m, "en") {
			t.Errorf("method %s not translated", m)
		}
	}
	if StatusSymbol(analysis.NotAssessable) != "?" {
		t.Error("not assessable")
	}
}

func TestText(t *testing.T) {
	if Targets.In("zh") != "目标数" || Targets.In("en") != "targets" || Targets.In("") != "目标数" || Targets.Both() != "目标数 targets" {
		t.Error("Text")
	}
	for _, kind := range []string{"trajectory", "progress", "departments", "heatmap", "heatmap-gap", "dashboard"} {
		if Chart(kind, "zh") == kind || Chart(kind, "en") == kind {
			t.Errorf("chart %s has no title", kind)
		}
	}
	for k, v := range ReportPage {
		if v.Zh == "" || v.En == "" {
			t.Errorf("report page word %s: %+v", k, v)
		}
	}
}
