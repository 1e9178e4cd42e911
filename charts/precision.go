package charts

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/analysis"
	"github.com/plangap/plangap/model"
)

// maxDecimals caps the decimals a value is shown with.
const maxDecimals = 4

// Precision is the number of decimals a target's values are stated with:
// the most any of its actuals, its base value or (for kinds stated as a
// level) its target value carries, at most four. A level computed from a
// growth rate (28131.7979 元) is shown to this precision (28132 元), not to
// the arithmetic's.
func Precision(r analysis.Row) int {
	n := 0
	see := func(d decimal.Decimal) {
		// 12.5000000000 stored as DECIMAL(38,10) still means one decimal.
		n = max(n, decimals(d))
	}
	for _, v := range r.Input.Values {
		see(v)
	}
	if r.BaseValue != nil {
		see(*r.BaseValue)
	}
	switch r.Target.Kind {
	case model.Level, model.Floor, model.Cumulative, model.Increment:
		see(r.Target.Value)
	}
	return min(n, maxDecimals)
}

// TargetPrecision is the decimals a target's level is labelled with: the
// target's own for a target stated as a level in the indicator's unit
// (≥50 → "50"), else the precision of the data (a level computed from a
// growth rate, 28131.7979 元 → "28132").
func TargetPrecision(r analysis.Row) int {
	t := r.Target
	switch t.Kind {
	case model.Level, model.Floor, model.Cumulative:
		if t.Unit == "" || t.Unit == t.Indicator.Unit {
			return min(decimals(t.Value), maxDecimals)
		}
	}
	return Precision(r)
}

// decimals counts the decimals d needs, without trailing zeros.
func decimals(d decimal.Decimal) int {
	s := d.String()
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return len(s) - 1 - i
		}
	}
	return 0
}

// FormatValue prints v with prec decimals.
func FormatValue(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if s == "-0" || (len(s) > 1 && s[0] == '-' && isZero(s)) {
		s = s[1:]
	}
	return s
}

func isZero(s string) bool {
	for _, c := range s {
		if c != '0' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}
