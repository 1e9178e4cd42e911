package analysis

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/model"
)

// analyseReduction analyses a compounded reduction (单位GDP能源消耗降低
// 〔13.5〕) from yearly reduction rates rₜ in %. With C the cumulative
// reduction 1 − Π(1 − rₜ) after k of n years and T the target:
//   - π = C/T (exact), τ = k/n; the path share is the implied constant
//     yearly rate's, (1 − (1−T)^(k/n))/T, which the schedule gap uses;
//   - required: 1 − ((1−T)/(1−C))^(1/(n−k)) a year (RequiredRate, as a
//     reduction rate, fraction);
//   - Eurostat R: the observed average yearly reduction 1 − (1−C)^(1/k)
//     over the required 1 − (1−T)^(1/n);
//   - UN: C projected at the observed average rate, 1 − (1−C)^(n/k), as
//     a share of T;
//   - DNS: the mean of the last five yearly rates continued to the end,
//     miss = (T − Ĉ)/T; a mean rate below zero (rising intensity) is
//     the wrong way.
func analyseReduction(r *Row, a seriesView, v model.Verdict, cfg Config) {
	t := r.Target
	z := decimal.Zero
	r.BaseValue = &z
	r.Geometric, r.d = true, 1 // a higher reduction is better, whatever the indicator's own direction
	T := t.Value
	r.TargetLevel = &T
	r.targetF = toFloat(T)
	n := t.PeriodYears()
	k := r.Year - t.PeriodStart() + 1
	kk := r.TimeShare * float64(n) // years elapsed, months counted
	if !v.Assessable {
		r.Status, r.Note = NotAssessable, missingNote(v.MissingYears)
		return
	}
	C := v.Outcome
	r.Outcome = &C
	g := T.Sub(C)
	r.Gap = &g
	if !T.IsZero() {
		r.GapRelative = toFloat(g) / math.Abs(r.targetF)
	}
	r.pi = fracOf(C, T)
	r.Completion = r.pi.float()
	Tf, Cf := r.targetF/100, toFloat(C)/100
	r.share = frac{}
	r.PathShare = (1 - math.Pow(1-Tf, kk/float64(n))) / Tf
	r.ScheduleGap = (r.Completion - r.PathShare) * 100
	left := t.TargetYear - r.Year
	if left > 0 && Cf < 1 {
		r.RequiredRate = 1 - math.Pow((1-Tf)/(1-Cf), 1/float64(left))
	}
	if Cf < 1 && kk > 0 {
		obs := 1 - math.Pow(1-Cf, 1/kk)
		r.ObservedRate = obs
		r.Ratio = obs / (1 - math.Pow(1-Tf, 1/float64(n)))
		r.UNRatio = (1 - math.Pow(1-Cf, float64(n)/kk)) / Tf
	}
	m, ok := meanOfLast(a, t.PeriodStart(), r.Year)
	switch {
	case r.final():
		r.DNSMiss = math.Max(0, Tf-Cf) / Tf
	case ok && m < 0 && !v.Met:
		r.DNSMiss = math.Inf(1)
	case ok:
		proj := 1 - (1-Cf)*math.Pow(1-m/100, float64(left))
		r.DNSMiss = math.Max(0, Tf-proj) / Tf
	}
	r.Met = v.Met
	r.Status, r.Note = judge(r, cfg, k+1)
	// The path in cumulative reduction (%): planned at the constant rate
	// from 0, required from the latest at the required rate.
	ytd := 1.0
	for y := t.PeriodStart() - 1; y <= t.TargetYear; y++ {
		i := y - t.PeriodStart() + 1
		p := PathPoint{Year: y, Planned: 100 * (1 - math.Pow(1-Tf, float64(i)/float64(n))), Required: nan}
		if y >= r.Year && !math.IsNaN(r.RequiredRate) {
			p.Required = 100 * (1 - (1-Cf)*math.Pow(1-r.RequiredRate, float64(y-r.Year)))
		}
		if y < t.PeriodStart() {
			p.Actual = &z
		} else if x, ok := a.s.At(y); ok && y <= r.Year {
			ytd *= 1 - toFloat(x)/100
			c := decimal.NewFromFloat(100 * (1 - ytd))
			if y == r.Year {
				c = C
			}
			p.Actual = &c
		}
		r.kindPath = append(r.kindPath, p)
	}
}
