package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/plangap/plangap/analysis"
)

var number = regexp.MustCompile(`\d+(?:\.\d+)?`)

// figuresOf is every number the rows' own figures print: their 附表 cells,
// gaps, rates, levels, bands and years.
func figuresOf(d *Data, idx []int) map[string]bool {
	out := map[string]bool{}
	add := func(ss ...string) {
		for _, s := range ss {
			for _, n := range number.FindAllString(s, -1) {
				out[n] = true
			}
		}
	}
	for _, i := range idx {
		r := d.Rows[i]
		add(d.annexRow(0, r)...)
		add(d.gapText(r), d.required(r), d.targetFull(r), d.targetLevelText(r), d.figure(r), d.floorLevel(r), d.baseText(r),
			analysis.Percent(r.Completion), analysis.Percent(r.TimeShare), d.Theme.Name(r.Target))
		if r.Actual != nil {
			add(d.bandText(r))
		}
		add(fmt.Sprint(r.Year, " ", r.Year+1, " ", r.Target.TargetYear, " ", r.BaseYear))
	}
	add(fmt.Sprint(len(idx)), d.reportYearText(), "5G PM2.5 GDP DCMM")
	return out
}

// TestNarrativeNumbersComeFromRows: every number in a sentence about
// targets is one of those targets' own figures — nothing is said that the
// rows do not show.
func TestNarrativeNumbersComeFromRows(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		d := guanxian(t, 0, lang)
		for _, sec := range d.Narrative() {
			for _, p := range sec.Paragraphs {
				if len(p.Rows) == 0 {
					continue
				}
				have := figuresOf(d, p.Rows)
				for _, n := range number.FindAllString(p.Text, -1) {
					if !have[n] {
						t.Errorf("%s %s: %q is not a figure of its rows in %q", lang, sec.Key, n, p.Text)
					}
				}
			}
		}
	}
}

func sectionText(d *Data, key string) string {
	for _, s := range d.Narrative() {
		if s.Key == key {
			var b strings.Builder
			for _, p := range s.Paragraphs {
				b.WriteString(p.Text + "\n")
			}
			return b.String()
		}
	}
	return ""
}

// TestNarrativeFigures checks sentences against figures worked out by hand
// from the example data (report year 2024).
func TestNarrativeFigures(t *testing.T) {
	d := guanxian(t, 0, "zh")
	overall := sectionText(d, SecOverall)
	// The plan: 117 targets, 99 quantitative, 18 milestones (README).
	if !strings.Contains(overall, "共确定目标117项，其中定量目标99项、定性任务18项。以2024年为报告年份") {
		t.Errorf("总体评价 does not state the plan's size and year:\n%s", overall)
	}
	lag := 0
	for _, r := range d.Rows {
		if r.Status == analysis.Lagging {
			lag++
		}
	}
	if !strings.Contains(overall, fmt.Sprintf("滞后%d项", lag)) {
		t.Errorf("总体评价 does not count %d lagging targets:\n%s", lag, overall)
	}
	if !strings.Contains(overall, "规划未标注指标属性") {
		t.Error("总体评价 does not say the plan marks no 约束性/预期性")
	}

	// 人均预期寿命 79.5 岁 against 80 岁左右 (±0.5): achieved.
	if got := sectionText(d, SecAchievements); !strings.Contains(got, "人均预期寿命2024年为79.5岁，在80岁±0.5岁容差内，提前实现") {
		t.Errorf("主要成效 lacks 人均预期寿命's band:\n%s", got)
	}
	// 制造业单项冠军企业数量: 3 家 in 2024 against ≥5 in 2025, base 2 in 2022:
	// π = (3−2)/(5−2) = 33.3%, τ = 2/3 = 66.7%, 5/3 − 1 = 66.7% a year.
	problems := sectionText(d, SecProblems)
	want := "制造业单项冠军企业数量：2024年为3家，距目标（≥5）尚差2家，完成进度33.3%，低于时序进度66.7%；2025年达标需66.7%/年，评价为滞后。"
	if !strings.Contains(problems, want) {
		t.Errorf("存在问题 lacks\n%s\nin\n%s", want, problems)
	}
	// “四新”经济增加值占GDP比重 29.6% against 32.2%: 2.6 percentage points.
	if !strings.Contains(problems, "尚差2.6个百分点") {
		t.Errorf("存在问题 states a share's gap in other terms than 个百分点:\n%s", problems)
	}
	next := sectionText(d, SecNext)
	if !strings.Contains(next, "制造业单项冠军企业数量2025年需增长66.7%，2025年达到≥5家") {
		t.Errorf("下一步建议 lacks what T6c needs each year:\n%s", next)
	}
	for _, p := range d.Narrative()[3].Paragraphs {
		dept := strings.SplitN(p.Text, "：", 2)[0]
		for _, i := range p.Rows {
			if d.Rows[i].Target.LeadDepartment() != dept {
				t.Errorf("下一步建议 puts %s under %s, led by %s", d.Rows[i].Target.ID, dept, d.Rows[i].Target.LeadDepartment())
			}
		}
	}
}

// TestNarrativeEnglish: the English narrative carries no Chinese words of
// its own (names without an English form may stay Chinese).
func TestNarrativeEnglish(t *testing.T) {
	d := guanxian(t, 0, "en")
	for _, s := range d.Narrative() {
		for _, bad := range []string{"项", "年为", "评价为", "个百分点", "领域"} {
			for _, p := range s.Paragraphs {
				if strings.Contains(p.Text, bad) {
					t.Errorf("English %s has %q: %s", s.Key, bad, p.Text)
				}
			}
		}
	}
}

// TestNextStepsOverSeveralYears: judged at 2023, a lagging target has two
// years left and needs its rate “每年”; a broken floor must hold each year.
func TestNextStepsOverSeveralYears(t *testing.T) {
	d := guanxian(t, 2023, "zh")
	next := sectionText(d, SecNext)
	if !strings.Contains(next, "2024—2025年需每年") {
		t.Errorf("下一步建议 at 2023 lacks a rate a year over 2024—2025:\n%s", next)
	}
	single := regexp.MustCompile(`(^|[^—\d])\d{4}年(需|须)?每年`)
	for _, text := range []string{next, sectionText(guanxian(t, 0, "zh"), SecNext)} {
		if m := single.FindString(text); m != "" {
			t.Errorf("下一步建议 says 每年 of a single year (%q):\n%s", m, text)
		}
	}
}
