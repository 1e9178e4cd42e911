package excelcsv

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestIsNumber checks the hand-written matcher against the expression it
// stands for, on listed strings and a million random ones over the
// characters that matter.
func TestIsNumber(t *testing.T) {
	re := regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
	cases := []string{"", "-", "+", ".", "-.", "1", "-1", "+1.", ".5", "-.5", "1.5e", "1.5e-", "1.5e-3", "1e+05", "e5", ".e5",
		"1..2", "1.2.3", "--1", "1e5e5", "0x10", "inf", "NaN", "1,000", " 1", "1 ", "-3.2", "1E-05", "١٢"}
	alphabet := []byte("0123456789+-.eEx ")
	r := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		b := make([]byte, r.IntN(7))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := isNumber(s), re.MatchString(s); got != want {
			t.Fatalf("isNumber(%q) = %v, the expression says %v", s, got, want)
		}
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"冠县":                       "冠县",
		"-3.2":                     "-3.2",
		"+5":                       "+5",
		"-0.05":                    "-0.05",
		"1e-05":                    "1e-05",
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+cmd|' /C calc'!A0":       "'+cmd|' /C calc'!A0",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\t=1":                     "'\t=1",
		"\r=1":                     "'\r=1",
		"-":                        "'-",
		"3.2-":                     "3.2-",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
		if back := Uncell(Cell(in)); back != in {
			t.Errorf("Uncell(Cell(%q)) = %q", in, back)
		}
	}
	// Text that merely starts with an apostrophe is not changed by Uncell.
	for _, s := range []string{"'quoted'", "'", "'3"} {
		if got := Uncell(s); got != s {
			t.Errorf("Uncell(%q) = %q", s, got)
		}
	}
}

func TestWriterBOMAndRoundTrip(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	recs := [][]string{{"指标", "数值", "备注"}, {"地区生产总值", "-3.2", "=1+1"}}
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	want := "\ufeff指标,数值,备注\n地区生产总值,-3.2,'=1+1\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
	got, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if Uncell(got[1][2]) != "=1+1" || got[1][1] != "-3.2" {
		t.Errorf("read back %q", got[1])
	}
	// Nothing written, nothing at all: no lone BOM.
	var e bytes.Buffer
	NewWriter(&e).Flush()
	if e.Len() != 0 {
		t.Errorf("empty writer wrote %q", e.String())
	}
}
