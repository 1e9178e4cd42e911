package server

import (
	"net/http"
	"strings"

	"github.com/plangap/plangap/analysis"
)

// rowFilter is what the overview's form selects beyond the analysis
// query (whose department, method and region s.query reads): a chapter,
// a status, an attribute and a search text. The overview and the gap
// download apply the same filter, so a download holds the rows shown.
type rowFilter struct {
	Chapter, Status, Attribute, Search string
}

func rowFilterOf(r *http.Request) rowFilter {
	q := r.URL.Query()
	return rowFilter{Chapter: strings.TrimSpace(q.Get("chapter")), Status: strings.TrimSpace(q.Get("status")),
		Attribute: strings.TrimSpace(q.Get("attribute")), Search: strings.TrimSpace(q.Get("q"))}
}

// keep reports whether a row passes the filter. The search matches a
// target's ID exactly, or a part of its Chinese or English name.
func (f rowFilter) keep(row analysis.Row) bool {
	t := row.Target
	switch {
	case f.Chapter != "" && t.Chapter != f.Chapter,
		f.Status != "" && string(row.Status) != f.Status,
		f.Attribute != "" && attributeKey(t.Attribute) != f.Attribute:
		return false
	}
	if f.Search == "" {
		return true
	}
	q := strings.ToLower(f.Search)
	return strings.EqualFold(t.ID, f.Search) || strings.Contains(strings.ToLower(t.Indicator.NameZh), q) ||
		strings.Contains(strings.ToLower(t.Indicator.NameEn), q)
}

func (f rowFilter) apply(rows []analysis.Row) []analysis.Row {
	if f == (rowFilter{}) {
		return rows
	}
	var out []analysis.Row
	for _, r := range rows {
		if f.keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// attributeKey names an attribute in a URL: binding, indicative, or
// unstated for a plan that gives none.
func attributeKey(a string) string {
	if a == "" {
		return "unstated"
	}
	return a
}
