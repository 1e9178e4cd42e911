package sheet

import (
	"math"
	"strconv"
	"strings"
)

// storedNumber renders the number stored in an XLSX cell with at most 15
// significant digits, trailing zeros dropped, never in exponent form.
//
// Excel keeps numbers as IEEE doubles and writes them to the file with up
// to 17 significant digits, so a typed 0.4567 is stored as
// 0.45669999999999999 and a computed 0.1+0.2 as 0.30000000000000004. Excel
// itself never shows or types more than 15 significant digits: rounding to
// 15 gives back the value the clerk entered or saw (0.4567, 0.3), while
// every value that really has ≤ 15 digits is unchanged. Text that is not a
// finite number is returned as stored, for the caller to refuse.
func storedNumber(v string) string {
	v = strings.TrimSpace(v)
	if canonicalShort(v) {
		return v
	}
	return roundedNumber(v)
}

// roundedNumber is storedNumber's general case: through a double, rounded
// to 15 significant digits.
func roundedNumber(v string) string {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	if f == 0 {
		return "0"
	}
	// d.ddddddddddddddde±XX: 15 significant digits.
	e := strconv.AppendFloat(make([]byte, 0, 24), f, 'e', 14, 64)
	neg := e[0] == '-'
	if neg {
		e = e[1:]
	}
	mark := strings.IndexByte(string(e), 'e')
	exp, _ := strconv.Atoi(string(e[mark+1:]))
	digits := make([]byte, 0, 15)
	digits = append(digits, e[0])
	digits = append(digits, e[2:mark]...)
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case exp < 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -exp-1))
		b.Write(digits)
	case exp+1 >= len(digits):
		b.Write(digits)
		b.WriteString(strings.Repeat("0", exp+1-len(digits)))
	default:
		b.Write(digits[:exp+1])
		b.WriteByte('.')
		b.Write(digits[exp+1:])
	}
	return b.String()
}

// canonicalShort reports whether v is already what storedNumber would
// make of it: a plain decimal of at most 15 significant digits (which a
// double reproduces exactly, DBL_DIG being 15), no leading or trailing
// zeros, no exponent. Most stored numbers are, and skip the float
// conversion. The length bound keeps the value far from the double's
// range limits.
func canonicalShort(v string) bool {
	if len(v) == 0 || len(v) > 20 {
		return false
	}
	i := 0
	if v[0] == '-' {
		i = 1
	}
	digits, point, lastFrac := 0, -1, byte(0)
	if i < len(v) && v[i] == '0' {
		// Only 0.xxx may start with a zero.
		if i+1 >= len(v) || v[i+1] != '.' {
			return false
		}
		i++
	}
	for ; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			if digits > 0 || c != '0' || point < 0 {
				digits++
			}
			if point >= 0 {
				lastFrac = c
			}
		case c == '.' && point < 0 && i > 0 && v[i-1] >= '0' && v[i-1] <= '9':
			point = i
		default:
			return false
		}
	}
	if digits == 0 || digits > 15 {
		return false
	}
	return point < 0 || lastFrac != 0 && lastFrac != '0'
}

// fmtKind is what a number format says about the value it displays.
type fmtKind uint8

const (
	fmtPlain fmtKind = iota
	fmtPercent
	fmtDate
)

// builtinKind classifies Excel's built-in number formats by id: 9 and 10
// are 0% and 0.00%; 14–22 and 45–47 are dates and times; 27–36 and 50–58
// are the East Asian locales' date formats (yyyy"年"m"月" and the like),
// which a Chinese Excel writes by id.
func builtinKind(id int) fmtKind {
	switch {
	case id == 9 || id == 10:
		return fmtPercent
	case id >= 14 && id <= 22, id >= 45 && id <= 47, id >= 27 && id <= 36, id >= 50 && id <= 58:
		return fmtDate
	}
	return fmtPlain
}

// customKind classifies a custom number format code. Only what the format
// would display counts: quoted literals ("年"), bracketed parts ([Red],
// [$-804], [DBNum1]; [h] elapsed-time codes aside), backslash-escaped
// characters and the padding (_x) and fill (*x) characters are skipped. A
// % left over makes a percentage; y, m, d, h or s make a date or time.
// "General" (whose e is not an exponent) is plain.
func customKind(code string) fmtKind {
	if strings.EqualFold(code, "general") {
		return fmtPlain
	}
	percent, date := false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return kindOf(percent, date)
			}
			i += j + 1
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				return kindOf(percent, date)
			}
			inner := strings.ToLower(code[i+1 : i+1+j])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				date = true // [h]:mm, [mm]:ss elapsed time
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '%':
			percent = true
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			date = true
		}
	}
	return kindOf(percent, date)
}

func kindOf(percent, date bool) fmtKind {
	switch {
	case percent:
		return fmtPercent
	case date:
		return fmtDate
	}
	return fmtPlain
}
