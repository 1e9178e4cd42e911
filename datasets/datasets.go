// Package datasets embeds plangap's default data: the Guan County
// (冠县) 2023–2025 action plan catalogue and its illustrative actuals.
package datasets

import (
	"bytes"
	_ "embed"

	"github.com/plangap/plangap/catalogue"
)

// GuanxianCSV is the seed plan's catalogue, one row per target.
//
//go:embed guanxian-2023-2025.csv
var GuanxianCSV []byte

// GuanxianName is the file name the catalogue is embedded under.
const GuanxianName = "guanxian-2023-2025.csv"

// DefaultPlan parses the embedded seed catalogue.
func DefaultPlan() (*catalogue.Catalogue, error) {
	return catalogue.ReadCSV(bytes.NewReader(GuanxianCSV), GuanxianName)
}

// ExampleActualsCSV holds illustrative yearly values for the seed plan,
// 2020–2024, as a yearbook-style wide table of final figures. They are made up to look
// plausible for the county — trends, a few misses and a few early
// achievements — and are not official statistics.
//
//go:embed guanxian-actuals-illustrative.csv
var ExampleActualsCSV []byte

// ExampleActualsName is the file name the example actuals are embedded under.
const ExampleActualsName = "guanxian-actuals-illustrative.csv"

// ExamplePreliminaryCSV holds illustrative preliminary 2025 figures
// (初步核算) for a few indicators, in long format.
//
//go:embed guanxian-2025-preliminary-illustrative.csv
var ExamplePreliminaryCSV []byte

// ExamplePreliminaryName is its file name.
const ExamplePreliminaryName = "guanxian-2025-preliminary-illustrative.csv"
