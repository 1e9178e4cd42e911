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
	ok.Year, ok.ScheduleBand, ok.Method = 2024, 0, DNS
	if err := ok.Validate(); err != nil {
		t.Errorf("year 2024, band 0: %v", err)
	}
	for name, tc := range map[string]struct {
		change func(*Config)
		want   string
	}{
		"NaN band":           {func(c *Config) { c.ScheduleBand = math.NaN() }, "not a finite number"},
		"infinite threshold": {func(c *Config) { c.UNFair = math.Inf(-1) }, "not a finite number"},
		"negative band":      {func(c *Config) { c.ScheduleBand = -1 }, "must be ≥ 0"},
		"eurostat ascending": {func(c *Config) { c.EurostatSubstantial, c.EurostatLimited = 0, 0.95 }, "descending"},
		"eurostat equal":     {func(c *Config) { c.EurostatModerate = c.EurostatSubstantial }, "descending"},
		"un ascending":       {func(c *Config) { c.UNOnTrack, c.UNFair = 0.1, 0.95 }, "descending"},
		"dns reversed":       {func(c *Config) { c.DNSSun, c.DNSSunCloud = 0.2, 0.05 }, "sun < sun-cloud"},
		"dns negative":       {func(c *Config) { c.DNSSun = -0.01 }, "0 ≤ sun"},
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
