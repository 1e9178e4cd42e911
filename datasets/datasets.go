// Package datasets embeds plangap's default data: the Guan County
// (冠县) 2023–2025 action plan catalogue and its illustrative actuals.
package datasets

import (
	"bytes"
	"embed"

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

// NationalCSV is the catalogue of the national 14th Five-Year Plan's 20
// main indicators (专栏1), region 全国.
//
//go:embed cn14/catalogue.csv
var NationalCSV []byte

// NationalName is the file name the national catalogue is embedded under.
const NationalName = "cn14/catalogue.csv"

// NationalPlan parses the embedded national catalogue.
func NationalPlan() (*catalogue.Catalogue, error) {
	return catalogue.ReadCSV(bytes.NewReader(NationalCSV), NationalName)
}

// NationalActuals holds the official yearly figures published for the
// national plan, one file per source document under cn14/actuals/ (see
// cn14/SOURCES.md). They are real published figures, not illustrative.
//
//go:embed cn14/actuals/*.csv
var NationalActuals embed.FS

// NationalActualsDir is the directory of NationalActuals.
const NationalActualsDir = "cn14/actuals"
