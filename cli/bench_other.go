//go:build !unix

package cli

import (
	"os"
	"time"
)

// childPeakRSS is not measured here: only Unix reports a child's peak.
func childPeakRSS(*os.ProcessState) (uint64, bool) { return 0, false }

// processCPU is not measured here.
func processCPU() (time.Duration, bool) { return 0, false }
