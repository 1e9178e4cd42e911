package app

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// TargetJSON is one target as `plangap targets --format json` and GET
// /api/targets print it: one shape for both. Values are strings so that
// they stay exact.
type TargetJSON struct {
	ID                       string   `json:"id"`
	Region                   string   `json:"region"`
	Plan                     string   `json:"plan"`
	Indicator                string   `json:"indicator"`
	NameZh                   string   `json:"name_zh"`
	NameEn                   string   `json:"name_en"`
	Unit                     string   `json:"unit"`
	IndicatorUnit            string   `json:"indicator_unit"`
	Kind                     string   `json:"kind"`
	Operator                 string   `json:"operator"`
	Value                    *string  `json:"value"`
	ValueHigh                *string  `json:"value_high,omitempty"`
	Tolerance                *string  `json:"tolerance,omitempty"`
	FirstYear                int      `json:"first_year,omitempty"`
	TargetYear               int      `json:"target_year"`
	BaseYear                 int      `json:"base_year"`
	BaseValue                *string  `json:"base_value"`
	Direction                string   `json:"direction"`
	Chapter                  string   `json:"chapter"`
	LeadDepartment           string   `json:"lead_department"`
	LeadDepartments          []string `json:"lead_departments"`
	ParticipatingDepartments []string `json:"participating_departments"`
	Deadline                 string   `json:"deadline"`
	Clause                   string   `json:"clause"`
	SourceText               string   `json:"source_text"`
	Headline                 bool     `json:"headline"`
}

// TargetJSONOf renders a target.
func TargetJSONOf(t model.Target) TargetJSON {
	j := TargetJSON{
		ID: t.ID, Region: t.Region, Plan: t.PlanCode, Indicator: t.Indicator.Code,
		NameZh: t.Indicator.NameZh, NameEn: t.Indicator.NameEn, Unit: t.Unit, IndicatorUnit: t.Indicator.Unit,
		Kind: string(t.Kind), Operator: string(t.Operator), FirstYear: t.FirstYear, TargetYear: t.TargetYear,
		BaseYear: t.BaseYear, Direction: string(t.Indicator.Direction), Chapter: t.Chapter,
		LeadDepartment: strings.Join(t.LeadDepartments, "、"), LeadDepartments: nonNil(t.LeadDepartments),
		ParticipatingDepartments: nonNil(t.ParticipatingDepartments), Deadline: t.Deadline, Clause: t.Clause,
		SourceText: t.SourceText, Headline: t.Headline,
	}
	if t.Quantitative() {
		v := t.Value.String()
		j.Value = &v
		if t.Operator == model.About {
			tol := t.EffectiveTolerance().String()
			j.Tolerance = &tol
		}
	}
	if t.ValueHigh != nil {
		v := t.ValueHigh.String()
		j.ValueHigh = &v
	}
	if t.BaseValue != nil {
		v := t.BaseValue.String()
		j.BaseValue = &v
	}
	return j
}

// Target reads a target back from its JSON (a server's, for the CLI
// beside it), as far as the JSON carries it: everything "plangap targets"
// prints.
func (j TargetJSON) Target() (model.Target, error) {
	t := model.Target{ID: j.ID, Region: j.Region, PlanCode: j.Plan, Unit: j.Unit, Kind: model.Kind(j.Kind),
		Operator: model.Operator(j.Operator), FirstYear: j.FirstYear, TargetYear: j.TargetYear, BaseYear: j.BaseYear,
		Chapter: j.Chapter, LeadDepartments: j.LeadDepartments, ParticipatingDepartments: j.ParticipatingDepartments,
		Deadline: j.Deadline, Clause: j.Clause, SourceText: j.SourceText, Headline: j.Headline,
		Indicator: model.Indicator{Code: j.Indicator, NameZh: j.NameZh, NameEn: j.NameEn, Unit: j.IndicatorUnit,
			Direction: model.Direction(j.Direction)}}
	dec := func(s *string) (*decimal.Decimal, error) {
		if s == nil {
			return nil, nil
		}
		d, err := decimal.NewFromString(*s)
		if err != nil {
			return nil, fmt.Errorf("target %s: %w", j.ID, err)
		}
		return &d, nil
	}
	var err error
	var v *decimal.Decimal
	if v, err = dec(j.Value); err != nil {
		return t, err
	}
	if v != nil {
		t.Value = *v
	}
	if t.ValueHigh, err = dec(j.ValueHigh); err != nil {
		return t, err
	}
	if t.Tolerance, err = dec(j.Tolerance); err != nil {
		return t, err
	}
	t.BaseValue, err = dec(j.BaseValue)
	return t, err
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
