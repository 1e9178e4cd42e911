package model

import "testing"

func TestAnnualRoundTrip(t *testing.T) {
	in := "2021:>=6;2022:~5.5;2023:~5±0.3;2024:between 4.5..5.5"
	as, err := ParseAnnual(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 4 || as[0].Operator != AtLeast || !as[1].Value.Equal(d("5.5")) || !as[2].Tolerance.Equal(d("0.3")) || !as[3].ValueHigh.Equal(d("5.5")) {
		t.Fatalf("%+v", as)
	}
	if got := FormatAnnual(as); got != in {
		t.Errorf("round trip %q, want %q", got, in)
	}
	for _, bad := range []string{"2021>=6", "2021:>=x", "2021:>=6;2021:>=7", "1800:>=6", "2021:"} {
		if _, err := ParseAnnual(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
