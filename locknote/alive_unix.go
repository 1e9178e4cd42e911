//go:build !windows

package locknote

import (
	"errors"
	"syscall"
)

// alive sends signal 0: no error, or a permission error (another user's
// process), means the process exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
