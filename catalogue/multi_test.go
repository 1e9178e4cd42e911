package catalogue_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/plangap/plangap/catalogue"
	"github.com/plangap/plangap/model"
)

// Two plans in one file, laid out the way a prefecture's office merges its
// counties' tables: plan columns on each plan's first row only, a shared
// indicator, the same target ids in both plans, and chapters of each
// plan's own (the national 十四五 categories for one, none of Guan
// County's ten for either).
const twoPlans = "plan_code,region,plan_title,doc_no,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,kind,operator,value,target_unit,lead_department\n" +
	"shen-14,莘县,莘县十四五规划,莘政发〔2021〕3号,2021,2025,2020,1,经济发展,gdp,地区生产总值,亿元,higher,level,>=,420.5,,县发展改革局\n" +
	",,,,,,,2,创新驱动,rd,研发经费投入强度,%,higher,level,>=,2.5,,县科技局\n" +
	",,,,,,,3,经济发展,jobs,城镇新增就业,人,higher,cumulative,>=,30000,,县人社局\n" +
	",,,,,,,\n" + // an empty row between the tables
	"yg-act,阳谷县,阳谷县行动方案,阳政发〔2023〕1号,2023,2027,2022,1,绿色生态,pm25,细颗粒物（PM2.5）年均浓度,微克/立方米,lower,level,<=,38,,生态环境分局\n" +
	",,,,,,,2,民生福祉,gdp,地区生产总值,亿元,higher,growth,~,6,%,县发展改革局\n"

func TestReadAllTwoPlans(t *testing.T) {
	cs, err := catalogue.ReadAll(strings.NewReader(twoPlans), "two.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("%d plans, want 2", len(cs))
	}
	shen, yg := cs[0], cs[1]
	if shen.Plan != (model.Plan{Code: "shen-14", Region: "莘县", Title: "莘县十四五规划", DocNo: "莘政发〔2021〕3号", PeriodStart: 2021, PeriodEnd: 2025, BaseYear: 2020}) {
		t.Errorf("first plan: %+v", shen.Plan)
	}
	if yg.Plan != (model.Plan{Code: "yg-act", Region: "阳谷县", Title: "阳谷县行动方案", DocNo: "阳政发〔2023〕1号", PeriodStart: 2023, PeriodEnd: 2027, BaseYear: 2022}) {
		t.Errorf("second plan: %+v", yg.Plan)
	}
	if len(shen.Targets) != 3 || len(yg.Targets) != 2 {
		t.Fatalf("targets %d and %d, want 3 and 2", len(shen.Targets), len(yg.Targets))
	}
	// Each target takes its own plan's region, code, period and base year.
	jobs := shen.Targets[2]
	if jobs.Region != "莘县" || jobs.PlanCode != "shen-14" || jobs.TargetYear != 2025 || jobs.BaseYear != 2020 ||
		jobs.FirstYear != 2021 || jobs.Value.String() != "30000" || jobs.Kind != model.Cumulative {
		t.Errorf("莘县 jobs target: %+v", jobs)
	}
	pm := yg.Targets[0]
	if pm.Region != "阳谷县" || pm.PlanCode != "yg-act" || pm.ID != "1" || pm.TargetYear != 2027 || pm.BaseYear != 2022 ||
		pm.Value.String() != "38" || pm.Operator != model.AtMost || pm.Indicator.Direction != model.LowerIsBetter {
		t.Errorf("阳谷县 PM2.5 target: %+v", pm)
	}
	growth := yg.Targets[1]
	if growth.Unit != "%" || growth.Indicator.Unit != "亿元" || growth.Value.String() != "6" || growth.Kind != model.Growth {
		t.Errorf("阳谷县 growth target: %+v", growth)
	}
	if got := strings.Join(shen.Chapters(), " "); got != "经济发展 创新驱动" {
		t.Errorf("莘县 chapters %q, want first-seen order 经济发展 创新驱动", got)
	}
	if got := strings.Join(yg.Chapters(), " "); got != "绿色生态 民生福祉" {
		t.Errorf("阳谷县 chapters %q", got)
	}
}

// A plan with chapters Guan County doesn't have imports through the
// one-plan reader too.
func TestOwnChaptersAccepted(t *testing.T) {
	in := "plan_code,region,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,kind,operator,value,lead_department,direction\n" +
		"cn-14,全国,2021,2025,2020,1,经济发展,gdp_growth,国内生产总值增长,%,level,>=,5,国家发展改革委,higher\n" +
		"cn-14,全国,2021,2025,2020,7,创新驱动,rd_share,全社会研发经费投入增长,%,level,>=,7,科技部,higher\n"
	c, err := catalogue.ReadCSV(strings.NewReader(in), "cn.csv")
	if err != nil {
		t.Fatal(err)
	}
	if c.Targets[0].Chapter != "经济发展" || c.Targets[1].Chapter != "创新驱动" {
		t.Errorf("chapters %q %q", c.Targets[0].Chapter, c.Targets[1].Chapter)
	}
}

func problemsOf(t *testing.T, err error) map[[2]any]string {
	t.Helper()
	var probs model.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want Problems, got %v", err)
	}
	got := map[[2]any]string{}
	for _, p := range probs {
		got[[2]any{p.Row, p.Column}] = p.Reason
	}
	return got
}

func TestReadAllProblems(t *testing.T) {
	in := "plan_code,region,plan_title,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,kind,operator,value,lead_department\n" +
		"a,甲县,甲,2021,2025,2020,1,经济,gdp,地区生产总值,亿元,higher,level,>=,100,发改局\n" +
		",,乙,,,,2,经济,gdp2,工业增加值,亿元,higher,level,>=,50,工信局\n" + // row 3: title differs from the plan's first row
		"b,乙县,乙,2021,2025,,1,民生,gdp,地区生产总值,万元,higher,level,>=,100,发改局\n" + // row 4: no base_year; gdp unit differs from row 2
		"a,甲县,甲,2021,2025,2020,3,经济,x,某指标,亿元,higher,level,>=,1,发改局\n" // row 5: plan a again after b
	_, err := catalogue.ReadAll(strings.NewReader(in), "bad.csv")
	got := problemsOf(t, err)
	for _, k := range [][2]any{{3, "plan_title"}, {4, "base_year"}, {4, "unit"}, {5, "plan_code"}} {
		r, ok := got[k]
		if !ok {
			t.Errorf("no problem at row %v column %v; got %v", k[0], k[1], got)
			continue
		}
		if first := []rune(r)[0]; first < 0x4e00 || first > 0x9fff {
			t.Errorf("row %v column %v: reason %q is not Chinese first", k[0], k[1], r)
		}
	}
	if r := got[[2]any{5, "plan_code"}]; !strings.Contains(r, "row 2") {
		t.Errorf("regrouped plan: reason %q does not name the plan's first row", r)
	}
	if len(got) != 4 {
		t.Errorf("%d problems, want 4: %v", len(got), got)
	}
}

// The one-plan readers keep refusing a second plan, as before.
func TestReadOnePlanRefusesTwo(t *testing.T) {
	_, err := catalogue.ReadCSV(strings.NewReader(twoPlans), "two.csv")
	got := problemsOf(t, err)
	if r := got[[2]any{6, "plan_code"}]; !strings.Contains(r, "a catalogue holds one plan") {
		t.Errorf("row 6 plan_code: %q; all: %v", r, got)
	}
}

// Writing many plans and reading them back gives the same plans, in CSV
// and XLSX: rendered again, the file is byte for byte the same.
func TestMultiPlanRoundTrip(t *testing.T) {
	cs, err := catalogue.ReadAll(strings.NewReader(twoPlans), "two.csv")
	if err != nil {
		t.Fatal(err)
	}
	var first bytes.Buffer
	if err := catalogue.WriteAllCSV(&first, cs); err != nil {
		t.Fatal(err)
	}
	var xlsx bytes.Buffer
	if err := catalogue.WriteAllXLSX(&xlsx, cs); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{"again.csv", first.Bytes()}, {"again.xlsx", xlsx.Bytes()}} {
		back, err := catalogue.ReadAll(bytes.NewReader(f.data), f.name)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		var again bytes.Buffer
		if err := catalogue.WriteAllCSV(&again, back); err != nil {
			t.Fatal(err)
		}
		if again.String() != first.String() {
			t.Errorf("%s changed in the round trip:\n%s\nwant\n%s", f.name, again.String(), first.String())
		}
		if len(back) != 2 || back[1].Plan.Region != "阳谷县" || back[1].Targets[0].Chapter != "绿色生态" || back[0].Targets[1].Value.String() != "2.5" {
			t.Errorf("%s: plans read back wrong: %+v", f.name, back)
		}
	}
}

// Row numbers are the rows a clerk sees in Excel: a blank line is a row,
// a cell with a line break inside is one row.
func TestRowNumbersAsExcelShowsThem(t *testing.T) {
	in := "plan_code,region,period_start,period_end,base_year,id,chapter,indicator,name_zh,unit,direction,kind,operator,value,lead_department,source_text\n" +
		"p,X县,2023,2025,2022,a,产业,gdp,地区生产总值,亿元,higher,level,>=,100,发改局,\"到2025年，\n地区生产总值达到100亿元。\"\n" + // row 2, two lines
		"\n" + // row 3, blank
		"p,X县,2023,2025,2022,b,产业,jobs,新增就业,人,higher,level,>=,abc,人社局,\n" // row 4
	_, err := catalogue.ReadAll(strings.NewReader(in), "rows.csv")
	got := problemsOf(t, err)
	if _, ok := got[[2]any{4, "value"}]; !ok || len(got) != 1 {
		t.Errorf("want one problem at row 4 column value, got %v", got)
	}
	c, err := catalogue.ReadCSV(strings.NewReader(strings.Replace(in, "abc", "5", 1)), "rows.csv")
	if err != nil {
		t.Fatal(err)
	}
	if c.Targets[0].SourceText != "到2025年，\n地区生产总值达到100亿元。" {
		t.Errorf("multi-line source text: %q", c.Targets[0].SourceText)
	}
}
