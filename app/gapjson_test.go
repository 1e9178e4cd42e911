package app

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/plangap/plangap/analysis"
)

// TestAppendIndentedIsEncodingJSON checks the gap JSON writer against
// encoding/json with the indentation WriteGapJSON used before it wrote
// rows itself: every field set, none set, and odd strings and numbers.
func TestAppendIndentedIsEncodingJSON(t *testing.T) {
	str := func(s string) *string { return &s }
	num := func(f float64) *float64 { return &f }
	n := func(i int) *int { return &i }
	odd := []string{"", "plain", "引号\"与\\反斜杠", "tab\tnew\nline\r", "<a href=\"x\">&amp;</a>", "\u2028\u2029", "bad \xff utf-8", "\x00\x01\x1f\x7f", "冠县 GDP 增速%"}
	floats := []float64{0, math.Copysign(0, -1), 1, -1.5, 0.1, 1e-6, 9.99e-7, 1e-7, 1.234e-10, 1e20, 1e21, -1e21, 123456789.123456789, math.MaxFloat64, math.SmallestNonzeroFloat64, 0.057949326}
	var rows []analysis.RowJSON
	rows = append(rows, analysis.RowJSON{}, analysis.RowJSON{FailedYears: []int{}, Yearly: []analysis.YearJSON{}})
	for i, s := range odd {
		fv := floats[i%len(floats)]
		rows = append(rows, analysis.RowJSON{TargetID: s, Region: s, Indicator: s, NameZh: s, NameEn: s, Unit: s, Kind: s, Operator: s,
			Chapter: s, Attribute: s, LeadDepartment: s, Year: n(2020 + i), Actual: str(s), BaseYear: n(-i), BaseValue: str(s), BaseNote: s,
			Target: str(s), TargetYear: i, Outcome: str(s), Gap: str(s), GapRelative: num(fv), CompletionShare: num(-fv),
			TimeShare: num(floats[(i+1)%len(floats)]), PathShare: num(floats[(i+2)%len(floats)]), ScheduleGapPP: num(floats[(i+3)%len(floats)]),
			Path: s, RequiredRate: num(fv), RequiredIncrement: num(fv), ObservedRate: num(fv), Ratio: num(fv), UNRatio: num(fv), DNSMiss: num(fv),
			Score: num(fv), Projection: num(fv), ProjectionLow: num(fv), ProjectionHigh: num(fv), ProjectionLow80: num(fv), ProjectionHigh80: num(fv),
			ProjectionCAGR: num(fv), ProjectionLinear: num(fv), ProjectionMean: num(fv), Probability: num(fv), YearsNeeded: num(fv),
			FailedYears: []int{2021, 2023}, Passed: true, DoneLate: true, DoneYear: n(2024), BandLow: str(s), BandHigh: str(s),
			Status: s, StatusZh: s, StatusEn: s, Method: s, MethodName: s, Note: s, Illustrative: true, Vintage: s, Stretch: str(s),
			StretchMet: true, StretchCompletion: num(fv),
			Yearly: []analysis.YearJSON{{Year: 2021, Value: s, Required: "1.5", Met: true}, {Year: 2022, Value: "2", Required: s}}})
	}
	for _, f := range floats {
		rows = append(rows, analysis.RowJSON{Ratio: num(f), Score: num(-f)})
	}
	for i, r := range rows {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		got := appendIndented(nil, reflect.ValueOf(r), 1)
		if w := bytes.TrimSuffix(want.Bytes(), []byte("\n")); !bytes.Equal(got, w) {
			t.Errorf("row %d:\n%s\nwant\n%s", i, got, w)
		}
	}
}
