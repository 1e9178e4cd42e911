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
	n := len(xs)
	if n < 3 {
		return Projection{}, false
	}
	y := ys
	if logLinear {
		y = make([]float64, n)
		for i, v := range ys {
			if v <= 0 {
				return Projection{}, false
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
		return Projection{}, false
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
	if !math.IsNaN(T) {
		tt := T
		if logLinear {
			if T <= 0 {
				if d > 0 {
					p.Probability = 1
				} else {
					p.Probability = 0
				}
				return p, true
			}
			tt = math.Log(T)
		}
		if se == 0 {
			switch {
			case d*(fit-tt) >= 0:
				p.Probability = 1
			default:
				p.Probability = 0
			}
		} else {
			z := (tt - fit) / se
			cdf := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 2)}.CDF(z)
			if d > 0 {
				p.Probability = 1 - cdf
			} else {
				p.Probability = cdf
			}
		}
	}
	return p, true
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
