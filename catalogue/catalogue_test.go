package catalogue_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// The expected counts come from reading the seed plan
// (../shared/seed/000_732dde5a7dac0490.txt), not from the catalogue.
func TestSeedCompleteness(t *testing.T) {
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	if c.Plan.Region != "冠县" || c.Plan.DocNo != "冠发〔2023〕5号" || c.Plan.PeriodStart != 2023 || c.Plan.PeriodEnd != 2025 || c.Plan.BaseYear != 2022 {
		t.Errorf("plan header: %+v", c.Plan)
	}
	quant := map[string]int{}
	var headline []string
	for _, tg := range c.Targets {
		if tg.Quantitative() {
			quant[tg.Chapter]++
		}
		if tg.Headline {
			headline = append(headline, tg.ID)
		}
	}
	// 附件1 has 12 指标事项; item 11 holds two targets (income growth and
	// the urban–rural income ratio).
	want := "1 2 3 4 5 6 7 8 9 10 11a 11b 12"
	if got := strings.Join(headline, " "); got != want {
		t.Errorf("headline ids %q, want %q", got, want)
	}
	// Quantitative targets per chapter, counted in the seed text: headline
	// indicators belong to the chapter whose preamble states them.
	wantChapters := map[string]int{
		"科技创新": 14, // 2 headline + 实验室, 平台, 高企, 专精特新, 单项冠军, 科技型中小企业, 人才培训, 领军人才, 高技能人才, 技师, 实训基地, 产教融合企业
		"产业":   28, // 3 headline + 14 (钢板×2 … 文旅) + 集群, 绿色制造, 质量品牌, 标杆产能, 服务业×2, 设计中心, 场景, 技改, 5G, DCMM, 智能工厂
		"内需":   6,  // 社零 + 网上销售额增速, 网络零售占比, 在库项目, 多式联运, 农村公路
		"生态":   9,  // 2 headline + 可再生能源, 造林, 抚育, 水利数字化, 岸线监管, PM2.5, 受污染耕地
		"城镇":   3,  // 城镇化率 + 重点镇, 产城融合示范区
		"农业农村": 14, // 农林牧渔 + 高标准农田, 粮食, 肉蛋奶, 蔬菜, 品种, 保种场, 示范企业, 秸秆, 粪污, 自来水, 5G通达, 人居示范区, 美丽乡村
		"文化":   5,  // 文明家庭, 选树活动, 道德模范, 好人, 城市书房
		"民生":   19, // 3 headline + 就业, 入园率, 巩固率, 高中毛入学率, 教育支出×2, 卫生院×2, 社区医院, 跟师, 体育场地, 托位, 养老×2, 参保率×2
		"安全":   1,  // 重特大事故
	}
	for ch, n := range wantChapters {
		if quant[ch] != n {
			t.Errorf("chapter %s: %d quantitative targets, want %d", ch, quant[ch], n)
		}
	}
	total := 0
	for _, n := range quant {
		total += n
	}
	if total != 99 {
		t.Errorf("%d quantitative targets, want 99", total)
	}
}

func TestSeedExamples(t *testing.T) {
	c, _ := datasets.DefaultPlan()
	byName := map[string]model.Target{}
	for _, tg := range c.Targets {
		byName[tg.Indicator.NameZh+"/"+string(tg.Kind)] = tg
	}
	cases := []struct {
		key, value, unit, lead string
		op                     model.Operator
		dir                    model.Direction
	}{
		{"社会消费品零售总额/level", "50", "亿元", "县商务投资促进局", model.AtLeast, model.HigherIsBetter},
		{"常住人口城镇化率/level", "46", "%", "县发展改革局", model.AtLeast, model.HigherIsBetter},
		{"细颗粒物（PM2.5）年均浓度/level", "43", "微克/立方米", "市生态环境局冠县分局", model.AtMost, model.LowerIsBetter},
		{"居民人均可支配收入/growth", "6", "%", "县发展改革局", model.About, model.HigherIsBetter},
		{"粮食综合生产能力/floor", "13.5", "亿斤", "县农业农村局", model.AtLeast, model.HigherIsBetter},
		{"城镇新增就业人数/floor", "4500", "人", "县人力资源社会保障局", model.AtLeast, model.HigherIsBetter},
		{"5G基站数量/level", "1500", "个", "县工业和信息化局", model.AtLeast, model.HigherIsBetter},
		{"农林牧渔业总产值/level", "140", "亿元", "县农业农村局", model.Above, model.HigherIsBetter},
		{"万人高价值发明专利拥有量/multiple", "2", "倍", "县市场监管局", model.AtLeast, model.HigherIsBetter},
		{"城乡居民收入比/level", "1.83", "比值", "县发展改革局", model.AtMost, model.LowerIsBetter},
		{"空气质量优良天数比率/level", "65.8", "%", "市生态环境局冠县分局", model.AtLeast, model.HigherIsBetter},
		{"新建改建农村公路里程/cumulative", "150", "公里", "县交通运输局", model.AtLeast, model.HigherIsBetter},
		{"市级以上重点实验室数量/increment", "5", "家", "县工业和信息化局", model.AtLeast, model.HigherIsBetter},
		{"“四新”经济增加值占GDP比重/pp_per_year", "2", "百分点", "县发展改革局", model.About, model.HigherIsBetter},
	}
	for _, c := range cases {
		tg, ok := byName[c.key]
		if !ok {
			t.Errorf("%s missing", c.key)
			continue
		}
		if tg.Value.String() != c.value || tg.Unit != c.unit || tg.LeadDepartment() != c.lead || tg.Operator != c.op || tg.Indicator.Direction != c.dir || tg.TargetYear != 2025 {
			t.Errorf("%s: value %s %s, op %s, dir %s, lead %s, year %d", c.key, tg.Value, tg.Unit, tg.Operator, tg.Indicator.Direction, tg.LeadDepartment(), tg.TargetYear)
		}
	}
}

const header = "plan_code,region,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,kind,operator,value,target_unit,lead_department\n"

func TestBadRowsNamed(t *testing.T) {
	in := header +
		"p,X县,2023,2025,2022,a,产业,gdp,地区生产总值,亿元,higher,level,>=,100,,发改局\n" +
		"p,X县,2023,2025,2022,b,产业,jobs,新增就业,人,higher,level,>=,abc,,人社局\n" + // row 3: value
		"p,X县,2023,2025,2022,c,产业,pm,PM2.5,微克/立方米,sideways,level,<=,40,,环保局\n" + // row 4: direction
		"p,X县,2023,2025,2022,d,产业,sales,社零,亿元,higher,level,>=,50,万吨,商务局\n" + // row 5: target_unit
		"p,X县,2023,2025,2022,a,产业,gdp2,地区生产总值2,亿元,higher,level,>=,100,,发改局\n" + // row 6: id
		"p,X县,2023,2025,2022,f,,g,名,亿元,higher,level,>=,1,,\n" // row 7: chapter, lead
	_, err := catalogue.ReadCSV(strings.NewReader(in), "bad.csv")
	var probs model.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want Problems, got %v", err)
	}
	want := map[[2]any]bool{
		{3, "value"}: true, {4, "direction"}: true, {5, "target_unit"}: true,
		{6, "id"}: true, {7, "chapter"}: true, {7, "lead_department"}: true,
	}
	got := map[[2]any]bool{}
	for _, p := range probs {
		got[[2]any{p.Row, p.Column}] = true
		if p.File != "bad.csv" || p.Reason == "" {
			t.Errorf("problem lacks file or reason: %+v", p)
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("no problem reported at row %v column %v; got %v", k[0], k[1], probs)
		}
	}
}

func TestMissingColumns(t *testing.T) {
	_, err := catalogue.ReadCSV(strings.NewReader("id,kind\n1,level\n"), "short.csv")
	if err == nil || !strings.Contains(err.Error(), "indicator") {
		t.Fatalf("want missing-column error naming indicator, got %v", err)
	}
}

func TestCSVAndXLSXRoundTrip(t *testing.T) {
	c, _ := datasets.DefaultPlan()
	var csvBuf, xlsxBuf bytes.Buffer
	if err := catalogue.WriteCSV(&csvBuf, c); err != nil {
		t.Fatal(err)
	}
	if err := catalogue.WriteXLSX(&xlsxBuf, c); err != nil {
		t.Fatal(err)
	}
	fromCSV, err := catalogue.ReadCSV(&csvBuf, "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	fromXLSX, err := catalogue.ReadXLSX(&xlsxBuf, "x.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for i, tg := range c.Targets {
		for _, other := range []model.Target{fromCSV.Targets[i], fromXLSX.Targets[i]} {
			if other.ID != tg.ID || !other.Value.Equal(tg.Value) || other.Kind != tg.Kind || other.Unit != tg.Unit ||
				other.SourceText != tg.SourceText || strings.Join(other.LeadDepartments, "、") != strings.Join(tg.LeadDepartments, "、") {
				t.Errorf("target %s changed in the round trip: %+v", tg.ID, other)
			}
		}
	}
}
