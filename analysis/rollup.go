package analysis

import (
	"math"
	"sort"
)

// RollUp aggregates regions' groups (keyed by region, as Aggregate with
// ByRegion makes them) up the tree of regions (县 → 市 → 省 → 全国):
// each region's result counts its own targets and every descendant's.
// parentOf gives a region's parent ("" at the top; model.Plan.Parent).
// Regions that appear only as ancestors get a group too. The composite is
// the mean over all rows scored below the region, weighted by Scored. A
// cycle in parentOf stops at the first region met twice. Sorted by key.
func RollUp(groups []Group, parentOf func(region string) string) []Group {
	out := map[string]*Group{}
	sums := map[string]float64{}
	get := func(k string) *Group {
		g, ok := out[k]
		if !ok {
			g = &Group{Key: k, Counts: map[Status]int{}, ByAttribute: map[string]map[Status]int{}}
			out[k] = g
		}
		return g
	}
	for _, g := range groups {
		seen := map[string]bool{}
		for k := g.Key; k != "" && !seen[k]; k = parentOf(k) {
			seen[k] = true
			acc := get(k)
			acc.Total += g.Total
			acc.Assessable += g.Assessable
			for s, n := range g.Counts {
				acc.Counts[s] += n
			}
			for a, m := range g.ByAttribute {
				if acc.ByAttribute[a] == nil {
					acc.ByAttribute[a] = map[Status]int{}
				}
				for s, n := range m {
					acc.ByAttribute[a][s] += n
				}
			}
			if g.Scored > 0 {
				acc.Scored += g.Scored
				sums[k] += g.Composite * float64(g.Scored)
			}
		}
	}
	res := make([]Group, 0, len(out))
	for k, g := range out {
		g.Composite = math.NaN()
		if g.Scored > 0 {
			g.Composite = sums[k] / float64(g.Scored)
		}
		res = append(res, *g)
	}
	sort.Slice(res, func(i, j int) bool { return res[i].Key < res[j].Key })
	return res
}
