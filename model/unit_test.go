package model

import (
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestConvert(t *testing.T) {
	// Each row worked by hand from the definitions: 1 亿 = 10⁴ 万,
	// 1 斤 = 0.5 kg, 1 亩 = 2000/3 m².
	cases := []struct{ v, from, to, want string }{
		{"12345", "万元", "亿元", "1.2345"},
		{"1.2345", "亿元", "万元", "12345"},
		{"50", "亿元", "元", "5000000000"},
		{"1", "亿斤", "万吨", "5"},
		{"13.5", "亿斤", "万吨", "67.5"},
		{"67.5", "万吨", "亿斤", "13.5"},
		{"20", "万吨", "吨", "200000"},
		{"2", "斤", "公斤", "1"},
		{"1300", "亩", "万亩", "0.13"},
		{"87", "万亩", "亩", "870000"},
		{"3", "亩", "平方米", "2000"},
		{"65", "万千瓦", "千瓦", "650000"},
		{"4500", "人", "万人", "0.45"},
		{"3", "万人次", "人次", "30000"},
		{"5", "家", "个", "5"},
		{"46", "％", "%", "46"},
		{"43", "μg/m3", "微克/立方米", "43"},
	}
	for _, c := range cases {
		got, err := Convert(d(c.v), c.from, c.to)
		if err != nil {
			t.Errorf("%s %s → %s: %v", c.v, c.from, c.to, err)
			continue
		}
		if !got.Equal(d(c.want)) {
			t.Errorf("%s %s → %s = %s, want %s", c.v, c.from, c.to, got, c.want)
		}
	}
}

func TestConvertRefuses(t *testing.T) {
	for _, c := range [][2]string{
		{"亿元", "万吨"}, {"%", "百分点"}, {"人", "人次"}, {"亩", "公里"},
		{"岁", "人"}, {"微克/立方米", "%"}, {"亿元", "furlong"}, {"", "元"},
	} {
		if _, err := Convert(d("1"), c[0], c[1]); err == nil {
			t.Errorf("%s → %s converted; want an error", c[0], c[1])
		}
	}
}

func TestEveryIssueUnitIsRegistered(t *testing.T) {
	for _, u := range []string{"元", "万元", "亿元", "亩", "万亩", "斤", "万斤", "亿斤", "吨", "万吨",
		"千瓦", "万千瓦", "人", "万人", "人次", "万人次", "个", "家", "座", "名", "%", "百分点", "岁",
		"公里", "平方米", "微克/立方米"} {
		if _, err := LookupUnit(u); err != nil {
			t.Error(err)
		}
	}
}
