//go:build !plangap_crashtest

package cli

import "github.com/plangap/plangap/app"

// holdCommit does nothing in a normal build: the crash test's hook is
// compiled in only with the plangap_crashtest tag (holdcommit_crashtest.go).
func holdCommit(*app.Service) {}
