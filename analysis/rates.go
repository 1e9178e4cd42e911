package analysis

import "math"

// TimeShare is 时序进度: the share of the plan period from the base year t0
// to the target year tT that has elapsed by year t.
func TimeShare(t0, t, tT int) float64 {
	if tT == t0 {
		return 1
	}
	return float64(t-t0) / float64(tT-t0)
}

// TimeShareMonths is 时序进度 counted in months, for reports made during
// year t after month months (1–12; 0 means the whole year): the report
// year counts as month/12 of a year, τ = (t − t0 − 1 + month/12)/(tT − t0),
// which for a one-year plan (tT = t0 + 1) is month/12. A plan whose base
// and target year coincide is also a one-year plan: month/12.
func TimeShareMonths(t0, t, tT, month int) float64 { return timeShareFrac(t0, t, tT, month).float() }

// timeShareFrac is TimeShareMonths as an exact fraction.
func timeShareFrac(t0, t, tT, month int) frac {
	if month <= 0 || month > 12 {
		month = 12
	}
	if tT == t0 {
		return fracInt(month, 12)
	}
	if month == 12 {
		return fracInt(t-t0, tT-t0)
	}
	return fracInt(12*(t-t0-1)+month, 12*(tT-t0))
}

// TimeShareInYear is 时序进度 inside one year: months elapsed / 12, as
// monthly and half-year progress reports use it.
func TimeShareInYear(monthsElapsed int) float64 { return float64(monthsElapsed) / 12 }

// Completion is 完成进度: the share of the distance from the base value y0
// to the target T covered by the latest value yt. It is NaN when the target
// equals the base (there is no distance to cover).
func Completion(y0, yt, T float64) float64 {
	if T == y0 {
		return math.NaN()
	}
	return (yt - y0) / (T - y0)
}

// CAGR is the compound annual growth rate from a to b over n years, as a
// fraction. It is NaN when undefined: n ≤ 0, a zero or negative start, or a
// sign change.
func CAGR(a, b float64, n int) float64 {
	if n <= 0 || a <= 0 || b < 0 {
		return math.NaN()
	}
	return math.Pow(b/a, 1/float64(n)) - 1
}

// RequiredRate is the growth a year needed from yt to reach T in n years
// (geometric path), as a fraction.
func RequiredRate(yt, T float64, n int) float64 { return CAGR(yt, T, n) }

// RequiredIncrement is the change a year needed from yt to reach T in n
// years (linear path).
func RequiredIncrement(yt, T float64, n int) float64 {
	if n <= 0 {
		return math.NaN()
	}
	return (T - yt) / float64(n)
}

// GeometricPath returns the values from y at year 0 to T at year n,
// growing at a constant rate: y·(1+r)^k.
func GeometricPath(y, T float64, n int) []float64 {
	r := RequiredRate(y, T, n)
	out := make([]float64, n+1)
	for k := range out {
		out[k] = y * math.Pow(1+r, float64(k))
	}
	if n >= 0 {
		out[n] = T
	}
	return out
}

// LinearPath returns the values from y at year 0 to T at year n in equal
// steps.
func LinearPath(y, T float64, n int) []float64 {
	out := make([]float64, n+1)
	for k := range out {
		out[k] = y + (T-y)*float64(k)/float64(max(n, 1))
	}
	return out
}

// EurostatRatio is R = CAGR_observed / CAGR_required as open-sdg computes
// it: sign · d · CAGR_o / |CAGR_r|, where d is +1 when higher is better and
// −1 when lower is better, and sign is −1 when the base is negative. NaN
// when either rate is undefined or the required rate is zero.
//
// For a negative base the rates are those of the magnitudes, which are
// defined when y0, yt and T are all negative; sign = −1 then turns
// "the magnitude shrinks" into "the value rises". A zero base, or values
// of different signs, leave the rates undefined (methods.md §7): NaN, and
// the methods fall back to linear measures.
func EurostatRatio(y0, yt, T float64, t0, t, tT int, d float64) float64 {
	sign := 1.0
	if y0 < 0 && yt < 0 && T < 0 {
		sign, y0, yt, T = -1, -y0, -yt, -T
	}
	co := CAGR(y0, yt, t-t0)
	cr := CAGR(y0, T, tT-t0)
	if math.IsNaN(co) || math.IsNaN(cr) || cr == 0 {
		return math.NaN()
	}
	return sign * d * co / math.Abs(cr)
}

// OpenSDGScore maps R to open-sdg's −5…5 progress score:
// min(7.1429R − 4.2857, 5) for R ≥ 0.6, else max(4.1667R − 2.5, −5).
func OpenSDGScore(R float64) float64 {
	if math.IsNaN(R) {
		return math.NaN()
	}
	if reaches(R, 0.6) {
		return math.Min(7.1429*R-4.2857, 5)
	}
	return math.Max(4.1667*R-2.5, -5)
}

// UNProjection is the UNSD progress chart's projection of the latest value
// to the target year at the observed CAGR: yt·(1+CAGR_o)^(tT−t).
func UNProjection(y0, yt float64, t0, t, tT int) float64 {
	co := CAGR(y0, yt, t-t0)
	return yt * math.Pow(1+co, float64(tT-t))
}

// UNRatio is (ŷ(tT) − y0) / (T − y0), the share of the distance the
// projection covers.
func UNRatio(y0, yt, T float64, t0, t, tT int) float64 {
	return Completion(y0, UNProjection(y0, yt, t0, t, tT), T)
}

// MeanChange is the mean of the last five annual changes (the last six
// points; at least four points, i.e. three changes), as the German
// sustainability indicators use. years and values are ascending and
// consecutive-year gaps are spread evenly. ok is false with too few points.
func MeanChange(years []int, values []float64) (float64, bool) {
	n := len(values)
	if n < 4 {
		return math.NaN(), false
	}
	first := max(0, n-6)
	span := years[n-1] - years[first]
	if span <= 0 {
		return math.NaN(), false
	}
	return (values[n-1] - values[first]) / float64(span), true
}

// DNSMiss is the German indicators' miss: the shortfall of the projection
// relative to the remaining distance |T − yt|, as a fraction (0 when the
// projection reaches the target).
func DNSMiss(yt, proj, T, d float64) float64 {
	dist := math.Abs(T - yt)
	short := d * (T - proj)
	if short <= 0 {
		return 0
	}
	if dist == 0 {
		return math.Inf(1)
	}
	return short / dist
}

// YearsNeeded is how many more years the target takes at the current pace:
// geometric at rate r, or linear at step per year. +Inf when the pace does
// not lead to the target.
func YearsNeeded(yt, T, pace float64, geometric bool) float64 {
	if yt == T {
		return 0
	}
	if geometric {
		if pace <= -1 || pace == 0 || yt <= 0 || T <= 0 {
			return math.Inf(1)
		}
		n := math.Log(T/yt) / math.Log(1+pace)
		if n < 0 {
			return math.Inf(1)
		}
		return n
	}
	if pace == 0 {
		return math.Inf(1)
	}
	n := (T - yt) / pace
	if n < 0 {
		return math.Inf(1)
	}
	return n
}
