package synth

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/model"
)

// PeerUnit is the unit given to the peers' indicators. Their targets.csv
// names none; 个 is a plain count, which no statistics file can confuse
// with a money or share unit.
const PeerUnit = "个"

// peerColumns is the header of the peers' targets.csv (peers/gen.py).
var peerColumns = []string{"region", "indicator", "direction", "base_year", "target", "target_year"}

// PeerPlans reads the peers' targets.csv (region, indicator, direction,
// base_year, target, target_year; one row per region and indicator) and
// returns one plan per region, in file order: plan code peer-<region>,
// one level target per row, >= for direction up and <= for down, the
// plan's base year and period end from the region's first row. The file's
// values are synthetic and the plans say so in their titles.
func PeerPlans(path string) ([]*catalogue.Catalogue, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("peer plans: %w", err)
	}
	defer f.Close()
	return ReadPeerPlans(bufio.NewReaderSize(f, 1<<20), filepath.Base(path))
}

// ReadPeerPlans is PeerPlans on a reader; name labels problems.
func ReadPeerPlans(r io.Reader, name string) ([]*catalogue.Catalogue, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, model.Problems{{File: name, Reason: "不是可读的CSV文件 not a readable CSV file: " + err.Error()}}
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	var probs model.Problems
	for _, c := range peerColumns {
		if _, ok := col[c]; !ok {
			probs = append(probs, model.Problem{File: name, Row: 1, Column: c, Reason: "缺少必需的列 required column is missing"})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	var out []*catalogue.Catalogue
	byRegion := map[string]*catalogue.Catalogue{}
	indicators := map[string]model.Indicator{}
	seenAt := map[string]int{} // region + indicator → row
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			probs = append(probs, model.Problem{File: name, Row: row, Reason: "不是可读的CSV行 not a readable CSV row: " + err.Error()})
			break
		}
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		bad := func(c, reason string) {
			probs = append(probs, model.Problem{File: name, Row: row, Column: c, Value: get(c), Reason: reason})
		}
		region, code := get("region"), get("indicator")
		if region == "" {
			bad("region", "地区为空 is empty")
			continue
		}
		if code == "" {
			bad("indicator", "指标代码为空 is empty")
			continue
		}
		var dir model.Direction
		var op model.Operator
		switch get("direction") {
		case "up":
			dir, op = model.HigherIsBetter, model.AtLeast
		case "down":
			dir, op = model.LowerIsBetter, model.AtMost
		default:
			bad("direction", "应为up或down want up or down")
			continue
		}
		base, err1 := strconv.Atoi(get("base_year"))
		year, err2 := strconv.Atoi(get("target_year"))
		if err1 != nil || base < 1900 || base > 2200 {
			bad("base_year", "不是合理的年份 not a plausible year")
			continue
		}
		if err2 != nil || year <= base || year > 2200 {
			bad("target_year", "不是基年之后的合理年份 not a plausible year after base_year")
			continue
		}
		value, err := decimal.NewFromString(get("target"))
		if err != nil {
			bad("target", "不是十进制数 not a decimal number")
			continue
		}
		ind, ok := indicators[code]
		if !ok {
			ind = model.Indicator{Code: code, NameZh: "同行基准指标" + code, NameEn: "peer indicator " + code, Unit: PeerUnit, Direction: dir}
			indicators[code] = ind
		} else if ind.Direction != dir {
			bad("direction", fmt.Sprintf("指标%s的方向与前文不同 indicator %s has direction %s elsewhere", code, code, ind.Direction))
			continue
		}
		key := region + "\x00" + code
		if first, dup := seenAt[key]; dup {
			bad("indicator", fmt.Sprintf("地区%s的指标%s重复（首见于第%d行） indicator %s of %s repeats row %d", region, code, first, code, region, first))
			continue
		}
		seenAt[key] = row
		c := byRegion[region]
		if c == nil {
			c = &catalogue.Catalogue{Plan: model.Plan{Code: "peer-" + region, Region: region,
				Title: "同行基准规划（合成数据） peer benchmark plan (synthetic, peers/gen.py)", DocNo: "—",
				PeriodStart: base + 1, PeriodEnd: year, BaseYear: base}}
			byRegion[region] = c
			out = append(out, c)
		}
		c.Targets = append(c.Targets, model.Target{ID: code, PlanCode: c.Plan.Code, Region: region, Indicator: ind,
			Kind: model.Level, Operator: op, Value: value, Unit: PeerUnit, BaseYear: base, TargetYear: year,
			Chapter: "同行基准", Clause: fmt.Sprintf("%s row %d", name, row), LeadDepartments: []string{"统计局"}})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	if len(out) == 0 {
		return nil, model.Problems{{File: name, Reason: "没有指标行 no target rows"}}
	}
	return out, nil
}

// PeerTargetsCSV writes a targets.csv in the peers' layout for regions ×
// indicators, deterministic for a seed: every third indicator is
// lower-is-better, as in peers/gen.py, and targets have four decimals.
// The numbers are synthetic.
func PeerTargetsCSV(regions, indicators int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	var b bytes.Buffer
	b.Grow(regions * indicators * 40)
	b.WriteString(strings.Join(peerColumns, ",") + "\n")
	for r := 0; r < regions; r++ {
		for m := 0; m < indicators; m++ {
			dir := "up"
			if m%3 == 2 {
				dir = "down"
			}
			// An integer count of ten-thousandths keeps the text exact.
			v := 100_000 + rng.Int64N(20_000_000)
			fmt.Fprintf(&b, "R%05d,I%03d,%s,2020,%d.%04d,2030\n", r, m, dir, v/10000, v%10000)
		}
	}
	return b.Bytes()
}
