package analysis

import (
	"math"
	"testing"

	"github.com/plangap/plangap/model"
)

// Two counties of one city, the city's own plan, and the province above:
// 冠县 has a binding target achieved (attainment 1) and an indicative one
// lagging at π/τ = 0.5; 莘县 one indicative target on schedule at
// π/τ = 0.8; 聊城市 one unstated target achieved. Roll-up: 聊城市 counts 4
// rows, composite (1 + 0.5 + 0.8 + 1)/4 = 82.5; 山东省 the same.
func TestRollUpAndAttributes(t *testing.T) {
	row := func(region, attr string, s Status, met bool, pi float64) Row {
		return Row{Region: region, Target: model.Target{Kind: model.Level, Attribute: attr}, Status: s, Met: met,
			Completion: pi, TimeShare: 0.5, PathShare: 0.5}
	}
	rows := []Row{
		row("冠县", model.Binding, Achieved, true, 1),
		row("冠县", model.Indicative, Lagging, false, 0.25),
		row("莘县", model.Indicative, OnSchedule, false, 0.4),
		row("聊城市", "", Achieved, true, 1),
	}
	parent := map[string]string{"冠县": "聊城市", "莘县": "聊城市", "聊城市": "山东省", "山东省": ""}
	groups := Aggregate(rows, ByRegion)
	if g := groups[0]; g.Key != "冠县" || g.ByAttribute[model.Binding][Achieved] != 1 || g.ByAttribute[model.Indicative][Lagging] != 1 || g.Scored != 2 {
		t.Fatalf("冠县 %+v", g)
	}
	up := RollUp(groups, func(r string) string { return parent[r] })
	byKey := map[string]Group{}
	for _, g := range up {
		byKey[g.Key] = g
	}
	for _, k := range []string{"聊城市", "山东省"} {
		g := byKey[k]
		if g.Total != 4 || g.Counts[Achieved] != 2 || g.ByAttribute[model.Indicative][OnSchedule] != 1 || g.ByAttribute[""][Achieved] != 1 {
			t.Errorf("%s %+v", k, g)
		}
		near(t, k+" composite", g.Composite, 82.5)
	}
	if g := byKey["冠县"]; g.Total != 2 || math.Abs(g.Composite-75) > 1e-9 {
		t.Errorf("冠县 %+v", g)
	}
	// A cycle stops instead of looping.
	if up := RollUp(groups, func(r string) string { return map[string]string{"冠县": "聊城市", "聊城市": "冠县"}[r] }); len(up) != 3 {
		t.Errorf("cycle: %d groups", len(up))
	}
	att := Aggregate(rows, ByAttribute)
	if len(att) != 3 || att[2].Key != "unstated" || att[0].Key != "binding" {
		t.Errorf("by attribute %+v", att)
	}
}
