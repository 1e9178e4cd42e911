package analysis

import (
	"fmt"
	"math"
)

// The German sustainability indicators' weather symbols.
const (
	Sun          Status = "sun"
	SunCloud     Status = "sun_cloud"
	Cloud        Status = "cloud"
	Thunderstorm Status = "thunderstorm"
)

// dnsMethod is the German sustainability strategy's weather symbols
// (methods.md §5): the mean of the last five changes extrapolated, and its
// miss relative to the distance still to go.
type dnsMethod struct{}

func (dnsMethod) Info() MethodInfo { return dnsInfo }

// dnsInfo is built once: Info is called for every row judged.
var dnsInfo = MethodInfo{
	Method: DNS,
	Name:   Label{"德国可持续发展指标天气符号法", "German sustainability indicators (weather symbols)"},
	Short:  Label{"德国天气符号法", "German weather symbols"},
	Statuses: []StatusInfo{
		{Sun, Label{"晴", "sun: target reached or within 5%"}, ToneAchieved},
		{SunCloud, Label{"晴间多云", "sun-cloud: miss 5–20%"}, ToneOnTrack},
		{Cloud, Label{"多云", "cloud: miss over 20%, right direction"}, ToneBehind},
		{Thunderstorm, Label{"雷雨", "thunderstorm: wrong direction"}, ToneAway},
	},
	Thresholds: []Threshold{
		{"sun", 0.05, "miss below which the symbol is sun (fraction)", true},
		{"sun-cloud", 0.20, "miss up to which the symbol is sun-cloud (fraction)", true},
	},
	Achieved: Sun, NotMet: Thunderstorm, FloorHeld: Sun, FloorBroken: Cloud,
}

func (dnsMethod) Status(r *Row, th []float64) (Status, string) {
	if math.IsNaN(r.DNSMiss) {
		return NotAssessable, "少于四个数据点 fewer than four data points"
	}
	switch {
	case math.IsInf(r.DNSMiss, 1):
		return Thunderstorm, "方向错误 moving the wrong way"
	case !reaches(r.DNSMiss, th[0]):
		return Sun, ""
	case !exceeds(r.DNSMiss, th[1]):
		return SunCloud, ""
	}
	return Cloud, ""
}

func (dnsMethod) Explain(th []float64) Label {
	return Label{
		fmt.Sprintf("德国可持续发展指标：以最近五年平均变化线性外推，缺口 < %.0f%% 晴，≤ %.0f%% 晴间多云，更大但方向正确为多云，方向错误为雷雨；目标年份已过时，缺口按目标年份实际值与基期至目标距离之比计算。", th[0]*100, th[1]*100),
		fmt.Sprintf("German indicators: the mean of the last five changes extrapolated; miss < %.0f%% sun, ≤ %.0f%% sun-cloud, larger but the right way cloud, the wrong way thunderstorm; once the target year has passed, the miss is the shortfall over the whole distance from the base.", th[0]*100, th[1]*100),
	}
}
