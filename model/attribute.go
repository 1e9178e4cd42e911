package model

import (
	"fmt"
	"strings"
)

// The attributes a plan gives its indicators (指标属性).
const (
	// Binding is 约束性: a commitment the government must meet.
	Binding = "binding"
	// Indicative is 预期性: an expected outcome the government works
	// towards.
	Indicative = "indicative"
	// Unstated is a plan that gives no attribute.
	Unstated = ""
)

// Attributes lists the attributes in documentation order.
var Attributes = []string{Binding, Indicative, Unstated}

// AttributeZh is an attribute's Chinese name, as plans print it.
var AttributeZh = map[string]string{Binding: "约束性", Indicative: "预期性", Unstated: "未注明"}

// ParseAttribute accepts 约束性/binding, 预期性/indicative and empty
// (unstated), with surrounding spaces and an optional 指标 (约束性指标).
func ParseAttribute(s string) (string, error) {
	v := strings.TrimSuffix(strings.TrimSpace(s), "指标")
	switch strings.ToLower(v) {
	case "约束性", "约束", "binding":
		return Binding, nil
	case "预期性", "预期", "indicative":
		return Indicative, nil
	case "", "-", "—", "/":
		return Unstated, nil
	}
	return "", fmt.Errorf("不认识的指标属性%q unknown attribute %q (want 约束性/binding, 预期性/indicative or empty)", s, s)
}
