//go:build unix

package cli

import (
	"os"
	"runtime"
	"syscall"
)

// childPeakRSS is the largest resident set a finished child process had,
// in bytes.
func childPeakRSS(ps *os.ProcessState) (uint64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, false
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return uint64(ru.Maxrss), true
	}
	return uint64(ru.Maxrss) << 10, true
}
