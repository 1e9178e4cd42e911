package actuals

import (
	"testing"

	"github.com/plangap/plangap/datasets"
	"github.com/plangap/plangap/model"
)

// guanxian is the default plan's indicator catalogue, as the CLI passes it.
func guanxian(t *testing.T) map[string]model.Indicator {
	t.Helper()
	c, err := datasets.DefaultPlan()
	if err != nil {
		t.Fatal(err)
	}
	inds := map[string]model.Indicator{}
	for _, tg := range c.Targets {
		inds[tg.Indicator.Code] = tg.Indicator
	}
	return inds
}
