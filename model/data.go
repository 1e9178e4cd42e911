package model

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Data status: 初步核算 figures are revised later by 最终核实 ones.
const (
	Preliminary = "preliminary" // 初步核算
	Final       = "final"       // 最终核实
)

// Observation is one validated value read from a statistics file,
// converted to its indicator's unit.
type Observation struct {
	Indicator string
	Region    string
	Year      int
	Value     decimal.Decimal
	Status    string // Preliminary, Final or "" (the batch's)
	Note      string
	Row       int    // where it came from, for messages
	Column    string // ditto
}

// Batch is one load of statistics: a file, where it came from, and what it
// did to the stored values.
type Batch struct {
	ID           int
	LoadedAt     time.Time
	File         string
	SHA256       string
	Source       string // 数据来源, e.g. 冠县统计年鉴2024
	Status       string // Preliminary or Final, for values without their own
	Illustrative bool   // 示例数据: not official statistics
	RowsRead     int
	Inserted     int
	Revised      int
	Unchanged    int
}

// Actual is one stored value with its provenance.
type Actual struct {
	Indicator    string
	Region       string
	Year         int
	Value        decimal.Decimal
	Status       string
	Note         string
	Batch        int
	Illustrative bool
	Source       string
	LoadedAt     time.Time
}

// Revision is a stored value with the batch that superseded it, if any:
// values are never overwritten, so every revision keeps its history.
type Revision struct {
	Actual
	SupersededBy int // 0 while current
}

// IndicatorSummary counts what a load did for one indicator.
type IndicatorSummary struct {
	Indicator string `json:"indicator"`
	Read      int    `json:"read"`
	Inserted  int    `json:"inserted"`
	Revised   int    `json:"revised"`
	Unchanged int    `json:"unchanged"`
}

// LoadResult says what a load did.
type LoadResult struct {
	Batch        Batch
	PerIndicator []IndicatorSummary
	// AlreadyLoaded is the batch that loaded identical content before,
	// when nothing changed.
	AlreadyLoaded int
	DryRun        bool
}

// AsOf selects the data as they stood after a batch or at a moment. The
// zero value means the latest data.
type AsOf struct {
	Batch int
	Time  time.Time
}

// IsZero reports whether a selects the latest data.
func (a AsOf) IsZero() bool { return a.Batch == 0 && a.Time.IsZero() }

// ParseAsOf reads a batch id, a date (2024-06-30: the end of that day) or
// a timestamp.
func ParseAsOf(s string) (AsOf, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return AsOf{}, nil
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return AsOf{Batch: n}, nil
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == "2006-01-02" {
				t = t.Add(24*time.Hour - time.Nanosecond) // the whole day
			}
			return AsOf{Time: t}, nil
		}
	}
	return AsOf{}, Errorf(Invalid, "“%s”不是批次号或日期 %q is neither a batch number nor a date such as 2024-06-30", s, s)
}

// TargetFilter selects targets; empty fields match everything.
type TargetFilter struct {
	Region     string
	Plan       string
	Headline   bool   // only 附件1 headline targets
	Department string // lead department contains this text
	ID         string
	// Lean leaves out the long texts analysis does not use (participating
	// departments, deadline, source text), which are most of the bytes.
	Lean bool
}

// TargetSeries is one target with its indicator's yearly values in the
// target's region: what the analysis of one target needs.
type TargetSeries struct {
	Target Target
	// Years ascending, Values in the indicator's unit.
	Years  []int
	Values []decimal.Decimal
	// Other is the second series a Relative or Assigned target is judged
	// against (model.NeedsOther): the compared rate, or the yearly
	// assignments; nil for other kinds.
	Other        Series
	Illustrative bool   // some value came from an illustrative batch
	Vintage      string // e.g. "batch 3 (2026-03-01, 冠县统计年鉴2024)"
}
