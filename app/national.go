package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// NationalRegion and NationalPlanCode name the built-in national plan.
const (
	NationalRegion   = "全国"
	NationalPlanCode = "cn-14th-fyp"
)

// NationalSource is one source document of the national figures: a file of
// datasets/cn14/actuals and what datasets/cn14/SOURCES.md says of it.
type NationalSource struct {
	File      string // file name under datasets/cn14/actuals
	Published string // publication date as known (2021-07 when only the month is)
	Title     string // the document, as the batch's 数据来源
}

// NationalSources lists every file of datasets/cn14/actuals with its
// document, from SOURCES.md. LoadNational refuses a file missing here, so a
// new file cannot enter without its source.
var NationalSources = []NationalSource{
	{"2021-nbs-bulletin-2020.csv", "2021-02-28", "国家统计局《中华人民共和国2020年国民经济和社会发展统计公报》"},
	{"2021-nbs-census7-bulletin7.csv", "2021-05-11", "国家统计局、国务院第七次全国人口普查领导小组办公室《第七次全国人口普查公报（第七号）》"},
	{"2021-nhc-bulletin-2020.csv", "2021-07", "国家卫生健康委《2020年我国卫生健康事业发展统计公报》"},
	{"2022-nbs-bulletin-2021.csv", "2022-02-28", "国家统计局《中华人民共和国2021年国民经济和社会发展统计公报》"},
	{"2022-mee-ecology-bulletin-2021.csv", "2022-05-26", "生态环境部《2021中国生态环境状况公报》"},
	{"2022-nhc-bulletin-2021.csv", "2022-07", "国家卫生健康委《2021年我国卫生健康事业发展统计公报》"},
	{"2022-moe-press-2021.csv", "2022-09-27", "教育部“教育这十年”“1+1”系列发布会（2022年9月27日）"},
	{"2023-mee-press-2022.csv", "2023-01-17", "生态环境部例行新闻发布会（2023年1月17日）"},
	{"2023-nbs-bulletin-2022.csv", "2023-02-28", "国家统计局《中华人民共和国2022年国民经济和社会发展统计公报》"},
	{"2023-gwr-2023.csv", "2023-03-05", "国务院《2023年政府工作报告》"},
	{"2023-greening-bulletin-2022.csv", "2023-03-12", "全国绿化委员会办公室《2022年中国国土绿化状况公报》"},
	{"2023-nhc-bulletin-2022.csv", "2023-10-12", "国家卫生健康委《2022年我国卫生健康事业发展统计公报》"},
	{"2024-nbs-bulletin-2023.csv", "2024-02-29", "国家统计局《中华人民共和国2023年国民经济和社会发展统计公报》"},
	{"2024-mee-ecology-bulletin-2023.csv", "2024-06-05", "生态环境部《2023中国生态环境状况公报》"},
	{"2024-nhc-bulletin-2023.csv", "2024-08-29", "国家卫生健康委《2023年我国卫生健康事业发展统计公报》"},
	{"2025-nbs-digital-economy-2023.csv", "2025-01-01", "国家统计局 2023年数字经济核心产业增加值核算结果"},
	{"2025-mee-press-2024.csv", "2025-01-20", "生态环境部例行新闻发布会（2025年1月20日）"},
	{"2025-nbs-bulletin-2024.csv", "2025-02-28", "国家统计局《中华人民共和国2024年国民经济和社会发展统计公报》"},
	{"2025-gwr-2025.csv", "2025-03-05", "国务院《2025年政府工作报告》"},
	{"2025-nhc-bulletin-2024.csv", "2025-12-02", "国家卫生健康委《2024年我国卫生健康事业发展统计公报》"},
	{"2025-nbs-child-monitoring-2024.csv", "2025-12-30", "国家统计局 2024年《中国儿童发展纲要（2021—2030年）》统计监测报告"},
	{"2026-mee-press-2025.csv", "2026-02-27", "生态环境部新闻发布会（2026年2月27日）"},
	{"2026-nbs-bulletin-2025.csv", "2026-02-28", "国家统计局《中华人民共和国2025年国民经济和社会发展统计公报》"},
	{"2026-gwr-2026.csv", "2026-03-05", "国务院《2026年政府工作报告》"},
	{"2026-nhc-press-2025.csv", "2026-03-07", "十四届全国人大四次会议民生主题记者会（国家卫生健康委主任，2026年3月7日）"},
	{"2026-plan15.csv", "2026-03-13", "《中华人民共和国国民经济和社会发展第十五个五年规划纲要》专栏1（2025年列）"},
}

// nationalOrder sorts the sources in publication order: by date, then by
// file name (a stable order for documents of the same day).
func nationalOrder() []NationalSource {
	srcs := append([]NationalSource(nil), NationalSources...)
	sort.SliceStable(srcs, func(i, j int) bool {
		if srcs[i].Published != srcs[j].Published {
			return srcs[i].Published < srcs[j].Published
		}
		return srcs[i].File < srcs[j].File
	})
	return srcs
}

// perPopulation: the source files give these per-population indicators with
// the numerator's unit only (“每万人口…14件”, “每千人口…3.40人”); the
// indicator's own name carries the denominator, so the figure is already
// per 10 000 or per 1 000 people. Only the unit's spelling is completed;
// the number is not touched.
var perPopulation = map[string][2]string{
	"每万人口高价值发明专利拥有量":   {"件", "件/万人"},
	"每千人口拥有执业（助理）医师数":  {"人", "人/千人"},
	"每千人口拥有3岁以下婴幼儿托位数": {"个", "个/千人"},
}

// notLoaded are indicators whose figures in the files are not the
// indicator's own, with the reason. Capacities are what can be produced
// steadily; the only figures published for 2021–2025 are the 15th plan's
// 2025 column in 万亿斤 (the 14th plan's unit is 亿吨, and neither is in the
// unit registry) and an energy figure equal to that year's primary energy
// output (51.3 亿吨标准煤), i.e. output standing in for capacity.
var notLoaded = map[string]string{
	"粮食综合生产能力": "能力指标，未载入：十五五规划以万亿斤计的2025年数（单位表无万亿斤；十四五目标以亿吨计），无逐年能力数 capacity not loaded: only the 15th plan's 2025 figure in 万亿斤 exists",
	"能源综合生产能力": "能力指标，未载入：十五五规划2025年数与当年一次能源生产总量相同（产量代理），单位亿吨标准煤不在单位表 capacity not loaded: the 2025 figure equals that year's primary energy output (a proxy)",
}

// LoadSummary is what LoadNational did with one source document.
type LoadSummary struct {
	NationalSource
	Rows    int      // data rows in the file
	Loaded  int      // values handed to the store
	Skipped []string // rows not loaded, each with its reason
	// Already counts rows whose indicator-year is stored from this
	// document or a later one (a second run): not loaded again.
	Already int
	Result  model.LoadResult
}

// LoadNational imports the built-in national plan (全国, cn-14th-fyp) if it
// is not stored yet, then loads the official figures of
// datasets/cn14/actuals, one batch per source document in publication
// order, each batch named by its document and not illustrative. A later
// figure for an indicator-year becomes a revision of the earlier one (the
// store keeps the history). Rows are skipped, with the reason, when they are
// not the indicator's own figure (capacities, R&D growth at constant prices)
// or only restate an earlier, more precise figure at lower precision (the
// 15th plan's 67.9 after the bulletin's 67.89). Loading again changes
// nothing.
func (s *Service) LoadNational(ctx context.Context) ([]LoadSummary, error) {
	if err := s.ensureNationalPlan(ctx); err != nil {
		return nil, err
	}
	if err := checkNationalFiles(); err != nil {
		return nil, err
	}
	order := nationalOrder()
	stored, err := s.nationalStored(ctx, order)
	if err != nil {
		return nil, err
	}
	latest := map[string]string{} // indicator name + year → latest figure loaded, as printed
	var out []LoadSummary
	for i, src := range order {
		raw, err := fs.ReadFile(datasets.NationalActuals, path.Join(datasets.NationalActualsDir, src.File))
		if err != nil {
			return out, fmt.Errorf("national figures: %w", err)
		}
		// A figure stored from this document or a later one is not loaded
		// again: reloading an early bulletin must not undo a later revision.
		done := func(name, year string) bool {
			at, ok := stored[name+"\x00"+year]
			return ok && at >= i
		}
		data, sum, status, err := nationalRows(raw, src, latest, done)
		if err != nil {
			return out, err
		}
		if sum.Loaded > 0 {
			req := LoadRequest{Name: src.File, Data: data, Region: NationalRegion, Source: src.Title, Status: status}
			_, res, err := s.Load(ctx, req)
			if err != nil {
				return out, fmt.Errorf("national figures %s: %w", src.File, err)
			}
			sum.Result = res
		}
		out = append(out, sum)
	}
	return out, nil
}

// ensureNationalPlan imports the national catalogue unless a plan with its
// code is stored for 全国 already (a stored one is left as it is).
func (s *Service) ensureNationalPlan(ctx context.Context) error {
	plans, err := s.Plans(ctx)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if p.Region == NationalRegion && p.Code == NationalPlanCode {
			return nil
		}
	}
	c, err := datasets.NationalPlan()
	if err != nil {
		return fmt.Errorf("national plan: %w", err)
	}
	s.loadMu.Lock()
	defer s.loadMu.Unlock()
	if _, err := s.ImportPlan(ctx, c.Plan, c.Targets, false); err != nil {
		return fmt.Errorf("national plan: %w", err)
	}
	return nil
}

// nationalStored maps each national indicator-year stored for 全国 (by the
// indicator's name in the source files) to the position in order of the
// document its latest value came from; -1 for a value from any other batch.
func (s *Service) nationalStored(ctx context.Context, order []NationalSource) (map[string]int, error) {
	c, err := datasets.NationalPlan()
	if err != nil {
		return nil, fmt.Errorf("national plan: %w", err)
	}
	names := map[string][]string{} // code → names the files may use
	for _, t := range c.Targets {
		names[t.Indicator.Code] = append([]string{t.Indicator.NameZh}, t.Indicator.Aliases...)
	}
	pos := map[string]int{}
	for i, src := range order {
		pos[src.Title] = i
	}
	vals, err := s.Actuals(ctx, NationalRegion, "", model.AsOf{})
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, v := range vals {
		at, ok := pos[v.Source]
		if !ok {
			at = -1
		}
		for _, n := range names[v.Indicator] {
			out[fmt.Sprintf("%s\x00%d", n, v.Year)] = at
		}
	}
	return out, nil
}

// checkNationalFiles makes sure the embedded files and NationalSources
// name the same files.
func checkNationalFiles() error {
	entries, err := fs.ReadDir(datasets.NationalActuals, datasets.NationalActualsDir)
	if err != nil {
		return fmt.Errorf("national figures: %w", err)
	}
	known := map[string]bool{}
	for _, s := range NationalSources {
		known[s.File] = true
	}
	var problems []string
	for _, e := range entries {
		if !known[e.Name()] {
			problems = append(problems, e.Name())
		}
		delete(known, e.Name())
	}
	for f := range known {
		problems = append(problems, f+" (listed, not embedded)")
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("national figures: files without a source document 文件缺少来源说明: %s", strings.Join(problems, ", "))
	}
	return nil
}

// nationalRows reads one source file (header 指标,年份,数值,单位,状态,备注)
// and returns the rows to load as CSV, with the summary of what was kept
// and skipped, and the batch status: preliminary when every row kept is
// 初步核算, final otherwise (each row's own 状态 still decides its value).
func nationalRows(raw []byte, src NationalSource, latest map[string]string, done func(name, year string) bool) ([]byte, LoadSummary, string, error) {
	sum := LoadSummary{NationalSource: src}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return nil, sum, "", fmt.Errorf("national figures %s: %w", src.File, err)
	}
	want := []string{"指标", "年份", "数值", "单位", "状态", "备注"}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(want, ",") {
		return nil, sum, "", fmt.Errorf("national figures %s: header must be %s", src.File, strings.Join(want, ","))
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(recs[0]); err != nil {
		return nil, sum, "", err
	}
	allPrelim := true
	for i, r := range recs[1:] {
		row := i + 2
		sum.Rows++
		name, year, value, unit, status, note := r[0], r[1], r[2], r[3], r[4], r[5]
		skip := func(reason string) {
			sum.Skipped = append(sum.Skipped, fmt.Sprintf("第%d行 row %d %s %s年 %s: %s", row, row, name, year, value, reason))
		}
		if why, ok := notLoaded[name]; ok {
			skip(why)
			continue
		}
		if name == "全社会研发经费投入增长" && strings.Contains(note, "不变价格") {
			// Every other year of the series is the bulletins' nominal
			// growth (现价); a constant-price figure is another series.
			skip("按不变价格计算，与现价增长序列口径不同，未载入 at constant prices: the series is nominal growth")
			continue
		}
		v, err := decimal.NewFromString(value)
		if err != nil {
			return nil, sum, "", fmt.Errorf("national figures %s: 第%d行“数值”列：不是数字 row %d column 数值: not a number: %w", src.File, row, row, err)
		}
		key := name + "\x00" + year
		if prevRaw, ok := latest[key]; ok && restates(prevRaw, v) {
			// A restatement at lower precision (67.89 printed as 67.9) is
			// not a revision: keep the more precise figure.
			skip(fmt.Sprintf("为此前%s的低精度复述，保留原值 restates %s at lower precision: kept the earlier figure", prevRaw, prevRaw))
			continue
		}
		if done(name, year) {
			latest[key] = value
			sum.Already++
			continue
		}
		if pp, ok := perPopulation[name]; ok && unit == pp[0] {
			unit = pp[1]
		}
		if status != "初步核算" {
			allPrelim = false
		}
		latest[key] = value
		if err := w.Write([]string{name, year, value, unit, status, note}); err != nil {
			return nil, sum, "", err
		}
		sum.Loaded++
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, sum, "", err
	}
	status := model.Final
	if allPrelim {
		status = model.Preliminary
	}
	return buf.Bytes(), sum, status, nil
}

// restates reports whether v is the earlier figure prev printed with fewer
// decimals (67.89 → 67.9, 5.0 → 5): a restatement, not a revision.
func restates(prev string, v decimal.Decimal) bool {
	p, err := decimal.NewFromString(prev)
	return err == nil && v.Exponent() > p.Exponent() && p.Round(-v.Exponent()).Equal(v)
}
