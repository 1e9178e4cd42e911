//go:build plangap_crashtest

package cli

import (
	"os"
	"time"

	"github.com/plangap/plangap/app"
)

// holdCommit, in the crash test's build only, makes a load create the file
// named by PLANGAP_TEST_HOLD_COMMIT when it reaches its COMMIT and then
// wait, so that the test can kill the process there.
func holdCommit(s *app.Service) {
	marker := os.Getenv("PLANGAP_TEST_HOLD_COMMIT")
	if marker == "" {
		return
	}
	s.BeforeCommit = func() {
		os.WriteFile(marker, nil, 0o644)
		time.Sleep(10 * time.Minute)
	}
}
