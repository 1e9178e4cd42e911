package analysis

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Projection is a fitted trend's value at a year with prediction intervals.
type Projection struct {
	Value         float64
	Low80, High80 float64
	Low95, High95 float64
	// Probability is the predictive distribution's mass on the good side
	// of the target (NaN when not computed).
	Probability float64
	LogLinear   bool // fitted on ln y
	N           int
}

// tQuantiles caches Student-t quantiles by degrees of freedom: the same few
// are needed for every series, and each costs an incomplete-beta inversion.
var tQuantiles sync.Map

func tQuantile(p float64, nu int) float64 {
	type key struct {
		p  float64
		nu int
	}
	k := key{p, nu}
	if v, ok := tQuantiles.Load(k); ok {
		return v.(float64)
	}
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(nu)}.Quantile(p)
	tQuantiles.Store(k, q)
	return q
}

// FitProjection fits y on year by OLS — on ln y when logLinear — and
// projects to year x0 with 80% and 95% prediction intervals:
// se = s·sqrt(1 + 1/n + (x0 − x̄)²/Sxx), bounds ŷ ± t(n−2)·se, exponentiated
// for the log-linear fit. The probability of meeting target T is the
// predictive mass beyond T in direction d (+1 higher is better). ok is
// false with fewer than three points, or non-positive values for a
// log-linear fit.
func FitProjection(xs, ys []float64, x0 float64, logLinear bool, T, d float64) (Projection, bool) {
	f, ok := fitTrend(xs, ys, x0, logLinear)
	if !ok {
		return Projection{}, false
	}
	if !math.IsNaN(T) {
		f.p.Probability = f.beyond(T, d)
	}
	return f.p, true
}

// fitted is a trend fitted for one year, with what its predictive
// distribution needs: ŷ and se on the fitted scale (ln y when log-linear)
// and the degrees of freedom.
type fitted struct {
	p       Projection
	fit, se float64
	nu      int
}

func fitTrend(xs, ys []float64, x0 float64, logLinear bool) (fitted, bool) {
	n := len(xs)
	if n < 3 {
		return fitted{}, false
	}
	y := ys
	if logLinear {
		y = make([]float64, n)
		for i, v := range ys {
			if v <= 0 {
				return fitted{}, false
			}
			y[i] = math.Log(v)
		}
	}
	alpha, beta := stat.LinearRegression(xs, y, nil, false)
	xbar := stat.Mean(xs, nil)
	var sxx, sse float64
	for i := range xs {
		dx := xs[i] - xbar
		sxx += dx * dx
		r := y[i] - (alpha + beta*xs[i])
		sse += r * r
	}
	if sxx == 0 {
		return fitted{}, false
	}
	s := math.Sqrt(sse / float64(n-2))
	se := s * math.Sqrt(1+1/float64(n)+(x0-xbar)*(x0-xbar)/sxx)
	fit := alpha + beta*x0
	t80, t95 := tQuantile(0.90, n-2), tQuantile(0.975, n-2)
	tr := func(v float64) float64 {
		if logLinear {
			return math.Exp(v)
		}
		return v
	}
	p := Projection{
		Value: tr(fit),
		Low80: tr(fit - t80*se), High80: tr(fit + t80*se),
		Low95: tr(fit - t95*se), High95: tr(fit + t95*se),
		LogLinear: logLinear, N: n, Probability: math.NaN(),
	}
	return fitted{p: p, fit: fit, se: se, nu: n - 2}, true
}

// cdf is the predictive distribution's CDF at v (on the value scale).
func (f fitted) cdf(v float64) float64 {
	x := v
	if f.p.LogLinear {
		if v <= 0 {
			return 0
		}
		x = math.Log(v)
	}
	if f.se == 0 {
		if f.fit <= x {
			return 1
		}
		return 0
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(f.nu)}.CDF((x - f.fit) / f.se)
}

// beyond is the predictive mass at or beyond T in direction d.
func (f fitted) beyond(T, d float64) float64 {
	if f.se == 0 {
		x := T
		if f.p.LogLinear {
			if T <= 0 {
				return math.Max(0, d)
			}
			x = math.Log(T)
		}
		if d*(f.fit-x) >= 0 {
			return 1
		}
		return 0
	}
	if d > 0 {
		return 1 - f.cdf(T)
	}
	return f.cdf(T)
}

// between is the predictive mass inside the band [lo, hi] (区间指标).
func (f fitted) between(lo, hi float64) float64 {
	if f.se == 0 {
		if f.p.Value >= lo && f.p.Value <= hi {
			return 1
		}
		return 0
	}
	return math.Max(0, f.cdf(hi)-f.cdf(lo))
}

// LinearTrend is the OLS straight line's value at x0 (projection (b)).
func LinearTrend(xs, ys []float64, x0 float64) (float64, bool) {
	if len(xs) < 2 {
		return math.NaN(), false
	}
	alpha, beta := stat.LinearRegression(xs, ys, nil, false)
	if math.IsNaN(beta) {
		return math.NaN(), false
	}
	return alpha + beta*x0, true
}
