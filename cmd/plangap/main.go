// Command plangap keeps a plan's quantitative targets beside the statistics
// that measure them. See "plangap --help".
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/plangap/plangap/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "plangap:", err)
		os.Exit(1)
	}
}
