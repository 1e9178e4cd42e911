package charts

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot"

	"github.com/plangap/plangap/model"
)

// valueTicks labels a value axis at round steps, every label with the same
// number of decimals and enough of them to tell neighbours apart (1.85,
// 1.90, 1.95 — not 1.9, 1.9, 2). Counts get whole-number steps only.
type valueTicks struct {
	integer bool // the axis counts things: no fractional ticks
}

// Ticks returns four to eight labelled ticks across [min, max].
func (t valueTicks) Ticks(min, max float64) []plot.Tick {
	if math.IsNaN(min) || math.IsNaN(max) || math.IsInf(min, 0) || math.IsInf(max, 0) {
		return nil
	}
	if max < min {
		min, max = max, min
	}
	span := max - min
	if span == 0 {
		span = math.Max(math.Abs(min), 1)
	}
	step, prec := niceStep(span/5, t.integer)
	var out []plot.Tick
	first := math.Ceil(min/step-1e-9) * step
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > max+step*1e-9 || i > 50 {
			break
		}
		// Snap away float noise (0.30000000000000004) before printing.
		v = math.Round(v/step) * step
		out = append(out, plot.Tick{Value: v, Label: FormatValue(v, prec)})
	}
	return out
}

// niceStep rounds a rough step to 1, 2, 2.5 or 5 times a power of ten and
// says how many decimals its multiples need.
func niceStep(rough float64, integer bool) (float64, int) {
	if rough <= 0 || math.IsNaN(rough) {
		return 1, 0
	}
	exp := math.Floor(math.Log10(rough))
	base := math.Pow(10, exp)
	var m float64
	for _, c := range []float64{1, 2, 2.5, 5, 10} {
		if integer && c == 2.5 && exp <= 0 {
			continue
		}
		if c*base >= rough*0.999 {
			m = c
			break
		}
	}
	step := m * base
	if integer && step < 1 {
		step = 1
	}
	prec := 0
	if step < 1 || m == 2.5 {
		// Decimals of the step itself: 0.25 → 2, 2.5 → 1, 0.05 → 2.
		s := strconv.FormatFloat(step, 'f', -1, 64)
		for i := len(s) - 1; i >= 0; i-- {
			if s[i] == '.' {
				prec = len(s) - 1 - i
				break
			}
		}
	}
	return step, prec
}

// countUnit reports whether a unit counts whole things (家, 个, 人, 件 …),
// whose axis needs integer ticks.
func countUnit(u string) bool {
	x, err := model.LookupUnit(u)
	if err != nil {
		return false
	}
	// 万人 and 万人次 hold fractions (3.1 万人次); only units of one thing
	// count in whole numbers.
	if !x.Factor.Equal(decimal.NewFromInt(1)) {
		return false
	}
	switch x.Dimension {
	case model.Count, model.People, model.PersonTimes:
		return true
	}
	return false
}

// nonNegative reports whether an indicator's values cannot fall below zero:
// counts, quantities and money stocks, whose prediction bands are clipped
// at 0.
func nonNegative(ind model.Indicator) bool {
	if ind.Min != nil {
		return !ind.Min.IsNegative()
	}
	x, err := model.LookupUnit(ind.Unit)
	if err != nil {
		return false
	}
	switch x.Dimension {
	case model.Count, model.People, model.PersonTimes, model.Area, model.Mass, model.Power, model.Length:
		return true
	}
	return false
}
