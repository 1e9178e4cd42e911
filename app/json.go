package app

import (
	"fmt"
	"strings"
	"time"

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

// ActualJSON is one stored value as GET /api/actuals, GET
// /api/history/{indicator} and `plangap actuals --format json` give it;
// the CLI beside a server reads it back with Actual. The value is a string
// so that it stays exact.
type ActualJSON struct {
	Indicator    string    `json:"indicator"`
	Region       string    `json:"region"`
	Year         int       `json:"year"`
	Value        string    `json:"value"`
	Status       string    `json:"status"`
	Batch        int       `json:"batch"`
	LoadedAt     time.Time `json:"loaded_at,omitzero"`
	Source       string    `json:"source"`
	Illustrative bool      `json:"illustrative"`
}

// ActualJSONOf is a value's JSON shape.
func ActualJSONOf(x model.Actual) ActualJSON {
	return ActualJSON{Indicator: x.Indicator, Region: x.Region, Year: x.Year, Value: x.Value.String(), Status: x.Status,
		Batch: x.Batch, LoadedAt: x.LoadedAt, Source: x.Source, Illustrative: x.Illustrative}
}

// Actual reads the value back, exact.
func (j ActualJSON) Actual() (model.Actual, error) {
	v, err := decimal.NewFromString(j.Value)
	if err != nil {
		return model.Actual{}, fmt.Errorf("value %q: %w", j.Value, err)
	}
	return model.Actual{Indicator: j.Indicator, Region: j.Region, Year: j.Year, Value: v, Status: j.Status, Batch: j.Batch,
		LoadedAt: j.LoadedAt, Source: j.Source, Illustrative: j.Illustrative}, nil
}

// BatchJSON is one load as GET /api/batches gives it.
type BatchJSON struct {
	ID           int       `json:"id"`
	LoadedAt     time.Time `json:"loaded_at"`
	File         string    `json:"file"`
	SHA256       string    `json:"sha256"`
	Source       string    `json:"source"`
	Status       string    `json:"status"`
	Illustrative bool      `json:"illustrative"`
	Rows         int       `json:"rows"`
	Inserted     int       `json:"inserted"`
	Revised      int       `json:"revised"`
}

// BatchJSONOf is a batch's JSON shape.
func BatchJSONOf(b model.Batch) BatchJSON {
	return BatchJSON{ID: b.ID, LoadedAt: b.LoadedAt, File: b.File, SHA256: b.SHA256, Source: b.Source, Status: b.Status,
		Illustrative: b.Illustrative, Rows: b.RowsRead, Inserted: b.Inserted, Revised: b.Revised}
}

// Batch reads the batch back.
func (j BatchJSON) Batch() model.Batch {
	return model.Batch{ID: j.ID, LoadedAt: j.LoadedAt, File: j.File, SHA256: j.SHA256, Source: j.Source, Status: j.Status,
		Illustrative: j.Illustrative, RowsRead: j.Rows, Inserted: j.Inserted, Revised: j.Revised}
}

// IndicatorJSON is an indicator as GET /api/indicators/{name} gives it:
// the one a code, name or alias resolves to.
type IndicatorJSON struct {
	Code      string `json:"code"`
	NameZh    string `json:"name_zh"`
	NameEn    string `json:"name_en"`
	Unit      string `json:"unit"`
	Direction string `json:"direction"`
}

// IndicatorJSONOf is an indicator's JSON shape.
func IndicatorJSONOf(i model.Indicator) IndicatorJSON {
	return IndicatorJSON{Code: i.Code, NameZh: i.NameZh, NameEn: i.NameEn, Unit: i.Unit, Direction: string(i.Direction)}
}

// Indicator reads the indicator back.
func (j IndicatorJSON) Indicator() model.Indicator {
	return model.Indicator{Code: j.Code, NameZh: j.NameZh, NameEn: j.NameEn, Unit: j.Unit, Direction: model.Direction(j.Direction)}
}
