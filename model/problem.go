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
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		fmt.Fprintf(&b, " [%s]", p.Sheet)
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

func (ps Problems) Error() string {
	if len(ps) == 1 {
		return ps[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(ps))
	for _, p := range ps {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}
