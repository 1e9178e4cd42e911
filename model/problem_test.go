package model

import (
	"strings"
	"testing"
)

func TestProblemsListAtMostMaxListed(t *testing.T) {
	ps := make(Problems, 1_000_000)
	for i := range ps {
		ps[i] = Problem{File: "big.csv", Row: i + 2, Column: "数值", Value: "x", Reason: "不是数字 not a number"}
	}
	msg := ps.Error()
	if !strings.HasPrefix(msg, "共1000000个问题 1000000 problems:\n  big.csv 第2行“数值”列 row 2 column 数值") {
		t.Errorf("message starts %q", msg[:80])
	}
	if n := strings.Count(msg, "big.csv 第"); n != 1000 {
		t.Errorf("%d problems listed, want 1000", n)
	}
	if !strings.HasSuffix(msg, "另有999000个问题未列出 999000 more problems not listed") {
		t.Errorf("message ends %q", msg[len(msg)-80:])
	}
	if strings.Contains(msg, "row 1002 ") {
		t.Error("the 1001st problem (row 1002) is listed")
	}
	if len(msg) > 200_000 {
		t.Errorf("message is %d bytes", len(msg))
	}
	listed, more := ps[:1000].Listed()
	if len(listed) != 1000 || more != 0 || strings.Contains(ps[:1000].Error(), "未列出") {
		t.Errorf("exactly 1000 problems: listed %d, more %d", len(listed), more)
	}
}
