package actuals

import (
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
)

// regionCheck refuses regions that have no plan, suggesting the closest
// one. A region is never corrected silently: 冠 县 is refused with 冠县
// suggested, because the clerk may mean a new region.
type regionCheck struct {
	known map[string]bool
	list  []string
	on    bool
}

func newRegionCheck(opt Options) regionCheck {
	rc := regionCheck{known: map[string]bool{}, list: opt.Regions, on: opt.Regions != nil && !opt.NewRegion}
	for _, r := range opt.Regions {
		rc.known[r] = true
	}
	return rc
}

// problem returns the reason a region is refused, or "".
func (rc regionCheck) problem(region string) string {
	if !rc.on || region == "" || rc.known[region] {
		return ""
	}
	best, bestD := "", 0
	for _, k := range rc.list {
		d := levenshtein.ComputeDistance(labelKey(region), labelKey(k))
		if labelKey(region) == labelKey(k) {
			d = 0
		}
		if best == "" || d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" && 2*bestD <= len([]rune(labelKey(best))) {
		return fmt.Sprintf("未知地区“%s”，是否为“%s”？若是新地区请加 --new-region unknown region “%s”; did you mean %s? (--new-region adds a region on purpose)", region, best, region, best)
	}
	return fmt.Sprintf("未知地区“%s”（已有：%s）；若是新地区请加 --new-region unknown region “%s” (regions with a plan: %s; --new-region adds one on purpose)",
		region, strings.Join(rc.list, "、"), region, strings.Join(rc.list, ", "))
}
