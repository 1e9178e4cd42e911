package model

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with an input file, located precisely enough
// for a statistician to find and fix it.
type Problem struct {
	File   string `json:"file"`
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row"`              // 1-based line or spreadsheet row; 0 = whole file
	Column string `json:"column,omitempty"` // header name, or column letter
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
	// More, on a reader's last problem, counts the problems it found but
	// did not keep: a million bad rows must not take a million entries.
	More int `json:"more,omitempty"`
}

// String locates the problem for a clerk, in Chinese first with the
// English beside it: 冠县.csv 第12行“数值”列 row 12 column 数值 value "一千": …
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		fmt.Fprintf(&b, " [%s]", p.Sheet)
	}
	if p.Row > 0 || p.Column != "" {
		b.WriteString(" ")
		if p.Row > 0 {
			fmt.Fprintf(&b, "第%d行", p.Row)
		}
		if p.Column != "" {
			fmt.Fprintf(&b, "“%s”列", p.Column)
		}
	}
	if p.Row > 0 {
		fmt.Fprintf(&b, " row %d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, " column %s", p.Column)
	}
	if p.Value != "" {
		v := p.Value
		if r := []rune(v); len(r) > 40 {
			v = string(r[:40]) + "…"
		}
		fmt.Fprintf(&b, " value %q", v)
	}
	b.WriteString(": ")
	b.WriteString(p.Reason)
	return b.String()
}

// Problems is an error listing every problem found in an input, not only
// the first.
type Problems []Problem

// MaxListed is how many problems a message lists; a file with a million
// bad rows would otherwise print a message of 150 MB. The count is always
// the full count.
const MaxListed = 1000

// Listed returns at most MaxListed problems, in order, and how many more
// there are.
// Total counts the problems found, kept or not.
func (ps Problems) Total() int {
	n := len(ps)
	for _, p := range ps {
		if p.More > 0 {
			n += p.More - 1 // the marker stands for More problems
		}
	}
	return n
}

func (ps Problems) Listed() (Problems, int) {
	listed := make(Problems, 0, min(len(ps), MaxListed))
	for _, p := range ps {
		if p.More == 0 && len(listed) < MaxListed {
			listed = append(listed, p)
		}
	}
	return listed, ps.Total() - len(listed)
}

func (ps Problems) Error() string {
	if len(ps) == 1 {
		return ps[0].String()
	}
	listed, more := ps.Listed()
	var b strings.Builder
	fmt.Fprintf(&b, "共%d个问题 %d problems:", ps.Total(), ps.Total())
	for _, p := range listed {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if more > 0 {
		fmt.Fprintf(&b, "\n  另有%d个问题未列出 %d more problems not listed", more, more)
	}
	return b.String()
}
