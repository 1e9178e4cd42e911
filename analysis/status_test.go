package analysis

import (
	"math"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	ok := DefaultConfig()
	ok.Year, ok.Method = 2024, DNS
	ok.SetThresholds(Schedule, []float64{0})
	if err := ok.Validate(); err != nil {
		t.Errorf("year 2024, band 0: %v", err)
	}
	for name, tc := range map[string]struct {
		change func(*Config)
		want   string
	}{
		"NaN band":           {func(c *Config) { c.SetThresholds(Schedule, []float64{math.NaN()}) }, "not a finite number"},
		"infinite threshold": {func(c *Config) { c.SetThresholds(UN, []float64{0.95, math.Inf(-1)}) }, "not a finite number"},
		"negative band":      {func(c *Config) { c.SetThresholds(Schedule, []float64{-1}) }, "must be ≥ 0"},
		"eurostat ascending": {func(c *Config) { c.SetThresholds(Eurostat, []float64{0, 0.6, 0.95}) }, "descending"},
		"eurostat equal":     {func(c *Config) { c.SetThresholds(Eurostat, []float64{0.95, 0.95, 0}) }, "descending"},
		"un ascending":       {func(c *Config) { c.SetThresholds(UN, []float64{0.1, 0.95}) }, "descending"},
		"dns reversed":       {func(c *Config) { c.SetThresholds(DNS, []float64{0.2, 0.05}) }, "ascending"},
		"dns negative":       {func(c *Config) { c.SetThresholds(DNS, []float64{-0.01, 0.2}) }, "must be ≥ 0"},
		"too few":            {func(c *Config) { c.SetThresholds(Eurostat, []float64{0.9}) }, "takes 3 thresholds"},
		"year too early":     {func(c *Config) { c.Year = 1948 }, "outside 1949–2100"},
		"year too late":      {func(c *Config) { c.Year = 20240 }, "outside 1949–2100"},
		"unknown method":     {func(c *Config) { c.Method = "weather" }, "unknown method"},
	} {
		c := DefaultConfig()
		tc.change(&c)
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", name, err, tc.want)
		}
	}
}
