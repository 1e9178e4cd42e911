package analysis

import (
	"math"
	"sort"

	"github.com/plangap/plangap/model"
)

// Group summarises the statuses of a set of targets.
type Group struct {
	Key        string
	Counts     map[Status]int
	Total      int
	Assessable int
	// Composite is the schedule attainment score, 0–100: the mean over
	// assessable quantitative targets of min(1, max(0, π/s)) × 100 — s the
	// share the planned path has reached, τ for most kinds — where
	// an achieved target (or a floor held every year so far) counts 1 and
	// a floor broken in some year counts 0. 100 means every target is at
	// or ahead of its time share.
	Composite float64
	// Scored is how many rows the composite averages, so that groups can
	// be merged (RollUp) with the right weights.
	Scored int
	// ByAttribute counts the statuses of each attribute's targets
	// separately (model.Binding 约束性, model.Indicative 预期性,
	// model.Unstated ""), as summaries of 约束性指标 report them apart.
	ByAttribute map[string]map[Status]int
}

// Share is the fraction of the group's targets with status s.
func (g Group) Share(s Status) float64 {
	if g.Total == 0 {
		return 0
	}
	return float64(g.Counts[s]) / float64(g.Total)
}

// Attainment is one row's contribution to the composite score, or NaN
// when the row is not assessable.
func Attainment(r Row) float64 {
	if r.Status == NotAssessable || r.Target.Kind == "milestone" {
		return math.NaN()
	}
	if r.Met {
		return 1
	}
	if len(r.FailedYears) > 0 {
		return 0
	}
	if (r.capsSum() || (r.Target.Kind == model.Average && r.d < 0)) && !math.IsNaN(r.Ratio) {
		// A cap on a sum or on an average: the allowed pace over the
		// observed one.
		return math.Max(0, math.Min(1, r.Ratio))
	}
	share := r.PathShare
	if math.IsNaN(share) {
		share = r.TimeShare
	}
	if math.IsNaN(r.Completion) || share <= 0 {
		return math.NaN()
	}
	return math.Max(0, math.Min(1, r.Completion/share))
}

// Aggregate groups rows by the keys keyOf returns (a row may belong to
// several groups, as a target with two lead departments does), sorted by
// key.
func Aggregate(rows []Row, keyOf func(Row) []string) []Group {
	groups := map[string]*Group{}
	sums := map[string]float64{}
	ns := map[string]int{}
	for _, r := range rows {
		for _, k := range keyOf(r) {
			g, ok := groups[k]
			if !ok {
				g = &Group{Key: k, Counts: map[Status]int{}, ByAttribute: map[string]map[Status]int{}}
				groups[k] = g
			}
			g.Total++
			g.Counts[r.Status]++
			a := r.Target.Attribute
			if g.ByAttribute[a] == nil {
				g.ByAttribute[a] = map[Status]int{}
			}
			g.ByAttribute[a][r.Status]++
			if r.Status != NotAssessable {
				g.Assessable++
			}
			if a := Attainment(r); !math.IsNaN(a) {
				sums[k] += a
				ns[k]++
			}
		}
	}
	out := make([]Group, 0, len(groups))
	for k, g := range groups {
		g.Composite = math.NaN()
		g.Scored = ns[k]
		if ns[k] > 0 {
			g.Composite = 100 * sums[k] / float64(ns[k])
		}
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// ByChapter, ByLeadDepartment and ByRegion are the usual groupings.
func ByChapter(r Row) []string        { return []string{r.Target.Chapter} }
func ByLeadDepartment(r Row) []string { return r.Target.LeadDepartments }
func ByRegion(r Row) []string         { return []string{r.Region} }

// ByAttribute groups by attribute: "binding", "indicative", or
// "unstated" when the plan gives none.
func ByAttribute(r Row) []string {
	if r.Target.Attribute == model.Unstated {
		return []string{"unstated"}
	}
	return []string{r.Target.Attribute}
}
