package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// ParseAnnual reads an annual target's yearly targets as a catalogue
// writes them: entries separated by ";", each "YEAR:OPERATOR VALUE", with
// "..HIGH" for a band and "±TOL" for a 左右 tolerance:
//
//	2021:>=6;2022:~5.5;2023:~5±0.3;2024:between 4.5..5.5
func ParseAnnual(s string) ([]AnnualTarget, error) {
	var out []AnnualTarget
	seen := map[int]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' }) {
		part = strings.TrimSpace(part)
		ys, rest, ok := strings.Cut(part, ":")
		if !ok {
			ys, rest, ok = strings.Cut(part, "：")
		}
		y, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(ys), "年")))
		if !ok || err != nil || y < 1949 || y > 2100 {
			return nil, fmt.Errorf("年度目标“%s”应写作 年份:运算符 数值 annual target %q: want YEAR:OPERATOR VALUE, e.g. 2021:>=6", part, part)
		}
		if seen[y] {
			return nil, fmt.Errorf("%d年的目标重复 the target for %d is given twice", y, y)
		}
		seen[y] = true
		rest = strings.TrimSpace(rest)
		opEnd := strings.IndexFunc(rest, func(r rune) bool { return r == '-' || r == '.' || (r >= '0' && r <= '9') })
		if opEnd < 0 {
			return nil, fmt.Errorf("%d年的目标没有数值 the target for %d has no value: %q", y, y, rest)
		}
		op, err := ParseOperator(rest[:opEnd])
		if err != nil {
			return nil, err
		}
		a := AnnualTarget{Year: y, Operator: op}
		num := rest[opEnd:]
		if v, tol, ok := strings.Cut(num, "±"); ok {
			t, err := decimal.NewFromString(strings.TrimSpace(tol))
			if err != nil {
				return nil, fmt.Errorf("%d年的容差不是数字 the tolerance for %d is not a number: %q", y, y, tol)
			}
			a.Tolerance, num = &t, v
		}
		if lo, hi, ok := strings.Cut(num, ".."); ok {
			h, err := decimal.NewFromString(strings.TrimSpace(hi))
			if err != nil {
				return nil, fmt.Errorf("%d年的区间上限不是数字 the band's upper edge for %d is not a number: %q", y, y, hi)
			}
			a.ValueHigh, num = &h, lo
		}
		v, err := decimal.NewFromString(strings.TrimSpace(num))
		if err != nil {
			return nil, fmt.Errorf("%d年的目标值不是数字 the target for %d is not a number: %q", y, y, num)
		}
		a.Value = v
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, nil
}

// FormatAnnual writes yearly targets the way ParseAnnual reads them.
func FormatAnnual(as []AnnualTarget) string {
	parts := make([]string, len(as))
	for i, a := range as {
		op := string(a.Operator)
		if a.Operator == Between {
			op = "between "
		}
		v := a.Value.String()
		if a.ValueHigh != nil {
			v += ".." + a.ValueHigh.String()
		}
		if a.Tolerance != nil {
			v += "±" + a.Tolerance.String()
		}
		parts[i] = fmt.Sprintf("%d:%s%s", a.Year, op, v)
	}
	return strings.Join(parts, ";")
}
