package analysis

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// exactQuo is num/den correctly rounded, the slow sure way.
func exactQuo(num, den decimal.Decimal) float64 {
	v, _ := new(big.Rat).Quo(num.Rat(), den.Rat()).Float64()
	return v
}

// TestFastFloatsExact checks that toFloat and frac.float give the
// correctly rounded value, bit for bit, on values shaped like stored ones
// (ten decimals, trailing zeros) and on awkward ones.
func TestFastFloatsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ds []decimal.Decimal
	for _, s := range []string{"0", "1", "-1", "0.1", "123456.7000000000", "9007199254740993", "90071992547409.93",
		"1e22", "1e23", "0.0000000001", "-543.6902000000", "99999999999999999999.9999999999", "1234567890123.4567890123"} {
		ds = append(ds, decimal.RequireFromString(s))
	}
	for i := 0; i < 20000; i++ {
		c := rng.Int64N(1<<62) >> rng.IntN(62)
		if rng.IntN(2) == 0 {
			c = -c
		}
		d := decimal.New(c, -int32(rng.IntN(14)))
		// Stored values come back with exactly ten decimals.
		if rng.IntN(2) == 0 {
			d = decimal.NewFromBigInt(d.Shift(10).BigInt(), -10)
		}
		ds = append(ds, d)
	}
	for i, d := range ds {
		want, _ := d.Rat().Float64()
		if got := toFloat(d); got != want {
			t.Fatalf("toFloat(%s) = %v, want %v", d, got, want)
		}
		den := ds[(i*7+3)%len(ds)]
		if den.IsZero() {
			continue
		}
		want = exactQuo(d, den)
		if got := fracOf(d, den).float(); got != want && !(got == 0 && want == 0) {
			t.Fatalf("frac %s/%s = %v, want %v", d, den, got, want)
		}
	}
	if !math.IsNaN(frac{}.float()) {
		t.Fatal("undefined fraction should be NaN")
	}
}

var pointer = regexp.MustCompile(`0x[0-9a-f]+`)

// TestAnalyseAllInPlace checks that the rows AnalyseAll fills in place
// are the rows Analyse returns.
func TestAnalyseAllInPlace(t *testing.T) {
	ins := benchInputs()
	for _, cfg := range []Config{DefaultConfig(), {Method: Eurostat}, {Method: UN}, {Method: DNS, Year: 2024}} {
		all := AnalyseAll(ins, cfg)
		for i, in := range ins {
			one := Analyse(in, cfg)
			// Exported decimals print as values; the unexported ones as
			// pointers, which differ between two runs.
			g, w := fmt.Sprintf("%+v", all[i]), fmt.Sprintf("%+v", one)
			g, w = pointer.ReplaceAllString(g, "ptr"), pointer.ReplaceAllString(w, "ptr")
			if g != w {
				t.Errorf("%s: AnalyseAll\n%s\nAnalyse\n%s", in.Target.ID, g, w)
			}
		}
	}
}

// TestAnalyseEachInOrder checks that AnalyseEach hands over the rows
// AnalyseAll returns, in order, across many chunks, and stops at fn's
// first error.
func TestAnalyseEachInOrder(t *testing.T) {
	base := benchInputs()
	var ins []Input
	for i := 0; i < 3*eachChunk+7; i++ {
		in := base[i%len(base)]
		in.Target.ID = strconv.Itoa(i)
		ins = append(ins, in)
	}
	cfg := DefaultConfig()
	want := AnalyseAll(ins, cfg)
	n := 0
	err := AnalyseEach(ins, cfg, func(r *Row) error {
		g, w := fmt.Sprintf("%+v", *r), fmt.Sprintf("%+v", want[n])
		if g, w = pointer.ReplaceAllString(g, "ptr"), pointer.ReplaceAllString(w, "ptr"); g != w {
			t.Fatalf("row %d: AnalyseEach\n%s\nAnalyseAll\n%s", n, g, w)
		}
		n++
		return nil
	})
	if err != nil || n != len(ins) {
		t.Fatalf("%d rows, %v; want %d", n, err, len(ins))
	}
	halt := errors.New("halt")
	n = 0
	err = AnalyseEach(ins, cfg, func(r *Row) error {
		n++
		if n == eachChunk+3 {
			return halt
		}
		return nil
	})
	if err != halt || n != eachChunk+3 {
		t.Errorf("after an error: %d rows, %v", n, err)
	}
}
