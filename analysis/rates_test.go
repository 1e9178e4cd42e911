package analysis

import (
	"math"
	"testing"
)

// near checks a to 4 significant digits against want.
func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if want == 0 {
		if math.Abs(got) > 5e-5 {
			t.Errorf("%s = %.6g, want 0", what, got)
		}
		return
	}
	if math.Abs(got-want)/math.Abs(want) > 5e-4 {
		t.Errorf("%s = %.6g, want %.6g (4 significant digits)", what, got, want)
	}
}

// methods.md §2 worked example: 3.5 (2020) → 5.0 (2025).
func TestRequiredPathWorkedExample(t *testing.T) {
	near(t, "required CAGR", RequiredRate(3.5, 5.0, 5), 0.07394)
	path := GeometricPath(3.5, 5.0, 5)
	for i, want := range []float64{3.5, 3.7588, 4.0367, 4.3352, 4.6557, 5.0} {
		near(t, "path", path[i], want)
	}
	// 2023 = 4.1.
	near(t, "π", Completion(3.5, 4.1, 5.0), 0.40)
	near(t, "τ", TimeShare(2020, 2023, 2025), 0.60)
	near(t, "observed CAGR", CAGR(3.5, 4.1, 3), 0.05416)
	near(t, "R", EurostatRatio(3.5, 4.1, 5.0, 2020, 2023, 2025, 1), 0.7324)
	near(t, "required for the last two years", RequiredRate(4.1, 5.0, 2), 0.1043)
}

func TestDoublingRates(t *testing.T) {
	near(t, "5 y", RequiredRate(1, 2, 5), 0.14870)
	near(t, "10 y", RequiredRate(1, 2, 10), 0.07177)
	near(t, "15 y", RequiredRate(1, 2, 15), 0.04729)
	near(t, "PM2.5 50 → 43 over five years", RequiredRate(50, 43, 5), -0.02971)
}

// methods.md §3: Canada poverty, lower is better.
func TestEurostatCanada(t *testing.T) {
	near(t, "CAGR_o", CAGR(14.5, 10.1, 4), -0.086437)
	near(t, "CAGR_r", CAGR(14.5, 7.25, 15), -0.045158)
	near(t, "R", EurostatRatio(14.5, 10.1, 7.25, 2015, 2019, 2030, -1), 1.9141)
}

func TestOpenSDGScore(t *testing.T) {
	// By hand: R = 0.6 → 7.1429·0.6 − 4.2857 = 0.00004; R = 1 → 2.8572;
	// R = 2 → capped at 5; R = 0 → −2.5; R = −1 → −6.6667 capped at −5.
	near(t, "R=0.6", OpenSDGScore(0.6), 0.00004)
	near(t, "R=1", OpenSDGScore(1), 2.8572)
	near(t, "R=2", OpenSDGScore(2), 5)
	near(t, "R=0", OpenSDGScore(0), -2.5)
	near(t, "R=-1", OpenSDGScore(-1), -5)
}

// methods.md §5 worked example.
func TestDNSWorkedExample(t *testing.T) {
	years := []int{2018, 2019, 2020, 2021, 2022, 2023}
	vals := []float64{40.0, 41.0, 41.8, 42.5, 43.1, 43.6}
	m, ok := MeanChange(years, vals)
	if !ok {
		t.Fatal("not enough points")
	}
	near(t, "mean change", m, 0.72)
	proj := 43.6 + m*2
	near(t, "projection", proj, 45.04)
	near(t, "miss", DNSMiss(43.6, proj, 46, 1), 0.40)
	if _, ok := MeanChange(years[:3], vals[:3]); ok {
		t.Error("three points are too few")
	}
}

func TestUNRatio(t *testing.T) {
	// By hand with the §2 series: CAGR_o = 5.416%, ŷ(2025) = 4.1·1.05416² =
	// 4.5562, ratio = (4.5562 − 3.5)/(5 − 3.5) = 0.7041.
	near(t, "projection", UNProjection(3.5, 4.1, 2020, 2023, 2025), 4.5562)
	near(t, "ratio", UNRatio(3.5, 4.1, 5.0, 2020, 2023, 2025), 0.7041)
}

func TestUndefinedRates(t *testing.T) {
	for _, c := range [][3]float64{{0, 5, 3}, {-2, 5, 3}, {2, -1, 3}, {2, 5, 0}} {
		if !math.IsNaN(CAGR(c[0], c[1], int(c[2]))) {
			t.Errorf("CAGR%v should be undefined", c)
		}
	}
	if !math.IsNaN(Completion(5, 6, 5)) {
		t.Error("completion with T = y0 is undefined")
	}
}

func TestYearsNeeded(t *testing.T) {
	// 4.1 growing 5.416% a year reaches 5.0 in ln(5/4.1)/ln(1.05416) =
	// 0.19845/0.052744 = 3.7625 years.
	near(t, "geometric", YearsNeeded(4.1, 5.0, 0.05416, true), 3.7625)
	near(t, "linear", YearsNeeded(43.6, 46, 0.72, false), 3.3333)
	if !math.IsInf(YearsNeeded(43.6, 46, -0.1, false), 1) {
		t.Error("moving away never arrives")
	}
}

func TestFitProjection(t *testing.T) {
	// A perfect exponential: y = 100·1.1^(x−2020). The log-linear fit is
	// exact, the interval has zero width and the 2025 value is 161.051.
	xs := []float64{2020, 2021, 2022, 2023}
	ys := []float64{100, 110, 121, 133.1}
	p, ok := FitProjection(xs, ys, 2025, true, 150, 1)
	if !ok {
		t.Fatal("no fit")
	}
	near(t, "value", p.Value, 161.051)
	near(t, "low95", p.Low95, 161.051)
	if p.Probability != 1 {
		t.Errorf("probability %v, want 1", p.Probability)
	}
	// A noisy line, checked by hand: x = 1..4, y = 1, 3, 2, 4 → ŷ = 0.5 + 0.8x,
	// SSE = 1.8, s = √0.9 = 0.94868, x̄ = 2.5, Sxx = 5. At x0 = 5: ŷ = 4.5,
	// se = 0.94868·√(1 + 1/4 + 6.25/5) = 1.5, t(0.975, 2) = 4.3027,
	// 95% interval 4.5 ± 6.4541. P(Y > 4.5) = 0.5.
	p, _ = FitProjection([]float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}, 5, false, 4.5, 1)
	near(t, "linear value", p.Value, 4.5)
	near(t, "high95", p.High95, 10.9541)
	near(t, "low95", p.Low95, -1.9541)
	near(t, "probability", p.Probability, 0.5)
	// t(0.90, 2) = 1.8856: 80% interval 4.5 ± 2.8284.
	near(t, "high80", p.High80, 7.3284)
}

func TestToFloat(t *testing.T) {
	for _, s := range []string{"0", "65.8", "1.83", "-2.971", "38.6520000000", "123456789.0123", "1e25", "0.0000000001", "98765432109876543210.5"} {
		d := dec(s)
		if got, want := toFloat(d), d.InexactFloat64(); got != want {
			t.Errorf("toFloat(%s) = %v, want %v", s, got, want)
		}
	}
}

// methods.md §1 published examples of 时序进度 inside a year.
func TestScheduleInsideYear(t *testing.T) {
	// Key projects, January–April: 43.2% done, time share 4/12 = 33.3%,
	// "超时序进度 9.9 个百分点".
	tau := TimeShareInYear(4)
	near(t, "τ 1–4月", tau, 0.3333)
	if gap := (0.432 - tau) * 100; math.Round(gap*10)/10 != 9.9 {
		t.Errorf("schedule gap %.2f pp, want 9.9", gap)
	}
	// Fujian 2020: annual plan 5,005亿元, first half 2,751亿元 → 55.0%,
	// "时间过半、任务完成过半" (π ≥ τ at mid-year).
	pi := Completion(0, 2751, 5005)
	near(t, "π H1", pi, 0.5497)
	if math.Round(pi*1000)/10 != 55.0 || pi < TimeShareInYear(6) {
		t.Errorf("Fujian H1: π = %.4f", pi)
	}
}
