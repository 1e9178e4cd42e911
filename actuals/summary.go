package actuals

import (
	"fmt"
	"io"
	"strings"
)

// howLabel says how a label was matched, Chinese then English.
var howLabel = map[string]string{
	MatchAlias:      "别名 alias",
	MatchNormalised: "规范化后相同 same after normalising",
	MatchSimilar:    "近似名称，请核对 similar name, please check",
}

// WriteSummary prints what a load must tell the clerk besides the counts:
// the labels matched to indicators they do not spell exactly, the rows
// and columns skipped and why, and the notes (percentages converted, the
// reader's notices).
func (f *File) WriteSummary(w io.Writer) {
	var reported []Match
	aliases := 0
	for _, m := range f.Matched {
		if m.How == MatchAlias {
			aliases++
			continue
		}
		reported = append(reported, m)
	}
	if len(reported) > 0 {
		fmt.Fprintf(w, "名称匹配（%d） labels matched to catalogue indicators (%d):\n", len(reported), len(reported))
		for _, m := range reported {
			fmt.Fprintf(w, "  第%d行 row %d  “%s” → %s %s  [%s]\n", m.Row, m.Row, m.Label, m.Code, m.Name, howLabel[m.How])
		}
	}
	if aliases > 0 {
		fmt.Fprintf(w, "按别名匹配%d行 %d rows matched by an alias\n", aliases, aliases)
	}
	if len(f.Skipped) > 0 {
		fmt.Fprintf(w, "跳过（%d） skipped (%d):\n", len(f.Skipped), len(f.Skipped))
		for _, s := range f.Skipped {
			where := fmt.Sprintf("第%d行 row %d", s.Row, s.Row)
			if s.Column != "" {
				where += " 列 column " + s.Column
			}
			label := s.Label
			if r := []rune(label); len(r) > 40 {
				label = string(r[:40]) + "…"
			}
			if label != "" && label != s.Column {
				label = "“" + label + "” "
			} else {
				label = ""
			}
			fmt.Fprintf(w, "  %s  %s%s\n", where, label, s.Reason)
		}
	}
	for _, n := range f.Notes {
		fmt.Fprintf(w, "注意 note: %s\n", strings.TrimSpace(n))
	}
}
