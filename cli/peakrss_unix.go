//go:build unix

package cli

import (
	"runtime"
	"syscall"
)

// peakRSS is the largest resident set this process has had, in bytes.
func peakRSS() (uint64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	// Linux and the BSDs count kilobytes, macOS bytes.
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return uint64(ru.Maxrss), true
	}
	return uint64(ru.Maxrss) << 10, true
}
