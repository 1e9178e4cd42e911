package synth_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/plangap/plangap/model"
	"github.com/plangap/plangap/synth"
)

func TestReadPeerPlans(t *testing.T) {
	in := "region,indicator,direction,base_year,target,target_year\n" +
		"R00000,I000,up,2020,1071.3672,2030\n" +
		"R00000,I002,down,2020,511.3588,2030\n" +
		"R00001,I000,up,2020,0.0001,2030\n"
	cs, err := synth.ReadPeerPlans(strings.NewReader(in), "targets.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || len(cs[0].Targets) != 2 || len(cs[1].Targets) != 1 {
		t.Fatalf("plans: %+v", cs)
	}
	p := cs[0].Plan
	if p.Code != "peer-R00000" || p.Region != "R00000" || p.BaseYear != 2020 || p.PeriodStart != 2021 || p.PeriodEnd != 2030 {
		t.Errorf("plan %+v", p)
	}
	up, down := cs[0].Targets[0], cs[0].Targets[1]
	if up.ID != "I000" || up.Value.String() != "1071.3672" || up.Operator != model.AtLeast || up.Kind != model.Level ||
		up.Indicator.Direction != model.HigherIsBetter || up.Unit != "个" || up.Indicator.Unit != "个" || up.TargetYear != 2030 || up.BaseYear != 2020 {
		t.Errorf("up target %+v", up)
	}
	if down.Value.String() != "511.3588" || down.Operator != model.AtMost || down.Indicator.Direction != model.LowerIsBetter {
		t.Errorf("down target %+v", down)
	}
	if v := cs[1].Targets[0]; v.Region != "R00001" || v.PlanCode != "peer-R00001" || v.Value.String() != "0.0001" {
		t.Errorf("second region %+v", v)
	}
	for _, c := range cs {
		for _, tg := range c.Targets {
			if err := tg.Validate(); err != nil {
				t.Errorf("%s %s: %v", c.Plan.Region, tg.ID, err)
			}
		}
	}
}

func TestReadPeerPlansProblems(t *testing.T) {
	in := "region,indicator,direction,base_year,target,target_year\n" +
		"R1,I000,sideways,2020,1,2030\n" + // row 2
		"R1,I001,up,2020,1e,2030\n" + // row 3
		"R1,I002,up,2020,5,2030\n" +
		"R1,I002,up,2020,6,2030\n" // row 5: repeats row 4
	_, err := synth.ReadPeerPlans(strings.NewReader(in), "t.csv")
	var probs model.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want problems, got %v", err)
	}
	want := []string{"2 direction", "3 target", "5 indicator"}
	var got []string
	for _, p := range probs {
		got = append(got, strconv.Itoa(p.Row)+" "+p.Column)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("problems at %v, want %v: %v", got, want, probs)
	}
}

// The generated file has the peers' layout and reads back as plans.
func TestPeerTargetsCSV(t *testing.T) {
	data := synth.PeerTargetsCSV(3, 6, 1)
	if !bytes.Equal(data, synth.PeerTargetsCSV(3, 6, 1)) {
		t.Error("not deterministic")
	}
	cs, err := synth.ReadPeerPlans(bytes.NewReader(data), "gen.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 || len(cs[2].Targets) != 6 || cs[2].Targets[5].Operator != model.AtMost || cs[2].Targets[4].Operator != model.AtLeast {
		t.Errorf("generated plans: %d plans", len(cs))
	}
}
